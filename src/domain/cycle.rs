//! Cycles of the process (one a year, each on a triennium) and their phases.

use serde::Serialize;

use crate::error::{refused, usage, Failure};

/// Three years of the plan, e.g. 2021-2023.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triennium {
    pub first_year: i32,
}

impl Triennium {
    pub fn parse(input: &str) -> Result<Triennium, Failure> {
        let bad = || usage(crate::t!("domain-triennium-bad", input = input));
        let (a, b) = input.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let first: i32 = a.trim().parse().map_err(|_| bad())?;
        let last: i32 = b.trim().parse().map_err(|_| bad())?;
        if last != first + 2 || !(2000..=2200).contains(&first) {
            return Err(bad());
        }
        Ok(Triennium { first_year: first })
    }

    pub fn last_year(self) -> i32 {
        self.first_year + 2
    }

    /// The next edition of a rolling plan: the same three years shifted by one.
    pub fn next(self) -> Triennium {
        Triennium {
            first_year: self.first_year + 1,
        }
    }
}

impl std::fmt::Display for Triennium {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.first_year, self.last_year())
    }
}

impl Serialize for Triennium {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The phases of a cycle. A closed cycle is past Fase 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Presentazione = 1,
    Ascolto = 2,
    Aggiornamento = 3,
}

impl Phase {
    pub fn number(self) -> u8 {
        self as u8
    }
    pub fn from_number(n: i64) -> Option<Phase> {
        match n {
            1 => Some(Phase::Presentazione),
            2 => Some(Phase::Ascolto),
            3 => Some(Phase::Aggiornamento),
            _ => None,
        }
    }
    /// The Italian name, as the report and tables show it.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Presentazione => "Fase 1 – presentazione",
            Phase::Ascolto => "Fase 2 – ascolto",
            Phase::Aggiornamento => "Fase 3 – aggiornamento e restituzione",
        }
    }
    pub fn next(self) -> Option<Phase> {
        Phase::from_number(self.number() as i64 + 1)
    }
}

/// A cycle of the process: one a year, on a triennium, in one phase until it closes.
#[derive(Debug, Clone, Serialize)]
pub struct Cycle {
    #[serde(skip)]
    pub id: i64,
    pub triennium: Triennium,
    #[serde(serialize_with = "serialize_phase")]
    pub phase: Phase,
    pub phase_since: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub closed_on: Option<String>,
    pub act: Option<String>,
    /// The date of the approving act (`YYYY-MM-DD`), for cycles closed with one since it is
    /// asked for.
    pub act_date: Option<String>,
}

pub(crate) fn serialize_phase<S: serde::Serializer>(p: &Phase, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(p.number())
}

impl Cycle {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }

    /// " (approved with DGC 12/2022)" for a cycle closed with an act, else nothing.
    pub fn approved_with(&self) -> String {
        self.act
            .as_deref()
            .map(|a| format!(" {}", crate::t!("domain-approved-with", act = a)))
            .unwrap_or_default()
    }

    /// Refuses changes to the suggestions, tags, links and responses of a closed cycle: closing
    /// freezes what the Giunta approved.
    pub fn ensure_open(&self) -> Result<(), Failure> {
        if self.is_closed() {
            return Err(refused(crate::t!(
                "domain-cycle-read-only",
                triennium = self.triennium.to_string(),
                approved = self.approved_with()
            ))
            .hint(crate::t!("domain-cycle-read-only-hint")));
        }
        Ok(())
    }
}

/// A phase a cycle went through, and the dates it ran between.
#[derive(Debug, Clone, Serialize)]
pub struct PhasePeriod {
    #[serde(serialize_with = "serialize_phase")]
    pub phase: Phase,
    pub name: &'static str,
    pub from: String,
    /// The date the next phase began, or the cycle closed; `None` while the phase runs.
    pub to: Option<String>,
}

/// The date the collection closed, from a cycle's phases: when its Fase 3 began.
pub fn closed_collection(periods: &[PhasePeriod]) -> Option<String> {
    periods
        .iter()
        .find(|p| p.phase == Phase::Aggiornamento)
        .map(|p| p.from.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triennium() {
        let t = Triennium::parse("2021-2023").unwrap();
        assert_eq!(t.to_string(), "2021-2023");
        assert_eq!(t.next().to_string(), "2022-2024");
        assert!(Triennium::parse("2021-2022").is_err());
        assert!(Triennium::parse("duemila").is_err());
    }
}
