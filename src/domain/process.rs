//! The rules of the process that need no database: the act that closes a cycle, the dates a
//! step may bear, what stands in the way of closing.

use anyhow::Result;
use serde::Serialize;

use crate::context;
use crate::domain::Cycle;
use crate::error::{refused, usage};

/// How many suggestions of a cycle there are, and how many have no axis or no response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SuggestionCounts {
    pub total: i64,
    pub untagged: i64,
    pub unanswered: i64,
}

/// How many unanswered references a refusal lists.
pub const UNANSWERED_SHOWN: usize = 10;

/// The suggestions that still have no response, as a refusal names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub count: i64,
    /// The suggestions of the cycle.
    pub of: i64,
    /// The first references (at most [`UNANSWERED_SHOWN`]).
    pub shown: Vec<String>,
}

impl Unanswered {
    /// "3 of 40 suggestions have no response: A, B, C and 1 more".
    pub fn sentence(&self) -> String {
        t!(
            "domain-unanswered",
            count = self.count,
            of = self.of,
            list = listed(&self.shown, self.count)
        )
    }
}

/// The suggestions that have no axis, as a refusal names them: the final report counts every
/// suggestion by axis, withdrawn ones included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untagged {
    pub count: i64,
    /// The suggestions of the cycle.
    pub of: i64,
    /// The first references (at most [`UNANSWERED_SHOWN`]).
    pub shown: Vec<String>,
}

impl Untagged {
    /// "2 of 40 suggestions have no axis: A, B".
    pub fn sentence(&self) -> String {
        t!(
            "domain-untagged",
            count = self.count,
            of = self.of,
            list = listed(&self.shown, self.count)
        )
    }
}

/// The suggestions submitted after a date (the report's, the closing's), as a refusal names
/// them: a final report cannot give account of suggestions it predates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedAfter {
    pub count: i64,
    /// The suggestions of the cycle.
    pub of: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The latest date of submission among them.
    pub latest: Option<String>,
    /// The first references (at most [`UNANSWERED_SHOWN`]).
    pub shown: Vec<String>,
}

impl DatedAfter {
    /// "2 of 40 suggestions are dated after 2022-01-20, the date of the report (the latest
    /// 2022-11-03): A, B"; `of_what` names the date, in the run's language ("the date of the
    /// report", "the closing").
    pub fn sentence(&self, of_what: &str) -> String {
        let latest = self
            .latest
            .as_deref()
            .map(|l| format!(" {}", t!("domain-dated-after-latest", latest = l)))
            .unwrap_or_default();
        t!(
            "domain-dated-after",
            count = self.count,
            of = self.of,
            date = self.date.as_str(),
            of_what = of_what,
            latest = latest,
            list = listed(&self.shown, self.count)
        )
    }
}

/// "A, B, C" or "A, B, C and 4 more" when `count` is more than those shown.
fn listed(shown: &[String], count: i64) -> String {
    let more = count - shown.len() as i64;
    if more > 0 {
        t!(
            "domain-listed-and-more",
            shown = shown.join(", "),
            more = more
        )
    } else {
        shown.join(", ")
    }
}

/// A step is never dated before the start of the phase it leaves: steps go forward in time.
pub fn ensure_not_before_phase(date: &str, cycle: &Cycle) -> Result<()> {
    if date < cycle.phase_since.as_str() {
        return Err(refused(t!(
            "domain-step-before-phase",
            date = date,
            since = cycle.phase_since.as_str()
        ))
        .hint(t!("domain-step-before-phase-hint"))
        .into());
    }
    Ok(())
}

/// A step of the process dated after today is refused: the history records what happened.
pub fn ensure_not_after_today(date: &str) -> Result<()> {
    let today = context::today();
    if date > today.as_str() {
        return Err(usage(t!(
            "domain-step-after-today",
            date = date,
            today = today.as_str()
        ))
        .hint(t!("domain-step-after-today-hint"))
        .into());
    }
    Ok(())
}

