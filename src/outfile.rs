//! Files the tool writes where the user says (`--out`): written whole or not at all, never over
//! the database or one of its companions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::refused;

/// The folder a file is in: `.` for a bare file name (whose parent is "" to `Path`, which
/// neither canonicalizes nor opens).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(f) if !f.as_os_str().is_empty() => f.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses to write `target` when it is the database `db`, one of its companions
/// (`-wal`, `-shm`, `-journal`), or any file that holds an SQLite database.
pub fn ensure_not_a_database(target: &Path, db: &Path) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let mut companions = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        companions.push(PathBuf::from(name));
    }
    let names_db = companions.iter().any(|c| same(target, c))
        || companions.iter().any(|c| {
            // A companion that does not exist yet: compare the names in the same folder.
            target.file_name() == c.file_name() && same(&folder_of(target), &folder_of(c))
        });
    if names_db || holds_a_database(target) {
        let path = target.display().to_string();
        return Err(refused(if names_db {
            t!("app-outfile-database", path = path)
        } else {
            t!("app-outfile-sqlite", path = path)
        })
        .hint(t!("app-outfile-database-hint"))
        .into());
    }
    Ok(())
}

fn holds_a_database(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

/// Writes `bytes` to `path` whole or not at all (see [`write_streamed`]).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    write_streamed(path, |out| Ok(out.write_all(bytes)?))
}

/// Writes `path` through a temporary file in the same folder, renamed over it at the end: the
/// old file stays whole until the new one is, and a full disk or a failure leaves it as it
/// was. A symbolic link is refused rather than followed to another file. The file is readable
/// by others like any file the user makes (0644): what `--out` writes is meant to be shared.
pub fn write_streamed(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(
            refused(t!("app-outfile-symlink", path = path.display().to_string()))
                .hint(t!("app-outfile-symlink-hint"))
                .into(),
        );
    }
    if path.is_dir() {
        return Err(
            refused(t!("app-outfile-folder", path = path.display().to_string()))
                .hint(t!("app-outfile-folder-hint"))
                .into(),
        );
    }
    let folder = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".agenda-")
        .suffix(".partial")
        .tempfile_in(&folder)
        .with_context(|| {
            t!(
                "app-outfile-cannot-create",
                path = path.display().to_string(),
                folder = folder.display().to_string()
            )
        })?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out).with_context(|| t!("app-writing", path = path.display().to_string()))?;
        out.flush()
            .with_context(|| t!("app-writing", path = path.display().to_string()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| t!("app-writing", path = path.display().to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| t!("app-writing", path = path.display().to_string()))?;
    Ok(())
}
