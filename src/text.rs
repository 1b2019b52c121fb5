//! Text normalisation shared by every place that matches what people type against the glossary.

/// Folds a string for matching: lower case, accents removed, every run of punctuation or
/// white space turned into one space, trimmed. "Infrastrutture e piattaforme trasversali" and
/// "INFRASTRUTTURE  E PIATTAFORME-TRASVERSALI" fold to the same text; "Mobilità" to "mobilita".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    fold_into(input, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses: autotag folds a million bodies.
pub fn fold_into(input: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for ch in input.chars() {
        // ASCII, the bulk of any text: no case tables, no accents.
        if ch.is_ascii() {
            let b = ch as u8;
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                pending_space = true;
            }
            continue;
        }
        for lower in ch.to_lowercase() {
            let base = strip_accent(lower);
            if base.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(base);
            } else {
                pending_space = true;
            }
        }
    }
}

/// Whether `text` folds to `folded` (already the output of [`fold`]), without allocating:
/// glossary look-ups run once per cell on million-row imports.
pub fn folds_to(text: &str, folded: &str) -> bool {
    let mut expected = folded.chars();
    let mut pending_space = false;
    let mut started = false;
    for ch in text.chars() {
        for lower in ch.to_lowercase() {
            let base = strip_accent(lower);
            if base.is_alphanumeric() {
                if pending_space && started && expected.next() != Some(' ') {
                    return false;
                }
                pending_space = false;
                started = true;
                if expected.next() != Some(base) {
                    return false;
                }
            } else {
                pending_space = true;
            }
        }
    }
    expected.next().is_none()
}

/// The letter without its diacritic, for the Latin letters Italian and its neighbours use.
pub fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Shortens a text for a table cell, on a character boundary, with an ellipsis.
pub fn truncate(text: &str, max_chars: usize) -> String {
    let single_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if single_line.chars().count() <= max_chars {
        return single_line;
    }
    let mut out: String = single_line
        .chars()
        .take(max_chars.saturating_sub(1))
        .collect();
    out.push('…');
    out
}

/// The Italian months, as dates are written in the report.
pub const MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// `2021-12-01` → `1° dicembre 2021` (the first of the month is an ordinal in Italian),
/// A calendar day as the office writes it (`gg/mm/aaaa`, also `2/5/2022`) or ISO (`YYYY-MM-DD`).
pub fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    match text.split('/').collect::<Vec<_>>().as_slice() {
        [d, m, y] => {
            let digits = |s: &str, min: usize, max: usize| {
                (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            if !digits(d, 1, 2) || !digits(m, 1, 2) || !digits(y, 4, 4) {
                return None;
            }
            chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
    }
}

/// `2022-01-20` → `20 gennaio 2022`; anything else as it is.
pub fn long_date(iso: &str) -> String {
    match parse_iso(iso) {
        Some((y, m, 1)) => format!("1° {} {y}", MONTHS[m as usize - 1]),
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        None => iso.to_string(),
    }
}

/// `2021-12-01` → `01/12/2021`; anything else as it is.
pub fn short_date(iso: &str) -> String {
    match parse_iso(iso) {
        Some((y, m, d)) => format!("{d:02}/{m:02}/{y:04}"),
        None => iso.to_string(),
    }
}

fn parse_iso(iso: &str) -> Option<(i32, u32, u32)> {
    let d = chrono::NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some((d.year(), d.month(), d.day()))
}

/// The text with its first letter in capitals: "piattaforma online" → "Piattaforma online",
/// for a category that heads a row or a list item.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Italian typography: a straight apostrophe after a letter becomes the typographic one
/// ("dell'Agenda" → "dell’Agenda"), and straight double quotes become “ and ”, so that the
/// report never mixes the two kinds.
pub fn apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\'', '"']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        match c {
            '\'' if previous.is_some_and(char::is_alphabetic) => out.push('’'),
            '"' if previous.is_none_or(|p| p.is_whitespace() || "([{–-/".contains(p)) => {
                out.push('“')
            }
            '"' => out.push('”'),
            c => out.push(c),
        }
        previous = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The candidate nearest to a mistyped word, when it is near enough to be what was meant: at
/// most one edit in four letters (insertions, deletions, substitutions, on the folded words), so
/// that "mobilita" finds nothing among the axes and "competenz" finds "competenze".
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted: Vec<char> = fold(word).chars().collect();
    if wanted.is_empty() {
        return None;
    }
    let limit = (wanted.len() / 4).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                edit_distance(&wanted, &fold(c).chars().collect::<Vec<_>>()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein's distance between two words, one row at a time.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_word_only_when_near() {
        let axes = [
            "semplificazione",
            "promozione",
            "competenze",
            "nuovi-servizi",
            "governance",
        ];
        assert_eq!(closest("competenz", axes), Some("competenze"));
        assert_eq!(closest("Goverance", axes), Some("governance"));
        assert_eq!(closest("nuovi servizi", axes), Some("nuovi-servizi"));
        assert_eq!(closest("mobilita", axes), None);
        assert_eq!(closest("", axes), None);
    }

    #[test]
    fn categories_capitalised_and_apostrophes_typographic() {
        assert_eq!(capitalised("piattaforma online"), "Piattaforma online");
        assert_eq!(capitalised(""), "");
        assert_eq!(
            apostrophes("dell'Agenda e l'esito"),
            "dell’Agenda e l’esito"
        );
        assert_eq!(apostrophes("'citato' 5'"), "'citato’ 5'");
        assert_eq!(
            apostrophes("la scheda \"Biblioteca digitale\" (\"NS-02\")"),
            "la scheda “Biblioteca digitale” (“NS-02”)"
        );
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Nuovi servizi"), "nuovi servizi");
        assert_eq!(fold("  NUOVI-SERVIZI "), "nuovi servizi");
        assert_eq!(fold("Mobilità"), "mobilita");
        assert_eq!(fold("Già previsto"), "gia previsto");
        assert_eq!(fold("in-corso"), "in corso");
        assert_eq!(fold("programmata, non avviata"), "programmata non avviata");
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        for (a, b) in [
            ("Nuovi servizi", "nuovi servizi"),
            (" NUOVI--SERVIZI ", "nuovi servizi"),
            ("Mobilità", "mobilita"),
            ("nuoviservizi", "nuovi servizi"),
            ("nuovi servizi extra", "nuovi servizi"),
            ("", ""),
        ] {
            assert_eq!(folds_to(a, b), fold(a) == b, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("perché sì", 20), "perché sì");
        assert_eq!(truncate("perché sì", 5), "perc…");
        assert_eq!(truncate("a\nb", 5), "a b");
    }
}
