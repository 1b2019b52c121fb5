//! From a CSV header to the fields of a suggestion ([`Mapping`]), and from a row to an
//! [`Incoming`] suggestion (see `row`). Columns are matched by name, never by position:
//! Decidim's headers vary with the version and the locales, office spreadsheets with whoever
//! made them.
//!
//! Pure knowledge of the files, shared by the import, storage's migrations and the privacy
//! purge: it names nothing of storage nor of the import.

pub mod dates;
mod headers;
pub mod html;
mod row;

use sha2::{Digest, Sha256};

use crate::domain::{Channel, Stakeholder, Term};
use crate::error::{invalid_input, usage, Failure};
use crate::text::fold;
use headers::{title_and_body_headers, GENERIC_HEADERS};

pub use headers::is_decidim;
pub(crate) use headers::is_known_decidim_column;
pub(crate) use row::duplicate_key;
pub use row::{DecidimFields, Incoming, Rejection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Decidim,
    Generic,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Decidim => "decidim",
            Format::Generic => "generic",
        }
    }
}

/// The fields `--map FIELD=HEADER` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Date,
    Stakeholder,
    Author,
    Nickname,
    Email,
    Axis,
    Channel,
    Reference,
    Url,
    State,
}

impl Field {
    pub const ALL: &'static [(&'static str, Field)] = &[
        ("title", Field::Title),
        ("body", Field::Body),
        ("date", Field::Date),
        ("stakeholder", Field::Stakeholder),
        ("author", Field::Author),
        ("nickname", Field::Nickname),
        ("email", Field::Email),
        ("axis", Field::Axis),
        ("channel", Field::Channel),
        ("reference", Field::Reference),
        ("url", Field::Url),
        ("state", Field::State),
    ];

    pub fn parse(name: &str) -> Result<Field, Failure> {
        let folded = fold(name).replace(' ', "");
        Field::ALL
            .iter()
            .find(|(n, _)| {
                *n == folded
                    || (folded == "ref" && *n == "reference")
                    || (folded == "e-mail" && *n == "email")
            })
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                usage(crate::t!(
                    "domain-map-unknown-field",
                    name = name,
                    fields = Field::ALL
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }
}

/// A column the user named for a field: `--map title="Oggetto della proposta"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedColumn {
    pub field: Field,
    /// The header, exact or folded.
    pub header: String,
}

impl NamedColumn {
    /// Reads `FIELD=HEADER` (the header may be in double quotes).
    pub fn parse(value: &str) -> Result<NamedColumn, Failure> {
        let (field, header) = value
            .split_once('=')
            .ok_or_else(|| usage(crate::t!("domain-map-bad", value = value)))?;
        Ok(NamedColumn {
            field: Field::parse(field)?,
            header: header.trim().trim_matches('"').to_string(),
        })
    }
}

/// The named columns as the mapping's signature has always written them (a list of
/// `(Field, "header")`): a batch imported with the same settings keeps the same signature.
fn signature_of(columns: &[NamedColumn]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("({:?}, {:?})", c.field, c.header))
        .collect();
    format!("[{}]", pairs.join(", "))
}

/// What the user told the import about the file.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub locale: String,
    pub maps: Vec<NamedColumn>,
    pub channel: Option<Channel>,
    pub stakeholder: Option<Stakeholder>,
}

/// Where each field of a suggestion is in the file.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub format: Option<Format>,
    pub columns: usize,
    /// Title columns, the preferred locale first.
    title: Vec<usize>,
    body: Vec<usize>,
    date: Vec<usize>,
    stakeholder: Option<usize>,
    author: Vec<usize>,
    /// Separate first-name and surname columns ("Nome", "Cognome"): the author is both.
    author_parts: Vec<usize>,
    nickname: Option<usize>,
    email: Option<usize>,
    author_url: Option<usize>,
    axis: Vec<usize>,
    channel: Option<usize>,
    reference: Option<usize>,
    id: Option<usize>,
    url: Option<usize>,
    state: Option<usize>,
    withdrawn: Option<usize>,
    withdrawn_at: Option<usize>,
    supports: Option<usize>,
    endorsements: Option<usize>,
    comments: Option<usize>,
    component: Option<usize>,
    is_amend: Option<usize>,
    original_url: Option<usize>,
    original_title: Option<usize>,
    /// Columns that hold personal data, blanked when personal data is purged.
    pub personal: Vec<usize>,
    /// What the rows as read are compressed against: set once, from the first rows of the
    /// file, before any row is mapped (see `domain::row_codec::row_dictionary`).
    pub dictionary: std::sync::OnceLock<Vec<u8>>,
    settings: Settings,
    /// What, beside the row, decides how a row is read: part of its fingerprint.
    signature: String,
    /// The header, to name a column in what is wrong with a row: a reason never quotes a
    /// cell, which may hold personal data (a name shifted into the date column).
    headers: Vec<String>,
    /// The columns in the order of their names, for [`Mapping::raw_hash`].
    hash_order: Vec<(usize, u64)>,
}

