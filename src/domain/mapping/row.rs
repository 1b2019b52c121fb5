//! From a row of a file to an [`Incoming`] suggestion, or to what is wrong with it; the
//! row's key and fingerprint, which tell a new, a changed and an unchanged row apart.

use sha2::{Digest, Sha256};

use super::{dates, html, Format, Mapping};
use crate::csvout::unguard_formula;
use crate::domain::row_codec::encode_row;
use crate::domain::{Axis, Channel, Stakeholder, Term};
use crate::text::fold;

/// What a Decidim row says of where the proposal lives and whether it is an amendment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecidimFields {
    pub component_id: Option<String>,
    pub is_amend: bool,
    /// The amended proposal: its URL, else its title.
    pub amends: Option<String>,
}

fn decidim_fields(
    component: Option<String>,
    is_amend: Option<String>,
    original_url: Option<String>,
    original_title: Option<String>,
) -> DecidimFields {
    // Decidim's Excel export leaves booleans empty: an amendment still names what it amends.
    let is_amend = is_amend.is_some_and(|v| is_true(&v)) || original_url.is_some();
    DecidimFields {
        component_id: component,
        is_amend,
        amends: if is_amend {
            original_url.or(original_title)
        } else {
            None
        },
    }
}

/// A spreadsheet's or an export's "yes": `true`, `1`, `sì`, `yes`, `vero`.
fn is_true(value: &str) -> bool {
    let v = value.trim();
    ["true", "1", "si", "yes", "vero"]
        .iter()
        .any(|t| v.eq_ignore_ascii_case(t))
        || (!v.is_ascii() && fold(v) == "si")
}

impl Mapping {
    /// A fingerprint of the row as read and of the settings that map it: equal fingerprints
    /// mean the source says exactly the same thing, so the stored suggestion stays as it is.
    ///
    /// What the source says is the non-empty cells by column name, in the order of the names,
    /// with Decidim's formula guard taken off: so the same export as CSV, JSON or Excel, with
    /// its columns in another order or an empty column more (the open-data file), says the
    /// same thing.
    pub fn raw_hash(&self, record: &csv::StringRecord) -> i64 {
        let mut h = Sha256::new();
        h.update(self.signature.as_bytes());
        for &(i, column) in &self.hash_order {
            let Some(cell) = record.get(i) else { continue };
            let value = unguard_formula(cell.trim());
            if value.is_empty() {
                continue;
            }
            // The column by a fingerprint of its name: eight bytes, not the name, per cell
            // (the import of a million rows hashes every one of them).
            h.update(column.to_le_bytes());
            // A file saved again by Excel breaks the lines inside its cells with CRLF: the
            // same text (the import stores both as LF).
            if value.contains('\r') {
                h.update(value.replace("\r\n", "\n").as_bytes());
            } else {
                h.update(value.as_bytes());
            }
            h.update([0x1f]);
        }
        let digest = h.finalize();
        i64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
    }

