//! From a CSV header to the fields of a suggestion, and from a row to an [`Incoming`]
//! suggestion. Columns are matched by name, never by position: Decidim's headers vary with the
//! version and the locales, office spreadsheets with whoever made them.

use sha2::{Digest, Sha256};

use super::{dates, html};
use crate::csvout::unguard_formula;
use crate::domain::{Axis, Channel, Stakeholder, Term};
use crate::error::{invalid_input, usage, Failure};
use crate::text::fold;

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
                usage(format!(
                    "--map: unknown field \"{name}\"; the fields are: {}",
                    Field::ALL
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }
}

/// What the user told the import about the file.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub locale: String,
    pub maps: Vec<(Field, String)>,
    pub channel: Option<Channel>,
    pub stakeholder: Option<Stakeholder>,
}

/// Header names recognised without configuration in generic files, already folded.
const GENERIC_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Title,
        &[
            "titolo",
            "oggetto",
            "title",
            "titolo della proposta",
            "oggetto della proposta",
            "subject",
        ],
    ),
    (
        Field::Body,
        &[
            "proposta",
            "suggerimento",
            "contributo",
            "testo",
            "descrizione",
            "body",
            "testo della proposta",
            "messaggio",
            "proposal",
            "description",
            "text",
        ],
    ),
    (
        Field::Date,
        &[
            "data",
            "data invio",
            "date",
            "data di invio",
            "data inserimento",
            "data ricezione",
            "informazioni cronologiche",
            "timestamp",
            "submitted at",
        ],
    ),
    (
        Field::Stakeholder,
        &[
            "tipologia soggetto",
            "tipo",
            "stakeholder",
            "tipologia",
            "tipo soggetto",
            "soggetto",
            "tipologia di soggetto",
            "stakeholder type",
        ],
    ),
    (
        Field::Author,
        &[
            "nome e cognome",
            "autore",
            "name",
            "nominativo",
            "cognome e nome",
            "author",
            "full name",
        ],
    ),
    (
        Field::Nickname,
        &["nickname", "nick", "username", "nome utente"],
    ),
    (
        Field::Email,
        &[
            "e mail",
            "email",
            "indirizzo e mail",
            "indirizzo email",
            "posta elettronica",
            "mail",
        ],
    ),
    (
        Field::Axis,
        &[
            "asse",
            "asse tematico",
            "categoria",
            "category",
            "axis",
            "ambito",
            "tema",
        ],
    ),
    (
        Field::Channel,
        &["canale", "channel", "fonte", "modalita di invio"],
    ),
    (
        Field::Reference,
        &[
            "codice",
            "riferimento",
            "reference",
            "id",
            "ref",
            "numero",
            "protocollo",
        ],
    ),
    (Field::Url, &["url", "link"]),
    (Field::State, &["stato", "state", "status"]),
];

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
    /// file, before any row is mapped (see `storage::imports::row_dictionary`).
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

/// Whether a header row is a Decidim proposals export.
pub fn is_decidim(headers: &[String]) -> bool {
    headers
        .iter()
        .any(|h| h.starts_with("title/") || h.starts_with("body/"))
}

/// The headers recognised as a title or a body in generic files, already folded.
fn title_and_body_headers() -> impl Iterator<Item = &'static str> {
    GENERIC_HEADERS
        .iter()
        .filter(|(f, _)| matches!(f, Field::Title | Field::Body))
        .flat_map(|(_, names)| names.iter().copied())
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
                .any(|(_, header)| c == header || fold(header) == folded)
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

