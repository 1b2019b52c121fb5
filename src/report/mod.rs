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
pub mod html;
pub mod json;
pub mod made;
pub mod markdown;
mod outline;
pub mod pdf;
pub mod svg;

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use crate::domain::card::{format_euro, YearMonth};
use crate::domain::Cycle;
use crate::domain::{
    Axis, Card, CardStatus, Channel, Outcome, Phase, Stakeholder, Term, Triennium,
};
use crate::error::{refused, usage};
use crate::process;
use crate::storage::cycles;
use crate::storage::report::{self as store, StoredResponse, CARD_SEPARATOR};
use crate::storage::{settings, Handle};
pub use crate::text::{long_date, short_date};

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

/// The responses of a cycle, streamed from the database in the order of their references.
pub struct Responses<'c> {
    conn: &'c Handle,
    cycle_id: i64,
    /// After this day a suggestion is late.
    collection_closed_on: Option<String>,
}

/// Turns one response into the bytes of a document: a row of a table.
pub type RenderRow = fn(&ResponseRow, &mut Vec<u8>) -> std::io::Result<()>;

impl Responses<'_> {
    /// Calls `f` with each response in turn, in the order of their references (the data for
    /// other tools); returns how many there were.
    pub fn for_each(&self, mut f: impl FnMut(&ResponseRow) -> Result<()>) -> Result<u64> {
        self.each(false, |row| f(&row))
    }

    /// Calls `f` with each response grouped as chapter 3 lists them (see [`ResponseRow::group`]).
    pub fn for_each_grouped(&self, mut f: impl FnMut(&ResponseRow) -> Result<()>) -> Result<u64> {
        self.each(true, |row| f(&row))
    }

    /// Writes every response to `out` as `render` makes it, grouped as chapter 3 lists them;
    /// returns how many there
    /// were. A second thread escapes and formats the rows while this one reads them: on a
    /// million suggestions each side is about half the work. Memory stays bounded: a few
    /// groups of rows are in flight at a time.
    pub fn render(&self, out: &mut dyn std::io::Write, render: RenderRow) -> Result<u64> {
        const GROUP: usize = 512;
        let (rows_tx, rows_rx) = std::sync::mpsc::sync_channel::<Vec<ResponseRow>>(4);
        // Unbounded, but never long: this thread drains it after each group it sends.
        let (bytes_tx, bytes_rx) = std::sync::mpsc::channel::<std::io::Result<Vec<u8>>>();
        std::thread::scope(|scope| -> Result<u64> {
            scope.spawn(move || {
                for group in rows_rx {
                    let mut bytes = Vec::with_capacity(group.len() * 256);
                    let rendered = group
                        .iter()
                        .try_for_each(|row| render(row, &mut bytes))
                        .map(|()| bytes);
                    if bytes_tx.send(rendered).is_err() {
                        break;
                    }
                }
            });
            let mut write = |bytes: std::io::Result<Vec<u8>>| -> Result<()> {
                out.write_all(&bytes?)?;
                Ok(())
            };
            let mut group = Vec::with_capacity(GROUP);
            let n = self.each(true, |row| {
                group.push(row);
                if group.len() == GROUP {
                    let full = std::mem::replace(&mut group, Vec::with_capacity(GROUP));
                    rows_tx
                        .send(full)
                        .map_err(|_| anyhow::anyhow!("the thread writing the report stopped"))?;
                    while let Ok(bytes) = bytes_rx.try_recv() {
                        write(bytes)?;
                    }
                }
                Ok(())
            })?;
            if !group.is_empty() {
                rows_tx
                    .send(group)
                    .map_err(|_| anyhow::anyhow!("the thread writing the report stopped"))?;
            }
            drop(rows_tx);
            for bytes in bytes_rx.iter() {
                write(bytes)?;
            }
            Ok(n)
        })
    }

    /// Calls `f` with each response in turn, owned, marked with its group and whether it came
    /// late; returns how many there were.
    fn each(&self, by_axis: bool, mut f: impl FnMut(ResponseRow) -> Result<()>) -> Result<u64> {
        let mut previous: Option<Option<Axis>> = None;
        let mut group_index = 0;
        store::for_each_response(self.conn, self.cycle_id, by_axis, |stored| {
            let mut row = published(stored);
            row.late = match (&self.collection_closed_on, &row.submitted_on) {
                (Some(closed), Some(on)) => on.as_str() > closed.as_str(),
                _ => false,
            };
            row.group = row.axes.first().copied();
            match previous {
                Some(group) if group == row.group => {}
                Some(_) => {
                    group_index += 1;
                    row.first_of_group = true;
                }
                None => row.first_of_group = true,
            }
            previous = Some(row.group);
            row.group_index = group_index;
            f(row)
        })
    }
}

