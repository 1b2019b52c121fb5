//! The implementation ledger of a card: how far it is (a dated progress, 0–100 %) and its
//! milestones, planned and reached; and the rule that keeps a card's status and its progress
//! coherent.
//!
//! The rule: a `conclusa` card is at 100 % (concluding a card records 100 % when its last
//! progress was less, and a progress under 100 % is refused while it is `conclusa`); a card that
//! reaches 100 % is offered `conclusa` (never made so without asking); a `sospesa` card keeps its
//! last progress (recording one is refused until it is resumed).

use serde::Serialize;

use crate::domain::CardStatus;
use crate::error::{refused, usage, Failure};

/// A progress, in per cent of the work of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Percent(u8);

impl Percent {
    pub const DONE: Percent = Percent(100);

    /// `60`, `60%`, `60 %`; whole numbers from 0 to 100.
    pub fn parse(input: &str) -> Result<Percent, Failure> {
        let digits = input.trim().trim_end_matches('%').trim();
        match digits.parse::<u8>() {
            Ok(n) if n <= 100 => Ok(Percent(n)),
            _ => Err(usage(t!("domain-percent-bad", value = input))),
        }
    }

    pub fn new(n: u8) -> Option<Percent> {
        (n <= 100).then_some(Percent(n))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} %", self.0)
    }
}

/// One recorded progress of a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub percent: u8,
    /// `YYYY-MM-DD`: the day the figure is about.
    pub date: String,
    pub note: Option<String>,
    pub user: String,
    /// When it was recorded (RFC 3339).
    pub at: String,
}

