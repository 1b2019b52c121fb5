//! The scan for personal data in texts that are published: a title cut from a citizen's body,
//! a reason that names who wrote, a card title. It finds e-mail addresses, telephone numbers,
//! Italian *codici fiscali*, IBANs, and the names a suggestion's own personal fields hold, and
//! gives the text with each of them replaced by `[omissis]`. Pure: the database keeps the text
//! as it was; only public outputs (the report, its annexes, the answers for Decidim) carry the
//! redacted one.

use serde::Serialize;

/// What stands in for a datum taken out.
pub const OMISSIS: &str = "[omissis]";

/// A kind of personal datum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Datum {
    Email,
    Phone,
    CodiceFiscale,
    Iban,
    Name,
}

impl Datum {
    /// The Italian name, for the report and for people.
    pub fn label(self) -> &'static str {
        match self {
            Datum::Email => "indirizzo e-mail",
            Datum::Phone => "numero di telefono",
            Datum::CodiceFiscale => "codice fiscale",
            Datum::Iban => "IBAN",
            Datum::Name => "nome dell'autore",
        }
    }
}

/// A text after the scan, and what was taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub found: Vec<Datum>,
}

/// The names a suggestion's personal fields hold (author, nickname), for [`redact`].
pub fn names(fields: &[Option<String>]) -> Vec<&str> {
    fields.iter().flatten().map(String::as_str).collect()
}

