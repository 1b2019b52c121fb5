//! Numbers, shares, months and periods the Italian way, as every format of the report writes
//! them.

use super::PhaseDates;
use crate::domain::card::YearMonth;
use crate::domain::Card;
use crate::text::long_date;

pub(super) fn contributi(n: i64) -> String {
    contributi_label(n)
}

pub(super) fn and_more(n: i64) -> String {
    if n > 0 {
        format!(" e altri {}", number(n))
    } else {
        String::new()
    }
}

/// `2022-03` → `marzo 2022`.
pub fn month_label(m: YearMonth) -> String {
    format!(
        "{} {}",
        crate::text::MONTHS[(m.month as usize).clamp(1, 12) - 1],
        m.year
    )
}

/// The timing of a card in words: "da marzo 2021 a dicembre 2022", "da definire".
pub fn timing_label(card: &Card) -> String {
    match (card.start, card.end) {
        (Some(s), Some(e)) => format!("da {} a {}", month_label(s), month_label(e)),
        (Some(s), None) => format!("da {}", month_label(s)),
        (None, Some(e)) => format!("entro {}", month_label(e)),
        (None, None) => "da definire".to_string(),
    }
}

/// A share in tenths of a percent, the Italian way: `12,5%`. Integer arithmetic, so that it
/// rounds the same everywhere.
pub fn percent(n: i64, total: i64) -> String {
    if total <= 0 {
        return "–".to_string();
    }
    let tenths = (n * 1000 + total / 2) / total;
    format!("{},{}%", tenths / 10, tenths % 10)
}

/// A count the Italian way: `1.234.567`.
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// "1 contributo", "12 contributi".
pub fn contributi_label(n: i64) -> String {
    if n == 1 {
        "1 contributo".to_string()
    } else {
        format!("{} contributi", number(n))
    }
}

/// The phase dates in words: "dal 15 settembre 2021 al 1° ottobre 2021", "non ancora avviata".
pub fn period_label(phase: &PhaseDates) -> String {
    match (&phase.from, &phase.to) {
        (Some(f), Some(t)) => format!("dal {} al {}", long_date(f), long_date(t)),
        (Some(f), None) => format!("dal {} (in corso)", long_date(f)),
        _ => "non ancora avviata".to_string(),
    }
}

/// A card's progress as the report prints it beside its bar: `60%`.
pub fn progress_label(percent: u8) -> String {
    format!("{percent}%")
}

/// What the report says of a card without progress.
pub const NO_PROGRESS: &str = "nessun avanzamento registrato";

/// A value of an indicator the Italian way: `12.500`, `3,5`, `1.500,75` (the ledger keeps at
/// most two decimals).
pub fn value_label(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    let whole = number(cents / 100);
    match (cents % 100).unsigned_abs() {
        0 => whole,
        c if c % 10 == 0 => format!("{whole},{}", c / 10),
        c => format!("{whole},{c:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::short_date;

    #[test]
    fn dates_and_shares_in_italian() {
        assert_eq!(long_date("2021-12-01"), "1° dicembre 2021");
        assert_eq!(long_date("2022-01-20"), "20 gennaio 2022");
        assert_eq!(short_date("2021-12-01"), "01/12/2021");
        assert_eq!(short_date("ieri"), "ieri");
        assert_eq!(percent(1, 8), "12,5%");
        assert_eq!(percent(2, 3), "66,7%");
        assert_eq!(percent(0, 0), "–");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(number(999), "999");
    }

    #[test]
    fn indicator_values_and_progress_in_italian() {
        assert_eq!(value_label(12500.0), "12.500");
        assert_eq!(value_label(3.5), "3,5");
        assert_eq!(value_label(1500.75), "1.500,75");
        assert_eq!(value_label(0.05), "0,05");
        assert_eq!(progress_label(60), "60%");
    }
}
