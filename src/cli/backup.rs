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
        warn(format!(
            "the backup could not be recorded in {} (is it read-only?): a later purge will not name it",
            globals.db.display()
        ));
    }
    say(format!(
        "wrote a backup of {} to {} (readable by you only); bring it back with `agenda restore {}`",
        globals.db.display(),
        args.path.display(),
        args.path.display()
    ));
    Ok(())
}
