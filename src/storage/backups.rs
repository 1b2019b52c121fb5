//! Backups through SQLite's online backup API, the record of them, and the working copies a
//! backup or a restore writes.
//!
//! A backup is a consistent copy of the database as it stood at one instant, even while other
//! commands write: the whole copy happens in one step, inside one read transaction, which in WAL
//! mode does not stop writers. Backups are new files, readable by their owner only (they hold
//! the same personal data as the database), and never overwrite anything.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use super::{create_private_file, settings, LATEST_VERSION};
use crate::error::{refused, Failure, Kind};

/// Copies the database behind `source` into the new file `dest` (mode 0600). Refuses when
/// `dest` exists. The copy is written beside `dest` under a temporary name and only then given
/// its name, so an interrupted backup never leaves a truncated file that looks complete.
pub fn write(source: &Connection, dest: &Path) -> Result<()> {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(suffix) = ["-wal", "-shm", "-journal"]
        .into_iter()
        .find(|s| name.ends_with(s))
    {
        return Err(refused(crate::t!(
            "storage-backup-companion-name",
            path = dest.display().to_string(),
            suffix = suffix
        ))
        .hint(crate::t!("storage-backup-companion-name-hint"))
        .into());
    }
    if dest.exists() {
        return Err(refused(crate::t!(
            "storage-backup-exists",
            path = dest.display().to_string()
        ))
        .hint(crate::t!("storage-backup-exists-hint"))
        .into());
    }
    let partial = sibling(dest, &format!(".partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&partial);
    // Known to the database while it is written: if this command is killed, the next one
    // removes it (see `remove_stale_copies`).
    // A read-only database can still be copied: then the copy is not registered.
    let key = register_copy(source, &partial).ok();
    let result = copy_into_new(source, &partial).and_then(|()| publish(&partial, dest));
    if result.is_err() {
        remove_copy_files(&partial);
    }
    if let Some(key) = key {
        let _ = unregister_copy(source, &key);
    }
    result
}

fn remove_copy_files(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

/// Records a working copy being written (a backup's `.partial`, a restore's working copy),
/// with this process's id; returns the key to unregister it with.
fn register_copy(conn: &Connection, path: &Path) -> Result<String> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let key = format!(
        "copy:{}:{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    settings::set(conn, &key, &absolute.display().to_string())?;
    Ok(key)
}

fn unregister_copy(conn: &Connection, key: &str) -> Result<()> {
    settings::remove(conn, key)?;
    Ok(())
}

/// Removes the working copies that a killed backup or restore left behind: a backup's
/// `.partial` registered by a process that no longer runs, and a restore's
/// `.agenda-restore-<pid>-…` beside the database. Returns the paths removed.
pub fn remove_stale_copies(conn: &Connection, db_path: &Path) -> Result<Vec<String>> {
    let copies = settings::with_prefix(conn, "copy:")?;
    let mut removed = Vec::new();
    for settings::Setting { key, value: path } in copies {
        let pid: u32 = key
            .split(':')
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if pid == std::process::id() || process_runs(pid) {
            continue;
        }
        // Only what this tool names so: the database may be a restored copy of another, and
        // its settings must never make a command delete a file of the user's.
        let ours = Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(&format!(".partial-{pid}")));
        if ours {
            remove_copy_files(Path::new(&path));
            removed.push(path);
        }
        unregister_copy(conn, &key)?;
    }
    let folder = crate::outfile::folder_of(db_path);
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(".agenda-restore-") else {
            continue;
        };
        let pid: u32 = rest
            .split('-')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if pid == 0 || pid == std::process::id() || process_runs(pid) {
            continue;
        }
        let path = entry.path();
        if std::fs::remove_file(&path).is_ok() {
            removed.push(path.display().to_string());
        }
    }
    Ok(removed)
}

/// Whether a process runs, where the system says (Linux's /proc); elsewhere a copy is taken for
/// live, and left.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// A backup agenda wrote, as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub path: String,
    /// `backup` (agenda backup, before a restore) or `upgrade` (before a schema upgrade).
    pub kind: String,
    pub user: String,
    pub at: String,
}

/// Records a backup just written.
pub fn record(conn: &Connection, path: &Path, kind: &str) -> Result<()> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    conn.execute(
        "INSERT INTO backups (path, kind, user, at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            absolute.display().to_string(),
            kind,
            crate::context::user(),
            crate::context::timestamp()
        ],
    )?;
    Ok(())
}

