//! The database: one module owns the connection, the schema and its migrations, and the SQL.
//!
//! Every connection runs in WAL mode (a rollback journal only for the duration of a bulk load,
//! see [`Db::bulk_load`]) with foreign keys on and a busy handler that says on
//! stderr when it has to wait for another writer. Writes happen in IMMEDIATE transactions
//! through [`Db::write`], which also gives the audit log its entry.

pub mod accountability;
pub mod annexes;
pub mod answers;
pub mod audit;
pub mod axes;
pub mod backups;
mod busy;
pub mod cards;
pub mod check;
pub mod cycles;
mod failures;
mod files;
mod identity;
pub mod imports;
pub mod ledger;
pub mod ledger_snapshots;
mod migrations;
pub mod privacy;
pub mod redactions;
pub mod report;
pub mod responses;
pub mod rules;
pub mod search;
pub mod settings;
pub mod suggestions;
pub mod tags;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{Failure, Kind};
use busy::{busy_or, set_busy_path, wait_for_writer};
use failures::{busy_in_chain, not_a_database};
use files::with_suffix;
use identity::{identity_problem, FileIdentity};

pub use busy::busy_timeout;
pub use cards::cards_of_cycle;
pub use files::create_private_file;

/// The connection to the database, as the operations hand it back to storage's functions (a
/// [`Tx`] derefs to it). Only `storage` runs SQL on it.
pub type Handle = rusqlite::Connection;
pub use migrations::LATEST_VERSION;

/// An open agenda database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// The file opened, as the file system names it (device and inode): a file deleted or
    /// replaced under the command is told from the one it opened.
    identity: Option<FileIdentity>,
}

/// A write transaction. It derefs to the connection for queries.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// Records a change in the audit log, with the command line and the user.
    pub fn audit(&self, action: &str, target: Option<&str>, details: &str) -> Result<()> {
        audit::record(&self.tx, action, target, details)
    }
}

