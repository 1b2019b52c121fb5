//! A cycle as `phase show`, `cycle show` and `cycle list` present it: where it stands, what
//! is left, what to do next.

use crate::domain::process::SuggestionCounts;
use crate::domain::{closed_collection, Cycle, Phase, PhasePeriod, Triennium};
use crate::storage::{cards, cycles, suggestions, Handle};
use crate::text::count;
use anyhow::Result;
use serde::Serialize;

/// A cycle as `phase show`, `cycle show` and `cycle list` present it.
#[derive(Debug, Serialize)]
pub struct CycleView {
    pub triennium: Triennium,
    pub phase: u8,
    pub phase_name: &'static str,
    /// The date the current phase began.
    pub since: String,
    pub closed: bool,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
    pub act: Option<String>,
    /// The phases that stand, with the dates they ran between.
    pub phases: Vec<PhasePeriod>,
    /// The date the collection of suggestions closed (the step to Fase 3).
    pub collection_closed_on: Option<String>,
    pub suggestions: i64,
    pub untagged: i64,
    pub answered: i64,
    pub unanswered: i64,
    /// Suggestions submitted after the collection closed.
    pub late: i64,
    /// What is left before the next step can be taken.
    pub left: Vec<String>,
    /// What to do next, for a newcomer.
    pub next_step: String,
}

pub fn cycle_view(conn: &Handle, cycle: &Cycle) -> Result<CycleView> {
    let counts = suggestions::counts(conn, cycle.id)?;
    let SuggestionCounts {
        total: suggestions,
        untagged,
        unanswered,
    } = counts;
    let phases = cycles::phase_periods(conn, cycle)?;
    let collection_closed_on = closed_collection(&phases);
    let late = match &collection_closed_on {
        Some(date) => suggestions::late(conn, cycle.id, date)?,
        None => 0,
    };
    let cards = cards::count(conn)?;
    let left = left_before_next_step(cycle, cards, counts);
    let next_step = next_step(conn, cycle, cards, counts)?;
    Ok(CycleView {
        triennium: cycle.triennium,
        phase: cycle.phase.number(),
        phase_name: cycle.phase.label(),
        since: cycle.phase_since.clone(),
        closed: cycle.is_closed(),
        opened_on: phases.first().map(|p| p.from.clone()),
        closed_on: cycle.closed_on.clone(),
        act: cycle.act.clone(),
        phases,
        collection_closed_on,
        suggestions,
        untagged,
        answered: suggestions - unanswered,
        unanswered,
        late,
        left,
        next_step,
    })
}

/// What is left before an open cycle can take its next step.
fn left_before_next_step(cycle: &Cycle, cards: i64, counts: SuggestionCounts) -> Vec<String> {
    let mut left = Vec::new();
    if cycle.is_closed() {
        return left;
    }
    match cycle.phase {
        Phase::Presentazione if cards == 0 => {
            left.push("the Agenda has no project cards yet".to_string())
        }
        Phase::Presentazione | Phase::Ascolto => {}
        Phase::Aggiornamento => {
            if counts.untagged > 0 {
                left.push(format!("{} no axis", suggestions_have(counts.untagged)));
            }
            if counts.unanswered > 0 {
                left.push(format!(
                    "{} no response",
                    suggestions_have(counts.unanswered)
                ));
            }
            left.push(
                "the act that approves the update, given when closing (--act n/yyyy --act-date YYYY-MM-DD, or --without-act)"
                    .to_string(),
            );
        }
    }
    left
}

/// "1 suggestion has" / "12 suggestions have".
fn suggestions_have(n: i64) -> String {
    count(n, "suggestion has", "suggestions have")
}

fn next_step(conn: &Handle, cycle: &Cycle, cards: i64, counts: SuggestionCounts) -> Result<String> {
    let SuggestionCounts {
        total: suggestions,
        untagged,
        unanswered,
    } = counts;
    if cycle.is_closed() {
        let act = cycle
            .act
            .as_deref()
            .map(|a| format!(" with {a}"))
            .unwrap_or_default();
        return Ok(match cycles::open_cycle(conn)? {
            Some(open) => format!(
                "the cycle {} closed{act} and is read-only; the work goes on in the open cycle {} (`agenda --cycle {} phase`)",
                cycle.triennium, open.triennium, open.triennium
            ),
            None => format!(
                "the cycle {} is closed{act}: open the next one with `agenda cycle open` (triennium {} by default)",
                cycle.triennium,
                latest_triennium(conn)?.next()
            ),
        });
    }
    Ok(match cycle.phase {
        Phase::Presentazione if cards == 0 => {
            "add the project cards (`agenda card add` or `agenda card import FILE.csv`), then present the Agenda and `agenda phase advance` to open the collection".into()
        }
        Phase::Presentazione => {
            "present the Agenda, then `agenda phase advance` to open the collection of suggestions (Fase 2)".into()
        }
        Phase::Ascolto if suggestions == 0 => {
            "import the suggestions as they arrive (`agenda suggestion import FILE.csv`); `agenda phase advance` closes the collection".into()
        }
        Phase::Ascolto => format!(
            "{} so far; when the collection closes, `agenda phase advance` moves to Fase 3",
            count(suggestions, "suggestion", "suggestions")
        ),
        Phase::Aggiornamento if unanswered > 0 => {
            let mut missing = vec![format!("{} no response", suggestions_have(unanswered))];
            if untagged > 0 {
                missing.push(format!("{} no axis", suggestions_have(untagged)));
            }
            format!(
                "{}: record the responses, each with its reason, and tag the suggestions with their axes; the final report and the closing need a response and an axis on every suggestion",
                missing.join(" and ")
            )
        }
        Phase::Aggiornamento => {
            let tag = if untagged > 0 {
                format!(
                    ", but {} no axis yet: tag them (`agenda suggestion tag REF AXIS`), since the final report and the closing need an axis on every suggestion; then",
                    suggestions_have(untagged)
                )
            } else {
                ";".to_string()
            };
            format!(
                "every suggestion has a response{tag} write the report, and when the Giunta approves the update close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD` (or `--without-act`)"
            )
        }
    })
}

fn latest_triennium(conn: &Handle) -> Result<Triennium> {
    cycles::all(conn)?
        .last()
        .map(|c| c.triennium)
        .ok_or_else(|| anyhow::anyhow!("the database has no cycle"))
}
