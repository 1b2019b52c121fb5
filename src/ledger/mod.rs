//! Keeping the implementation ledger of the cards: progress and milestones, on the open cycle,
//! with the rule of the domain ([`crate::domain::ledger`]) and every change in the audit log.

pub mod accountability;
pub mod progress_file;

use anyhow::Result;
use serde::Serialize;

use crate::context;
use crate::domain::ledger::{
    self as rule, Figure, Follows, Indicator, Milestone, Percent, Progress,
};
use crate::domain::Term;
use crate::error::{refused, usage, Failure};
use crate::storage::{cards, ledger, Db, Handle};

/// What `card progress` did.
#[derive(Debug, Serialize)]
pub struct Recorded {
    pub card: String,
    pub percent: u8,
    pub date: String,
    /// The progress before, if any.
    pub previous: Option<u8>,
    /// The card reached 100 % and is not `conclusa`: the person is offered to conclude it.
    pub offer_conclusa: bool,
}

/// The card's id and the open cycle's, or the refusal that there is no open cycle.
fn open_card(conn: &Handle, code: &str) -> Result<(crate::domain::Card, i64, i64)> {
    let cycle = crate::cards::working_cycle(conn)?;
    let card = cards::require(conn, code)?;
    let id = cards::id_of(conn, &card.code)?.expect("the card exists");
    Ok((card, id, cycle.id))
}

/// A date of the ledger: ISO, not after today.
fn checked_date(date: Option<&str>) -> Result<String, Failure> {
    let today = context::today();
    let date = date.map(str::to_string).unwrap_or_else(|| today.clone());
    if date > today {
        return Err(usage(t!("ledger-date-after-today", date = date.as_str())));
    }
    Ok(date)
}

/// Records a card's progress, dated (today unless `date`), with a note.
pub fn record_progress(
    db: &mut Db,
    code: &str,
    percent: Percent,
    date: Option<&str>,
    note: Option<&str>,
) -> Result<Recorded> {
    let date = checked_date(date)?;
    db.write(|tx| {
        let (card, id, cycle_id) = open_card(tx, code)?;
        let previous = ledger::last_progress(tx, id)?.map(|p| p.percent);
        let follows = rule::progress_allowed(&card.code, card.status, previous, percent)?;
        ledger::insert_progress(tx, id, cycle_id, percent.value(), &date, note)?;
        tx.audit(
            "card.progress",
            Some(&card.code),
            &format!(
                "{} → {}% on {date}{}",
                previous
                    .map(|p| format!("{p}%"))
                    .unwrap_or_else(|| "–".into()),
                percent.value(),
                note.map(|n| format!(": {n}")).unwrap_or_default()
            ),
        )?;
        Ok(Recorded {
            card: card.code.clone(),
            percent: percent.value(),
            date: date.clone(),
            previous,
            offer_conclusa: follows == Follows::OfferConclusa,
        })
    })
}

/// After a card is written (added, edited, imported): a card concluded is at 100 %, and every
/// indicator it names has its place for figures.
/// The day a card written as `conclusa` is at 100 %: the end of its last month when that is
/// past (a card imported as concluded was concluded then, not on the day of the import), else
/// today; never before its last progress, which would stay the last.
fn concluded_on(card: &crate::domain::Card, last: Option<&str>) -> String {
    let today = context::today();
    let mut date = card
        .end
        .map(crate::domain::card::YearMonth::last_day)
        .filter(|end| !end.is_empty() && *end < today)
        .unwrap_or(today);
    if let Some(last) = last.filter(|l| *l > date.as_str()) {
        date = last.to_string();
    }
    date
}

pub(crate) fn after_card_written(
    conn: &Handle,
    card: &crate::domain::Card,
    cycle_id: i64,
    note: Option<&str>,
) -> Result<()> {
    let Some(id) = cards::id_of(conn, &card.code)? else {
        return Ok(());
    };
    for name in &card.indicators {
        ledger::ensure_indicator(conn, id, name)?;
    }
    let last = ledger::last_progress(conn, id)?;
    if let Some(percent) = rule::progress_on_status(card.status, last.as_ref().map(|p| p.percent)) {
        let note = note
            .map(str::to_string)
            .unwrap_or_else(|| card.status.label().to_string());
        let date = concluded_on(card, last.as_ref().map(|p| p.date.as_str()));
        ledger::insert_progress(conn, id, cycle_id, percent.value(), &date, Some(&note))?;
    }
    Ok(())
}

