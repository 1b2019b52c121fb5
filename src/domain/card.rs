//! Project cards (schede) and their fields.

use serde::Serialize;

use super::glossary::{Axis, CardStatus, Term};
use crate::error::{usage, Failure};

/// A project card of the Agenda. The code stands for the same card forever.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub code: String,
    pub title: String,
    pub axis: Axis,
    pub status: CardStatus,
    pub description: String,
    pub objectives: String,
    pub office: String,
    pub partners: String,
    pub start: Option<YearMonth>,
    pub end: Option<YearMonth>,
    /// In euro cents, so that sums are exact.
    #[serde(serialize_with = "serialize_budget")]
    pub budget: Option<i64>,
    pub funding: String,
    pub agid_refs: Vec<String>,
    pub indicators: Vec<String>,
}

fn serialize_budget<S: serde::Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(cents) => s.serialize_f64(*cents as f64 / 100.0),
        None => s.serialize_none(),
    }
}

/// The fields of a card by name, in the order of the CSV export. `card edit` and the history
/// speak of fields by these names.
pub const FIELDS: &[&str] = &[
    "code",
    "title",
    "axis",
    "status",
    "description",
    "objectives",
    "office",
    "partners",
    "start",
    "end",
    "budget",
    "funding",
    "agid_refs",
    "indicators",
];

/// Separator of several AGID references or indicators in one CSV cell.
pub const LIST_SEPARATOR: &str = " | ";

/// A field of a card that changed, with its text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

impl Card {
    /// A card with its required fields and every other field empty.
    pub fn new(code: &str, title: &str, axis: Axis, status: CardStatus) -> Card {
        Card {
            code: code.trim().to_string(),
            title: title.trim().to_string(),
            axis,
            status,
            description: String::new(),
            objectives: String::new(),
            office: String::new(),
            partners: String::new(),
            start: None,
            end: None,
            budget: None,
            funding: String::new(),
            agid_refs: Vec::new(),
            indicators: Vec::new(),
        }
    }

    /// The value of a field as text, as the CSV export and the history write it.
    pub fn field_text(&self, field: &str) -> String {
        match field {
            "code" => self.code.clone(),
            "title" => self.title.clone(),
            "axis" => self.axis.code().to_string(),
            "status" => self.status.code().to_string(),
            "description" => self.description.clone(),
            "objectives" => self.objectives.clone(),
            "office" => self.office.clone(),
            "partners" => self.partners.clone(),
            "start" => self.start.map(|m| m.to_string()).unwrap_or_default(),
            "end" => self.end.map(|m| m.to_string()).unwrap_or_default(),
            "budget" => self.budget.map(format_budget).unwrap_or_default(),
            "funding" => self.funding.clone(),
            "agid_refs" => join_list(&self.agid_refs),
            "indicators" => join_list(&self.indicators),
            other => unreachable!("unknown card field {other}"),
        }
    }

    /// The fields whose values differ between two versions of a card.
    pub fn changes_from(&self, old: &Card) -> Vec<FieldChange> {
        FIELDS
            .iter()
            .filter_map(|field| {
                let before = old.field_text(field);
                let after = self.field_text(field);
                (before != after).then_some(FieldChange {
                    field,
                    before,
                    after,
                })
            })
            .collect()
    }

    /// Checks what a card must have whatever way it was written.
    pub fn validate(&self) -> Result<(), Failure> {
        if self.code.trim().is_empty() {
            return Err(usage(crate::t!("domain-card-needs-code")));
        }
        if self.code.chars().any(|c| c.is_control()) || self.code.trim() != self.code {
            return Err(usage(crate::t!(
                "domain-card-code-bad",
                code = self.code.as_str()
            )));
        }
        if self.title.trim().is_empty() {
            return Err(usage(crate::t!(
                "domain-card-needs-title",
                code = self.code.as_str()
            )));
        }
        if let (Some(start), Some(end)) = (self.start, self.end) {
            if end < start {
                return Err(usage(crate::t!(
                    "domain-card-end-before-start",
                    code = self.code.as_str(),
                    end = end.to_string(),
                    start = start.to_string()
                )));
            }
        }
        Ok(())
    }
}

