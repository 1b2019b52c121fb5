//! `agenda log`: the audit log.

use crate::cli::output::{self, TableOrJson};
use crate::cli::Globals;
use crate::storage::{audit, Db};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many entries, newest first.
    #[arg(long, value_parser = crate::cli::args::limit, default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn log(globals: &Globals, args: LogArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let entries = audit::recent(db.conn(), args.limit)?;
    match args.format {
        TableOrJson::Json => output::print_json(&entries),
        TableOrJson::Table => {
            let mut table = output::table(&[
                "#",
                &crate::t!("cli-msg-head-when"),
                &crate::t!("cli-msg-head-who"),
                &crate::t!("cli-msg-log-head-action"),
                &crate::t!("cli-msg-log-head-target"),
                &crate::t!("cli-msg-log-head-changed"),
            ]);
            for e in &entries {
                table.add_row(vec![
                    e.id.to_string(),
                    e.at.clone(),
                    e.user.clone(),
                    e.action.clone(),
                    e.target.clone().unwrap_or_default(),
                    crate::text::truncate(&e.details, 80),
                ]);
            }
            output::print_table(&table)
        }
    }
}
