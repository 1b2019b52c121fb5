//! `agenda check`.

use crate::check;
use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::storage::Db;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn check(globals: &Globals, args: CheckArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if let Some(cycles) = check::complete_purge(&mut db)? {
        say(crate::t!("cli-msg-purge-completed", cycles = cycles));
    }
    let outcome = check::run(&db)?;
    match args.format {
        TableOrJson::Json => output::print_json(&outcome)?,
        TableOrJson::Table if !outcome.problems.is_empty() => {
            let mut table = output::table(&[
                &crate::t!("cli-msg-check-head-check"),
                &crate::t!("cli-msg-check-head-where"),
                &crate::t!("cli-msg-check-head-problem"),
            ]);
            for p in &outcome.problems {
                table.add_row(vec![
                    p.check.to_string(),
                    p.location.clone(),
                    p.message.clone(),
                ]);
            }
            output::print_table(&table)?;
        }
        TableOrJson::Table => {}
    }
    match check::failure(&globals.db, &outcome) {
        Some(failure) => Err(failure.into()),
        None => {
            say(crate::t!(
                "cli-msg-check-passed",
                db = globals.db.display().to_string(),
                count = outcome.checks.len()
            ));
            Ok(())
        }
    }
}
