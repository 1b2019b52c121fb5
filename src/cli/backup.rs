//! `agenda backup PATH`.

use crate::backup;
use crate::cli::output::{say, warn};
use crate::cli::Globals;
use crate::storage::Db;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to write; an existing file is never overwritten.
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

pub fn backup(globals: &Globals, args: BackupArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    backup::write(db.conn(), &args.path)?;
    if backup::record(db.conn(), &args.path, "backup").is_err() {
        warn(crate::t!(
            "cli-msg-backup-not-recorded",
            db = globals.db.display().to_string()
        ));
    }
    say(crate::t!(
        "cli-msg-backup-written",
        db = globals.db.display().to_string(),
        path = args.path.display().to_string()
    ));
    Ok(())
}
