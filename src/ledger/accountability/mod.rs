//! The Accountability round trip with Decidim: `card import-results` reads a results export of
//! an Accountability component (learning which result stands for each card, and the status ids,
//! and taking the progress), and `card export --format decidim-accountability` writes the file
//! Decidim's results importer takes, with the learned ids so that Decidim updates its results
//! instead of creating them again. The layout is Decidim's own (read from its
//! `ResultSerializer` and `ResultsCsvImporter`; see tests/agenda/decidim-accountability-sources.md).

pub mod export;
pub mod import;
mod map;

pub use export::{export, ExportOptions};
pub use import::{import, ImportOptions};

/// Whether a header row is a Decidim results file rather than the office's progress
/// spreadsheet: Decidim's `id` with a result column (`title/<locale>`, `status/id`, `external_id`).
pub fn is_results_layout(headers: &[String]) -> bool {
    headers.iter().any(|h| h == "id")
        && headers
            .iter()
            .any(|h| h.starts_with("title/") || h == "status/id" || h == "external_id")
}

/// Decidim's progress as a number 0–100 (`96.0`, `46.33`, `60`; a comma taken for the point).
fn parse_progress(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| crate::t!("ledger-results-progress-bad", value = text))?;
    if !(0.0..=100.0).contains(&value) || value.is_nan() {
        return Err(crate::t!("ledger-results-progress-range", value = text));
    }
    Ok(value)
}

/// A Decidim figure as a card's whole percent (46.33 → 46, 46.5 → 47); never 100 under 100
/// (99.6 is not done: 100 would offer to conclude the card).
fn whole(progress: f64) -> u8 {
    let rounded = progress.round().clamp(0.0, 100.0) as u8;
    if progress < 100.0 {
        rounded.min(99)
    } else {
        rounded
    }
}

/// A figure as Decidim writes it back: whole numbers without decimals, others as they are.
fn written(progress: f64) -> String {
    if progress.fract() == 0.0 {
        format!("{}", progress as i64)
    } else {
        format!("{progress}")
    }
}

/// A Decidim database id: digits only.
fn is_id(text: &str) -> bool {
    !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decidim_progress_reads_as_decidim_writes_it() {
        assert_eq!(parse_progress("96.0"), Ok(96.0));
        assert_eq!(parse_progress("46.33"), Ok(46.33));
        assert_eq!(parse_progress("60"), Ok(60.0));
        assert_eq!(parse_progress("60,5"), Ok(60.5));
        assert!(parse_progress("101").is_err());
        assert!(parse_progress("-1").is_err());
        assert!(parse_progress("molto").is_err());
        assert_eq!(whole(46.33), 46);
        assert_eq!(whole(46.5), 47);
        assert_eq!(whole(99.6), 99);
        assert_eq!(whole(100.0), 100);
        assert_eq!(written(60.0), "60");
        assert_eq!(written(46.33), "46.33");
    }

    #[test]
    fn a_results_export_is_told_from_a_progress_sheet() {
        let h = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_results_layout(&h(&["id", "title/it", "progress"])));
        assert!(is_results_layout(&h(&["id", "external_id", "progress"])));
        assert!(!is_results_layout(&h(&["Codice", "Avanzamento", "Data"])));
        assert!(!is_results_layout(&h(&["id", "title", "body"])));
    }
}
