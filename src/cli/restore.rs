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
    let question = crate::t!(
        "cli-msg-restore-question",
        db = globals.db.display().to_string(),
        path = args.path.display().to_string(),
        summary = candidate.summary()
    );
    if !crate::cli::confirm(globals, &question)? {
        say(crate::t!("cli-msg-restore-nothing"));
        return Ok(());
    }
    let restored = backup::restore(&mut db, candidate)?;
    say(crate::t!(
        "cli-msg-restore-done",
        db = globals.db.display().to_string(),
        from = restored.from.display().to_string(),
        before = restored.safety_backup.display().to_string()
    ));
    Ok(())
}
