//! `agenda backup` and `agenda restore`. The copy itself goes through SQLite's online backup
//! API ([`crate::storage::backups`]): a consistent snapshot even while other commands write,
//! into a new file readable by its owner only (it holds the same personal data as the
//! database), never over an existing one. A restore checks the file first, on a working copy,
//! and keeps the data it replaces in a safety backup.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::error::{invalid_input, refused};
use crate::storage::backups::{self as store, sibling, write_beside};
use crate::storage::{Db, LATEST_VERSION};

pub use crate::storage::backups::{record, recorded, write};

/// What a file offered to `agenda restore` holds, once checked.
#[derive(Debug, Serialize)]
pub struct Candidate {
    pub path: PathBuf,
    pub schema_version: i64,
    pub municipality: Option<String>,
    pub cycles: i64,
    pub cards: i64,
    pub suggestions: i64,
    #[serde(skip)]
    copy: tempfile::TempPath,
}

impl Candidate {
    /// One line for a person: what would come back.
    pub fn summary(&self) -> String {
        let counts = t!(
            "app-backup-counts",
            cycles = self.cycles,
            cards = self.cards,
            suggestions = self.suggestions
        );
        match &self.municipality {
            Some(m) => format!("{m}: {counts}"),
            None => counts,
        }
    }

    /// The same line as the audit log keeps it: in English, whatever the language of the run.
    fn audit_summary(&self) -> String {
        format!(
            "{}{} cycles, {} cards, {} suggestions",
            self.municipality
                .as_deref()
                .map(|m| format!("{m}: "))
                .unwrap_or_default(),
            self.cycles,
            self.cards,
            self.suggestions
        )
    }
}

/// Checks a file before it may replace the database: it is an SQLite database, intact
/// (`PRAGMA integrity_check` says ok), an agenda database (settings table, schema version this
/// agenda knows). The file is first copied (with its -wal, if any) beside the database, so the
/// checks and the restore read the same bytes and the file itself is never touched.
pub fn inspect(path: &Path, db_path: &Path) -> Result<Candidate> {
    if !path.exists() {
        return Err(
            invalid_input(t!("app-backup-no-file", path = path.display().to_string())).into(),
        );
    }
    let meta = std::fs::metadata(path)
        .with_context(|| t!("app-reading", path = path.display().to_string()))?;
    if !meta.is_file() {
        return Err(invalid_input(t!(
            "app-backup-not-a-file",
            path = path.display().to_string()
        ))
        .into());
    }
    let folder = crate::outfile::folder_of(db_path);
    // The working copy is the tool's own file: 0600 (tempfile's mode) whatever the mode of
    // the backup, so its bytes are copied, never its permissions (as fs::copy would).
    // Named with this process's id: if it is killed, the next command removes the copy.
    let mut working = tempfile::Builder::new()
        .prefix(&format!(".agenda-restore-{}-", std::process::id()))
        .tempfile_in(&folder)
        .with_context(|| {
            t!(
                "app-backup-working-copy",
                folder = folder.display().to_string()
            )
        })?;
    copy_bytes(path, working.as_file_mut())?;
    let copy = working.into_temp_path();
    let wal = sibling(path, "-wal");
    if wal.is_file() {
        let copy_wal = sibling(&copy, "-wal");
        crate::storage::create_private_file(&copy_wal)?;
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .open(&copy_wal)
            .with_context(|| t!("app-writing", path = copy_wal.display().to_string()))?;
        copy_bytes(&wal, &mut out)?;
    }
    let not_agenda = |why: &str| {
        invalid_input(t!(
            "app-backup-cannot-restore",
            path = path.display().to_string(),
            why = why
        ))
        .hint(t!("app-backup-cannot-restore-hint"))
    };
    let Some(examined) = store::examine(&copy)? else {
        return Err(not_agenda(&t!("app-backup-not-sqlite")).into());
    };
    if examined.integrity != ["ok"] {
        return Err(not_agenda(&t!(
            "app-backup-damaged",
            details = examined.integrity.join("; ")
        ))
        .into());
    }
    let version = examined.schema_version;
    if version < 1 || !examined.has_settings {
        return Err(not_agenda(&t!("app-backup-not-agenda")).into());
    }
    if version > LATEST_VERSION {
        return Err(refused(t!(
            "app-backup-newer",
            path = path.display().to_string(),
            version = version,
            latest = LATEST_VERSION
        ))
        .hint(t!("app-backup-newer-hint"))
        .into());
    }
    let candidate = Candidate {
        path: path.to_path_buf(),
        schema_version: version,
        municipality: examined.municipality,
        cycles: examined.cycles,
        cards: examined.cards,
        suggestions: examined.suggestions,
        copy,
    };
    Ok(candidate)
}

fn copy_bytes(from: &Path, to: &mut std::fs::File) -> Result<()> {
    let reading = || t!("app-reading", path = from.display().to_string());
    let mut input = std::fs::File::open(from).with_context(reading)?;
    std::io::copy(&mut input, to).with_context(reading)?;
    Ok(())
}

/// What a restore did.
#[derive(Debug, Serialize)]
pub struct Restored {
    pub from: PathBuf,
    pub safety_backup: PathBuf,
}

/// Replaces the data of the open database with the checked candidate: first a safety backup of
/// the current data beside the database (`<db>.before-restore-<timestamp>`), then the copy
/// through the backup API into the open database (so its WAL and any other connection stay
/// consistent), then the schema upgrade if the file was older, and the audit entry.
pub fn restore(db: &mut Db, candidate: Candidate) -> Result<Restored> {
    let safety_backup = write_beside(db.conn(), db.path(), ".before-restore")?;
    {
        let source = store::open_read_only(&candidate.copy)?;
        db.replace_with(&source).with_context(|| {
            t!(
                "app-backup-restoring",
                path = candidate.path.display().to_string(),
                safety = safety_backup.display().to_string()
            )
        })?;
    }
    let from = candidate.path.clone();
    db.write(|tx| {
        // The restored data are older than the copy just made: keep it known to them too.
        record(tx, &safety_backup, "backup")?;
        tx.audit(
            "backup.restore",
            Some(&from.display().to_string()),
            &format!(
                "restored from {} (schema version {}: {}); the data before the restore are in {}",
                from.display(),
                candidate.schema_version,
                candidate.audit_summary(),
                safety_backup.display()
            ),
        )
    })?;
    Ok(Restored {
        from,
        safety_backup,
    })
}
