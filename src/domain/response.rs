//! A response as asked for, and the rules it follows whatever the data.

use crate::domain::Outcome;
use crate::error::{usage, Failure};

/// A response as asked for, before it is checked against the database.
#[derive(Debug, Clone)]
pub struct ResponseRequest {
    pub outcome: Outcome,
    pub reason: String,
    pub card: Option<String>,
    pub duplicate_of: Option<String>,
}

impl ResponseRequest {
    /// The rules a response follows whatever the data: a reason always, a card for
    /// gia-previsto, the duplicated suggestion for duplicato (and only for it).
    pub fn check(&self) -> Result<(), Failure> {
        if self.reason.trim().is_empty() {
            return Err(usage(crate::t!("domain-response-needs-reason")));
        }
        if self.outcome.needs_card() && self.card.is_none() {
            return Err(usage(crate::t!("domain-response-needs-card")));
        }
        if self.outcome.needs_duplicate() && self.duplicate_of.is_none() {
            return Err(usage(crate::t!("domain-response-needs-duplicate")));
        }
        if !self.outcome.needs_duplicate() && self.duplicate_of.is_some() {
            return Err(usage(crate::t!("domain-response-stray-duplicate")));
        }
        Ok(())
    }
}

impl Outcome {
    /// Gia-previsto names the card that already covers the suggestion.
    pub fn needs_card(self) -> bool {
        self == Outcome::GiaPrevisto
    }

    /// Duplicato names the suggestion it duplicates (and only it does).
    pub fn needs_duplicate(self) -> bool {
        self == Outcome::Duplicato
    }

    /// The outcomes whose response goes with the card the suggestion is linked to: the
    /// suggestion is taken up (in part) by that card.
    pub fn carries_card(self) -> bool {
        matches!(
            self,
            Outcome::Accolto | Outcome::ParzialmenteAccolto | Outcome::GiaPrevisto
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(outcome: Outcome) -> ResponseRequest {
        ResponseRequest {
            outcome,
            reason: "perché".into(),
            card: None,
            duplicate_of: None,
        }
    }

    #[test]
    fn each_outcome_asks_for_what_it_needs() {
        assert!(request(Outcome::Accolto).check().is_ok());
        assert!(request(Outcome::GiaPrevisto).check().is_err());
        assert!(request(Outcome::Duplicato).check().is_err());
        let mut blank = request(Outcome::NonAccolto);
        blank.reason = "  ".into();
        assert!(blank.check().is_err());
        let mut stray = request(Outcome::Accolto);
        stray.duplicate_of = Some("PO-1".into());
        assert!(stray.check().is_err());
        assert!(Outcome::ParzialmenteAccolto.carries_card());
        assert!(!Outcome::NonPertinente.carries_card());
    }
}
