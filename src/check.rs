//! `agenda check`: is the database intact, and does it keep the rules of the domain? A purge
//! left unfinished is completed first; the checks themselves are queries, in
//! [`crate::storage::check`].

use std::path::Path;

use anyhow::Result;

use crate::error::{Failure, Kind};
use crate::storage::Db;
use crate::text::plural;

pub use crate::storage::check::Outcome;

/// What `agenda check` found.
#[derive(Debug)]
pub struct Checked {
    /// The cycles of a purge killed after its commit, completed before checking: erased values
    /// were left in free pages or WAL frames.
    pub completed_purge: Option<String>,
    pub outcome: Outcome,
}

/// Completes an unfinished purge, then runs every check.
pub fn run(db: &mut Db) -> Result<Checked> {
    let completed_purge = crate::privacy::complete_unfinished(db)?;
    let outcome = crate::storage::check::run(db.conn())?;
    Ok(Checked {
        completed_purge,
        outcome,
    })
}

/// The error `agenda check` ends with (exit 6) when it found problems: how many, and the first.
pub fn failure(path: &Path, outcome: &Outcome) -> Option<Failure> {
    let first = outcome.problems.first()?;
    let n = outcome.problems.len();
    Some(
        Failure::new(
            Kind::CheckFailed,
            format!(
                "{} has {n} {}; the first: {first}",
                path.display(),
                plural(n as i64, "problem", "problems")
            ),
        )
        .hint("restore a backup (`agenda restore PATH`), or correct the rows listed; run `agenda check` again afterwards"),
    )
}
