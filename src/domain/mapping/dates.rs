//! The dates exports carry: ISO 8601 with or without time and offset, Decidim's
//! `2022-05-02 15:44:00 +0100`, Italian `dd/mm/yyyy` and `dd/mm/yyyy HH:MM`.
//! Stored as ISO 8601: `2022-05-02`, `2022-05-02T15:44:00`, or with the offset
//! `2022-05-02T15:44:00+01:00`; the first ten characters are always the date.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};

/// `2022-05-02T15:44:00+01:00`, written without chrono's format strings (an import formats a
/// million of them).
fn with_offset(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs() / 60;
    format!(
        "{}{sign}{:02}:{:02}",
        without_offset(&t.naive_local()),
        offset / 60,
        offset % 60
    )
}

/// `2022-05-02T15:44:00`.
fn without_offset(t: &NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Parses a date as people and platforms write it; `None` when it is not one.
pub fn parse(input: &str) -> Option<String> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    // With an offset: RFC 3339, Decidim's "YYYY-MM-DD HH:MM:SS +0100", or "… UTC".
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(with_offset(&t));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M %z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, format) {
            return Some(with_offset(&t));
        }
    }
    if let Some(utc) = s.strip_suffix(" UTC").or_else(|| s.strip_suffix('Z')) {
        if let Some(t) = naive_datetime(utc) {
            return Some(format!("{}+00:00", without_offset(&t)));
        }
    }
    if let Some(t) = naive_datetime(s) {
        return Some(without_offset(&t));
    }
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, format) {
            if (1900..=2200).contains(&d.format("%Y").to_string().parse::<i32>().unwrap_or(0)) {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

fn naive_datetime(s: &str) -> Option<NaiveDateTime> {
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y, %H:%M:%S",
        "%d/%m/%Y, %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn every_shape_seen_in_exports() {
        assert_eq!(parse("2022-05-02").as_deref(), Some("2022-05-02"));
        assert_eq!(
            parse("2022-05-02T15:44:00").as_deref(),
            Some("2022-05-02T15:44:00")
        );
        assert_eq!(
            parse("2022-05-02T15:44:00Z").as_deref(),
            Some("2022-05-02T15:44:00+00:00")
        );
        assert_eq!(
            parse("2022-05-02T15:44:00.123+02:00").as_deref(),
            Some("2022-05-02T15:44:00+02:00")
        );
        assert_eq!(
            parse("2022-05-02 15:44:00 +0100").as_deref(),
            Some("2022-05-02T15:44:00+01:00")
        );
        assert_eq!(
            parse("2022-05-02 15:44:00 UTC").as_deref(),
            Some("2022-05-02T15:44:00+00:00")
        );
        assert_eq!(parse("02/05/2022").as_deref(), Some("2022-05-02"));
        assert_eq!(parse("2/5/2022").as_deref(), Some("2022-05-02"));
        assert_eq!(
            parse("02/05/2022 09:30").as_deref(),
            Some("2022-05-02T09:30:00")
        );
        assert_eq!(
            parse(" 02/05/2022 09:30:15 ").as_deref(),
            Some("2022-05-02T09:30:15")
        );
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse("31/02/2022"), None);
        assert_eq!(parse("ieri"), None);
        assert_eq!(parse("2022-13-01"), None);
        assert_eq!(parse(""), None);
    }
}
