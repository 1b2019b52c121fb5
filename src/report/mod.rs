//! The triennial update report: the annex of the Giunta's deliberation.
//!
//! [`gather`] reads everything the report says except the response to each suggestion into a
//! [`Report`]: the cover, the phases, the figures, the cards axis by axis with the suggestions
//! linked to them, what changed since the previous edition and, for a draft, what is missing.
//! The responses are not held in memory: [`Responses::for_each`] streams them from one query
//! ordered by reference, so that a cycle of a million suggestions fits in a few MiB. The
//! renderers (`markdown`, `html`, `json`, `csv`) take both.
//!
//! The report is public: it never reads `suggestion_people` nor `suggestion_sources`, and never
//! prints a suggestion's body. Everything is ordered explicitly, and the only date in it comes
//! from the options or the database, so the same data give the same bytes.

mod census;
pub mod csv;
mod document;
mod gather;
pub mod html;
pub mod implementation;
mod italian;
pub mod json;
pub mod made;
pub mod markdown;
mod outline;
pub mod pdf;
pub mod prose;
mod responses;
pub mod svg;

use anyhow::Result;
use serde::Serialize;

use crate::domain::Cycle;
use crate::domain::{Axis, Card, Channel, Outcome, Stakeholder, Term, Triennium};
use crate::error::usage;
use crate::storage::Handle;
pub use crate::text::{long_date, short_date};
pub use gather::{final_report_blockers, gather};
pub use implementation::{Implementation, ProgressFigure};
pub use italian::*;
pub use prose::CHAPTERS;
pub use responses::Responses;

/// The annexes `--format csv` writes, with what each holds; chapter 7 lists them.
pub const ANNEXES: &[(&str, &str)] = &[
    (
        "esiti-contributi.csv",
        "l'esito di ogni contributo: riferimento, titolo, data, tipologia di soggetto, canale, assi, esito, motivazione, scheda",
    ),
    (
        "schede.csv",
        "le schede progetto dell'Agenda aggiornata, con stato, ufficio, tempi, risorse, riferimenti AgID e contributi collegati",
    ),
    (
        "cifre.csv",
        "la partecipazione in cifre: contributi per asse, tipologia di soggetto, canale ed esito; schede per asse e stato",
    ),
    (
        "stato-attuazione.csv",
        "lo stato di attuazione: per ogni scheda l'avanzamento con la sua data, i traguardi previsti e raggiunti, gli indicatori con valore di partenza, ultima misura e obiettivo",
    ),
];

/// How many references a list of what is missing names before "… e altri N".
const REFERENCES_SHOWN: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A draft: marked BOZZA, lists what is missing, produced whatever the state of the cycle.
    pub draft: bool,
    /// The date the report bears (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The annex label on the cover (default [`DEFAULT_ANNEX_LABEL`]).
    pub annex_label: Option<String>,
}

/// The label of the annex when `--annex-label` is not given.
pub const DEFAULT_ANNEX_LABEL: &str = "Allegato A";

impl Options {
    pub fn annex_label(&self) -> &str {
        self.annex_label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .unwrap_or(DEFAULT_ANNEX_LABEL)
    }
}

/// A value of a closed list with how many times it occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub code: String,
    pub label: String,
    pub count: i64,
}