/// A response as the report publishes it: the title and the reason without personal data, the
/// axes in their order and the card codes sorted.
fn published(stored: StoredResponse) -> ResponseRow {
    let names = crate::redact::names(&stored.people);
    ResponseRow {
        reference: stored.reference,
        title: crate::redact::redact(&stored.title, &names).text,
        submitted_on: stored.submitted_on.filter(|d| !d.is_empty()),
        stakeholder: Stakeholder::from_code(&stored.stakeholder).unwrap_or(Stakeholder::Altro),
        channel: Channel::from_code(&stored.channel).unwrap_or(Channel::Altro),
        withdrawn: stored.withdrawn,
        // Sorted here, in the order of the axes and of the card codes: a sort per row in SQL
        // cost a fifth of the report.
        axes: stored
            .axes
            .map(|a| {
                let mut axes: Vec<Axis> = a.split(',').filter_map(Axis::from_code).collect();
                axes.sort_by_key(|a| Axis::ALL.iter().position(|x| x == a));
                axes
            })
            .unwrap_or_default(),
        outcome: stored.outcome.as_deref().and_then(Outcome::from_code),
        reason: stored
            .reason
            .map(|r| crate::redact::redact(&r, &names).text),
        card: stored.card,
        duplicate_of: stored.duplicate_of,
        linked_cards: stored
            .linked_cards
            .map(|l| {
                let mut codes: Vec<String> = l.split(CARD_SEPARATOR).map(str::to_string).collect();
                codes.sort();
                codes
            })
            .unwrap_or_default(),
        url: stored
            .url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .filter(|u| !u.chars().any(|c| c.is_whitespace() || c.is_control())),
        late: false,
        group: None,
        group_index: 0,
        first_of_group: false,
    }
}

/// The report's data and the stream of its responses.
pub struct Gathered<'c> {
    pub report: Report,
    pub responses: Responses<'c>,
}

/// What stands between a cycle and its final report dated `date`, in English for the refusal;
/// empty when the final report can be produced: every suggestion has a response and an axis,
/// none is dated after `date`, and the cycle is closed or in Fase 3 (it will be closed with the
/// act the report goes with).
pub fn final_report_blockers(conn: &Handle, cycle: &Cycle, date: &str) -> Result<Vec<String>> {
    let mut blockers = Vec::new();
    if !cycle.is_closed() && cycle.phase != Phase::Aggiornamento {
        blockers.push(format!(
            "the cycle is in {}: the final report comes in Fase 3, once the collection has closed",
            cycle.phase.label()
        ));
    }
    let unanswered = crate::storage::suggestions::unanswered(conn, cycle.id, REFERENCES_SHOWN)?;
    if unanswered.count > 0 {
        blockers.push(unanswered.sentence());
    }
    let untagged = crate::storage::suggestions::untagged(conn, cycle.id, REFERENCES_SHOWN)?;
    if untagged.count > 0 {
        blockers.push(untagged.sentence());
    }
    let dated = crate::storage::suggestions::dated_after(conn, cycle.id, date, REFERENCES_SHOWN)?;
    if dated.count > 0 {
        blockers.push(dated.sentence("the date of the report"));
    }
    Ok(blockers)
}