/// Every backup agenda recorded, oldest first.
pub fn recorded(conn: &Connection) -> Result<Vec<Recorded>> {
    Ok(conn
        .prepare("SELECT path, kind, user, at FROM backups ORDER BY id")?
        .query_map([], |r| {
            Ok(Recorded {
                path: r.get(0)?,
                kind: r.get(1)?,
                user: r.get(2)?,
                at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Writes a backup beside the database, named `<db><infix>-<timestamp>` (with a counter if two
/// come in the same second), and returns its path.
pub fn write_beside(source: &Connection, db_path: &Path, infix: &str) -> Result<PathBuf> {
    let stamp = crate::context::now().format("%Y%m%dT%H%M%SZ").to_string();
    let base = sibling(db_path, &format!("{infix}-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = sibling(&base, &format!("-{n}"));
    }
    write(source, &candidate)?;
    Ok(candidate)
}

fn copy_into_new(source: &Connection, partial: &Path) -> Result<()> {
    create_private_file(partial)?;
    let mut dest = Connection::open(partial).with_context(|| {
        crate::t!(
            "storage-backup-opening",
            path = partial.display().to_string()
        )
    })?;
    copy(source, &mut dest).with_context(|| {
        crate::t!(
            "storage-backup-writing",
            path = partial.display().to_string()
        )
    })?;
    // A backup is one self-contained file: no -wal beside it to lose when it is copied.
    let _: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Gives the finished copy its name without ever replacing a file that appeared meanwhile.
fn publish(partial: &Path, dest: &Path) -> Result<()> {
    match std::fs::hard_link(partial, dest) {
        Ok(()) => {
            std::fs::remove_file(partial)?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(refused(crate::t!(
            "storage-backup-exists",
            path = dest.display().to_string()
        ))
        .into()),
        // Some file systems have no hard links: fall back to a rename after a last check.
        Err(_) if !dest.exists() => std::fs::rename(partial, dest)
            .with_context(|| crate::t!("storage-backup-naming", path = dest.display().to_string())),
        Err(e) => Err(e)
            .with_context(|| crate::t!("storage-backup-naming", path = dest.display().to_string())),
    }
}

/// The whole database in one step: one read transaction on the source, so the copy is a
/// consistent snapshot whatever other connections write meanwhile.
pub fn copy(source: &Connection, dest: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(source, dest)?;
    let started = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Another connection holds a lock the copy needs: wait as any write would.
            StepResult::Busy | StepResult::Locked => {
                if started.elapsed() >= super::busy_timeout() {
                    return Err(Failure::new(Kind::Busy, crate::t!("storage-backup-busy"))
                        .hint(crate::t!("storage-busy-hint"))
                        .into());
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// What an SQLite file offered for a restore holds, as read from it.
#[derive(Debug)]
pub struct Examined {
    /// What `PRAGMA integrity_check` says: `["ok"]` for an intact file.
    pub integrity: Vec<String>,
    pub schema_version: i64,
    pub has_settings: bool,
    pub municipality: Option<String>,
    pub cycles: i64,
    pub cards: i64,
    pub suggestions: i64,
}

/// Opens the file at `path` (a working copy: it may be changed) and reads what a restore checks;
/// then folds any -wal into it and closes it, so that the restore reads one file. `None` when it
/// is not an SQLite database.
pub fn examine(path: &Path) -> Result<Option<Examined>> {
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        return Ok(None);
    };
    let Ok(integrity) = conn.prepare("PRAGMA integrity_check").and_then(|mut s| {
        s.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<String>, _>>()
    }) else {
        return Ok(None);
    };
    let table_exists = |table: &str| -> Result<bool> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
            .is_some())
    };
    let count = |table: &str| -> Result<i64> {
        if !table_exists(table)? {
            return Ok(0);
        }
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let intact = integrity == ["ok"];
    let schema_version: i64 = if intact {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))?
    } else {
        0
    };
    let has_settings = intact && table_exists("settings")?;
    // What is read of the content is read only from a file the restore will accept; one it
    // refuses is left as it is (a damaged one may not even switch its journal).
    let restorable = has_settings && (1..=LATEST_VERSION).contains(&schema_version);
    let mut examined = Examined {
        municipality: None,
        cycles: 0,
        cards: 0,
        suggestions: 0,
        integrity,
        schema_version,
        has_settings,
    };
    if restorable {
        examined.municipality = settings::get(&conn, "municipality")?;
        examined.cycles = count("cycles")?;
        examined.cards = count("cards")?;
        examined.suggestions = count("suggestions")?;
        let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        conn.close().map_err(|(_, e)| e)?;
    }
    Ok(Some(examined))
}

/// A read-only connection to the file at `path`, e.g. the checked copy a restore reads from.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?)
}
