//! The domain: what the process is made of, independent of storage and of the terminal.

pub mod card;
pub mod cycle;
pub mod glossary;
pub mod mapping;
pub mod row_codec;

pub use card::Card;
pub use cycle::{Phase, Triennium};
pub use glossary::{Axis, CardStatus, Channel, Outcome, Stakeholder, Term};