/// Gathers the report of a cycle. Without `draft` it refuses (exit 4) unless the closing guards
/// are met (see [`final_report_blockers`]), and needs a date: `--date`, or the date the cycle
/// closed. A draft without either bears today's date.
pub fn gather<'c>(conn: &'c Handle, cycle: &Cycle, options: &Options) -> Result<Gathered<'c>> {
    let date = match (&options.date, &cycle.closed_on) {
        (Some(d), _) => d.clone(),
        (None, Some(closed_on)) => closed_on.clone(),
        (None, None) if options.draft => crate::context::today(),
        (None, None) => {
            return Err(usage(format!(
                "the final report of the open cycle {} needs the date it bears: --date YYYY-MM-DD",
                cycle.triennium
            ))
            .hint("the date is not taken from the clock, so that the same data give the same report; a closed cycle's report bears the date it closed")
            .into())
        }
    };
    if !options.draft {
        let blockers = final_report_blockers(conn, cycle, &date)?;
        if !blockers.is_empty() {
            return Err(refused(format!(
                "the final report of the cycle {} cannot be produced yet: {}",
                cycle.triennium,
                blockers.join("; ")
            ))
            .hint("record what is missing (`agenda phase` says what is left), or write a draft with --draft: it is marked BOZZA and lists what is missing")
            .into());
        }
    }
    let municipality = settings::get(conn, "municipality")
        .ok()
        .flatten()
        .unwrap_or_else(|| process::DEFAULT_MUNICIPALITY.to_string());
    let periods = cycles::phase_periods(conn, cycle)?;
    let collection_closed_on = crate::domain::closed_collection(&periods);
    let phases = phase_dates(&periods);
    // The cards are the office's own texts, but they are published too: what the scan finds
    // in them (an e-mail or a phone number typed into a description) is left out as well.
    let cards: Vec<Card> = crate::storage::cards_of_cycle(conn, cycle)?
        .into_iter()
        .map(redact_card)
        .collect();
    let census = census::take(
        conn,
        cycle.id,
        collection_closed_on.as_deref(),
        REFERENCES_SHOWN,
    )?;
    let figures = figures(&census, &cards);
    let links = linked_suggestions(conn, cycle)?;
    let axes = axis_sections(&cards, links);
    let changes = changes(conn, cycle, &cards)?;
    let missing = if options.draft {
        let mut missing = missing(cycle, &census, &cards);
        let redacted = crate::storage::redactions::of_cycle(conn, cycle.id)?;
        if !redacted.is_empty() {
            missing.push(redactions_sentence(&redacted));
        }
        missing
    } else {
        Vec::new()
    };
    let channels_used = figures
        .by_channel
        .iter()
        .filter(|c| c.count > 0)
        .cloned()
        .collect();
    let made_by = made::Made::now(cycle.triennium, &date, options).line();
    let (distinct, unnamed) = store::participants(conn, cycle.id)?;
    let taken_up = taken_up(&axes);
    let office = settings::get(conn, "office")
        .ok()
        .flatten()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    let report = Report {
        made_by,
        annex_label: options.annex_label().to_string(),
        office,
        place: municipality
            .strip_prefix("Comune di ")
            .unwrap_or(&municipality)
            .to_string(),
        participants: Participants { distinct, unnamed },
        taken_up,
        title: format!(
            "Relazione di aggiornamento dell’Agenda Digitale – triennio {}",
            cycle.triennium
        ),
        municipality,
        triennium: cycle.triennium,
        draft: options.draft,
        date,
        closed: cycle.is_closed(),
        closed_on: cycle.closed_on.clone(),
        act: cycle.act.clone(),
        act_date: cycle.act_date.clone(),
        phase: cycle.phase.number(),
        phases,
        collection_closed_on,
        channels_used,
        figures,
        missing,
        axes,
        changes,
        annexes: ANNEXES
            .iter()
            .map(|(file, description)| Annex {
                file: file.to_string(),
                description: description.to_string(),
            })
            .collect(),
    };
    Ok(Gathered {
        responses: Responses {
            conn,
            cycle_id: cycle.id,
            collection_closed_on: report.collection_closed_on.clone(),
        },
        report,
    })
}

/// The cards an accepted or partly accepted suggestion went into, in the order of the axes.
fn taken_up(axes: &[AxisSection]) -> Vec<TakenUp> {
    axes.iter()
        .flat_map(|section| &section.cards)
        .filter_map(|entry| {
            let references: Vec<String> = entry
                .suggestions
                .iter()
                .filter(|s| {
                    s.outcome
                        .as_deref()
                        .and_then(Outcome::from_code)
                        .is_some_and(|o| {
                            matches!(o, Outcome::Accolto | Outcome::ParzialmenteAccolto)
                        })
                })
                .map(|s| s.reference.clone())
                .collect();
            (!references.is_empty()).then(|| TakenUp {
                code: entry.card.code.clone(),
                title: entry.card.title.clone(),
                references,
            })
        })
        .collect()
}

