//! The census of a cycle's suggestions: every figure of the report that counts them, in one
//! pass over the table. Each pass reads every row of the cycle (bodies included: a million
//! suggestions are 650 MB), so the seven separate counts the report used to make cost it
//! three seconds more than this one.

use std::collections::{BTreeMap, BTreeSet};

use crate::storage::Handle;
use anyhow::Result;

/// What the report counts of a cycle's suggestions.
#[derive(Debug, Default)]
pub struct Census {
    pub suggestions: i64,
    pub untagged: i64,
    pub unanswered: i64,
    pub withdrawn: i64,
    /// Submitted after the collection closed.
    pub late: i64,
    /// By code: stakeholder types, channels, axes (a suggestion counts once for each of its
    /// axes) and outcomes in force.
    pub stakeholders: BTreeMap<String, i64>,
    pub channels: BTreeMap<String, i64>,
    pub axes: BTreeMap<String, i64>,
    pub outcomes: BTreeMap<String, i64>,
    /// The first references, in their order, of the suggestions without an axis and of those
    /// without a response: what a draft names as missing.
    pub first_untagged: Vec<String>,
    pub first_unanswered: Vec<String>,
}

/// Counts the suggestions of a cycle; `closed_on` is the date the collection closed (later
/// submissions are late), `shown` how many references of each missing kind to keep.
pub fn take(conn: &Handle, cycle_id: i64, closed_on: Option<&str>, shown: usize) -> Result<Census> {
    let mut c = Census::default();
    let mut untagged = First::new(shown);
    let mut unanswered = First::new(shown);
    crate::storage::report::for_each_counted(conn, cycle_id, |s| {
        c.suggestions += 1;
        add(&mut c.stakeholders, s.stakeholder);
        add(&mut c.channels, s.channel);
        if s.withdrawn {
            c.withdrawn += 1;
        }
        if let (Some(day), Some(closed)) = (s.submitted_on, closed_on) {
            if day > closed {
                c.late += 1;
            }
        }
        match s.axes {
            Some(axes) => axes.split(',').for_each(|a| add(&mut c.axes, a)),
            None => c.untagged += 1,
        }
        match s.outcome {
            Some(outcome) => add(&mut c.outcomes, outcome),
            None => c.unanswered += 1,
        }
        if s.axes.is_none() {
            untagged.offer(s.reference, s.id);
        }
        if s.outcome.is_none() {
            unanswered.offer(s.reference, s.id);
        }
        Ok(())
    })?;
    c.first_untagged = untagged.into_references();
    c.first_unanswered = unanswered.into_references();
    Ok(c)
}

fn add(map: &mut BTreeMap<String, i64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// The smallest few (reference, id) pairs offered, as `ORDER BY reference, id LIMIT n` would
/// give them, without sorting them all.
struct First {
    keep: usize,
    set: BTreeSet<(String, i64)>,
}

impl First {
    fn new(keep: usize) -> First {
        First {
            keep,
            set: BTreeSet::new(),
        }
    }

    /// Offers a reference; it is copied only when it is among the smallest so far.
    fn offer(&mut self, reference: &str, id: i64) {
        if self.keep == 0 {
            return;
        }
        if self.set.len() == self.keep {
            match self.set.last() {
                Some((last, last_id)) if (reference, id) < (last.as_str(), *last_id) => {
                    self.set.pop_last();
                }
                _ => return,
            }
        }
        self.set.insert((reference.to_string(), id));
    }

    fn into_references(self) -> Vec<String> {
        self.set.into_iter().map(|(r, _)| r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_keeps_the_smallest_in_order() {
        let mut first = First::new(3);
        for (r, id) in [
            ("PO-9", 9),
            ("C-000002", 2),
            ("PO-1", 1),
            ("PO-5", 5),
            ("A", 7),
        ] {
            first.offer(r, id);
        }
        assert_eq!(first.into_references(), ["A", "C-000002", "PO-1"]);
        let mut none = First::new(0);
        none.offer("x", 1);
        assert!(none.into_references().is_empty());
    }
}
