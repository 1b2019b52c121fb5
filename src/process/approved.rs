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
        return Err(usage(format!(
            "{} is a file: --approved writes every annex of the cycle, so --out names a folder",
            dir.display()
        ))
        .into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
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
        return Err(refused(format!(
            "the cycle {} is not closed: its annexes as approved are stored when it closes",
            cycle.triennium
        ))
        .hint("when the Giunta approves the update, close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD --annex relazione.pdf …`; until then `agenda report` writes the report")
        .into());
    }
    let annexes = store::of_cycle(conn, cycle.id)?;
    if annexes.is_empty() {
        return Err(refused(format!(
            "the cycle {} was closed{} without storing its annexes as approved",
            cycle.triennium,
            cycle.approved_with()
        ))
        .hint("`agenda report` writes its report again from the data; the annexes are stored only with the closing (`phase advance --annex`)")
        .into());
    }
    Ok(annexes)
}

fn ensure_intact(conn: &Handle, cycle: &Cycle, annex: &StoredAnnex) -> Result<()> {
    let actual = store::sha256_hex(&store::bytes(conn, annex.id)?);
    if actual != annex.sha256 {
        return Err(refused(format!(
            "the annex {} of the cycle {} no longer matches the SHA-256 recorded when it was stored ({}): the database was damaged or edited, and no file was written",
            annex.name, cycle.triennium, annex.sha256
        ))
        .hint("run `agenda check`, and restore a backup (`agenda restore PATH`) taken after the closing")
        .into());
    }
    Ok(())
}

/// A stored name is a file's base name: never a path that would write outside the folder.
fn ensure_plain_name(name: &str) -> Result<()> {
    let plain =
        !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0']);
    if !plain {
        return Err(refused(format!(
            "a stored annex is named \"{name}\", which is not a plain file name: the database was edited, and no file was written"
        ))
        .hint("run `agenda check`, and restore a backup (`agenda restore PATH`)")
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