    /// The row's key when the file has a reference or id column: cheap, without mapping the
    /// rest of the row. `None` when the key is a fingerprint of the content.
    pub fn fast_key(&self, record: &csv::StringRecord) -> Option<String> {
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|v| unguard_formula(v.trim()))
                .filter(|v| !v.is_empty())
        };
        if let Some(r) = cell(self.reference) {
            return Some(r.to_string());
        }
        cell(self.id).map(|id| format!("id:{id}"))
    }

    /// What a row says of where its proposal lives and whether it is an amendment (for the
    /// import, and for rows stored before these were kept apart).
    pub fn decidim_fields(&self, record: &csv::StringRecord) -> DecidimFields {
        let opt = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|v| unguard_formula(v.trim()))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        decidim_fields(
            opt(self.component),
            opt(self.is_amend),
            opt(self.original_url),
            opt(self.original_title),
        )
    }

    /// Turns a row into a suggestion, or says what is wrong with it.
    pub fn incoming(&self, record: &csv::StringRecord, line: u64) -> Result<Incoming, String> {
        if record.len() != self.columns {
            return Err(crate::t!(
                "import-wrong-field-count",
                count = record.len(),
                columns = self.columns
            ));
        }
        let cells = Cells(record);
        let Texts { title, body } = self.texts(cells)?;
        let submitted_at = self.submitted_at(cells)?;
        let supports = self.count(cells, self.supports)?;
        let endorsements = self.count(cells, self.endorsements)?;
        let comments = self.count(cells, self.comments)?;
        let source_state = cells.opt(self.state);
        let withdrawal = self.withdrawal(cells, source_state.as_deref())?;
        let reference = cells.opt(self.reference);
        let source_id = cells.opt(self.id);
        let decidim_fields = self.decidim_fields(record);
        self.check_decidim_ids(source_id.as_deref(), &decidim_fields)?;
        let key = key(
            reference.as_deref(),
            source_id.as_deref(),
            &title,
            &body,
            submitted_at.as_deref(),
        );
        let dictionary = self.dictionary.get().map(Vec::as_slice).unwrap_or_default();
        Ok(Incoming {
            line,
            key,
            reference,
            source_id,
            url: cells.opt(self.url),
            title,
            body,
            stakeholder: self.stakeholder(cells),
            channel: self.channel(cells),
            submitted_at,
            source_state,
            withdrawn: withdrawal.withdrawn,
            withdrawn_at: withdrawal.at,
            supports,
            endorsements,
            comments,
            axes: self.axes(cells),
            author: self.author(cells),
            nickname: cells.opt(self.nickname),
            email: cells.opt(self.email),
            author_url: cells.opt(self.author_url),
            component_id: decidim_fields.component_id,
            is_amend: decidim_fields.is_amend,
            amends: decidim_fields.amends,
            original: encode_row(record.iter(), dictionary),
            content_hash: self.raw_hash(record),
            known_new: false,
        })
    }

    /// The title and the body, as plain text with `\n` line breaks; a title from the body
    /// when the row has none.
    fn texts(&self, cells: Cells) -> Result<Texts, String> {
        let decidim = self.format == Some(Format::Decidim);
        let mut body = cells.first(&self.body).unwrap_or_default();
        if html::looks_like_html(&body) {
            body = html::to_text(&body);
        }
        // A cell typed in Excel breaks its lines with CRLF: store them as `\n`.
        if body.contains('\r') {
            body = body.replace("\r\n", "\n").replace('\r', "\n");
        }
        let mut title = cells.first(&self.title).unwrap_or_default();
        if title.contains('\r') {
            title = title.replace("\r\n", "\n").replace('\r', "\n");
        }
        if decidim && html::looks_like_html(&title) {
            title = html::to_text(&title);
        }
        if title.is_empty() && body.is_empty() {
            return Err(crate::t!("domain-row-no-title-body"));
        }
        if title.is_empty() {
            title = title_from_body(&body);
        }
        Ok(Texts { title, body })
    }

    /// The first date the date columns hold.
    fn submitted_at(&self, cells: Cells) -> Result<Option<String>, String> {
        for &i in &self.date {
            let raw = cells.get(i);
            if raw.is_empty() {
                continue;
            }
            return match dates::parse(raw) {
                Some(d) => Ok(Some(d)),
                None => Err(crate::t!(
                    "domain-row-not-a-date-example",
                    column = self.column_name(i)
                )),
            };
        }
        Ok(None)
    }

    /// A count (supports, endorsements, comments), thousands separators allowed.
    fn count(&self, cells: Cells, column: Option<usize>) -> Result<Option<i64>, String> {
        match cells.opt(column) {
            None => Ok(None),
            Some(v) => v
                .replace(['.', ' '], "")
                .parse::<i64>()
                .map(Some)
                .map_err(|_| {
                    crate::t!(
                        "domain-row-not-a-number",
                        column = self.column_name(column.unwrap_or(0))
                    )
                }),
        }
    }

    /// Whether the proposal was withdrawn, and when.
    fn withdrawal(&self, cells: Cells, source_state: Option<&str>) -> Result<Withdrawal, String> {
        let at = cells.opt(self.withdrawn_at);
        // Decidim's Excel export leaves `withdrawn` empty (rubyXL writes no booleans): a
        // withdrawal date says it too.
        let withdrawn = cells.opt(self.withdrawn).is_some_and(|v| is_true(&v))
            || source_state == Some("withdrawn")
            || at.is_some();
        let at = match at {
            Some(raw) => Some(dates::parse(&raw).ok_or_else(|| {
                crate::t!(
                    "domain-row-not-a-date",
                    column = self.column_name(self.withdrawn_at.unwrap_or(0))
                )
            })?),
            None => None,
        };
        Ok(Withdrawal { withdrawn, at })
    }

    /// Decidim's ids are numbers: the platform's answer import names proposals by them, and
    /// the file of answers is named after the component.
    fn check_decidim_ids(
        &self,
        source_id: Option<&str>,
        fields: &DecidimFields,
    ) -> Result<(), String> {
        let numeric = |v: &str| v.bytes().all(|b| b.is_ascii_digit());
        if self.format == Some(Format::Decidim) {
            // Anything else would be refused there, or worse, read by a spreadsheet as a
            // formula.
            if let Some(id) = source_id {
                if !numeric(id) {
                    return Err(crate::t!(
                        "domain-row-proposal-id-not-a-number",
                        column = self.column_name(self.id.unwrap_or(0))
                    ));
                }
            }
        }
        if let Some(component) = &fields.component_id {
            if !numeric(component) {
                return Err(crate::t!(
                    "domain-row-component-id-not-a-number",
                    column = self.column_name(self.component.unwrap_or(0))
                ));
            }
        }
        Ok(())
    }

    fn stakeholder(&self, cells: Cells) -> Stakeholder {
        match cells.opt(self.stakeholder) {
            Some(v) => Stakeholder::from_source(&v),
            None => self.settings.stakeholder.unwrap_or(Stakeholder::Altro),
        }
    }

    fn channel(&self, cells: Cells) -> Channel {
        let default = self
            .settings
            .channel
            .unwrap_or(if self.format == Some(Format::Decidim) {
                Channel::Piattaforma
            } else {
                Channel::Modulo
            });
        cells
            .opt(self.channel)
            .and_then(|v| channel_from_source(&v))
            .unwrap_or(default)
    }

    /// The axes the axis columns name, each once.
    fn axes(&self, cells: Cells) -> Vec<Axis> {
        let mut axes = Vec::new();
        for &i in &self.axis {
            for axis in axes_in(cells.get(i)) {
                if !axes.contains(&axis) {
                    axes.push(axis);
                }
            }
        }
        axes
    }

    /// The author's name, or the first name and surname columns together.
    fn author(&self, cells: Cells) -> Option<String> {
        cells.first(&self.author).or_else(|| {
            let parts: Vec<&str> = self
                .author_parts
                .iter()
                .map(|&i| cells.get(i))
                .filter(|p| !p.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
    }
}

/// The cells of a row as the mapping reads them: trimmed, with Decidim's formula guard taken
/// off.
#[derive(Clone, Copy)]
struct Cells<'r>(&'r csv::StringRecord);

impl<'r> Cells<'r> {
    fn get(self, i: usize) -> &'r str {
        unguard_formula(self.0.get(i).unwrap_or("").trim())
    }

    /// A column's cell, if the file has the column and the cell is not empty.
    fn opt(self, i: Option<usize>) -> Option<String> {
        i.map(|i| self.get(i))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// The first of these columns' cells that is not empty.
    fn first(self, columns: &[usize]) -> Option<String> {
        columns
            .iter()
            .map(|&i| self.get(i))
            .find(|s| !s.is_empty())
            .map(str::to_string)
    }
}

struct Texts {
    title: String,
    body: String,
}

struct Withdrawal {
    withdrawn: bool,
    at: Option<String>,
}

/// What identifies a suggestion across exports: the platform's reference, its id, or else a
/// fingerprint of its title, body and date.
fn key(
    reference: Option<&str>,
    source_id: Option<&str>,
    title: &str,
    body: &str,
    submitted_at: Option<&str>,
) -> String {
    match (reference, source_id) {
        (Some(r), _) => r.to_string(),
        (None, Some(id)) => format!("id:{id}"),
        (None, None) => format!(
            "fp:{}",
            &crate::csvin::scan::hex(&Sha256::digest(
                format!(
                    "{}\u{1f}{}\u{1f}{}",
                    fold(title),
                    fold(body),
                    submitted_at.map(|d| &d[..10]).unwrap_or("")
                )
                .as_bytes()
            ))[..16]
        ),
    }
}

/// A suggestion as a file gives it, ready to be stored.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub line: u64,
    /// What identifies it across exports: the platform's reference, its id, or a fingerprint.
    pub key: String,
    pub reference: Option<String>,
    pub source_id: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub body: String,
    pub stakeholder: Stakeholder,
    pub channel: Channel,
    pub submitted_at: Option<String>,
    pub source_state: Option<String>,
    pub withdrawn: bool,
    pub withdrawn_at: Option<String>,
    pub supports: Option<i64>,
    pub endorsements: Option<i64>,
    pub comments: Option<i64>,
    pub axes: Vec<Axis>,
    pub author: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    pub author_url: Option<String>,
    /// Decidim's component: the answer import takes the answers of one component at a time.
    pub component_id: Option<String>,
    /// A Decidim amendment: the platform takes no answer for it.
    pub is_amend: bool,
    pub amends: Option<String>,
    /// The row as read, as stored: see [`encode_row`].
    pub original: Vec<u8>,
    /// A fingerprint of everything the source says, to tell a changed row from an unchanged one.
    pub content_hash: i64,
    /// Set when the database, as committed before this import, has no suggestion with this key
    /// (and the file has no other row with it): it can be inserted without looking.
    pub known_new: bool,
}