/// Whether a row of a workbook is the header the import expects: it names a title or a body
/// (a Decidim `title/…` or `body/…`, a recognised Italian or English header) or a column
/// `--map` names. A title above the header ("Contributi al modulo web 2023") is not one.
pub fn names_a_header(cells: &[String], settings: &Settings) -> bool {
    if is_decidim(cells) {
        return true;
    }
    cells.iter().any(|c| {
        let folded = fold(c);
        title_and_body_headers().any(|h| h == folded)
            || settings
                .maps
                .iter()
                .any(|m| *c == m.header || fold(&m.header) == folded)
    })
}

/// The personal columns of a file with this header, by today's rules and default settings
/// (see [`Mapping::new`]); every column when the header maps no title nor body.
pub fn personal_columns(headers: &[String], format: &str) -> Vec<usize> {
    match default_mapping(headers, format) {
        Some(m) => m.personal,
        None => (0..headers.len()).collect(),
    }
}

/// The mapping an import with the default settings gives a header (`format`: "decidim" or
/// "generic"); `None` when it maps neither a title nor a body.
pub fn default_mapping(headers: &[String], format: &str) -> Option<Mapping> {
    let format = if format == "decidim" {
        Format::Decidim
    } else {
        Format::Generic
    };
    let settings = Settings {
        locale: "it".into(),
        ..Settings::default()
    };
    Mapping::new("", "", headers, format, &settings).ok()
}

impl Mapping {
    /// The mapping of the file `name` whose header, at `header_at` (`FILE:LINE`), is
    /// `headers`.
    pub fn new(
        name: &str,
        header_at: &str,
        headers: &[String],
        format: Format,
        settings: &Settings,
    ) -> Result<Mapping, Failure> {
        let mut m = Mapping {
            format: Some(format),
            columns: headers.len(),
            settings: settings.clone(),
            headers: headers.to_vec(),
            ..Mapping::default()
        };
        match format {
            Format::Decidim => m.map_decidim(headers),
            Format::Generic => m.map_generic(headers),
        }
        m.apply_maps(name, headers, settings)?;
        if m.title.is_empty() && m.body.is_empty() {
            let expected: Vec<&str> = title_and_body_headers().collect();
            return Err(invalid_input(crate::t!(
                "domain-map-no-title-nor-body",
                header_at = header_at,
                columns = crate::csvin::header_list(headers)
            ))
            .hint(crate::t!(
                "domain-map-no-title-nor-body-hint",
                expected = expected.join(", ")
            )));
        }
        m.personal = m.personal_in(headers, format);
        m.hash_order = hash_order(headers);
        m.signature = format!(
            "{}|{}|{}|{:?}|{:?}\u{1f}",
            format.name(),
            settings.locale,
            signature_of(&settings.maps),
            settings.channel.map(|c| c.code()),
            settings.stakeholder.map(|s| s.code())
        );
        Ok(m)
    }

    /// The columns `--map FIELD=HEADER` names, by their exact header or else folded.
    fn apply_maps(
        &mut self,
        name: &str,
        headers: &[String],
        settings: &Settings,
    ) -> Result<(), Failure> {
        for NamedColumn { field, header } in &settings.maps {
            let wanted = fold(header);
            let index = headers
                .iter()
                .position(|h| h == header)
                .or_else(|| headers.iter().position(|h| fold(h) == wanted))
                .ok_or_else(|| {
                    usage(crate::t!(
                        "domain-map-no-such-column",
                        name = name,
                        header = header.as_str(),
                        columns = crate::csvin::header_list(headers)
                    ))
                })?;
            self.set(*field, index);
        }
        Ok(())
    }

