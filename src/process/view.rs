//! A cycle as `phase show`, `cycle show` and `cycle list` present it: where it stands, what
//! is left, what to do next.

use crate::domain::process::SuggestionCounts;
use crate::domain::{closed_collection, Cycle, Phase, PhasePeriod, Triennium};
use crate::storage::{cards, cycles, suggestions, Handle};
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
        Phase::Presentazione if cards == 0 => left.push(t!("process-left-no-cards")),
        Phase::Presentazione | Phase::Ascolto => {}
        Phase::Aggiornamento => {
            if counts.untagged > 0 {
                left.push(t!("process-have-no-axis", count = counts.untagged));
            }
            if counts.unanswered > 0 {
                left.push(t!("process-have-no-response", count = counts.unanswered));
            }
            left.push(t!("process-left-act"));
        }
    }
    left
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
            .map(|a| format!(" {}", t!("process-next-closed-with-act", act = a)))
            .unwrap_or_default();
        return Ok(match cycles::open_cycle(conn)? {
            Some(open) => t!(
                "process-next-closed-another-open",
                triennium = cycle.triennium.to_string(),
                act = act,
                open = open.triennium.to_string()
            ),
            None => t!(
                "process-next-closed-open-next",
                triennium = cycle.triennium.to_string(),
                act = act,
                next = latest_triennium(conn)?.next().to_string()
            ),
        });
    }
    Ok(match cycle.phase {
        Phase::Presentazione if cards == 0 => t!("process-next-add-cards"),
        Phase::Presentazione => t!("process-next-present"),
        Phase::Ascolto if suggestions == 0 => t!("process-next-import"),
        Phase::Ascolto => t!("process-next-collecting", count = suggestions),
        Phase::Aggiornamento if unanswered > 0 => {
            let no_response = t!("process-have-no-response", count = unanswered);
            let missing = if untagged > 0 {
                t!(
                    "process-next-missing-both",
                    no_response = no_response,
                    no_axis = t!("process-have-no-axis", count = untagged)
                )
            } else {
                no_response
            };
            t!("process-next-respond", missing = missing)
        }
        Phase::Aggiornamento if untagged > 0 => {
            t!("process-next-answered-untagged", count = untagged)
        }
        Phase::Aggiornamento => t!("process-next-answered"),
    })
}

fn latest_triennium(conn: &Handle) -> Result<Triennium> {
    cycles::all(conn)?
        .last()
        .map(|c| c.triennium)
        .ok_or_else(|| anyhow::anyhow!(t!("process-no-cycle")))
}