fn phase_description(phase: Phase) -> &'static str {
    match phase {
        Phase::Presentazione => {
            "presentazione dell'iniziativa e dell'Agenda Digitale in vigore alla città"
        }
        Phase::Ascolto => {
            "raccolta dei contributi di cittadini, imprese, associazioni, enti e di ogni altro portatore di interesse"
        }
        Phase::Aggiornamento => {
            "aggiornamento dell'Agenda per il triennio e restituzione: risposta motivata a ogni contributo"
        }
    }
}

fn phase_dates(periods: &[crate::domain::PhasePeriod]) -> Vec<PhaseDates> {
    [Phase::Presentazione, Phase::Ascolto, Phase::Aggiornamento]
        .into_iter()
        .map(|phase| {
            let period = periods.iter().find(|p| p.phase == phase);
            PhaseDates {
                number: phase.number(),
                name: phase.label().to_string(),
                description: phase_description(phase).to_string(),
                from: period.map(|p| p.from.clone()),
                to: period.and_then(|p| p.to.clone()),
            }
        })
        .collect()
}

fn counts<T: Term>(map: &BTreeMap<String, i64>) -> Vec<Count> {
    T::ALL
        .iter()
        .map(|v| Count::of(*v, map.get(v.code()).copied().unwrap_or(0)))
        .collect()
}

fn figures(census: &census::Census, cards: &[Card]) -> Figures {
    let mut by_axis = counts::<Axis>(&census.axes);
    by_axis.push(Count::other("senza-asse", "senza asse", census.untagged));
    let by_stakeholder = counts::<Stakeholder>(&census.stakeholders);
    let by_channel = counts::<Channel>(&census.channels);
    let mut by_outcome = counts::<Outcome>(&census.outcomes);
    by_outcome.push(Count::other(
        "senza-risposta",
        "senza risposta",
        census.unanswered,
    ));
    let cards_by_axis = Axis::ALL
        .iter()
        .map(|a| Count::of(*a, cards.iter().filter(|c| c.axis == *a).count() as i64))
        .collect();
    let cards_by_status = CardStatus::ALL
        .iter()
        .map(|s| Count::of(*s, cards.iter().filter(|c| c.status == *s).count() as i64))
        .collect();
    let cards_by_axis_and_status = Axis::ALL
        .iter()
        .map(|a| {
            CardStatus::ALL
                .iter()
                .map(|s| {
                    cards
                        .iter()
                        .filter(|c| c.axis == *a && c.status == *s)
                        .count() as i64
                })
                .collect()
        })
        .collect();
    Figures {
        suggestions: census.suggestions,
        answered: census.suggestions - census.unanswered,
        unanswered: census.unanswered,
        untagged: census.untagged,
        withdrawn: census.withdrawn,
        late: census.late,
        by_axis,
        by_stakeholder,
        by_channel,
        by_outcome,
        cards: cards.len() as i64,
        cards_by_axis,
        cards_by_status,
        cards_by_axis_and_status,
    }
}

/// The suggestions of the cycle linked to each card (by a link or by the response in force),
/// by card code, in the order of their references.
fn linked_suggestions(
    conn: &Handle,
    cycle: &Cycle,
) -> Result<BTreeMap<String, Vec<LinkedSuggestion>>> {
    let mut out: BTreeMap<String, Vec<LinkedSuggestion>> = BTreeMap::new();
    for link in store::card_links(conn, cycle.id)? {
        let names = crate::redact::names(&link.people);
        out.entry(link.card).or_default().push(LinkedSuggestion {
            title: crate::redact::redact(&link.title, &names).text,
            reference: link.reference,
            outcome_label: link
                .outcome
                .as_deref()
                .and_then(Outcome::from_code)
                .map(|o| o.label().to_string()),
            outcome: link.outcome,
        });
    }
    Ok(out)
}