/// What `card indicator` changes: the figures given, and a measure.
#[derive(Debug, Default, Clone)]
pub struct IndicatorUpdate {
    pub unit: Option<String>,
    pub baseline: Option<Figure>,
    pub target: Option<Figure>,
    /// A measured value, with the day it is about (today unless given) and a note.
    pub measure: Option<(f64, Option<String>, Option<String>)>,
}

/// Sets the figures of a card's indicator, and records a measure; an indicator the card does not
/// name yet is added to the card (in its history, as an edit would).
pub fn record_indicator(
    db: &mut Db,
    code: &str,
    name: &str,
    update: &IndicatorUpdate,
) -> Result<Indicator> {
    let name = name.trim();
    if name.is_empty() || name.contains(['\n', '\r']) {
        return Err(usage(t!("ledger-indicator-name-bad")).into());
    }
    let measure_date = match &update.measure {
        Some((_, date, _)) => Some(checked_date(date.as_deref())?),
        None => None,
    };
    db.write(|tx| {
        let (card, id, cycle_id) = open_card(tx, code)?;
        let mut named = card.indicators.clone();
        if !named.iter().any(|n| n == name) {
            named.push(name.to_string());
            let new = crate::domain::Card {
                indicators: named.clone(),
                ..card.clone()
            };
            cards::update(tx, &card, &new, cycle_id, None)?;
        }
        let indicator = ledger::ensure_indicator(tx, id, name)?;
        ledger::set_indicator_figures(
            tx,
            indicator,
            update.unit.as_deref().map(str::trim),
            update.baseline.as_ref(),
            update.target.as_ref(),
        )?;
        if let (Some((value, _, note)), Some(date)) = (&update.measure, &measure_date) {
            ledger::insert_measure(tx, indicator, *value, date, note.as_deref())?;
        }
        let mut details = vec![format!("indicator \"{name}\"")];
        if let Some(u) = &update.unit {
            details.push(format!("unit {u}"));
        }
        if let Some(f) = &update.baseline {
            details.push(format!("baseline {}{}", f.value, on(&f.date)));
        }
        if let Some(f) = &update.target {
            details.push(format!("target {}{}", f.value, on(&f.date)));
        }
        if let (Some((value, _, _)), Some(date)) = (&update.measure, &measure_date) {
            details.push(format!("measured {value} on {date}"));
        }
        tx.audit("card.indicator", Some(&card.code), &details.join(", "))?;
        Ok(ledger::indicators(tx, id, &named)?
            .into_iter()
            .find(|i| i.name == name)
            .expect("just written"))
    })
}

