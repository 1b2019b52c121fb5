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
            format!("{} cannot be written: the file or its folder is read-only", path.display()),
        )
        .hint("agenda writes the database and its -wal and -shm files beside it: give yourself write access to both, or copy the file somewhere writable"),
        Some(ErrorCode::DiskFull) => Failure::new(
            Kind::Failed,
            format!("the disk that holds {} is full", path.display()),
        )
        .hint("free some space, then run the command again; nothing was changed"),
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            let why = if path.is_dir() {
                "it is a folder, not a database file".to_string()
            } else {
                match std::fs::File::open(path) {
                    Err(e) => format!("{e}"),
                    Ok(_) => "its folder cannot be written (SQLite creates its -wal and -shm files there)".to_string(),
                }
            };
            Failure::new(Kind::Failed, format!("{} cannot be opened: {why}", path.display()))
                .hint("check the path and the permissions of the file and of its folder")
        }
        Some(ErrorCode::SystemIoFailure) => Failure::new(
            Kind::Failed,
            format!("reading {} failed with an input/output error", path.display()),
        )
        .hint("check the disk (and, for a network folder, the connection); `agenda check` tells whether the file is intact"),
        _ => Failure::new(
            Kind::Failed,
            format!("{} is not an agenda database", path.display()),
        )
        .hint("point --db at the file `agenda init` created"),
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
            format!(
                "{} cannot be written: the file or its folder is read-only; nothing was changed",
                path.display()
            ),
        )
        .hint("agenda writes the database and its -wal and -shm files beside it: give yourself write access to both"),
        Some(ErrorCode::DiskFull) => Failure::new(
            Kind::Failed,
            format!("the disk that holds {} is full; nothing was changed", path.display()),
        )
        .hint("free some space, then run the command again"),
        Some(ErrorCode::SystemIoFailure) => Failure::new(
            Kind::Failed,
            format!(
                "writing {} failed with an input/output error; nothing was changed",
                path.display()
            ),
        )
        .hint("check the disk; `agenda check` tells whether the file is intact"),
        _ => return error,
    };
    error.context(failure)
}