/// Whether a column of a Decidim export holds no personal data: the proposal's own fields.
/// Everything else — `author/…`, `endorsements/user_endorsements`, `likes/user_likes`,
/// `address`, `latitude`, `longitude`, and any column a later version or a module adds — is
/// treated as personal.
pub fn is_known_decidim_column(header: &str) -> bool {
    const EXACT: &[&str] = &[
        "id",
        "reference",
        "url",
        "state",
        "state_published_at",
        "answered_at",
        "published_at",
        "created_at",
        "updated_at",
        "withdrawn",
        "withdrawn_at",
        "supports",
        "votes",
        "endorsements/total_count",
        "likes/total_count",
        "likes/count",
        "endorsements_count",
        "comments",
        "comments_count",
        "attachments",
        "followers",
        "follows_count",
        "meeting_urls",
        "related_proposals",
        "is_amend",
        "cost",
        "created_in_meeting",
        "coauthorships_count",
    ];
    const PREFIXES: &[&str] = &[
        "title/",
        "body/",
        "answer/",
        "category/",
        "scope/",
        "taxonomies/",
        "participatory_space/",
        "component/",
        "original_proposal/",
        "cost_report/",
        "execution_period/",
    ];
    EXACT.contains(&header) || PREFIXES.iter().any(|p| header.starts_with(p))
}

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
        for (field, header) in &settings.maps {
            let wanted = fold(header);
            let index = headers
                .iter()
                .position(|h| h == header)
                .or_else(|| headers.iter().position(|h| fold(h) == wanted))
                .ok_or_else(|| {
                    usage(format!(
                        "--map: {name} has no column \"{header}\"; its columns are: {}",
                        crate::csvin::header_list(headers)
                    ))
                })?;
            m.set(*field, index);
        }
        if m.title.is_empty() && m.body.is_empty() {
            let expected: Vec<&str> = title_and_body_headers().collect();
            return Err(invalid_input(format!(
                "{header_at}: no column holds a title or a body; the columns are: {}",
                crate::csvin::header_list(headers)
            ))
            .hint(format!(
                "the import recognises (in any case, with or without accents): {}, title/<locale>, body/<locale>; otherwise name the column with --map title=\"…\" or --map body=\"…\"",
                expected.join(", ")
            )));
        }
        // Personal until shown otherwise: every column the import does not read as one of the
        // known non-personal fields (an office's "Telefono", "Codice fiscale", "PEC", a second
        // e-mail; Decidim's author ids, endorsers' names, address and coordinates).
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
        .chain(m.title.iter().copied())
        .chain(m.body.iter().copied())
        .chain(m.date.iter().copied())
        .chain(m.axis.iter().copied())
        .chain(
            [m.stakeholder, m.channel, m.reference, m.id, m.url, m.state]
                .into_iter()
                .flatten(),
        )
        .collect();
        let named = [m.nickname, m.email, m.author_url]
            .into_iter()
            .flatten()
            .chain(m.author.iter().copied())
            .chain(m.author_parts.iter().copied())
            .collect::<Vec<_>>();
        // Flags, not searches: a file may have 100,000 columns.
        let mut is_known = vec![false; headers.len()];
        for i in known {
            is_known[i] = true;
        }
        for i in named {
            is_known[i] = false;
        }
        m.personal = (0..headers.len()).filter(|&i| !is_known[i]).collect();
        m.personal.sort_unstable();
        m.personal.dedup();
        let mut order: Vec<usize> = (0..headers.len()).collect();
        order.sort_by(|&a, &b| headers[a].cmp(&headers[b]).then(a.cmp(&b)));
        m.hash_order = order
            .into_iter()
            .map(|i| {
                let digest = Sha256::digest(headers[i].as_bytes());
                (
                    i,
                    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes")),
                )
            })
            .collect();
        m.signature = format!(
            "{}|{}|{:?}|{:?}|{:?}\u{1f}",
            format.name(),
            settings.locale,
            settings.maps,
            settings.channel.map(|c| c.code()),
            settings.stakeholder.map(|s| s.code())
        );
        Ok(m)
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
            return Err(format!(
                "{} fields, but the header has {}",
                record.len(),
                self.columns
            ));
        }
        let cell = |i: usize| unguard_formula(record.get(i).unwrap_or("").trim());
        let opt = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(str::to_string);
        let first = |cols: &[usize]| {
            cols.iter()
                .map(|&i| cell(i))
                .find(|s| !s.is_empty())
                .map(str::to_string)
        };
        let decidim = self.format == Some(Format::Decidim);

        let mut body = first(&self.body).unwrap_or_default();
        if html::looks_like_html(&body) {
            body = html::to_text(&body);
        }
        // A cell typed in Excel breaks its lines with CRLF: store them as `\n`.
        if body.contains('\r') {
            body = body.replace("\r\n", "\n").replace('\r', "\n");
        }
        let mut title = first(&self.title).unwrap_or_default();
        if title.contains('\r') {
            title = title.replace("\r\n", "\n").replace('\r', "\n");
        }
        if decidim && html::looks_like_html(&title) {
            title = html::to_text(&title);
        }
        if title.is_empty() && body.is_empty() {
            return Err("neither a title nor a body".into());
        }
        if title.is_empty() {
            title = title_from_body(&body);
        }

        let mut submitted_at = None;
        for &i in &self.date {
            let raw = cell(i);
            if raw.is_empty() {
                continue;
            }
            match dates::parse(raw) {
                Some(d) => {
                    submitted_at = Some(d);
                    break;
                }
                None => {
                    return Err(format!(
                        "the column {} does not hold a date (expected e.g. 02/05/2022, 2022-05-02 or 2022-05-02 15:44:00 +0100)",
                        self.column_name(i)
                    ))
                }
            }
        }

        let count = |i: Option<usize>| -> Result<Option<i64>, String> {
            match opt(i) {
                None => Ok(None),
                Some(v) => v
                    .replace(['.', ' '], "")
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| {
                        format!(
                            "the column {} does not hold a number",
                            self.column_name(i.unwrap_or(0))
                        )
                    }),
            }
        };
        let supports = count(self.supports)?;
        let endorsements = count(self.endorsements)?;
        let comments = count(self.comments)?;

        let source_state = opt(self.state);
        let withdrawn_at_cell = opt(self.withdrawn_at);
        // Decidim's Excel export leaves `withdrawn` empty (rubyXL writes no booleans): a
        // withdrawal date says it too.
        let withdrawn = opt(self.withdrawn).is_some_and(|v| is_true(&v))
            || source_state.as_deref() == Some("withdrawn")
            || withdrawn_at_cell.is_some();
        let withdrawn_at = match withdrawn_at_cell {
            Some(raw) => Some(dates::parse(&raw).ok_or_else(|| {
                format!(
                    "the column {} does not hold a date",
                    self.column_name(self.withdrawn_at.unwrap_or(0))
                )
            })?),
            None => None,
        };

        let stakeholder = match opt(self.stakeholder) {
            Some(v) => Stakeholder::from_source(&v),
            None => self.settings.stakeholder.unwrap_or(Stakeholder::Altro),
        };
        let default_channel = self.settings.channel.unwrap_or(if decidim {
            Channel::Piattaforma
        } else {
            Channel::Modulo
        });
        let channel = opt(self.channel)
            .and_then(|v| channel_from_source(&v))
            .unwrap_or(default_channel);

        let mut axes = Vec::new();
        for &i in &self.axis {
            for axis in axes_in(cell(i)) {
                if !axes.contains(&axis) {
                    axes.push(axis);
                }
            }
        }

        let reference = opt(self.reference);
        let source_id = opt(self.id);
        if decidim {
            // The platform's answer import names proposals by this number: anything else
            // would be refused there, or worse, read by a spreadsheet as a formula.
            if let Some(id) = &source_id {
                if !id.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "the column {} does not hold a number: Decidim's proposals have numeric ids",
                        self.column_name(self.id.unwrap_or(0))
                    ));
                }
            }
        }
        let decidim_fields = self.decidim_fields(record);
        if let Some(component) = &decidim_fields.component_id {
            // It names the file of answers for the component: a number, as Decidim's are.
            if !component.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "the column {} does not hold a number: Decidim's components have numeric ids",
                    self.column_name(self.component.unwrap_or(0))
                ));
            }
        }
        let key = match (&reference, &source_id) {
            (Some(r), _) => r.clone(),
            (None, Some(id)) => format!("id:{id}"),
            (None, None) => format!(
                "fp:{}",
                &crate::csvin::scan::hex(&Sha256::digest(
                    format!(
                        "{}\u{1f}{}\u{1f}{}",
                        fold(&title),
                        fold(&body),
                        submitted_at.as_deref().map(|d| &d[..10]).unwrap_or("")
                    )
                    .as_bytes()
                ))[..16]
            ),
        };

        let author = first(&self.author).or_else(|| {
            let parts: Vec<&str> = self
                .author_parts
                .iter()
                .map(|&i| cell(i))
                .filter(|p| !p.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        let nickname = opt(self.nickname);
        let email = opt(self.email);
        let author_url = opt(self.author_url);

        let dictionary = self.dictionary.get().map(Vec::as_slice).unwrap_or_default();
        let original = crate::storage::imports::encode_row(record.iter(), dictionary);

        let mut incoming = Incoming {
            line,
            key,
            reference,
            source_id,
            url: opt(self.url),
            title,
            body,
            stakeholder,
            channel,
            submitted_at,
            source_state,
            withdrawn,
            withdrawn_at,
            supports,
            endorsements,
            comments,
            axes,
            author,
            nickname,
            email,
            author_url,
            component_id: decidim_fields.component_id,
            is_amend: decidim_fields.is_amend,
            amends: decidim_fields.amends,
            original,
            content_hash: 0,
            known_new: false,
        };
        incoming.content_hash = self.raw_hash(record);
        Ok(incoming)
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
    /// The row as read, as stored: see [`crate::storage::imports::encode_row`].
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
pub fn axes_in(value: &str) -> Vec<Axis> {
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
pub fn channel_from_source(value: &str) -> Option<Channel> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(s: &str, sep: char) -> Vec<String> {
        s.split(sep).map(str::to_string).collect()
    }

    fn settings() -> Settings {
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
            (Field::Title, "Oggetto della richiesta".into()),
            (Field::Body, "dettagli".into()),
        ];
        let m = Mapping::new("f", "f:1", &h, Format::Generic, &s).unwrap();
        let rec = csv::StringRecord::from(vec!["Titolo", "Testo"]);
        assert_eq!(m.incoming(&rec, 2).unwrap().body, "Testo");
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
