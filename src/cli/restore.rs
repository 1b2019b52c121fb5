//! `agenda restore PATH`.

use crate::backup;
use crate::cli::output::say;
use crate::cli::Globals;
use crate::storage::Db;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup written by `agenda backup` (or beside the database before an upgrade).
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

pub fn restore(globals: &Globals, args: RestoreArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let candidate = backup::inspect(&args.path, &globals.db)?;
    let question = format!(
        "Replace all the data in {} with those of {} ({})?",
        globals.db.display(),
        args.path.display(),
        candidate.summary()
    );
    if !crate::cli::confirm(globals, &question)? {
        say("nothing was restored");
        return Ok(());
    }
    let restored = backup::restore(&mut db, candidate)?;
    say(format!(
        "restored {} from {}; the data it held before are in {}",
        globals.db.display(),
        restored.from.display(),
        restored.safety_backup.display()
    ));
    Ok(())
}