fn on(date: &Option<String>) -> String {
    date.as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

/// A card's ledger, as `card show` gives it.
#[derive(Debug, Serialize)]
pub struct CardLedger {
    pub progress: Option<Progress>,
    pub progress_history: Vec<Progress>,
    pub milestones: Vec<Milestone>,
    pub indicator_figures: Vec<Indicator>,
}

pub fn of_card(conn: &Handle, card: &crate::domain::Card) -> Result<CardLedger> {
    let id = cards::id_of(conn, &card.code)?.expect("the card exists");
    Ok(CardLedger {
        progress: ledger::last_progress(conn, id)?,
        progress_history: ledger::progress_history(conn, id)?,
        milestones: ledger::milestones(conn, Some(&card.code))?,
        indicator_figures: ledger::indicators(conn, id, &card.indicators)?,
    })
}

/// The fields of a new milestone, or those to change.
#[derive(Debug, Default, Clone)]
pub struct MilestoneFields {
    pub date: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

pub fn add_milestone(
    db: &mut Db,
    code: &str,
    fields: &MilestoneFields,
    done: bool,
) -> Result<Milestone> {
    let date = fields.date.clone().expect("clap requires --date");
    let title = rule::checked_title(fields.title.as_deref().unwrap_or_default())?;
    let description = fields
        .description
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_string();
    if done {
        checked_date(Some(&date))?;
    }
    db.write(|tx| {
        let (card, id, _) = open_card(tx, code)?;
        let done_on = done.then_some(date.as_str());
        let number = ledger::insert_milestone(tx, id, &date, &title, &description, done_on)?;
        tx.audit(
            "card.milestone.add",
            Some(&card.code),
            &format!(
                "milestone {number}: {date} {title}{}",
                if done { " (reached)" } else { "" }
            ),
        )?;
        Ok(ledger::milestone(tx, number)?.expect("just added"))
    })
}

/// The milestone `id`, on a card of the open cycle.
fn open_milestone(conn: &Handle, id: i64) -> Result<Milestone> {
    let m = ledger::milestone(conn, id)?.ok_or_else(|| {
        refused(t!("ledger-milestone-unknown", id = id)).hint(t!("ledger-milestone-unknown-hint"))
    })?;
    open_card(conn, &m.card)?;
    Ok(m)
}

/// Changes a milestone's date, title or description; returns it as it is now, and whether
/// anything changed.
pub fn edit_milestone(db: &mut Db, id: i64, fields: &MilestoneFields) -> Result<(Milestone, bool)> {
    let title = fields
        .title
        .as_deref()
        .map(rule::checked_title)
        .transpose()?;
    db.write(|tx| {
        let old = open_milestone(tx, id)?;
        let new = Milestone {
            date: fields.date.clone().unwrap_or_else(|| old.date.clone()),
            title: title.clone().unwrap_or_else(|| old.title.clone()),
            description: fields
                .description
                .as_deref()
                .map(|d| d.trim().to_string())
                .unwrap_or_else(|| old.description.clone()),
            ..old.clone()
        };
        if new == old {
            return Ok((old, false));
        }
        ledger::update_milestone(tx, &new)?;
        tx.audit(
            "card.milestone.edit",
            Some(&old.card),
            &format!(
                "milestone {id}: {} {} → {} {}",
                old.date, old.title, new.date, new.title
            ),
        )?;
        Ok((new, true))
    })
}

/// Marks a milestone reached on `date` (today unless given).
pub fn milestone_done(db: &mut Db, id: i64, date: Option<&str>) -> Result<Milestone> {
    let date = checked_date(date)?;
    db.write(|tx| {
        let old = open_milestone(tx, id)?;
        let new = Milestone {
            done_on: Some(date.clone()),
            ..old.clone()
        };
        ledger::update_milestone(tx, &new)?;
        tx.audit(
            "card.milestone.done",
            Some(&old.card),
            &format!("milestone {id}: {} reached on {date}", old.title),
        )?;
        Ok(new)
    })
}

pub fn remove_milestone(db: &mut Db, id: i64) -> Result<Milestone> {
    db.write(|tx| {
        let old = open_milestone(tx, id)?;
        ledger::delete_milestone(tx, id)?;
        tx.audit(
            "card.milestone.remove",
            Some(&old.card),
            &format!(
                "milestone {id}: {} {}{}",
                old.date,
                old.title,
                old.done_on
                    .as_deref()
                    .map(|d| format!(" (reached on {d})"))
                    .unwrap_or_default()
            ),
        )?;
        Ok(old)
    })
}

/// Where the card a suggestion was accepted with stands now: what became of what was asked.
#[derive(Debug, Serialize)]
pub struct Ending {
    pub card: String,
    pub status: crate::domain::CardStatus,
    pub progress: Option<Progress>,
    /// The latest milestone reached.
    pub last_milestone: Option<Milestone>,
    /// The first milestone not reached yet.
    pub next_milestone: Option<Milestone>,
}

/// The ending of a suggestion whose response in force accepts it (accolto, parzialmente accolto,
/// già previsto) with a card; `None` otherwise. The card is the card of today, whatever cycle
/// the suggestion came in.
pub fn ending(
    conn: &Handle,
    response: Option<&crate::storage::responses::Response>,
) -> Result<Option<Ending>> {
    let Some(r) = response.filter(|r| r.current) else {
        return Ok(None);
    };
    if !matches!(
        r.outcome.as_str(),
        "accolto" | "parzialmente-accolto" | "gia-previsto"
    ) {
        return Ok(None);
    }
    let Some(code) = &r.card else {
        return Ok(None);
    };
    let Some(card) = cards::get(conn, code)? else {
        return Ok(None);
    };
    let id = cards::id_of(conn, code)?.expect("the card exists");
    let milestones = ledger::milestones(conn, Some(code))?;
    Ok(Some(Ending {
        card: card.code.clone(),
        status: card.status,
        progress: ledger::last_progress(conn, id)?,
        last_milestone: milestones
            .iter()
            .filter(|m| m.done_on.is_some())
            .max_by(|a, b| a.done_on.cmp(&b.done_on))
            .cloned(),
        next_milestone: milestones.iter().find(|m| m.done_on.is_none()).cloned(),
    }))
}