impl Db {
    /// Opens an existing database and brings its schema up to date. A missing file is an
    /// error that says to run `agenda init`; no file is created.
    pub fn open(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(Failure::new(
                Kind::Failed,
                crate::t!("storage-no-database", path = path.display().to_string()),
            )
            .hint(crate::t!("storage-no-database-hint"))
            .into());
        }
        if path.is_dir() {
            return Err(Failure::new(
                Kind::Failed,
                crate::t!("storage-db-is-folder", path = path.display().to_string()),
            )
            .hint(crate::t!("storage-db-is-folder-hint"))
            .into());
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| not_a_database(path, e))?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            identity: FileIdentity::of(path),
        };
        db.configure()
            .map_err(|e| match e.downcast::<rusqlite::Error>() {
                Ok(sqlite) => not_a_database(path, sqlite),
                Err(other) => other,
            })?;
        db.check_is_agenda()?;
        // A bulk load that could not go back to the WAL (another command had the file open
        // when it finished, or it was killed) left a rollback journal mode behind.
        if !db.in_wal().map_err(|e| busy_in_chain(e, path))? {
            db.try_journal_mode("wal");
            db.synchronous_for_journal()?;
        }
        migrations::migrate(&mut db)?;
        // What a killed backup or restore left behind goes with the next command.
        for path in backups::remove_stale_copies(&db.conn, &db.path)? {
            eprintln!("{}", crate::t!("storage-removed-stale-copy", path = path));
        }
        Ok(db)
    }

    /// Creates a new database file, readable and writable by its owner only, with the schema.
    /// Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Db> {
        if path.exists() {
            return Err(crate::error::refused(crate::t!(
                "storage-init-exists",
                path = path.display().to_string()
            ))
            .hint(crate::t!("storage-init-exists-hint"))
            .into());
        }
        create_private_file(path)?;
        let result = (|| -> Result<Db> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .with_context(|| {
                crate::t!(
                    "storage-opening-new-database",
                    path = path.display().to_string()
                )
            })?;
            // Larger pages suit rows of a kilobyte and imports of a million of them.
            conn.pragma_update(None, "page_size", 16384)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            let mut db = Db {
                conn,
                path: path.to_path_buf(),
                identity: FileIdentity::of(path),
            };
            db.configure()?;
            migrations::create_schema(&mut db)?;
            Ok(db)
        })();
        if result.is_err() {
            // A half-made database is worse than none: leave the folder as it was.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(with_suffix(path, suffix));
            }
        }
        result
    }

    fn configure(&mut self) -> Result<()> {
        // First of all: some pragmas read the schema, and must wait as any read does (saying
        // so), not with SQLite's silent default of five seconds.
        self.conn.busy_handler(Some(wait_for_writer))?;
        set_busy_path(&self.path);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 8 MiB of page cache: large imports rewrite fewer index pages, and memory stays low.
        self.conn.pragma_update(None, "cache_size", -8192)?;
        Ok(())
    }

    fn check_is_agenda(&self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_a_database(&self.path, e))?;
        let has_settings: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| not_a_database(&self.path, e))?;
        // A negative version is not ours either (and gets no upgrade, nor its backup).
        if version < 1 || has_settings.is_none() {
            return Err(Failure::new(
                Kind::Failed,
                crate::t!(
                    "storage-not-agenda-database",
                    path = self.path.display().to_string()
                ),
            )
            .hint(crate::t!("storage-not-agenda-database-hint"))
            .into());
        }
        if version > LATEST_VERSION {
            return Err(Failure::new(
                Kind::Refused,
                crate::t!(
                    "storage-newer-agenda",
                    path = self.path.display().to_string(),
                    version = version,
                    latest = LATEST_VERSION
                ),
            )
            .hint(crate::t!("storage-newer-agenda-hint"))
            .into());
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in an IMMEDIATE transaction and commits it when it succeeds.
    pub fn write<T>(&mut self, work: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_or_rehearse(false, work)
    }

    /// Like [`Db::write`], but with `rehearse` rolls back at the end: a dry run does exactly
    /// what the real command would, and leaves nothing behind.
    pub fn write_or_rehearse<T>(
        &mut self,
        rehearse: bool,
        work: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let identity = self.identity;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| busy_in_chain(e.into(), &path))?;
        let tx = Tx { tx };
        let value = work(&tx).map_err(|e| busy_in_chain(e, &path))?;
        if rehearse {
            tx.tx.rollback()?;
        } else {
            // Committing into a file nobody will open again would report work that is lost.
            if let Some(problem) = identity_problem(&path, identity) {
                tx.tx.rollback()?;
                return Err(Failure::new(Kind::Failed, problem)
                    .hint(crate::t!("storage-file-moved-hint"))
                    .into());
            }
            tx.tx.commit().map_err(|e| busy_in_chain(e.into(), &path))?;
        }
        Ok(value)
    }

    /// Replaces the whole content of the database with that of `source`, through SQLite's
    /// backup API (so the WAL and other connections see the change as one write), then brings
    /// the schema up to date. Used by `agenda restore`, after its checks and safety backup.
    pub fn replace_with(&mut self, source: &Connection) -> Result<()> {
        let page_size = |c: &Connection| -> rusqlite::Result<i64> {
            c.query_row("PRAGMA page_size", [], |r| r.get(0))
        };
        // A database in WAL mode cannot change its page size: leave WAL for the copy.
        let leave_wal = page_size(source)? != page_size(&self.conn)?;
        if leave_wal {
            let _: String = self
                .conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        }
        let path = self.path.clone();
        backups::copy(source, &mut self.conn).map_err(|e| busy_in_chain(e, &path))?;
        if leave_wal {
            let _: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        migrations::migrate(self)
    }

    /// Keeps statement journals in memory: the multi-row inserts of imports and autotag would
    /// otherwise write each page they change to a temporary file first. Not for commands that
    /// sort large results (the report), whose sorts must be free to spill to disk.
    pub fn journal_statements_in_memory(&self) -> Result<()> {
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// Whether the database is in WAL mode (it always is, except during a bulk load).
    pub fn in_wal(&self) -> Result<bool> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        Ok(mode.eq_ignore_ascii_case("wal"))
    }

    /// Runs `work`, a large write into empty tables, with a rollback journal instead of the
    /// WAL when no other connection has the file open. In WAL mode every new page is written
    /// twice, to the WAL and again at the checkpoint; with a rollback journal, pages past the
    /// old end of the file need no journal, so a million-row import writes its 1.4 GB once.
    /// Commands started meanwhile wait for the commit (the busy handler says so) instead of
    /// reading the state before it. Atomicity and crash safety are the same: a killed load
    /// leaves a hot journal that the next connection rolls back. WAL mode comes back at the
    /// end, or, if another command has opened the file by then, at the next open.
    pub fn bulk_load<T>(&mut self, work: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        let left_wal = self.try_journal_mode("delete");
        // With a rollback journal, `synchronous = NORMAL` can corrupt the file on a power
        // loss (SQLite's documentation of PRAGMA synchronous): FULL while it lasts.
        if left_wal {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        let result = work(self);
        if left_wal {
            self.try_journal_mode("wal");
            self.synchronous_for_journal()?;
        }
        result
    }

    /// `synchronous = NORMAL` in WAL mode, FULL with a rollback journal (where NORMAL can
    /// corrupt the file on a power loss): whichever mode the file ended up in.
    fn synchronous_for_journal(&self) -> Result<()> {
        let level = if self.in_wal()? { "NORMAL" } else { "FULL" };
        self.conn.pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    /// Runs `work` with foreign keys unchecked, then checks them again: for writes of many
    /// rows whose references hold by construction (imports: the open cycle, the batch just
    /// inserted, the ids they give; autotag: suggestion ids read under the same write lock;
    /// axis codes from [`crate::domain::Axis`]). Each such row otherwise costs parent lookups
    /// and a statement journal. Nothing cascades meanwhile: deletes must name every table.
    pub fn unchecked_references<T>(
        &mut self,
        work: impl FnOnce(&mut Db) -> Result<T>,
    ) -> Result<T> {
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = work(self);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }

    /// Switches the journal mode if it can at once, without waiting for other connections:
    /// returns whether the database is now in `mode`.
    fn try_journal_mode(&mut self, mode: &str) -> bool {
        let _ = self.conn.busy_handler(None::<fn(i32) -> bool>);
        let now = self
            .conn
            .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| {
                r.get::<_, String>(0)
            });
        let _ = self.conn.busy_handler(Some(wait_for_writer));
        now.is_ok_and(|m| m.eq_ignore_ascii_case(mode))
    }

    /// Begins one read transaction for what follows (a report): its figures all come from the
    /// same state, whatever another command writes meanwhile. It ends with the connection.
    pub fn begin_reading(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(())
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synchronous(db: &Db) -> i64 {
        db.conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    }

    /// SQLite documents that `synchronous = NORMAL` with a rollback journal can corrupt the
    /// file on a power loss: the bulk load runs with FULL (2), then goes back to NORMAL (1).
    #[test]
    fn regression_the_bulk_load_runs_with_synchronous_full() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("a.db")).unwrap();
        assert_eq!(synchronous(&db), 1);
        let (inside, journal) = db
            .bulk_load(|db| {
                let journal: String = db
                    .conn()
                    .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                    .unwrap();
                Ok((synchronous(db), journal))
            })
            .unwrap();
        assert_eq!((inside, journal.as_str()), (2, "delete"));
        assert_eq!(synchronous(&db), 1);
        assert!(db.in_wal().unwrap());
    }

    #[test]
    fn regression_a_database_replaced_under_a_command_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut db = Db::create(&path).unwrap();
        // Another file takes the database's name (a sync client, a restore by hand).
        std::fs::rename(&path, dir.path().join("moved.db")).unwrap();
        std::fs::write(&path, b"not the same file").unwrap();
        let err = db
            .write(|tx| {
                tx.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", [])?;
                Ok(())
            })
            .unwrap_err();
        assert!(
            err.to_string().contains("was replaced by another file"),
            "{err}"
        );
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM settings WHERE key = 'x'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 0, "nothing was kept");
        assert_eq!(std::fs::read(&path).unwrap(), b"not the same file");
        std::fs::remove_file(&path).unwrap();
        let err = db.write(|_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("was deleted"), "{err}");
    }
}