impl Incoming {
    pub fn has_personal_data(&self) -> bool {
        self.author.is_some()
            || self.nickname.is_some()
            || self.email.is_some()
            || self.author_url.is_some()
    }
}

/// The axes a category, taxonomy or "Asse" cell names: the whole cell, or its parts when it
/// lists several ("Semplificazione; Competenze").
fn axes_in(value: &str) -> Vec<Axis> {
    if value.trim().is_empty() {
        return Vec::new();
    }
    if let Some(axis) = Axis::find(value) {
        return vec![axis];
    }
    value
        .split([';', '|', ',', '/', '\n'])
        .filter_map(Axis::find)
        .collect()
}

/// The channel a "Canale" cell names, by glossary word or by its first word.
fn channel_from_source(value: &str) -> Option<Channel> {
    if let Some(c) = Channel::find(value) {
        return Some(c);
    }
    let folded = fold(value);
    let first = folded.split(' ').next().unwrap_or("");
    Some(match first {
        "incontro" | "assemblea" | "evento" | "riunione" | "laboratorio" | "workshop" => {
            Channel::Incontro
        }
        "e" if folded.starts_with("e mail") => Channel::Email,
        "email" | "mail" | "pec" | "posta" => Channel::Email,
        "modulo" | "form" | "questionario" | "sondaggio" => Channel::Modulo,
        "piattaforma" | "partecipo" | "decidim" | "sito" => Channel::Piattaforma,
        "" => return None,
        _ => Channel::Altro,
    })
}

