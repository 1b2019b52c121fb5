//! Which file a command opened, as the file system names it (device and inode): a database
//! deleted or replaced under a command is told from the one it opened, before a commit that
//! nobody would see.

use std::path::Path;

/// A file's device and inode (both 0 where the system has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    /// The identity of the file at `path`, if there is one.
    pub(super) fn of(path: &Path) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| FileIdentity {
                device: m.dev(),
                inode: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            std::fs::metadata(path).ok().map(|_| FileIdentity {
                device: 0,
                inode: 0,
            })
        }
    }
}

/// Why the file at `path` is no longer the one a command opened (`opened`), if it is not.
pub(super) fn identity_problem(path: &Path, opened: Option<FileIdentity>) -> Option<String> {
    let opened = opened?;
    match FileIdentity::of(path) {
        None => Some(crate::t!(
            "storage-file-deleted",
            path = path.display().to_string()
        )),
        Some(now) if now != opened => Some(crate::t!(
            "storage-file-replaced",
            path = path.display().to_string()
        )),
        Some(_) => None,
    }
}