/// A step of a card's timeline: planned for a date, reached (or not yet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub id: i64,
    pub card: String,
    /// `YYYY-MM-DD`: when it is planned.
    pub date: String,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`: when it was reached.
    pub done_on: Option<String>,
}

/// Where a milestone stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneState {
    /// Reached.
    Reached,
    /// Planned, its date still to come (or today).
    Planned,
    /// Planned, its date gone by and not reached.
    Late,
}

impl Milestone {
    pub fn state(&self, today: &str) -> MilestoneState {
        match &self.done_on {
            Some(_) => MilestoneState::Reached,
            None if self.date.as_str() < today => MilestoneState::Late,
            None => MilestoneState::Planned,
        }
    }
}

/// What recording a progress means for the card's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follows {
    /// Nothing to say.
    Nothing,
    /// The card is at 100 % and not `conclusa`: offer to conclude it.
    OfferConclusa,
}

/// Whether a progress may be recorded on a card in this status, and what it implies.
pub fn progress_allowed(
    code: &str,
    status: CardStatus,
    last: Option<u8>,
    percent: Percent,
) -> Result<Follows, Failure> {
    match status {
        CardStatus::Conclusa if percent < Percent::DONE => Err(refused(t!(
            "domain-progress-conclusa",
            code = code,
            percent = percent.value()
        ))
        .hint(t!("domain-progress-conclusa-hint", code = code))),
        CardStatus::Sospesa => Err(refused(t!(
            "domain-progress-sospesa",
            code = code,
            last = last.map(|l| l.to_string()).unwrap_or("none".into())
        ))
        .hint(t!("domain-progress-sospesa-hint", code = code))),
        CardStatus::Conclusa => Ok(Follows::Nothing),
        _ if percent == Percent::DONE => Ok(Follows::OfferConclusa),
        _ => Ok(Follows::Nothing),
    }
}

/// The progress a status change records: concluding a card whose last progress is under 100 %
/// (or that has none) records 100 %.
pub fn progress_on_status(new: CardStatus, last: Option<u8>) -> Option<Percent> {
    (new == CardStatus::Conclusa && last != Some(100)).then_some(Percent::DONE)
}

/// An indicator of a card with its figures: unit, baseline and target (value and date), and the
/// values measured over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    pub baseline: Option<Figure>,
    pub target: Option<Figure>,
    /// Oldest first.
    pub measures: Vec<Measure>,
    /// Whether the card still names it (an indicator taken off the card keeps its figures).
    pub on_card: bool,
}

/// A value with the day it is about (a baseline, a target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub date: Option<String>,
}

/// A measured value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub value: f64,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub note: Option<String>,
    pub user: String,
    pub at: String,
}

impl Indicator {
    /// The latest measure by date.
    pub fn last(&self) -> Option<&Measure> {
        self.measures.iter().max_by(|a, b| a.date.cmp(&b.date))
    }
}

/// A value of an indicator as people write it: `12500`, `12.500`, `3,5`, `1.500,75`
/// (at most two decimals), never negative.
pub fn parse_value(input: &str) -> Result<f64, Failure> {
    crate::domain::card::parse_budget(input)
        .map(|cents| cents as f64 / 100.0)
        .map_err(|_| usage(t!("domain-indicator-value-bad", value = input)))
}

/// A milestone's title: not empty, one line.
pub fn checked_title(title: &str) -> Result<String, Failure> {
    let title = title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(usage(t!("domain-milestone-title-bad")));
    }
    Ok(title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u8) -> Percent {
        Percent::new(n).unwrap()
    }

    #[test]
    fn a_percent_is_a_whole_number_from_0_to_100_with_or_without_its_sign() {
        assert_eq!(Percent::parse("60").unwrap(), p(60));
        assert_eq!(Percent::parse(" 60 % ").unwrap(), p(60));
        assert_eq!(Percent::parse("100%").unwrap(), Percent::DONE);
        assert_eq!(Percent::parse("0").unwrap(), p(0));
        for bad in ["101", "-5", "60,5", "sessanta", "", "%"] {
            assert!(Percent::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_conclusa_card_is_at_100_and_refuses_less() {
        assert!(progress_allowed("SEM-02", CardStatus::Conclusa, Some(100), p(80)).is_err());
        assert_eq!(
            progress_allowed("SEM-02", CardStatus::Conclusa, Some(100), Percent::DONE).unwrap(),
            Follows::Nothing
        );
        // Concluding records 100 % unless it is there already.
        assert_eq!(
            progress_on_status(CardStatus::Conclusa, Some(70)),
            Some(Percent::DONE)
        );
        assert_eq!(
            progress_on_status(CardStatus::Conclusa, None),
            Some(Percent::DONE)
        );
        assert_eq!(progress_on_status(CardStatus::Conclusa, Some(100)), None);
        assert_eq!(progress_on_status(CardStatus::InCorso, Some(70)), None);
    }

    #[test]
    fn a_card_at_100_is_offered_conclusa_and_a_sospesa_one_keeps_its_last_progress() {
        assert_eq!(
            progress_allowed("SEM-01", CardStatus::InCorso, Some(80), Percent::DONE).unwrap(),
            Follows::OfferConclusa
        );
        assert_eq!(
            progress_allowed("SEM-01", CardStatus::InCorso, Some(10), p(40)).unwrap(),
            Follows::Nothing
        );
        let err = progress_allowed("COM-04", CardStatus::Sospesa, Some(40), p(50)).unwrap_err();
        assert!(err.message.contains("40"), "{}", err.message);
        // Suspending changes nothing of the progress.
        assert_eq!(progress_on_status(CardStatus::Sospesa, Some(40)), None);
    }

    #[test]
    fn a_milestone_is_late_once_its_date_has_passed_unreached() {
        let mut m = Milestone {
            id: 1,
            card: "SEM-01".into(),
            date: "2022-06-30".into(),
            title: "Collaudo".into(),
            description: String::new(),
            done_on: None,
        };
        assert_eq!(m.state("2022-06-30"), MilestoneState::Planned);
        assert_eq!(m.state("2022-07-01"), MilestoneState::Late);
        m.done_on = Some("2022-07-03".into());
        assert_eq!(m.state("2022-07-04"), MilestoneState::Reached);
        assert!(checked_title("  ").is_err() && checked_title("a\nb").is_err());
    }

    #[test]
    fn an_indicator_value_is_written_as_people_write_numbers() {
        assert_eq!(parse_value("12500").unwrap(), 12500.0);
        assert_eq!(parse_value("12.500").unwrap(), 12500.0);
        assert_eq!(parse_value("3,5").unwrap(), 3.5);
        assert_eq!(parse_value("1.500,75").unwrap(), 1500.75);
        for bad in ["-3", "tre", "1,2,3", ""] {
            assert!(parse_value(bad).is_err(), "{bad}");
        }
    }
}