    /// The columns that hold personal data, sorted. Personal until shown otherwise: every
    /// column the import does not read as one of the known non-personal fields (an office's
    /// "Telefono", "Codice fiscale", "PEC", a second e-mail; Decidim's author ids, endorsers'
    /// names, address and coordinates).
    fn personal_in(&self, headers: &[String], format: Format) -> Vec<usize> {
        let known: Vec<usize> = match format {
            Format::Decidim => headers
                .iter()
                .enumerate()
                .filter(|(_, h)| is_known_decidim_column(h))
                .map(|(i, _)| i)
                .collect(),
            Format::Generic => Vec::new(),
        }
        .into_iter()
        .chain(self.title.iter().copied())
        .chain(self.body.iter().copied())
        .chain(self.date.iter().copied())
        .chain(self.axis.iter().copied())
        .chain(
            [
                self.stakeholder,
                self.channel,
                self.reference,
                self.id,
                self.url,
                self.state,
            ]
            .into_iter()
            .flatten(),
        )
        .collect();
        let named = [self.nickname, self.email, self.author_url]
            .into_iter()
            .flatten()
            .chain(self.author.iter().copied())
            .chain(self.author_parts.iter().copied())
            .collect::<Vec<_>>();
        // Flags, not searches: a file may have 100,000 columns.
        let mut is_known = vec![false; headers.len()];
        for i in known {
            is_known[i] = true;
        }
        for i in named {
            is_known[i] = false;
        }
        let mut personal: Vec<usize> = (0..headers.len()).filter(|&i| !is_known[i]).collect();
        personal.sort_unstable();
        personal.dedup();
        personal
    }

    /// A column by its header, quoted, for a message: `"Data invio"` (or its position).
    fn column_name(&self, index: usize) -> String {
        match self.headers.get(index) {
            Some(h) if !h.is_empty() => format!("\"{}\"", crate::text::truncate(h, 60)),
            _ => format!("{}", index + 1),
        }
    }

    fn set(&mut self, field: Field, index: usize) {
        match field {
            Field::Title => self.title = vec![index],
            Field::Body => self.body = vec![index],
            Field::Date => self.date = vec![index],
            Field::Stakeholder => self.stakeholder = Some(index),
            Field::Author => self.author = vec![index],
            Field::Nickname => self.nickname = Some(index),
            Field::Email => self.email = Some(index),
            Field::Axis => self.axis = vec![index],
            Field::Channel => self.channel = Some(index),
            Field::Reference => self.reference = Some(index),
            Field::Url => self.url = Some(index),
            Field::State => self.state = Some(index),
        }
    }

    fn map_generic(&mut self, headers: &[String]) {
        for (index, header) in headers.iter().enumerate() {
            let folded = fold(header);
            if matches!(
                folded.as_str(),
                "nome" | "cognome" | "first name" | "last name" | "surname"
            ) {
                self.author_parts.push(index);
                continue;
            }
            let Some((field, _)) = GENERIC_HEADERS
                .iter()
                .find(|(_, names)| names.contains(&folded.as_str()))
            else {
                continue;
            };
            // The first column that matches a field wins; the axis may come from several.
            let taken = match field {
                Field::Title => !self.title.is_empty(),
                Field::Body => !self.body.is_empty(),
                Field::Date => !self.date.is_empty(),
                Field::Stakeholder => self.stakeholder.is_some(),
                Field::Author => !self.author.is_empty(),
                Field::Nickname => self.nickname.is_some(),
                Field::Email => self.email.is_some(),
                Field::Axis => false,
                Field::Channel => self.channel.is_some(),
                Field::Reference => self.reference.is_some(),
                Field::Url => self.url.is_some(),
                Field::State => self.state.is_some(),
            };
            if !taken {
                if *field == Field::Axis {
                    self.axis.push(index);
                } else {
                    self.set(*field, index);
                }
            }
        }
    }

    fn map_decidim(&mut self, headers: &[String]) {
        let locale = self.settings.locale.clone();
        let localized = |prefix: &str| -> Vec<usize> {
            let mut found: Vec<(bool, usize)> = headers
                .iter()
                .enumerate()
                .filter_map(|(i, h)| {
                    let loc = h.strip_prefix(prefix)?.strip_prefix('/')?;
                    (!loc.contains('/')).then_some((loc != locale, i))
                })
                .collect();
            // The requested locale first, then the others in the file's order.
            found.sort_by_key(|&(other, i)| (other, i));
            found.into_iter().map(|(_, i)| i).collect()
        };
        self.title = localized("title");
        self.body = localized("body");
        let col = |name: &str| headers.iter().position(|h| h == name);
        self.date = ["published_at", "created_at"]
            .iter()
            .filter_map(|n| col(n))
            .collect();
        self.reference = col("reference");
        self.id = col("id");
        self.url = col("url");
        self.state = col("state");
        self.withdrawn = col("withdrawn");
        self.withdrawn_at = col("withdrawn_at");
        self.supports = col("supports").or_else(|| col("votes"));
        self.endorsements = col("endorsements/total_count")
            .or_else(|| col("likes/total_count"))
            .or_else(|| col("likes/count"))
            .or_else(|| col("endorsements_count"));
        self.comments = col("comments").or_else(|| col("comments_count"));
        self.component = col("component/id");
        self.is_amend = col("is_amend");
        self.original_url = col("original_proposal/url");
        self.original_title = col("original_proposal/title")
            .or_else(|| localized("original_proposal/title").first().copied());
        self.author = ["author/name"].iter().filter_map(|n| col(n)).collect();
        self.nickname = col("author/nickname");
        self.author_url = col("author/url");
        self.email = col("author/email");
        // Axes: the category's name in any locale, or a taxonomy's name (not the list of ids).
        self.axis = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                h.starts_with("category/name/")
                    || (h.starts_with("taxonomies/")
                        && h.as_str() != "taxonomies/ids"
                        && h.matches('/').count() == 2)
            })
            .map(|(i, _)| i)
            .collect();
        self.stakeholder = None;
        self.channel = None;
    }
}