/// A title for a suggestion that came without one: the start of its body.
/// A title for a suggestion that came without one: the start of its body, cut between words
/// (an e-mail address or a number cut in two would escape the scan for personal data).
fn title_from_body(body: &str) -> String {
    let first_line = body.lines().next().unwrap_or(body).trim();
    if first_line.chars().count() <= 80 {
        return first_line.to_string();
    }
    let head: String = first_line.chars().take(80).collect();
    let cut = match head.rfind(char::is_whitespace) {
        Some(at) if at > 20 => &head[..at],
        _ => head.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A row left out of an import: its line, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: u64,
    pub reason: String,
}

/// What is wrong with a row whose key an earlier row of the file has (`earlier`: "line 4",
/// "row 4", "record 4").
pub(crate) fn duplicate_key(key: &str, earlier: Option<String>) -> String {
    match earlier {
        Some(place) => crate::t!("domain-row-duplicate-key-at", key = key, place = place),
        None => crate::t!("domain-row-duplicate-key", key = key),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{headers, settings};
    use super::*;

    #[test]
    fn decidim_locales_fall_back() {
        let h = headers("id,title/it,title/en,body/it,body/en,reference,state,published_at,taxonomies/ids,taxonomies/31/en", ',');
        let mut s = settings();
        s.locale = "en".into();
        let m = Mapping::new("f", "f:1", &h, Format::Decidim, &s).unwrap();
        let rec = csv::StringRecord::from(vec![
            "7201",
            "Titolo",
            "",
            "<p>Corpo &egrave;</p>",
            "<p>Body</p>",
            "PO-PROP-2022-11-7201",
            "",
            "2022-11-14 09:03:12 +0100",
            "[31]",
            "Skills",
        ]);
        let s = m.incoming(&rec, 2).unwrap();
        assert_eq!(s.title, "Titolo");
        assert_eq!(s.body, "Body");
        assert_eq!(s.key, "PO-PROP-2022-11-7201");
        assert_eq!(s.axes, vec![Axis::Competenze]);
        assert_eq!(s.channel, Channel::Piattaforma);
    }

    #[test]
    fn rows_with_problems() {
        let h = headers("Oggetto;Proposta;Data", ';');
        let m = Mapping::new("f", "f:1", &h, Format::Generic, &settings()).unwrap();
        let e = m
            .incoming(&csv::StringRecord::from(vec!["", "", "01/01/2022"]), 3)
            .unwrap_err();
        assert!(e.contains("neither"));
        let e = m
            .incoming(&csv::StringRecord::from(vec!["a", "b", "Maria Rossi"]), 3)
            .unwrap_err();
        // The column is named; its content (here a name shifted into it) is never quoted.
        assert_eq!(e, "the column \"Data\" does not hold a date (expected e.g. 02/05/2022, 2022-05-02 or 2022-05-02 15:44:00 +0100)");
        let e = m
            .incoming(&csv::StringRecord::from(vec!["a", "b"]), 3)
            .unwrap_err();
        assert!(e.contains("2 fields"));
    }

    #[test]
    fn several_axes_in_a_cell() {
        assert_eq!(
            axes_in("Semplificazione; Competenze"),
            vec![Axis::Semplificazione, Axis::Competenze]
        );
        assert_eq!(axes_in("Mobilità"), vec![]);
        assert_eq!(axes_in("NUOVI-SERVIZI"), vec![Axis::NuoviServizi]);
    }
}
