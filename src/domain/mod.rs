//! The domain: what the process is made of, independent of storage and of the terminal.

pub mod card;
pub mod cycle;
pub mod glossary;
pub mod ledger;
pub mod mapping;
pub mod process;
pub mod response;
pub mod row_codec;
pub mod rules;

pub use card::Card;
pub use cycle::{closed_collection, Cycle, Phase, PhasePeriod, Triennium};
pub use glossary::{Axis, CardStatus, Channel, Outcome, Stakeholder, Term};
