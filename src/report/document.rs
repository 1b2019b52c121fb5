//! The report as one document: a cover, then chapters of sections, paragraphs, lists, tables,
//! charts and project cards. [`super::outline`] builds it once from the gathered data; each
//! renderer (Markdown, HTML, PDF) writes this same outline in its own format, so that every
//! format says the same things in the same order and a new format is a new renderer only.
//!
//! Texts are plain: each renderer escapes them its own way. The one part not held in memory is
//! the table of responses ([`Block::Responses`]): it is streamed from the database while the
//! renderer writes it.

use super::Count;

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    /// A file name or a command.
    Code(String),
    Link(String, Target),
    /// A card's progress (0–100): a bar that reads in black and white, with its value written.
    Bar(u8),
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A project card of chapter 4, by code.
    Card(String),
    /// A suggestion of chapter 3, by reference.
    Suggestion(String),
}

/// A run of inline text.
pub type Inline = Vec<Span>;

/// Plain text as a run.
pub fn text(s: impl Into<String>) -> Inline {
    vec![Span::Text(s.into())]
}

/// `escaped` with the spaces `raw` begins or ends with, which separate it from the next span.
pub fn keep_edges(raw: &str, escaped: String) -> String {
    let lead = if raw.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if raw.ends_with(char::is_whitespace) && !raw.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{escaped}{trail}")
}

#[derive(Debug, Clone)]
pub struct Document {
    /// The document's title (metadata, the HTML title, the running footer).
    pub title: String,
    /// The municipality: the author.
    pub author: String,
    /// What the document is about, for its metadata.
    pub subject: String,
    pub draft: bool,
    pub cover: Cover,
    pub chapters: Vec<Chapter>,
    /// The line at the foot of the document.
    pub colophon: String,
    /// How it was made (see [`super::made`]).
    pub made_by: String,
    /// The date it bears (`YYYY-MM-DD`).
    pub date: String,
}

/// The cover of the annex.
#[derive(Debug, Clone)]
pub struct Cover {
    /// "Allegato A".
    pub annex_label: String,
    /// "alla deliberazione della Giunta comunale n. 12 del 20 gennaio 2022", with blanks while
    /// the act is unknown.
    pub deliberation: String,
    pub municipality: String,
    /// The office that proposes the deliberation, when recorded.
    pub office: Option<String>,
    pub title: String,
    /// "Prato, 20 gennaio 2022".
    pub place_and_date: String,
    /// On a report made again after the closing: that it is a copy, and of what.
    pub copy: Option<String>,
    /// On a draft: the warning, and what is missing before the final report.
    pub draft: Option<DraftNotice>,
    /// For the running header of print formats: the annex label and the act.
    pub running_header: String,
}

#[derive(Debug, Clone)]
pub struct DraftNotice {
    pub warning: String,
    pub heading: String,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Chapter {
    /// The anchor (`esiti`).
    pub id: &'static str,
    /// The number in the index; `None` for the summary before chapter 1.
    pub number: Option<usize>,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Chapter {
    /// "3. Esiti dei contributi", or the bare title of an unnumbered chapter.
    pub fn heading(&self) -> String {
        match self.number {
            Some(n) => format!("{n}. {}", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Inline),
    /// A short description set apart (in italics).
    Note(String),
    /// The heading of a section of the chapter.
    Section {
        id: Option<String>,
        title: String,
    },
    List(Vec<Inline>),
    Table(Table),
    /// A count by value: a table with shares and, when `chart`, a bar chart of it.
    Counts(Counts),
    Card(CardBlock),
    /// The table of responses, streamed: see [`super::Responses`].
    Responses,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub caption: String,
    /// A hint for the HTML's style (`matrix`, `changes`).
    pub class: &'static str,
    pub columns: Vec<Column>,
    /// Each row's first cell heads the row.
    pub rows: Vec<Vec<Inline>>,
    /// A last row of totals, set apart.
    pub total: Option<Vec<Inline>>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
    /// The width in print (`auto`, `1fr`, `2.2cm`).
    pub width: &'static str,
}

impl Column {
    pub fn new(title: &str, width: &'static str) -> Column {
        Column {
            title: title.to_string(),
            numeric: false,
            width,
        }
    }
    pub fn numeric(title: &str) -> Column {
        Column {
            title: title.to_string(),
            numeric: true,
            width: "auto",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Counts {
    /// The anchor of the section (`per-asse`).
    pub id: &'static str,
    pub title: String,
    /// The heading of the first column (`Asse`).
    pub heading: String,
    pub counts: Vec<Count>,
    /// The total shares are of, when it is not the sum (a suggestion counts under each axis).
    pub total: Option<i64>,
    pub note: Option<String>,
    /// Whether a chart adds to the table.
    pub chart: bool,
}

impl Counts {
    /// The chart's text for who cannot see it: every value with its count.
    pub fn alt(&self) -> String {
        let values: Vec<String> = self
            .counts
            .iter()
            .map(|c| format!("{} {}", c.label, super::number(c.count)))
            .collect();
        format!(
            "Grafico a barre, {}: {}.",
            self.title.to_lowercase(),
            values.join("; ")
        )
    }
}

/// A project card: its code and title, then its fields.
#[derive(Debug, Clone)]
pub struct CardBlock {
    pub code: String,
    pub title: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub enum Value {
    Inline(Inline),
    /// A status, shown as a label.
    Status(String),
    /// A longer text whose blank lines separate paragraphs.
    Prose(String),
    List(Vec<Inline>),
}