impl Count {
    fn of<T: Term>(value: T, count: i64) -> Count {
        Count {
            code: value.code().to_string(),
            label: value.label().to_string(),
            count,
        }
    }
    fn other(code: &str, label: &str, count: i64) -> Count {
        Count {
            code: code.to_string(),
            label: label.to_string(),
            count,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseDates {
    pub number: u8,
    pub name: String,
    /// What happens in the phase.
    pub description: String,
    /// `None` when the phase has not begun.
    pub from: Option<String>,
    /// `None` while the phase runs (or has not begun).
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub suggestions: i64,
    pub answered: i64,
    pub unanswered: i64,
    pub untagged: i64,
    pub withdrawn: i64,
    /// Submitted after the collection closed.
    pub late: i64,
    /// A suggestion counts under each of its axes; `senza-asse` counts the untagged ones.
    pub by_axis: Vec<Count>,
    pub by_stakeholder: Vec<Count>,
    pub by_channel: Vec<Count>,
    /// The six outcomes, then `senza-risposta`.
    pub by_outcome: Vec<Count>,
    pub cards: i64,
    pub cards_by_axis: Vec<Count>,
    pub cards_by_status: Vec<Count>,
    /// Cards by axis (rows, in the order of the axes) and status (columns, in glossary order).
    pub cards_by_axis_and_status: Vec<Vec<i64>>,
}

/// A suggestion linked to a card, as chapter 5 lists it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedSuggestion {
    pub reference: String,
    /// Its published title, without personal data.
    pub title: String,
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardEntry {
    #[serde(flatten)]
    pub card: Card,
    pub axis_label: String,
    pub status_label: String,
    /// The budget the Italian way (`€ 45.000,00`).
    pub budget_label: Option<String>,
    pub suggestions: Vec<LinkedSuggestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AxisSection {
    pub axis: Axis,
    pub label: String,
    pub description: String,
    pub cards: Vec<CardEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardRef {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub code: String,
    pub title: String,
    pub from: String,
    pub from_label: String,
    pub to: String,
    pub to_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edited {
    pub code: String,
    pub title: String,
    /// The fields that changed, by their Italian name.
    pub fields: Vec<String>,
}

/// What changed since the previous edition: against the snapshot of the previous cycle, or, for
/// the first edition, as recorded in the cards' history during the cycle.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The triennium of the previous edition; `None` for the first edition.
    pub previous: Option<Triennium>,
    pub new_cards: Vec<CardRef>,
    pub status_changes: Vec<StatusChange>,
    pub concluded: Vec<CardRef>,
    pub removed: Vec<CardRef>,
    pub edited: Vec<Edited>,
}

/// Everything the report says except the response to each suggestion (see [`Responses`]).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub municipality: String,
    pub triennium: Triennium,
    pub title: String,
    pub draft: bool,
    /// The date the report bears.
    pub date: String,
    pub closed: bool,
    pub closed_on: Option<String>,
    pub act: Option<String>,
    /// The date of the act, when it was given with it.
    pub act_date: Option<String>,
    pub phase: u8,
    pub phases: Vec<PhaseDates>,
    pub collection_closed_on: Option<String>,
    /// The channels the suggestions came through, those used only.
    pub channels_used: Vec<Count>,
    pub figures: Figures,
    /// For a draft: what is still missing before the final report, in Italian.
    pub missing: Vec<String>,
    pub axes: Vec<AxisSection>,
    pub changes: Changes,
    pub annexes: Vec<Annex>,
    /// How the report was made (see [`made`]): the stamp every document carries.
    pub made_by: String,
    /// The label of the annex on the cover ("Allegato A").
    pub annex_label: String,
    /// The office that proposes the deliberation, when recorded.
    pub office: Option<String>,
    /// The place the report is signed in: the municipality without "Comune di".
    pub place: String,
    pub participants: Participants,
    /// The cards an accepted suggestion created or changed, with those suggestions.
    pub taken_up: Vec<TakenUp>,
    /// The chapter *Stato di attuazione*: progress, milestones, indicators.
    pub implementation: Implementation,
}

/// How many took part, counted from the personal fields, which the report never prints.
#[derive(Debug, Clone, Serialize)]
pub struct Participants {
    /// Distinct people (by e-mail, else nickname, else name).
    pub distinct: i64,
    /// Suggestions that name nobody.
    pub unnamed: i64,
}

/// A card that an accepted (or partly accepted) suggestion went into.
#[derive(Debug, Clone, Serialize)]
pub struct TakenUp {
    pub code: String,
    pub title: String,
    /// The suggestions accepted into it, by reference.
    pub references: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    pub file: String,
    pub description: String,
}

/// The response to one suggestion, as chapter 4 and the annex give it. No personal data: the
/// suggestion is named by its reference, title, stakeholder type and channel.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseRow {
    pub reference: String,
    pub title: String,
    /// The date it was submitted (`YYYY-MM-DD`), when the source gives it.
    pub submitted_on: Option<String>,
    pub stakeholder: Stakeholder,
    pub channel: Channel,
    pub withdrawn: bool,
    pub axes: Vec<Axis>,
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    /// The card the response names.
    pub card: Option<String>,
    /// The suggestion it duplicates, by reference.
    pub duplicate_of: Option<String>,
    /// Every card the suggestion is linked to.
    pub linked_cards: Vec<String>,
    /// For a suggestion accepted (accolto, parzialmente accolto, già previsto) with a card: that
    /// card's progress, `None` when it has none (or the suggestion was not accepted).
    pub card_progress: Option<ProgressFigure>,
    /// Its page on the platform (`http` or `https` only).
    pub url: Option<String>,
    /// Submitted after the collection closed.
    pub late: bool,
    /// The group it is listed under in chapter 3: its first axis (`None`: untagged), and the
    /// group's place among the groups, counted from 0 (chapter 3 only: not in the data).
    #[serde(skip)]
    pub group: Option<Axis>,
    #[serde(skip)]
    pub group_index: usize,
    /// The first row of its group: the renderers open the group's heading and table here.
    #[serde(skip)]
    pub first_of_group: bool,
}

impl ResponseRow {
    pub fn axes_label(&self, separator: &str) -> String {
        self.axes
            .iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join(separator)
    }
    pub fn outcome_label(&self) -> &'static str {
        self.outcome.map(|o| o.label()).unwrap_or("senza risposta")
    }
    /// The card column: the card the response names, else the suggestion duplicated, else the
    /// linked cards, else a dash.
    pub fn card_label(&self) -> String {
        if let Some(card) = &self.card {
            return card.clone();
        }
        if let Some(d) = &self.duplicate_of {
            return format!("duplicato di {d}");
        }
        if self.linked_cards.is_empty() {
            return "–".to_string();
        }
        self.linked_cards.join(", ")
    }

    /// Whether its response accepts it with a card, whose progress chapter 3 then gives.
    pub fn accepted_with_card(&self) -> bool {
        self.card.is_some()
            && matches!(
                self.outcome,
                Some(Outcome::Accolto | Outcome::ParzialmenteAccolto | Outcome::GiaPrevisto)
            )
    }

    /// The progress of the card that accepted it, in words ("avanzamento 40%", "nessun
    /// avanzamento registrato"); `None` when the response accepts it with no card.
    pub fn card_progress_label(&self) -> Option<String> {
        if !self.accepted_with_card() {
            return None;
        }
        Some(match &self.card_progress {
            Some(p) => format!("avanzamento {}", progress_label(p.percent)),
            None => NO_PROGRESS.to_string(),
        })
    }

    /// The day it was submitted, `12/10/2021`, or a dash.
    pub fn date_label(&self) -> String {
        self.submitted_on
            .as_deref()
            .map(short_date)
            .unwrap_or_else(|| "–".to_string())
    }

    /// What chapter 3 adds to the title: withdrawn, late, the axes after the first.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.withdrawn {
            notes.push("ritirato dal proponente".to_string());
        }
        if self.late {
            notes.push("pervenuto dopo la chiusura della raccolta".to_string());
        }
        if self.axes.len() > 1 {
            let others: Vec<&str> = self.axes[1..].iter().map(|a| a.label()).collect();
            notes.push(format!("anche: {}", others.join(", ")));
        }
        notes
    }