/// The columns in the order of their names, each with a fingerprint of its name, for
/// [`Mapping::raw_hash`].
fn hash_order(headers: &[String]) -> Vec<(usize, u64)> {
    let mut order: Vec<usize> = (0..headers.len()).collect();
    order.sort_by(|&a, &b| headers[a].cmp(&headers[b]).then(a.cmp(&b)));
    order
        .into_iter()
        .map(|i| {
            let digest = Sha256::digest(headers[i].as_bytes());
            (
                i,
                u64::from_le_bytes(digest[..8].try_into().expect("8 bytes")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Axis;

    pub(super) fn headers(s: &str, sep: char) -> Vec<String> {
        s.split(sep).map(str::to_string).collect()
    }

    pub(super) fn settings() -> Settings {
        Settings {
            locale: "it".into(),
            ..Settings::default()
        }
    }

    #[test]
    fn generic_italian_headers() {
        let h = headers("Data invio;Nome e cognome;E-mail;Tipologia soggetto;Oggetto;Proposta;Asse tematico;Canale", ';');
        let m = Mapping::new("f", "f:1", &h, Format::Generic, &settings()).unwrap();
        let rec = csv::StringRecord::from(vec![
            "02/05/2022",
            "Maria Rossi",
            "maria@example.it",
            "Cittadina",
            "Più Wi-Fi",
            "Wi-Fi gratuito al parco",
            "Infrastrutture e piattaforme trasversali",
            "Incontro al Centro Pecci",
        ]);
        let s = m.incoming(&rec, 2).unwrap();
        assert_eq!(s.title, "Più Wi-Fi");
        assert_eq!(s.stakeholder, Stakeholder::Cittadino);
        assert_eq!(s.channel, Channel::Incontro);
        assert_eq!(s.axes, vec![Axis::Infrastrutture]);
        assert_eq!(s.submitted_at.as_deref(), Some("2022-05-02"));
        assert_eq!(s.email.as_deref(), Some("maria@example.it"));
        assert!(s.key.starts_with("fp:"));
        assert_eq!(m.personal, vec![1, 2]);
    }

    #[test]
    fn columns_not_known_to_hold_no_personal_data_are_personal() {
        let h = headers(
            "Nome;Cognome;Telefono;Cellulare;Codice fiscale;Indirizzo;PEC;E-mail;Email secondaria;Oggetto;Proposta;Data",
            ';',
        );
        let m = Mapping::new("f", "f:1", &h, Format::Generic, &settings()).unwrap();
        assert_eq!(m.personal, (0..9).collect::<Vec<_>>());
        let h = headers(
            "id,author/id,author/name,title/it,body/it,address,latitude,longitude,endorsements/total_count,endorsements/user_endorsements,component/id,new_module_field",
            ',',
        );
        let m = Mapping::new("f", "f:1", &h, Format::Decidim, &settings()).unwrap();
        assert_eq!(m.personal, vec![1, 2, 5, 6, 7, 9, 11]);
    }

    #[test]
    fn no_title_nor_body_column() {
        let h = headers("Data;Nome;Telefono", ';');
        let e = Mapping::new("f.csv", "f.csv:1", &h, Format::Generic, &settings()).unwrap_err();
        assert!(e.message.contains("Data, Nome, Telefono"));
    }

    #[test]
    fn map_names_a_column() {
        let h = headers("Oggetto della richiesta;Dettagli", ';');
        let mut s = settings();
        s.maps = vec![
            NamedColumn::parse("title=Oggetto della richiesta").unwrap(),
            NamedColumn::parse("body=\"dettagli\"").unwrap(),
        ];
        assert_eq!(
            signature_of(&s.maps),
            format!(
                "{:?}",
                [
                    (Field::Title, "Oggetto della richiesta".to_string()),
                    (Field::Body, "dettagli".to_string())
                ]
            )
        );
        let m = Mapping::new("f", "f:1", &h, Format::Generic, &s).unwrap();
        let rec = csv::StringRecord::from(vec!["Titolo", "Testo"]);
        assert_eq!(m.incoming(&rec, 2).unwrap().body, "Testo");
    }
}
