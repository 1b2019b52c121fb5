//! The file a command reads: a path checked to be a readable regular file, or standard input
//! spooled to a private temporary file.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::Failure;

/// An input file: a path, or standard input spooled to a private temporary file so that it can
/// be fingerprinted and read twice like any other.
pub struct Source {
    /// The name used in messages: the path as given, or `<stdin>`.
    pub name: String,
    path: PathBuf,
    _spool: Option<tempfile::TempPath>,
}

impl Source {
    pub fn new(arg: &str) -> Result<Source> {
        if arg == "-" {
            return Self::stdin();
        }
        let path = PathBuf::from(arg);
        check_readable(arg, &path)?;
        Ok(Source {
            name: arg.to_string(),
            path,
            _spool: None,
        })
    }

    /// Standard input, copied whole to a temporary file removed when the source is dropped.
    fn stdin() -> Result<Source> {
        let mut spool = tempfile::Builder::new()
            .prefix("agenda-stdin-")
            .tempfile()
            .with_context(|| crate::t!("import-stdin-temp-file"))?;
        io::copy(&mut io::stdin().lock(), spool.as_file_mut())
            .with_context(|| crate::t!("import-reading-stdin"))?;
        let path = spool.into_temp_path();
        Ok(Source {
            name: "<stdin>".into(),
            path: path.to_path_buf(),
            _spool: Some(path),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bare file name, as batches record it.
    pub fn file_name(&self) -> String {
        if self._spool.is_some() {
            return self.name.clone();
        }
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.name.clone())
    }
}

/// Refuses, with what to do about it, a path that is missing, unreadable, a folder or anything
/// but a regular file.
fn check_readable(arg: &str, path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(not_a_file(
                arg,
                &crate::t!("import-no-such-file"),
                &crate::t!("import-no-such-file-hint"),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(not_a_file(
                arg,
                &crate::t!("import-permission-denied"),
                &crate::t!("import-permission-denied-hint"),
            ))
        }
        Err(e) => {
            return Err(not_a_file(
                arg,
                &crate::t!("import-unreadable", error = e.to_string()),
                &crate::t!("import-unreadable-hint"),
            ))
        }
        Ok(m) if m.is_dir() => {
            return Err(not_a_file(
                arg,
                &crate::t!("import-is-folder"),
                &crate::t!("import-is-folder-hint"),
            ))
        }
        Ok(m) if !m.is_file() => {
            return Err(not_a_file(
                arg,
                &not_regular(&m),
                &crate::t!("import-not-regular-hint"),
            ));
        }
        Ok(_) => {}
    }
    if let Err(e) = File::open(path) {
        return Err(not_a_file(
            arg,
            &crate::t!("import-unreadable", error = e.to_string()),
            &crate::t!("import-unreadable-permissions-hint"),
        ));
    }
    Ok(())
}

fn not_a_file(arg: &str, what: &str, hint: &str) -> anyhow::Error {
    Failure::new(crate::error::Kind::InvalidInput, format!("{arg}: {what}"))
        .hint(hint.to_string())
        .into()
}

/// What a path that is neither a folder nor a regular file is.
#[cfg(unix)]
fn not_regular(m: &std::fs::Metadata) -> String {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        crate::t!("import-is-fifo")
    } else if t.is_char_device() || t.is_block_device() {
        crate::t!("import-is-device")
    } else if t.is_socket() {
        crate::t!("import-is-socket")
    } else {
        crate::t!("import-not-regular")
    }
}

#[cfg(not(unix))]
fn not_regular(_: &std::fs::Metadata) -> String {
    crate::t!("import-not-regular")
}