fn axis_sections(
    cards: &[Card],
    mut links: BTreeMap<String, Vec<LinkedSuggestion>>,
) -> Vec<AxisSection> {
    Axis::ALL
        .iter()
        .map(|axis| AxisSection {
            axis: *axis,
            label: axis.label().to_string(),
            description: axis.description().to_string(),
            cards: cards
                .iter()
                .filter(|c| c.axis == *axis)
                .map(|c| CardEntry {
                    axis_label: c.axis.label().to_string(),
                    status_label: c.status.label().to_string(),
                    budget_label: c.budget.map(format_euro),
                    suggestions: links.remove(&c.code).unwrap_or_default(),
                    card: c.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The Italian name of a card field, as chapter 6 names what changed.
pub fn field_label(field: &str) -> &str {
    match field {
        "code" => "codice",
        "title" => "titolo",
        "axis" => "asse",
        "status" => "stato",
        "description" => "descrizione",
        "objectives" => "obiettivi",
        "office" => "ufficio",
        "partners" => "partner",
        "start" => "inizio",
        "end" => "fine",
        "budget" => "risorse",
        "funding" => "finanziamento",
        "agid_refs" => "riferimenti AgID",
        "indicators" => "indicatori",
        other => other,
    }
}

fn card_ref(card: &Card) -> CardRef {
    CardRef {
        code: card.code.clone(),
        title: card.title.clone(),
    }
}

fn status_change(card: &Card, from: CardStatus, to: CardStatus) -> StatusChange {
    StatusChange {
        code: card.code.clone(),
        title: card.title.clone(),
        from: from.code().to_string(),
        from_label: from.label().to_string(),
        to: to.code().to_string(),
        to_label: to.label().to_string(),
    }
}

/// The closed cycle before this one, if any.
fn previous_cycle(conn: &Handle, cycle: &Cycle) -> Result<Option<Cycle>> {
    Ok(cycles::all(conn)?
        .into_iter()
        .rfind(|c| c.triennium < cycle.triennium && c.is_closed()))
}

fn changes(conn: &Handle, cycle: &Cycle, cards: &[Card]) -> Result<Changes> {
    let mut changes = Changes {
        previous: None,
        new_cards: Vec::new(),
        status_changes: Vec::new(),
        concluded: Vec::new(),
        removed: Vec::new(),
        edited: Vec::new(),
    };
    if let Some(previous) = previous_cycle(conn, cycle)? {
        changes.previous = Some(previous.triennium);
        let before = crate::storage::cards_of_cycle(conn, &previous)?;
        let before: BTreeMap<&str, &Card> = before.iter().map(|c| (c.code.as_str(), c)).collect();
        for card in cards {
            match before.get(card.code.as_str()) {
                None => {
                    changes.new_cards.push(card_ref(card));
                    if card.status == CardStatus::Conclusa {
                        changes.concluded.push(card_ref(card));
                    }
                }
                Some(old) => {
                    if old.status != card.status {
                        changes
                            .status_changes
                            .push(status_change(card, old.status, card.status));
                        if card.status == CardStatus::Conclusa {
                            changes.concluded.push(card_ref(card));
                        }
                    }
                    let fields: Vec<String> = card
                        .changes_from(old)
                        .into_iter()
                        .filter(|c| c.field != "status")
                        .map(|c| field_label(c.field).to_string())
                        .collect();
                    if !fields.is_empty() {
                        changes.edited.push(Edited {
                            code: card.code.clone(),
                            title: card.title.clone(),
                            fields,
                        });
                    }
                }
            }
        }
        let now: std::collections::BTreeSet<&str> = cards.iter().map(|c| c.code.as_str()).collect();
        for (code, card) in &before {
            if !now.contains(code) {
                changes.removed.push(card_ref(card));
            }
        }
        return Ok(changes);
    }
    // The first edition: what the cards' history recorded during the cycle.
    let by_code: BTreeMap<&str, &Card> = cards.iter().map(|c| (c.code.as_str(), c)).collect();
    // code → (first old status, last new status); code → fields edited, in order.
    let mut statuses: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut created: Vec<String> = Vec::new();
    let mut edited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for change in store::card_changes(conn, cycle.id)? {
        let store::CardChange {
            code,
            field,
            old_value: old,
            new_value: new,
        } = change;
        match field.as_str() {
            "created" => {
                if !created.contains(&code) {
                    created.push(code)
                }
            }
            "status" => {
                let entry = statuses
                    .entry(code)
                    .or_insert_with(|| (old.clone().unwrap_or_default(), String::new()));
                entry.1 = new.unwrap_or_default();
            }
            _ => {
                let label = field_label(&field).to_string();
                let fields = edited.entry(code).or_default();
                if !fields.contains(&label) {
                    fields.push(label);
                }
            }
        }
    }
    for card in cards {
        if created.contains(&card.code) {
            changes.new_cards.push(card_ref(card));
        }
        if card.status == CardStatus::Conclusa {
            changes.concluded.push(card_ref(card));
        }
    }
    for (code, (from, to)) in statuses {
        let (Some(card), Some(from), Some(to)) = (
            by_code.get(code.as_str()),
            CardStatus::from_code(&from),
            CardStatus::from_code(&to),
        ) else {
            continue;
        };
        if from != to {
            changes.status_changes.push(status_change(card, from, to));
        }
    }
    for card in cards {
        if let Some(fields) = edited.remove(&card.code) {
            // A card new in this cycle is listed as new; its edits are part of its writing.
            if !created.contains(&card.code) {
                changes.edited.push(Edited {
                    code: card.code.clone(),
                    title: card.title.clone(),
                    fields,
                });
            }
        }
    }
    Ok(changes)
}

/// What a draft still lacks before the final report, in Italian.
/// A card with what the scan for personal data finds in its texts replaced by `[omissis]`.
fn redact_card(mut card: Card) -> Card {
    let clean = |t: &mut String| *t = crate::redact::redact(t, &[]).text;
    for text in [
        &mut card.title,
        &mut card.description,
        &mut card.objectives,
        &mut card.office,
        &mut card.partners,
        &mut card.funding,
    ] {
        clean(text);
    }
    card.agid_refs.iter_mut().for_each(clean);
    card.indicators.iter_mut().for_each(clean);
    card
}

/// The draft's line on the suggestions whose title or reason held personal data, so that staff
/// can write a proper title (`agenda suggestion retitle`) or reason.
fn redactions_sentence(redacted: &[crate::storage::redactions::Redaction]) -> String {
    let shown: Vec<String> = redacted
        .iter()
        .take(REFERENCES_SHOWN)
        .map(|r| {
            let mut kinds: Vec<&str> = r.title.iter().chain(&r.reason).map(|d| d.label()).collect();
            kinds.sort();
            kinds.dedup();
            let place = match (r.title.is_empty(), r.reason.is_empty()) {
                (false, true) => "titolo",
                (true, false) => "motivazione",
                _ => "titolo e motivazione",
            };
            format!("{} ({place}: {})", r.reference, kinds.join(", "))
        })
        .collect();
    format!(
        "{} con dati personali nel titolo o nella motivazione, sostituiti da {} in questo documento: {}{}; scrivere un titolo adatto con `agenda suggestion retitle` o correggere la motivazione",
        contributi(redacted.len() as i64),
        crate::redact::OMISSIS,
        shown.join(", "),
        and_more(redacted.len() as i64 - shown.len() as i64)
    )
}

fn missing(cycle: &Cycle, census: &census::Census, cards: &[Card]) -> Vec<String> {
    let mut out = Vec::new();
    if !cycle.is_closed() && cycle.phase != Phase::Aggiornamento {
        out.push(format!(
            "il ciclo è ancora in {}: la relazione definitiva si redige in Fase 3, chiusa la raccolta dei contributi",
            cycle.phase.label()
        ));
    }
    if census.unanswered > 0 {
        let shown = &census.first_unanswered;
        out.push(format!(
            "{} senza risposta: {}{}",
            contributi(census.unanswered),
            shown.join(", "),
            and_more(census.unanswered - shown.len() as i64)
        ));
    }
    if census.untagged > 0 {
        let shown = &census.first_untagged;
        out.push(format!(
            "{} senza asse tematico: {}{}",
            contributi(census.untagged),
            shown.join(", "),
            and_more(census.untagged - shown.len() as i64)
        ));
    }
    let no_office: Vec<&str> = cards
        .iter()
        .filter(|c| c.office.trim().is_empty())
        .map(|c| c.code.as_str())
        .collect();
    if !no_office.is_empty() {
        out.push(format!(
            "{} senza ufficio responsabile: {}",
            if no_office.len() == 1 {
                "1 scheda".to_string()
            } else {
                format!("{} schede", no_office.len())
            },
            no_office.join(", ")
        ));
    }
    if cycle.act.is_none() {
        out.push(
            "l'atto di approvazione: la deliberazione della Giunta comunale (numero e data)"
                .to_string(),
        );
    }
    out
}

fn contributi(n: i64) -> String {
    contributi_label(n)
}

fn and_more(n: i64) -> String {
    if n > 0 {
        format!(" e altri {}", number(n))
    } else {
        String::new()
    }
}

/// `2022-03` → `marzo 2022`.
pub fn month_label(m: YearMonth) -> String {
    format!(
        "{} {}",
        crate::text::MONTHS[(m.month as usize).clamp(1, 12) - 1],
        m.year
    )
}

/// The timing of a card in words: "da marzo 2021 a dicembre 2022", "da definire".
pub fn timing_label(card: &Card) -> String {
    match (card.start, card.end) {
        (Some(s), Some(e)) => format!("da {} a {}", month_label(s), month_label(e)),
        (Some(s), None) => format!("da {}", month_label(s)),
        (None, Some(e)) => format!("entro {}", month_label(e)),
        (None, None) => "da definire".to_string(),
    }
}

/// A share in tenths of a percent, the Italian way: `12,5%`. Integer arithmetic, so that it
/// rounds the same everywhere.
pub fn percent(n: i64, total: i64) -> String {
    if total <= 0 {
        return "–".to_string();
    }
    let tenths = (n * 1000 + total / 2) / total;
    format!("{},{}%", tenths / 10, tenths % 10)
}

/// A count the Italian way: `1.234.567`.
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// "1 contributo", "12 contributi".
pub fn contributi_label(n: i64) -> String {
    if n == 1 {
        "1 contributo".to_string()
    } else {
        format!("{} contributi", number(n))
    }
}

/// The phase dates in words: "dal 15 settembre 2021 al 1° ottobre 2021", "non ancora avviata".
pub fn period_label(phase: &PhaseDates) -> String {
    match (&phase.from, &phase.to) {
        (Some(f), Some(t)) => format!("dal {} al {}", long_date(f), long_date(t)),
        (Some(f), None) => format!("dal {} (in corso)", long_date(f)),
        _ => "non ancora avviata".to_string(),
    }
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
        Format::Csv => {
            Err(usage("the CSV annexes are several files: write them with --out DIR").into())
        }
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
        return Err(usage(format!(
            "{} is a file: --format csv writes several files, so --out names a folder",
            dir.display()
        ))
        .into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, writer) in csv::annexes() {
        let path = dir.join(name);
        write_file(&path, |out| writer(g, flavour, out))?;
        written.push(path);
    }
    Ok(written)
}

/// The chapters after the cover: anchor and title.
pub const CHAPTERS: [(&str, &str); 6] = [
    ("processo", "Il processo partecipativo"),
    ("cifre", "La partecipazione in cifre"),
    ("esiti", "Esiti dei contributi"),
    ("agenda", "L'Agenda aggiornata"),
    (
        "modifiche",
        "Cosa è cambiato rispetto all'edizione precedente",
    ),
    ("allegati", "Allegati"),
];

/// The sentences the renderers share, so that every format says the same. Plain text: the
/// renderers escape them like any other text.
pub mod prose {
    use super::*;

    pub const DRAFT: &str =
        "BOZZA – documento di lavoro, non approvato: i contenuti possono ancora cambiare.";
    pub const DRAFT_MISSING: &str = "Bozza: cosa manca per la versione definitiva";

    pub fn process_intro(r: &Report) -> String {
        format!(
            "L'Agenda Digitale del {} si aggiorna ogni anno con un processo partecipativo permanente, in tre fasi. Questa relazione rende conto del ciclo del triennio {}.",
            r.municipality, r.triennium
        )
    }

    pub fn channels_intro(r: &Report) -> String {
        let channels: Vec<String> = r
            .channels_used
            .iter()
            .map(|c| format!("{} ({})", c.label, number(c.count)))
            .collect();
        let mut s = if channels.is_empty() {
            "Non sono pervenuti contributi.".to_string()
        } else {
            format!(
                "Sono pervenuti {} attraverso {}: {}.",
                contributi_label(r.figures.suggestions),
                if channels.len() == 1 {
                    "un canale".to_string()
                } else {
                    format!("{} canali", channels.len())
                },
                channels.join(", ")
            )
        };
        if let (Some(on), true) = (&r.collection_closed_on, r.figures.late > 0) {
            s.push_str(&format!(
                " La raccolta si è chiusa il {}; {} dopo la chiusura.",
                long_date(on),
                if r.figures.late == 1 {
                    "1 contributo è pervenuto".to_string()
                } else {
                    format!("{} sono pervenuti", contributi_label(r.figures.late))
                }
            ));
        }
        s
    }

    pub fn figures_intro(r: &Report) -> String {
        let f = &r.figures;
        let mut s = format!(
            "Nel ciclo {} sono pervenuti {}",
            r.triennium,
            contributi_label(f.suggestions)
        );
        if f.withdrawn > 0 {
            s.push_str(&format!(
                " ({} poi dai proponenti)",
                if f.withdrawn == 1 {
                    "1 ritirato".to_string()
                } else {
                    format!("{} ritirati", number(f.withdrawn))
                }
            ));
        }
        s.push_str(&format!(
            "; {} hanno ricevuto una risposta motivata",
            number(f.answered)
        ));
        if f.unanswered > 0 {
            s.push_str(&format!(
                ", {} sono ancora senza risposta",
                number(f.unanswered)
            ));
        }
        s.push_str(&format!(
            ". L'Agenda conta {} schede progetto.",
            number(f.cards)
        ));
        s
    }

    pub const AXES_NOTE: &str =
        "Un contributo può riguardare più assi: la somma per asse può superare il totale.";

    pub const RESPONSES_INTRO: &str = "I contributi sono raggruppati per asse tematico: un contributo che riguarda più assi compare sotto il primo, con gli altri indicati. In ogni asse sono ordinati per riferimento; per ciascuno sono indicati la data di invio e il canale, il titolo, l'esito, la motivazione e la scheda progetto che lo riguarda. Il riferimento di un contributo della piattaforma rimanda alla sua pagina. I dati personali dei proponenti non sono pubblicati.";

    pub fn agenda_intro(r: &Report) -> String {
        format!(
            "Le {} schede progetto dell'Agenda per il triennio {}, asse per asse, con lo stato di avanzamento, l'ufficio responsabile, i tempi, le risorse, i riferimenti al Piano Triennale AgID e i contributi che le riguardano.",
            number(r.figures.cards),
            r.triennium
        )
    }

    pub fn changes_intro(r: &Report) -> String {
        match r.changes.previous {
            Some(previous) => format!(
                "Il confronto è con le schede approvate alla chiusura del ciclo {previous}."
            ),
            None => format!("Questa è la prima edizione dell'Agenda aggiornata con il processo partecipativo: non c'è un'edizione precedente con cui confrontarla, e le {} schede del capitolo 4 sono state scritte in questo ciclo. Sono riportati i cambiamenti registrati nelle schede durante il ciclo.", number(r.figures.cards)),
        }
    }

    pub const ANNEXES_INTRO: &str = "I dati di questa relazione sono disponibili come file CSV:";

    pub const NONE: &str = "Nessuna.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_shares_in_italian() {
        assert_eq!(long_date("2021-12-01"), "1° dicembre 2021");
        assert_eq!(long_date("2022-01-20"), "20 gennaio 2022");
        assert_eq!(short_date("2021-12-01"), "01/12/2021");
        assert_eq!(short_date("ieri"), "ieri");
        assert_eq!(percent(1, 8), "12,5%");
        assert_eq!(percent(2, 3), "66,7%");
        assert_eq!(percent(0, 0), "–");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(number(999), "999");
    }
}
