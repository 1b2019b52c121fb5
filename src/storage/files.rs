//! The files a database is made of: creating one that only its owner can read, and the names
//! of the `-wal` and `-shm` files beside it.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// `path` with `suffix` appended to its name: `agenda.db` and `-wal` give `agenda.db-wal`.
pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Creates an empty file with mode 0600, so that personal data is never readable by others,
/// not even for the instant between creation and a chmod.
pub fn create_private_file(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .with_context(|| crate::t!("storage-creating-file", path = path.display().to_string()))?
        .flush()?;
    Ok(())
}
