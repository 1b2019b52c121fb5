//! The value parsers of the command line, built on the domain's own parsers: a bad value is
//! refused by clap (exit 2) before any work, always the same way.

use crate::domain::Triennium;

/// `--cycle`, a triennium: `2021-2023`.
pub fn triennium(value: &str) -> Result<Triennium, String> {
    Triennium::parse(value).map_err(|e| e.message)
}

/// `--limit`: a count SQLite can hold (at most 9,223,372,036,854,775,807), at least 1.
pub fn limit(value: &str) -> Result<usize, String> {
    let n: u128 = value.trim().parse().map_err(|_| {
        if !value.trim().is_empty() && value.trim().bytes().all(|b| b.is_ascii_digit()) {
            format!("{value} is more than the database can count ({})", i64::MAX)
        } else {
            format!("\"{value}\" is not a whole number")
        }
    })?;
    if n == 0 {
        return Err("the limit must be at least 1".into());
    }
    if n > i64::MAX as u128 || n > usize::MAX as u128 {
        return Err(format!(
            "{value} is more than the database can count ({})",
            i64::MAX
        ));
    }
    Ok(n as usize)
}
/// A calendar date, `YYYY-MM-DD`.
pub fn date(value: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("\"{value}\" is not a date: write it as YYYY-MM-DD, e.g. 2022-05-02"))
}
