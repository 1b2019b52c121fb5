//! `report --approved`: the annexes as the Giunta approved them, given back byte for byte from
//! the database, years later (see [`super::annexes`], which stored them with the closing).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::domain::Cycle;
use crate::error::{refused, usage};
use crate::storage::annexes::{self as store, StoredAnnex};
use crate::storage::Handle;

/// One annex written out: where, and the SHA-256 of what was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub sha256: String,
    pub verified: bool,
}

/// Writes each annex stored for `cycle` to `dir/<name>` (creating `dir`), each file whole, never
/// over the database `db`. Refused (exit 4) for a cycle not closed, closed without annexes, or
/// with an annex whose bytes no longer match its SHA-256: every annex is checked before any file
/// is written.
pub fn write(conn: &Handle, cycle: &Cycle, dir: &Path, db: &Path) -> Result<Vec<Written>> {
    let annexes = stored(conn, cycle)?;
    for annex in &annexes {
        ensure_plain_name(&annex.name)?;
        ensure_intact(conn, cycle, annex)?;
    }
    if dir.is_file() {
        return Err(usage(t!(
            "process-approved-out-is-a-file",
            path = dir.display().to_string()
        ))
        .into());
    }
    std::fs::create_dir_all(dir).with_context(|| {
        t!(
            "process-approved-creating",
            path = dir.display().to_string()
        )
    })?;
    let mut written = Vec::with_capacity(annexes.len());
    for annex in &annexes {
        let path = dir.join(&annex.name);
        crate::outfile::ensure_not_a_database(&path, db)?;
        let bytes = store::bytes(conn, annex.id)?;
        crate::outfile::write_whole(&path, &bytes)?;
        written.push(Written {
            path,
            sha256: store::sha256_hex(&bytes),
            verified: annex.verified,
        });
    }
    Ok(written)
}

/// The annexes of a closed cycle; refused when it is open or was closed without any.
fn stored(conn: &Handle, cycle: &Cycle) -> Result<Vec<StoredAnnex>> {
    if !cycle.is_closed() {
        return Err(refused(t!(
            "process-approved-not-closed",
            triennium = cycle.triennium.to_string()
        ))
        .hint(t!("process-approved-not-closed-hint"))
        .into());
    }
    let annexes = store::of_cycle(conn, cycle.id)?;
    if annexes.is_empty() {
        return Err(refused(t!(
            "process-approved-none-stored",
            triennium = cycle.triennium.to_string(),
            approved = cycle.approved_with()
        ))
        .hint(t!("process-approved-none-stored-hint"))
        .into());
    }
    Ok(annexes)
}

fn ensure_intact(conn: &Handle, cycle: &Cycle, annex: &StoredAnnex) -> Result<()> {
    let actual = store::sha256_hex(&store::bytes(conn, annex.id)?);
    if actual != annex.sha256 {
        return Err(refused(t!(
            "process-approved-damaged",
            name = annex.name.as_str(),
            triennium = cycle.triennium.to_string(),
            sha256 = annex.sha256.as_str()
        ))
        .hint(t!("process-approved-damaged-hint"))
        .into());
    }
    Ok(())
}

/// A stored name is a file's base name: never a path that would write outside the folder.
fn ensure_plain_name(name: &str) -> Result<()> {
    let plain =
        !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0']);
    if !plain {
        return Err(refused(t!("process-approved-bad-name", name = name))
            .hint(t!("process-approved-bad-name-hint"))
            .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_written() {
        assert!(ensure_plain_name("relazione.pdf").is_ok());
        assert!(ensure_plain_name("esiti-contributi.csv").is_ok());
        for bad in ["", ".", "..", "../agenda.db", "a/b.pdf", "a\\b.pdf"] {
            assert!(ensure_plain_name(bad).is_err(), "{bad}");
        }
    }
}
