//! The bundled fixtures, embedded in the binary so that `agenda demo` works anywhere.

pub const CARDS: &str = include_str!("../fixtures/cards.csv");
/// The Decidim export of the 2021 consultation, and the later export of the same consultation.
pub const DECIDIM_2021: &str = include_str!("../fixtures/decidim-2021-proposals.csv");
pub const DECIDIM_2021_LATER: &str = include_str!("../fixtures/decidim-2021-proposals-later.csv");
/// An office spreadsheet saved by Excel as plain CSV: Windows-1252, so bytes, not text.
pub const MODULO_WEB: &[u8] = include_bytes!("../fixtures/modulo-web-2022.csv");
/// The office's responses to the 36 proposals of the 2021 consultation.
pub const RESPONSES_2021: &str = include_str!("../fixtures/responses-2021.csv");
