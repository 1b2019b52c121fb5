//! The data of the chapter *Stato di attuazione*: each card's progress axis by axis, the
//! cycle's milestones reached, missed and to come, the indicators against their targets; and
//! the progress chapter 3 gives beside each accepted suggestion's card. Read from the ledger
//! of the cycle ([`crate::storage::ledger_snapshots`]): frozen at closing for a closed cycle.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use crate::domain::ledger::Figure;
use crate::domain::{Axis, Card, CardStatus, Term};
use crate::storage::ledger_snapshots::{self as store, Source};
use crate::storage::Handle;

/// A card's last progress, as the report publishes it (who recorded it is never read).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressFigure {
    pub percent: u8,
    /// `YYYY-MM-DD`: the day the figure is about; `None` for a `conclusa` card whose 100 %
    /// was not recorded by the report's date (a concluded card is at 100 %).
    pub date: Option<String>,
    /// The office's note, without what the scan for personal data finds in it.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardProgress {
    pub code: String,
    pub title: String,
    pub status: CardStatus,
    pub status_label: String,
    /// `None`: no progress recorded.
    pub progress: Option<ProgressFigure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AxisProgress {
    pub axis: Axis,
    pub label: String,
    pub cards: Vec<CardProgress>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneEntry {
    pub card: String,
    pub title: String,
    /// `YYYY-MM-DD`: when it was planned.
    pub planned: String,
    /// `YYYY-MM-DD`: when it was reached.
    pub reached_on: Option<String>,
}

/// A measured value with its day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measured {
    pub value: f64,
    pub date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorEntry {
    pub card: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<Figure>,
    /// The last measure.
    pub last: Option<Measured>,
    pub target: Option<Figure>,
    /// Whether the last measure meets the target (`None` without a target or a measure). A
    /// target below the baseline is met by going down to it, any other by reaching it.
    pub reached: Option<bool>,
}

impl IndicatorEntry {
    /// Where it stands against its target, in words.
    pub fn outcome(&self) -> &'static str {
        match (self.reached, &self.target) {
            (Some(true), _) => "raggiunto",
            (Some(false), _) => "non raggiunto",
            (None, None) => "senza obiettivo",
            (None, Some(_)) => "da misurare",
        }
    }
}

/// The chapter's data.
#[derive(Debug, Clone, Serialize)]
pub struct Implementation {
    /// The day the milestones are judged at: the report's date.
    pub as_of: String,
    /// Live (open cycle), frozen at closing, or reconstructed for a cycle closed before the
    /// snapshots existed.
    pub source: Source,
    /// Milestones reached after this day are the cycle's: the previous edition's closing.
    pub since: Option<String>,
    pub axes: Vec<AxisProgress>,
    /// Reached in the cycle (after `since`), by date.
    pub reached: Vec<MilestoneEntry>,
    /// Planned before `as_of` and not reached, by planned date.
    pub missed: Vec<MilestoneEntry>,
    /// Planned from `as_of` on, by planned date.
    pub upcoming: Vec<MilestoneEntry>,
    /// The indicators the cards name that have a figure (baseline, target or measure).
    pub indicators: Vec<IndicatorEntry>,
    /// The indicators the cards name without any figure yet.
    pub indicators_without_figures: usize,
}

impl Implementation {
    pub fn cards(&self) -> impl Iterator<Item = &CardProgress> {
        self.axes.iter().flat_map(|a| &a.cards)
    }

    /// Each card's progress by code, for chapter 3.
    pub fn progress_by_card(&self) -> BTreeMap<String, ProgressFigure> {
        self.cards()
            .filter_map(|c| c.progress.clone().map(|p| (c.code.clone(), p)))
            .collect()
    }
}

fn clean(text: &str) -> String {
    crate::redact::redact(text, &[]).text
}

/// Whether `last` meets `target`, going the way from `baseline` to it.
pub fn target_reached(baseline: Option<f64>, last: f64, target: f64) -> bool {
    match baseline {
        Some(b) if target < b => last <= target,
        _ => last >= target,
    }
}

