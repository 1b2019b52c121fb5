//! `agenda axis list`: the six axes.

use crate::cli::output::{self, TableOrJson};
use crate::cli::Globals;
use crate::storage::Db;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AxisCommand {
    /// The six axes with their Italian names and descriptions.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

pub fn axis(globals: &Globals, command: AxisCommand) -> Result<()> {
    let AxisCommand::List { format } = command;
    let db = Db::open(&globals.db)?;
    let axes = crate::storage::axes::all(db.conn())?;
    match format {
        TableOrJson::Json => output::print_json(&axes),
        TableOrJson::Table => {
            let mut table = output::table(&[
                &crate::t!("cli-msg-head-code"),
                &crate::t!("cli-msg-head-name"),
                &crate::t!("cli-msg-head-description"),
            ]);
            for a in axes {
                table.add_row(vec![a.code, a.name, a.description]);
            }
            output::print_table(&table)
        }
    }
}