/// A month, as cards give their timing (`2022-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Accepts `YYYY-MM`, `MM/YYYY` and `YYYY`-less forms people type are refused with the
    /// expected shape.
    pub fn parse(input: &str) -> Result<YearMonth, Failure> {
        let s = input.trim();
        let bad = || usage(crate::t!("domain-month-bad", input = input));
        let (year, month) = if let Some((y, m)) = s.split_once('-') {
            (y, m)
        } else if let Some((m, y)) = s.split_once('/') {
            (y, m)
        } else {
            return Err(bad());
        };
        let year: i32 = year.trim().parse().map_err(|_| bad())?;
        let month: u32 = month.trim().parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }

    /// The first day of the month, `YYYY-MM-DD`.
    pub fn first_day(self) -> String {
        format!("{:04}-{:02}-01", self.year, self.month)
    }

    /// The last day of the month, `YYYY-MM-DD` (29 February in a leap year).
    pub fn last_day(self) -> String {
        let (year, next) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        chrono::NaiveDate::from_ymd_opt(year, next, 1)
            .and_then(|d| d.pred_opt())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Parses an amount in euro as people write it, by one strict grammar; returns cents:
/// - digits, with one or two decimals after `.` or `,`: `120000`, `120000.50`, `0,5`;
/// - thousands grouped by `.` (groups of three) with decimals after `,`: `120.000,50`, `1.500`;
/// - thousands grouped by `,` with decimals after `.`: `1,500.00`;
/// - `€` or `EUR` before or after, spaces anywhere.
///
/// Anything else (`0,005`, `12,3,4`, `1.2.3`, a negative amount) is refused rather than read
/// as another amount.
pub fn parse_budget(input: &str) -> Result<i64, Failure> {
    let bad = || usage(crate::t!("domain-budget-bad", input = input));
    let cleaned: String = input
        .trim()
        .trim_start_matches('€')
        .trim_end_matches('€')
        .trim()
        .trim_start_matches("EUR")
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Split off the decimals: one or two digits after the last separator of the decimal kind.
    let split = |s: &str, decimal: char| -> Option<(String, String)> {
        match s.rsplit_once(decimal) {
            Some((int, frac)) if (1..=2).contains(&frac.len()) && digits(frac) => {
                Some((int.to_string(), frac.to_string()))
            }
            Some(_) => None,
            None => Some((s.to_string(), String::new())),
        }
    };
    // Thousands grouped by `group`: a first group of one to three digits not starting with 0,
    // then groups of exactly three.
    let grouped = |int: &str, group: char| -> Option<String> {
        let mut parts = int.split(group);
        let first = parts.next()?;
        if !(1..=3).contains(&first.len()) || !digits(first) || first.starts_with('0') {
            return None;
        }
        let mut out = first.to_string();
        let mut any = false;
        for part in parts {
            if part.len() != 3 || !digits(part) {
                return None;
            }
            out.push_str(part);
            any = true;
        }
        any.then_some(out)
    };
    let (euros, cents) = if digits(&cleaned) {
        (cleaned.clone(), String::new())
    } else if let Some((int, frac)) = ['.', ',']
        .iter()
        .filter_map(|&d| cleaned.rsplit_once(d).map(|(i, f)| (d, i, f)))
        .find(|(_, i, f)| digits(i) && (1..=2).contains(&f.len()) && digits(f))
        .map(|(_, i, f)| (i.to_string(), f.to_string()))
    {
        (int, frac)
    } else if let Some((int, frac)) =
        split(&cleaned, ',').and_then(|(i, f)| Some((grouped(&i, '.')?, f)))
    {
        (int, frac)
    } else if let Some((int, frac)) =
        split(&cleaned, '.').and_then(|(i, f)| Some((grouped(&i, ',')?, f)))
    {
        (int, frac)
    } else {
        return Err(bad());
    };
    let euros: i64 = euros.parse().map_err(|_| bad())?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| bad())? * 10,
        _ => cents.parse().map_err(|_| bad())?,
    };
    euros
        .checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or_else(bad)
}