    /// The heading of its group in chapter 3.
    pub fn group_title(&self) -> String {
        match self.group {
            Some(axis) => format!("Asse: {}", axis.label()),
            None => "Contributi senza asse tematico".to_string(),
        }
    }

    /// The anchor of its group in chapter 3.
    pub fn group_id(&self) -> String {
        match self.group {
            Some(axis) => format!("esiti-{}", axis.code()),
            None => "esiti-senza-asse".to_string(),
        }
    }
}

/// The report's data and the stream of its responses.
pub struct Gathered<'c> {
    pub report: Report,
    pub responses: Responses<'c>,
}

/// The formats of the report: documents (one file or standard output) and the CSV annexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Csv,
    Pdf,
}

/// Writes the report as one document (Markdown, HTML or JSON) to `out`.
pub fn write_document(g: &Gathered, format: Format, out: &mut dyn std::io::Write) -> Result<()> {
    match format {
        Format::Markdown => markdown::write(g, out),
        Format::Html => html::write(g, out),
        Format::Json => json::write(g, out),
        Format::Pdf => pdf::write(g, out),
        Format::Csv => Err(usage(t!("report-csv-needs-out")).into()),
    }
}

/// Makes the report of `cycle` as one document in memory: what [`write_document`] would write.
pub fn render(conn: &Handle, cycle: &Cycle, options: &Options, format: Format) -> Result<Vec<u8>> {
    let gathered = gather(conn, cycle, options)?;
    let mut bytes = Vec::new();
    write_document(&gathered, format, &mut bytes)?;
    Ok(bytes)
}

/// Makes the CSV annexes of `cycle` in memory: each file's name and bytes.
pub fn render_annexes(
    conn: &Handle,
    cycle: &Cycle,
    options: &Options,
    flavour: csv::Flavour,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let gathered = gather(conn, cycle, options)?;
    csv::annexes()
        .into_iter()
        .map(|(name, writer)| {
            let mut bytes = Vec::new();
            writer(&gathered, flavour, &mut bytes)?;
            Ok((name, bytes))
        })
        .collect()
}

/// Writes a file whole or not at all (see [`crate::outfile::write_streamed`]).
pub fn write_file(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    crate::outfile::write_streamed(path, write)
}

/// Writes the CSV annexes into `dir` (created if missing); returns their paths.
pub fn write_annexes(
    g: &Gathered,
    flavour: csv::Flavour,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>> {
    use anyhow::Context as _;
    if dir.is_file() {
        return Err(usage(t!(
            "report-csv-out-is-file",
            path = dir.display().to_string()
        ))
        .into());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| t!("app-creating", path = dir.display().to_string()))?;
    let mut written = Vec::new();
    for (name, writer) in csv::annexes() {
        let path = dir.join(name);
        write_file(&path, |out| writer(g, flavour, out))?;
        written.push(path);
    }
    Ok(written)
}