/// A card's progress as the report gives it: the last recorded, except that a `conclusa` card
/// is at 100 % (the domain's rule) even when that was recorded after the report's date.
fn progress(card: &Card, recorded: Option<&store::ProgressAt>) -> Option<ProgressFigure> {
    let recorded = recorded.map(|p| ProgressFigure {
        percent: p.percent.min(100),
        date: Some(p.date.clone()),
        note: p
            .note
            .as_deref()
            .map(clean)
            .filter(|n| !n.trim().is_empty()),
    });
    if card.status == CardStatus::Conclusa && recorded.as_ref().is_none_or(|p| p.percent < 100) {
        return Some(ProgressFigure {
            percent: 100,
            date: None,
            note: None,
        });
    }
    recorded
}

/// Gathers the chapter for `cards` (the cycle's, in the order of the Agenda) as at `as_of`.
pub fn gather(
    conn: &Handle,
    cycle: &crate::domain::Cycle,
    cards: &[Card],
    as_of: &str,
    since: Option<String>,
) -> Result<Implementation> {
    let ledger = store::of_cycle(conn, cycle, as_of)?;
    let known: BTreeMap<&str, &Card> = cards.iter().map(|c| (c.code.as_str(), c)).collect();
    let axes = Axis::ALL
        .iter()
        .map(|axis| AxisProgress {
            axis: *axis,
            label: axis.label().to_string(),
            cards: cards
                .iter()
                .filter(|c| c.axis == *axis)
                .map(|c| CardProgress {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    status: c.status,
                    status_label: c.status.label().to_string(),
                    progress: progress(c, ledger.progress.get(&c.code)),
                })
                .collect(),
        })
        .collect();
    let (mut reached, mut missed, mut upcoming) = (Vec::new(), Vec::new(), Vec::new());
    for m in ledger
        .milestones
        .iter()
        .filter(|m| known.contains_key(m.code.as_str()))
    {
        let entry = MilestoneEntry {
            card: m.code.clone(),
            title: clean(&m.title),
            planned: m.date.clone(),
            reached_on: m.done_on.clone(),
        };
        match &m.done_on {
            Some(on) if since.as_deref().is_none_or(|s| on.as_str() > s) => reached.push(entry),
            Some(_) => {}
            None if m.date.as_str() < as_of => missed.push(entry),
            None => upcoming.push(entry),
        }
    }
    reached.sort_by(|a, b| (&a.reached_on, &a.card).cmp(&(&b.reached_on, &b.card)));
    missed.sort_by(|a, b| (&a.planned, &a.card).cmp(&(&b.planned, &b.card)));
    upcoming.sort_by(|a, b| (&a.planned, &a.card).cmp(&(&b.planned, &b.card)));
    let figures: BTreeMap<(&str, &str), &store::IndicatorAt> = ledger
        .indicators
        .iter()
        .map(|i| ((i.code.as_str(), i.name.as_str()), i))
        .collect();
    let mut indicators = Vec::new();
    let mut indicators_without_figures = 0;
    for card in cards {
        for name in &card.indicators {
            let at = figures.get(&(card.code.as_str(), name.as_str()));
            let Some(at) =
                at.filter(|i| i.baseline.is_some() || i.target.is_some() || i.measure.is_some())
            else {
                indicators_without_figures += 1;
                continue;
            };
            let last = at.measure.as_ref().map(|(value, date)| Measured {
                value: *value,
                date: date.clone(),
            });
            let reached = match (&last, &at.target) {
                (Some(l), Some(t)) => Some(target_reached(
                    at.baseline.as_ref().map(|b| b.value),
                    l.value,
                    t.value,
                )),
                _ => None,
            };
            indicators.push(IndicatorEntry {
                card: card.code.clone(),
                name: name.clone(),
                unit: clean(&at.unit),
                baseline: at.baseline.clone(),
                last,
                target: at.target.clone(),
                reached,
            });
        }
    }
    Ok(Implementation {
        as_of: as_of.to_string(),
        source: ledger.source,
        since,
        axes,
        reached,
        missed,
        upcoming,
        indicators,
        indicators_without_figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_met_going_the_way_from_the_baseline() {
        assert!(target_reached(Some(40.0), 120.0, 120.0));
        assert!(!target_reached(Some(40.0), 86.0, 120.0));
        // Fewer days of waiting: the target is below the baseline.
        assert!(target_reached(Some(30.0), 9.0, 10.0));
        assert!(!target_reached(Some(30.0), 12.0, 10.0));
        assert!(target_reached(None, 5.0, 5.0));
    }
}
