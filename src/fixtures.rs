//! The bundled fixtures, embedded in the binary so that `agenda demo` works anywhere.

pub const CARDS: &str = include_str!("../fixtures/cards.csv");
