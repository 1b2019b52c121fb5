//! `agenda check`: is the database intact, and does it keep the rules of the domain? A purge
//! left unfinished is completed first; the checks themselves are queries, in
//! [`crate::storage::check`].

use std::path::Path;

use anyhow::Result;

use crate::error::{Failure, Kind};
use crate::storage::Db;

pub use crate::storage::check::Outcome;

/// Completes a purge killed after its commit, which left erased values in free pages or WAL
/// frames; returns the cycles it was for. `agenda check` does it before checking.
pub fn complete_purge(db: &mut Db) -> Result<Option<String>> {
    crate::privacy::complete_unfinished(db)
}

/// Runs every check.
pub fn run(db: &Db) -> Result<Outcome> {
    crate::storage::check::run(db.conn())
}

/// The error `agenda check` ends with (exit 6) when it found problems: how many, and the first.
pub fn failure(path: &Path, outcome: &Outcome) -> Option<Failure> {
    let first = outcome.problems.first()?;
    let n = outcome.problems.len();
    Some(
        Failure::new(
            Kind::CheckFailed,
            t!(
                "app-check-problems",
                path = path.display().to_string(),
                count = n,
                first = first.to_string()
            ),
        )
        .hint(t!("app-check-problems-hint")),
    )
}
