//! Waiting for another writer: SQLite's busy handler, which says on stderr once that it waits
//! and gives up after [`busy_timeout`], and the sentence of a command that gave up.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Failure, Kind};

static BUSY_PATH: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);
static BUSY_SAID: AtomicBool = AtomicBool::new(false);
static BUSY_STARTED_MS: AtomicU64 = AtomicU64::new(0);
static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

pub(super) fn set_busy_path(path: &Path) {
    if let Ok(mut p) = BUSY_PATH.lock() {
        *p = Some(path.to_path_buf());
    }
}

/// How long a command waits for another writer before giving up: `AGENDA_BUSY_TIMEOUT`
/// seconds, 120 by default (a large import can hold the database for a minute).
pub fn busy_timeout() -> Duration {
    let secs = std::env::var("AGENDA_BUSY_TIMEOUT")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(120);
    Duration::from_secs(secs)
}

/// SQLite's busy handler: says once that it is waiting, then polls until the timeout.
pub(super) fn wait_for_writer(attempt: i32) -> bool {
    let epoch = *EPOCH.get_or_init(Instant::now);
    let now_ms = epoch.elapsed().as_millis() as u64;
    if attempt == 0 {
        BUSY_STARTED_MS.store(now_ms, Ordering::Relaxed);
        if !BUSY_SAID.swap(true, Ordering::Relaxed) {
            let path = BUSY_PATH
                .lock()
                .ok()
                .and_then(|p| p.as_ref().map(|p| p.display().to_string()))
                .unwrap_or_default();
            eprintln!(
                "{}",
                crate::t!(
                    "storage-waiting",
                    path = path,
                    seconds = busy_timeout().as_secs()
                )
            );
        }
    }
    let waited = Duration::from_millis(now_ms - BUSY_STARTED_MS.load(Ordering::Relaxed));
    if waited >= busy_timeout() {
        return false;
    }
    std::thread::sleep(Duration::from_millis(if attempt < 10 { 10 } else { 50 }));
    true
}

pub(super) fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _)
            if e.code == rusqlite::ErrorCode::DatabaseBusy || e.code == rusqlite::ErrorCode::DatabaseLocked
    )
}

pub(super) fn busy_failure(path: &Path) -> Failure {
    Failure::new(
        Kind::Busy,
        crate::t!(
            "storage-busy",
            path = path.display().to_string(),
            seconds = busy_timeout().as_secs()
        ),
    )
    .hint(crate::t!("storage-busy-hint"))
}

pub(super) fn busy_or(error: rusqlite::Error, path: &Path) -> anyhow::Error {
    if is_busy(&error) {
        anyhow::Error::new(error).context(busy_failure(path))
    } else {
        error.into()
    }
}