/// Only the names: what a purge erases from the texts it keeps.
pub fn redact_names(text: &str, names: &[&str]) -> String {
    if names.is_empty() {
        return text.to_string();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    for name in names {
        name_spans(text, &chars, name, &mut spans);
    }
    replace_spans(text, spans).text
}

/// Scans `text` for personal data; `names` are the suggestion's own personal fields (author,
/// nickname), found as whole words in any case.
pub fn redact(text: &str, names: &[&str]) -> Redacted {
    let mut spans: Vec<(usize, usize, Datum)> = Vec::new();
    let bytes = text.as_bytes();
    // Cheap pre-checks: most titles hold neither an `@` nor a digit nor a name.
    if bytes.contains(&b'@') {
        emails(text, &mut spans);
    }
    if bytes.iter().any(u8::is_ascii_digit) {
        codici_fiscali(text, &mut spans);
        ibans(text, &mut spans);
        phones(text, &mut spans);
    }
    if !names.is_empty() {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for name in names {
            name_spans(text, &chars, name, &mut spans);
        }
    }
    replace_spans(text, spans)
}

/// `text` with every span replaced by [`OMISSIS`] (overlapping spans once), and the kinds.
fn replace_spans(text: &str, mut spans: Vec<(usize, usize, Datum)>) -> Redacted {
    if spans.is_empty() {
        return Redacted {
            text: text.to_string(),
            found: Vec::new(),
        };
    }
    spans.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut at = 0;
    for (start, end, datum) in spans {
        if start < at {
            continue; // inside a span already taken out
        }
        out.push_str(&text[at..start]);
        out.push_str(OMISSIS);
        at = end;
        if !found.contains(&datum) {
            found.push(datum);
        }
    }
    out.push_str(&text[at..]);
    found.sort();
    Redacted { text: out, found }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// `nome.cognome@dominio.it`: the run of address characters around each `@`, with a dot in
/// the domain.
fn emails(text: &str, spans: &mut Vec<(usize, usize, Datum)>) {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        // A trailing dot ends the sentence, not the address.
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let host = &text[at + 1..end];
        if start < at && host.contains('.') && !host.starts_with('.') {
            spans.push((start, end, Datum::Email));
        }
    }
}

/// Tokens of letters and digits, with their offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

/// The Italian *codice fiscale* of a person: six letters, two digits, a letter, two digits,
/// a letter, three digits, a check letter (digits may be replaced by letters, "omocodia").
fn codici_fiscali(text: &str, spans: &mut Vec<(usize, usize, Datum)>) {
    const OMOCODIA: &[u8] = b"LMNPQRSTUV";
    for (start, token) in tokens(text) {
        if token.len() != 16 {
            continue;
        }
        let t = token.to_ascii_uppercase();
        let b = t.as_bytes();
        let letter = |i: usize| b[i].is_ascii_uppercase();
        let digit = |i: usize| b[i].is_ascii_digit() || OMOCODIA.contains(&b[i]);
        let shape = (0..6).all(letter)
            && digit(6)
            && digit(7)
            && letter(8)
            && digit(9)
            && digit(10)
            && letter(11)
            && (12..15).all(digit)
            && letter(15);
        if shape && b.iter().any(u8::is_ascii_digit) && check_letter(b) == b[15] {
            spans.push((start, start + token.len(), Datum::CodiceFiscale));
        }
    }
}

/// The check character of a *codice fiscale* (its sixteenth), from the first fifteen.
fn check_letter(cf: &[u8]) -> u8 {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let value = |c: u8| -> usize {
        if c.is_ascii_digit() {
            (c - b'0') as usize
        } else {
            (c - b'A') as usize
        }
    };
    let mut sum = 0u32;
    for (i, &c) in cf[..15].iter().enumerate() {
        let v = value(c);
        sum += if i % 2 == 0 { ODD[v] } else { v as u32 };
    }
    b'A' + (sum % 26) as u8
}

/// An IBAN: two letters, two check digits and up to 30 letters or digits, written whole or in
/// groups of four; the check digits must hold (ISO 13616, mod 97).
fn ibans(text: &str, spans: &mut Vec<(usize, usize, Datum)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let starts_word = i == 0 || !is_word_byte(bytes[i - 1]);
        if !(starts_word
            && bytes[i].is_ascii_alphabetic()
            && bytes[i + 1].is_ascii_alphabetic()
            && bytes[i + 2].is_ascii_digit()
            && bytes[i + 3].is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // Gather letters and digits, allowing single spaces between groups.
        let mut compact = Vec::new();
        let mut end = i;
        let mut j = i;
        while j < bytes.len() && compact.len() < 34 {
            if bytes[j].is_ascii_alphanumeric() {
                compact.push(bytes[j].to_ascii_uppercase());
                j += 1;
                end = j;
            } else if bytes[j] == b' '
                && j + 1 < bytes.len()
                && bytes[j + 1].is_ascii_alphanumeric()
            {
                j += 1;
            } else {
                break;
            }
        }
        // The longest prefix that is a valid IBAN (15 to 34 characters).
        let mut matched = None;
        for len in (15..=compact.len()).rev() {
            if iban_valid(&compact[..len]) {
                matched = Some(len);
                break;
            }
        }
        if let Some(len) = matched {
            // The end of the `len`th character in the text.
            let mut seen = 0;
            let mut k = i;
            while k < end && seen < len {
                if bytes[k].is_ascii_alphanumeric() {
                    seen += 1;
                }
                k += 1;
            }
            spans.push((i, k, Datum::Iban));
            i = k;
        } else {
            i += 1;
        }
    }
}

fn iban_valid(iban: &[u8]) -> bool {
    if iban.len() < 15 || !iban[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut remainder = 0u32;
    for &c in iban[4..].iter().chain(&iban[..4]) {
        let v = if c.is_ascii_digit() {
            (c - b'0') as u32
        } else if c.is_ascii_uppercase() {
            (c - b'A') as u32 + 10
        } else {
            return false;
        };
        remainder = if v >= 10 {
            (remainder * 100 + v) % 97
        } else {
            (remainder * 10 + v) % 97
        };
    }
    remainder == 1
}

/// Telephone numbers: `+39 055 1234567`, `0574 183 6000`, `333-1234567`, `(0574) 18.36.000`:
/// a run of digits with spaces, dots, dashes, slashes or brackets between them, holding 8 to 13
/// digits and starting with `+`, `00`, `0` or `3` (Italian landlines and mobiles). Years,
/// amounts and codes (`2022-2024`, `120.000`, `1.4.1`) have too few digits or start otherwise.
fn phones(text: &str, spans: &mut Vec<(usize, usize, Datum)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_word_byte(bytes[i - 1]);
        let begins = bytes[i] == b'+' || bytes[i] == b'(' || bytes[i].is_ascii_digit();
        if !(starts_word && begins) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = String::new();
        let mut end = i;
        // The lengths of the groups of digits and the separators between them, to tell a date
        // or an amount from a number.
        let mut groups: Vec<usize> = Vec::new();
        let mut separators: Vec<u8> = Vec::new();
        let mut in_group = false;
        while j < bytes.len() {
            let b = bytes[j];
            if b.is_ascii_digit() {
                digits.push(b as char);
                if in_group {
                    if let Some(last) = groups.last_mut() {
                        *last += 1;
                    }
                } else {
                    groups.push(1);
                    in_group = true;
                }
                j += 1;
                end = j;
            } else if (b == b'+' && j == i) || b == b'(' || b == b')' {
                in_group = false;
                j += 1;
            } else if matches!(b, b' ' | b'.' | b'-' | b'/')
                && j + 1 < bytes.len()
                && (bytes[j + 1].is_ascii_digit() || bytes[j + 1] == b'(')
            {
                in_group = false;
                separators.push(b);
                j += 1;
            } else {
                break;
            }
        }
        let date = groups.len() == 3
            && groups[0] <= 2
            && groups[1] <= 2
            && (groups[2] == 4 || groups[2] == 2)
            && separators.iter().all(|s| matches!(s, b'/' | b'.' | b'-'));
        let amount = groups.len() > 1
            && separators.iter().all(|s| *s == b'.')
            && groups[0] <= 3
            && groups[1..].iter().all(|g| *g == 3);
        if date || amount {
            i = j.max(i + 1);
            continue;
        }
        let plus = bytes[i] == b'+';
        let national = digits
            .strip_prefix("0039")
            .or_else(|| {
                if plus {
                    digits.strip_prefix("39")
                } else {
                    None
                }
            })
            .unwrap_or(&digits);
        let looks_italian = national.starts_with('0') || national.starts_with('3');
        let ends_word = end >= bytes.len() || !is_word_byte(bytes[end]);
        if (8..=13).contains(&digits.len()) && (plus || looks_italian) && ends_word {
            spans.push((i, end, Datum::Phone));
            i = end;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// Every whole-word occurrence of `name` in `text`, in any case, with any run of blanks
/// between its words, in its order or with the last word first ("Maria Rossi", "Rossi Maria",
/// "ROSSI,  Maria"). Names shorter than three letters are left alone (an initial would match
/// everywhere). Compared character by character, so that no letter whose case changes its
/// length shifts a match.
fn name_spans(
    text: &str,
    chars: &[(usize, char)],
    name: &str,
    spans: &mut Vec<(usize, usize, Datum)>,
) {
    let words: Vec<Vec<char>> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    if words.iter().map(Vec::len).sum::<usize>() < 3 {
        return;
    }
    let mut orders = vec![words.clone()];
    if words.len() > 1 {
        let mut reversed = words.clone();
        reversed.rotate_right(1);
        orders.push(reversed);
    }
    let is_word = |c: char| c.is_alphanumeric();
    for order in &orders {
        let mut i = 0;
        while i < chars.len() {
            if i > 0 && is_word(chars[i - 1].1) {
                i += 1;
                continue;
            }
            if let Some(end) = match_words(chars, i, order) {
                let after_ok = end >= chars.len() || !is_word(chars[end].1);
                if after_ok {
                    let start_byte = chars[i].0;
                    let end_byte = chars.get(end).map_or(text.len(), |c| c.0);
                    spans.push((start_byte, end_byte, Datum::Name));
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }
}

/// Where `words` match the text from character `at` (words separated by blanks or a comma),
/// in any case: the index of the character after the match.
fn match_words(chars: &[(usize, char)], at: usize, words: &[Vec<char>]) -> Option<usize> {
    let mut i = at;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            let gap_start = i;
            while i < chars.len() && (chars[i].1.is_whitespace() || chars[i].1 == ',') {
                i += 1;
            }
            if i == gap_start {
                return None;
            }
        }
        let mut k = 0;
        while k < word.len() {
            let (_, c) = *chars.get(i)?;
            let mut lower = c.to_lowercase();
            for l in lower.by_ref() {
                if word.get(k) != Some(&l) {
                    return None;
                }
                k += 1;
            }
            i += 1;
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> String {
        redact(text, &[]).text
    }

    #[test]
    fn emails_are_taken_out() {
        let r = redact("Scrivetemi a maria.rossi@example.it.", &[]);
        assert_eq!(r.text, "Scrivetemi a [omissis].");
        assert_eq!(r.found, [Datum::Email]);
        assert_eq!(
            clean("info@comune.prato.it e a.b+c@x-y.org"),
            "[omissis] e [omissis]"
        );
        // Not addresses: a lone @, a handle, a domain without a dot.
        assert_eq!(clean("@ComunediPrato"), "@ComunediPrato");
        assert_eq!(clean("io@casa"), "io@casa");
    }

    #[test]
    fn phone_numbers_are_taken_out() {
        for (text, out) in [
            ("chiamate il 333 1234567", "chiamate il [omissis]"),
            ("tel. +39 0574 183 6000!", "tel. [omissis]!"),
            ("(0574) 18.36.000", "[omissis]"),
            ("cell 347-1234567 ore serali", "cell [omissis] ore serali"),
            ("0039 055 123456", "[omissis]"),
        ] {
            let r = redact(text, &[]);
            assert_eq!(r.text, out, "{text}");
            assert_eq!(r.found, [Datum::Phone], "{text}");
        }
        // Years, trienniums, amounts, PNRR measures, dates, references are not numbers to call.
        for text in [
            "triennio 2022-2024",
            "120.000,50 euro",
            "Misura 1.4.1",
            "dal 14/03/2023",
            "PO-PROP-2021-10-5101",
            "dalle 9 alle 19",
            "CAP 59100 Prato",
            "entro il 30/11/2022",
            "31.12.2023",
            "35.000.000 di euro",
        ] {
            assert_eq!(clean(text), text);
        }
    }

    #[test]
    fn codici_fiscali_are_taken_out_when_their_check_letter_holds() {
        // RSSMRA85T10A562S is the textbook example (Mario Rossi, born 10/12/1985 in Bagnone).
        let r = redact("CF RSSMRA85T10A562S, grazie", &[]);
        assert_eq!(r.text, "CF [omissis], grazie");
        assert_eq!(r.found, [Datum::CodiceFiscale]);
        assert_eq!(clean("cf rssmra85t10a562s"), "cf [omissis]");
        // The same shape with a wrong check letter is left.
        assert_eq!(clean("RSSMRA85T10A562X"), "RSSMRA85T10A562X");
    }

    #[test]
    fn ibans_are_taken_out_when_their_check_digits_hold() {
        // The IBAN of the examples of the Bank of Italy.
        let r = redact(
            "IBAN IT60 X054 2811 1010 0000 0123 456 per il rimborso",
            &[],
        );
        assert_eq!(r.text, "IBAN [omissis] per il rimborso");
        assert_eq!(r.found, [Datum::Iban]);
        assert_eq!(clean("IT60X0542811101000000123456."), "[omissis].");
        assert_eq!(
            clean("IT61X0542811101000000123456"),
            "IT61X0542811101000000123456"
        );
    }

    #[test]
    fn the_suggestions_own_names_are_taken_out_as_whole_words() {
        let r = redact(
            "Proposta di Maria Rossi: più Wi-Fi (maria rossi, mrossi)",
            &["Maria Rossi", "mrossi"],
        );
        assert_eq!(
            r.text,
            "Proposta di [omissis]: più Wi-Fi ([omissis], [omissis])"
        );
        assert_eq!(r.found, [Datum::Name]);
        // Inside another word it stays; so do names of two letters.
        assert_eq!(redact("Rossini", &["Rossi"]).text, "Rossini");
        assert_eq!(redact("Al parco", &["Al"]).text, "Al parco");
        // The surname first, a comma, blanks, capitals: still the name.
        assert_eq!(
            redact("Firmato: ROSSI,  Maria; rossi maria", &["Maria Rossi"]).text,
            "Firmato: [omissis]; [omissis]"
        );
        // Letters whose case changes their length (İ, ẞ) neither hide nor shift a match.
        assert_eq!(
            redact("İstanbul: proposta di Ömer Çelik.", &["ömer çelik"]).text,
            "İstanbul: proposta di [omissis]."
        );
        assert_eq!(
            redact("ẞtraße Müller", &["müller"]).text,
            "ẞtraße [omissis]"
        );
    }

    #[test]
    fn a_text_without_personal_data_comes_back_as_it_was() {
        let text = "Wi-Fi gratuito nei parchi di Prato (2022-2024), scheda INF-01";
        let r = redact(text, &["Giulia Bettazzi"]);
        assert_eq!(r.text, text);
        assert!(r.found.is_empty());
    }

    #[test]
    fn several_kinds_in_one_text_are_all_listed() {
        let r = redact(
            "Sono Giulia Bettazzi, 333 1234567, giulia@example.it",
            &["Giulia Bettazzi"],
        );
        assert_eq!(r.text, "Sono [omissis], [omissis], [omissis]");
        assert_eq!(r.found, [Datum::Email, Datum::Phone, Datum::Name]);
    }
}
