//! The value parsers of the command line, built on the domain's own parsers: a bad value is
//! refused by clap (exit 2) before any work, always the same way.

use clap::Args;

use crate::csvin::{DelimiterChoice, EncodingChoice};
use crate::domain::card::{parse_budget, YearMonth};
use crate::domain::mapping::NamedColumn;
use crate::domain::{Term, Triennium};
use crate::import::SourceChoice;

/// `--cycle`, a triennium: `2021-2023`.
pub fn triennium(value: &str) -> Result<Triennium, String> {
    Triennium::parse(value).map_err(|e| e.message)
}

/// `--lang`: `it` or `en`.
pub fn lang(value: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::parse(value).ok_or_else(|| crate::t!("args-lang", value = value))
}

/// `--limit`: a count SQLite can hold (at most 9,223,372,036,854,775,807), at least 1.
pub fn limit(value: &str) -> Result<usize, String> {
    let too_many = || {
        crate::t!(
            "cli-msg-limit-too-big",
            value = value,
            max = crate::i18n::numbers::count(i64::MAX)
        )
    };
    let n: u128 = value.trim().parse().map_err(|_| {
        if !value.trim().is_empty() && value.trim().bytes().all(|b| b.is_ascii_digit()) {
            too_many()
        } else {
            crate::t!("cli-msg-limit-not-a-number", value = value)
        }
    })?;
    if n == 0 {
        return Err(crate::t!("cli-msg-limit-zero"));
    }
    if n > i64::MAX as u128 || n > usize::MAX as u128 {
        return Err(too_many());
    }
    Ok(n as usize)
}

/// A calendar date, as the office writes it (`gg/mm/aaaa`, also `2/5/2022`) or ISO
/// (`YYYY-MM-DD`); it comes back as ISO.
pub fn date(value: &str) -> Result<String, String> {
    crate::text::parse_day(value)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| crate::t!("cli-msg-date-bad", value = value))
}

/// A word of the glossary — an axis, a status, an outcome, a channel, a stakeholder type — by
/// its code or its Italian name.
pub fn term<T: Term>(value: &str) -> Result<T, String> {
    T::parse(value).map_err(|e| match e.hint {
        Some(hint) => format!("{} ({hint})", e.message),
        None => e.message,
    })
}

/// A value that an empty string clears (`--start ""` on `card edit`).
#[derive(Debug, Clone, PartialEq)]
pub struct OrEmpty<T>(pub Option<T>);

/// A month, `YYYY-MM`, or "" to clear it.
pub fn month_or_empty(value: &str) -> Result<OrEmpty<YearMonth>, String> {
    if value.trim().is_empty() {
        return Ok(OrEmpty(None));
    }
    YearMonth::parse(value)
        .map(|m| OrEmpty(Some(m)))
        .map_err(|e| e.message)
}

/// An amount in euro (in cents), or "" to clear it.
pub fn budget_or_empty(value: &str) -> Result<OrEmpty<i64>, String> {
    if value.trim().is_empty() {
        return Ok(OrEmpty(None));
    }
    parse_budget(value)
        .map(|b| OrEmpty(Some(b)))
        .map_err(|e| e.message)
}

/// `--source`: what the files are.
pub fn source(value: &str) -> Result<SourceChoice, String> {
    SourceChoice::parse(value).map_err(|e| e.message)
}

/// `--map FIELD=HEADER`: the column a field is read from.
pub fn column(value: &str) -> Result<NamedColumn, String> {
    NamedColumn::parse(value).map_err(|e| e.message)
}

/// `--encoding` and `--delimiter` of a file people bring (CSV; ignored for workbooks and JSON).
#[derive(Debug, Clone, Args)]
pub struct CsvArgs {
    /// The text encoding; auto tells it from the file's bytes.
    #[arg(long, default_value = "auto", value_name = "auto|utf-8|windows-1252", value_parser = encoding)]
    encoding: EncodingChoice,
    /// The field separator; auto tells it from the header line.
    #[arg(long, default_value = "auto", value_name = "auto|,|;|tab", value_parser = delimiter)]
    delimiter: DelimiterChoice,
}

impl CsvArgs {
    pub fn options(&self) -> crate::csvin::Options {
        crate::csvin::Options {
            encoding: self.encoding,
            delimiter: self.delimiter,
        }
    }
}

fn encoding(value: &str) -> Result<EncodingChoice, String> {
    EncodingChoice::parse(value).map_err(|e| e.message)
}

fn delimiter(value: &str) -> Result<DelimiterChoice, String> {
    DelimiterChoice::parse(value).map_err(|e| e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_taken_the_italian_way_or_iso() {
        assert_eq!(date("02/05/2022").as_deref(), Ok("2022-05-02"));
        assert_eq!(date("2/5/2022").as_deref(), Ok("2022-05-02"));
        assert_eq!(date(" 31/12/2021 ").as_deref(), Ok("2021-12-31"));
        assert_eq!(date("2022-05-02").as_deref(), Ok("2022-05-02"));
    }

    #[test]
    fn a_date_that_does_not_exist_is_refused() {
        let err = date("31/02/2022").unwrap_err();
        assert_eq!(
            err,
            "\"31/02/2022\" is not a date: write it as DD/MM/YYYY (02/05/2022) or YYYY-MM-DD"
        );
        assert!(date("2022-02-31").is_err());
        assert!(date("02/05/22").is_err());
        assert!(date("05-02-2022").is_err());
        assert!(date("2/5/2022/1").is_err());
        assert!(date("").is_err());
    }
}
