//! The problems of an input file, listed as `FILE:LINE: what is wrong`: the message every
//! all-or-nothing reader (cards, suggestions, responses) refuses a file with.

use super::Locator;
use crate::error::{invalid_input, Failure};

/// Collects up to 20 problems of an input file, as `FILE:LINE: what is wrong` (for a
/// workbook `FILE:SHEET:ROW`, for JSON `FILE: record N`).
pub struct Problems {
    name: String,
    locator: Locator,
    lines: Vec<String>,
    total: usize,
}

pub const MAX_PROBLEMS_SHOWN: usize = 20;

impl Problems {
    pub fn new(name: &str) -> Problems {
        Self::located(name, Locator::Line)
    }
    pub fn located(name: &str, locator: Locator) -> Problems {
        Problems {
            name: name.to_string(),
            locator,
            lines: Vec::new(),
            total: 0,
        }
    }
    pub fn add(&mut self, line: u64, what: String) {
        self.total += 1;
        if self.lines.len() < MAX_PROBLEMS_SHOWN {
            self.lines
                .push(format!("{}: {what}", self.locator.at(&self.name, line)));
        }
    }
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    pub fn total(&self) -> usize {
        self.total
    }
    /// Adds to the explanation of the last problem listed.
    pub fn amend_last(&mut self, more: &str) {
        if let Some(last) = self.lines.last_mut() {
            last.push_str("; ");
            last.push_str(more);
        }
    }
    /// The problems listed so far (at most 20).
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
    /// An error listing the problems, or `Ok` when there are none.
    pub fn fail_if_any(&self) -> Result<(), Failure> {
        if self.total == 0 {
            return Ok(());
        }
        let mut message = format!(
            "{}\n  {}",
            crate::t!(
                "import-invalid-rows",
                file = self.name.as_str(),
                count = self.total
            ),
            self.lines.join("\n  ")
        );
        if self.total > self.lines.len() {
            message.push_str("\n  ");
            message.push_str(&crate::t!(
                "import-more-problems",
                count = self.total - self.lines.len()
            ));
        }
        Err(invalid_input(message).hint(crate::t!("import-fix-rows-hint")))
    }
}