/// Writes cents as a plain amount with a dot: `120000.50`.
pub fn format_budget(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Writes cents the Italian way, for people: `€ 120.000,50`.
pub fn format_euro(cents: i64) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("€ {},{:02}", grouped, cents % 100)
}

/// Joins several references or indicators into one cell, ` | ` between them; a `|` inside
/// one is written `||`, so that [`split_list`] gives them back unchanged.
pub fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.replace('|', "||"))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// Splits a cell holding several references or indicators: by line when it has several lines,
/// else at each `|` (a doubled `||` is a `|` of the item itself).
pub fn split_list(cell: &str) -> Vec<String> {
    let items: Vec<String> = if cell.trim().contains('\n') {
        cell.split('\n').map(|l| l.replace("||", "|")).collect()
    } else {
        let mut items = vec![String::new()];
        let mut chars = cell.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '|' {
                if chars.peek() == Some(&'|') {
                    chars.next();
                    items.last_mut().expect("one item").push('|');
                } else {
                    items.push(String::new());
                }
            } else {
                items.last_mut().expect("one item").push(c);
            }
        }
        items
    };
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_as_written_in_italy_and_elsewhere() {
        assert_eq!(parse_budget("120000").unwrap(), 12_000_000);
        assert_eq!(parse_budget("120000.50").unwrap(), 12_000_050);
        assert_eq!(parse_budget("120.000,50").unwrap(), 12_000_050);
        assert_eq!(parse_budget("€ 1.500,00").unwrap(), 150_000);
        assert_eq!(parse_budget("1,500.00").unwrap(), 150_000);
        assert_eq!(parse_budget("1.500").unwrap(), 150_000);
        assert_eq!(parse_budget("0,5").unwrap(), 50);
        assert_eq!(parse_budget("1.234.567,8").unwrap(), 123_456_780);
        assert_eq!(parse_budget("1,234,567").unwrap(), 123_456_700);
        assert_eq!(parse_budget("EUR 35000").unwrap(), 3_500_000);
        assert!(parse_budget("tanti").is_err());
        assert!(parse_budget("-5").is_err());
        assert!(parse_budget("").is_err());
    }

    #[test]
    fn regression_budgets_outside_the_grammar_are_refused_not_misread() {
        // Once read as 5 euro, 1234 euro and 123 euro.
        for bad in [
            "0,005",
            "12,3,4",
            "1.2.3",
            "1.50.000",
            "01.500",
            "1.500.00,5",
            "€",
            "1..5",
        ] {
            assert!(parse_budget(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn euro_for_people() {
        assert_eq!(format_euro(12_000_050), "€ 120.000,50");
        assert_eq!(format_euro(99), "€ 0,99");
        assert_eq!(format_budget(12_000_050), "120000.50");
    }

    #[test]
    fn months() {
        assert_eq!(YearMonth::parse("2022-03").unwrap().to_string(), "2022-03");
        assert_eq!(YearMonth::parse("3/2022").unwrap().to_string(), "2022-03");
        assert!(YearMonth::parse("2022-13").is_err());
        assert!(YearMonth::parse("marzo").is_err());
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("2020-2022 CAP1.PA.LA01 | 2020-2022 OB.1.1"),
            vec!["2020-2022 CAP1.PA.LA01", "2020-2022 OB.1.1"]
        );
        assert!(split_list("  ").is_empty());
        assert_eq!(split_list("a\nb | c"), vec!["a", "b | c"]);
        assert_eq!(split_list("a || b | c"), vec!["a | b", "c"]);
    }

    #[test]
    fn regression_a_reference_holding_a_bar_survives_a_round_trip() {
        let refs = vec![
            "2024-2026 RA3.2.1 | nota".to_string(),
            "2020-2022 OB.1.1".to_string(),
        ];
        assert_eq!(split_list(&join_list(&refs)), refs);
        let single = vec!["2024-2026 RA3.2.1 | nota".to_string()];
        assert_eq!(split_list(&join_list(&single)), single);
        let plain = vec!["A".to_string(), "B".to_string()];
        assert_eq!(join_list(&plain), "A | B");
    }
}