/// The Giunta's deliberation that approves the update: its number, year and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Act {
    pub number: u32,
    pub year: i32,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl Act {
    /// Reads `12/2022` (a leading `DGC`, `D.G.C.` or `n.` is accepted and dropped) with the
    /// act's date, which is required.
    pub fn parse(input: &str, date: Option<&str>) -> Result<Act> {
        let bad = || usage(t!("domain-act-bad", input = input));
        let mut rest = input.trim();
        for prefix in [
            "d.g.c.",
            "dgc",
            "deliberazione",
            "delibera",
            "n.",
            "nr.",
            "n°",
            "n ",
        ] {
            if rest
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            {
                rest = rest[prefix.len()..].trim_start();
            }
        }
        for prefix in ["n.", "nr.", "n°", "n "] {
            if rest
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            {
                rest = rest[prefix.len()..].trim_start();
            }
        }
        let (number, year) = rest.split_once('/').ok_or_else(bad)?;
        let number: u32 = number.trim().parse().map_err(|_| bad())?;
        let year_text = year.trim();
        if number == 0 || year_text.len() != 4 {
            return Err(bad().into());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        if !(1990..=2200).contains(&year) {
            return Err(bad().into());
        }
        let date = date.ok_or_else(|| {
            usage(t!(
                "domain-act-needs-date",
                number = number.to_string(),
                year = year.to_string()
            ))
        })?;
        let date = crate::domain::mapping::dates::parse(date)
            .filter(|d| d.len() == 10)
            .ok_or_else(|| usage(t!("domain-act-date-bad", date = date)))?;
        if !date.starts_with(&year.to_string()) {
            return Err(usage(t!(
                "domain-act-year-mismatch",
                number = number.to_string(),
                year = year.to_string(),
                date = date.as_str()
            ))
            .hint(t!("domain-act-year-mismatch-hint"))
            .into());
        }
        Ok(Act { number, year, date })
    }

    /// The act's date against the cycle and the closing: not before Fase 3 began (the update
    /// it approves is written then), not after the closing, not after today.
    pub fn check_against(&self, cycle: &Cycle, closing: &str) -> Result<()> {
        ensure_not_after_today(&self.date)?;
        if self.date.as_str() < cycle.phase_since.as_str() {
            return Err(usage(t!(
                "domain-act-before-fase-3",
                date = self.date.as_str(),
                since = cycle.phase_since.as_str()
            ))
            .hint(t!("domain-act-before-fase-3-hint"))
            .into());
        }
        if self.date.as_str() > closing {
            return Err(usage(t!(
                "domain-act-after-closing",
                date = self.date.as_str(),
                closing = closing
            ))
            .into());
        }
        Ok(())
    }

    /// The line of the report's cover, under the annex label.
    pub fn cover_line(&self) -> String {
        annex_line(&self.number.to_string(), &self.date)
    }
}

/// What the cover of the annex says under its label: the deliberation it is attached to.
pub fn annex_line(number: &str, date: &str) -> String {
    format!(
        "alla deliberazione della Giunta comunale n. {number} del {}",
        crate::text::long_date(date)
    )
}

/// The cover's line while the act is unknown: blanks to fill in.
pub const ANNEX_LINE_BLANK: &str = "alla deliberazione della Giunta comunale n. ____ del ____";

/// The cover's line of a cycle closed without an act.
pub const ANNEX_LINE_WITHOUT_ACT: &str = "ciclo chiuso senza deliberazione di approvazione";

impl std::fmt::Display for Act {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DGC {}/{}", self.number, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unanswered_sentence_counts_what_it_does_not_show() {
        let one = Unanswered {
            count: 1,
            of: 4,
            shown: vec!["PO-1".into()],
        };
        assert_eq!(one.sentence(), "1 of 4 suggestion has no response: PO-1");
        let many = Unanswered {
            count: 12,
            of: 40,
            shown: (1..=10).map(|i| format!("PO-{i}")).collect(),
        };
        assert!(many
            .sentence()
            .starts_with("12 of 40 suggestions have no response: PO-1, PO-2"));
        assert!(many.sentence().ends_with("PO-10 and 2 more"));
    }

    #[test]
    fn untagged_and_dated_after_sentences_count_what_they_do_not_show() {
        let untagged = Untagged {
            count: 11,
            of: 63,
            shown: (1..=10).map(|i| format!("PO-{i}")).collect(),
        };
        assert!(untagged
            .sentence()
            .starts_with("11 of 63 suggestions have no axis: PO-1, PO-2"));
        assert!(untagged.sentence().ends_with("PO-10 and 1 more"));
        let dated = DatedAfter {
            count: 1,
            of: 63,
            date: "2022-01-20".into(),
            latest: Some("2022-10-27".into()),
            shown: vec!["C-000040".into()],
        };
        assert_eq!(
            dated.sentence("the date of the report"),
            "1 of 63 suggestion is dated after 2022-01-20, the date of the report (the latest 2022-10-27): C-000040"
        );
    }

    #[test]
    fn act_reads_the_forms_clerks_write() {
        for written in [
            "12/2022",
            "DGC 12/2022",
            "D.G.C. n. 12/2022",
            "delibera n° 12/2022",
        ] {
            let act = Act::parse(written, Some("2022-01-20")).unwrap();
            assert_eq!((act.number, act.year), (12, 2022), "{written}");
            assert_eq!(act.to_string(), "DGC 12/2022");
        }
        assert!(Act::parse("12/2022", None).is_err());
        assert!(Act::parse("12/2022", Some("2021-12-30")).is_err());
        assert!(Act::parse("0/2022", Some("2022-01-20")).is_err());
        assert!(Act::parse("12/22", Some("2022-01-20")).is_err());
    }
}
