//! The sentences for SQLite's errors on the database file: a lock, a read-only file or
//! folder, a full disk, an input/output error each say what they are, rather than SQLite's own
//! words under the command's context.

use std::path::Path;

use super::busy::{busy_failure, is_busy};
use crate::error::{Failure, Kind};

/// The sentence for an error met while opening and checking the database: only a file SQLite
/// cannot read as a database is "not an agenda database"; a lock, a read-only file or folder,
/// a full disk or an I/O error each say what they are.
pub(super) fn not_a_database(path: &Path, error: rusqlite::Error) -> anyhow::Error {
    use rusqlite::ErrorCode;
    if is_busy(&error) {
        return anyhow::Error::new(error).context(busy_failure(path));
    }
    let code = match &error {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.code),
        _ => None,
    };
    let failure = match code {
        Some(ErrorCode::ReadOnly) => Failure::new(
            Kind::Failed,
            crate::t!("storage-read-only", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-read-only-hint")),
        Some(ErrorCode::DiskFull) => Failure::new(
            Kind::Failed,
            crate::t!("storage-disk-full", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-disk-full-hint")),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            let why = if path.is_dir() {
                crate::t!("storage-cannot-open-folder")
            } else {
                match std::fs::File::open(path) {
                    Err(e) => format!("{e}"),
                    Ok(_) => crate::t!("storage-cannot-open-folder-read-only"),
                }
            };
            Failure::new(
                Kind::Failed,
                crate::t!(
                    "storage-cannot-open",
                    path = path.display().to_string(),
                    why = why
                ),
            )
            .hint(crate::t!("storage-cannot-open-hint"))
        }
        Some(ErrorCode::SystemIoFailure) => Failure::new(
            Kind::Failed,
            crate::t!("storage-read-io-error", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-read-io-error-hint")),
        _ => Failure::new(
            Kind::Failed,
            crate::t!(
                "storage-not-agenda-database",
                path = path.display().to_string()
            ),
        )
        .hint(crate::t!("storage-not-agenda-database-hint")),
    };
    anyhow::Error::new(error).context(failure)
}

/// Gives a write's error the sentence of what happened to the file: busy, read-only, a full
/// disk, an I/O error (rather than SQLite's own words under the command's context).
pub(super) fn busy_in_chain(error: anyhow::Error, path: &Path) -> anyhow::Error {
    use rusqlite::ErrorCode;
    let code = error
        .chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            _ => None,
        });
    let failure = match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => busy_failure(path),
        Some(ErrorCode::ReadOnly) => Failure::new(
            Kind::Failed,
            crate::t!("storage-write-read-only", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-write-read-only-hint")),
        Some(ErrorCode::DiskFull) => Failure::new(
            Kind::Failed,
            crate::t!("storage-write-disk-full", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-write-disk-full-hint")),
        Some(ErrorCode::SystemIoFailure) => Failure::new(
            Kind::Failed,
            crate::t!("storage-write-io-error", path = path.display().to_string()),
        )
        .hint(crate::t!("storage-write-io-error-hint")),
        _ => return error,
    };
    error.context(failure)
}
