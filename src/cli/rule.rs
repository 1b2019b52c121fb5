//! `agenda rule …`: the keyword rules autotag applies.

use crate::autotag;
use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::{Axis, Term};
use crate::storage::{rules as store, Db};
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Add a rule: suggestions whose text holds one of the keywords get the axis.
    Add {
        /// The axis (code or Italian name).
        #[arg(value_parser = crate::cli::args::term::<Axis>)]
        axis: Axis,
        /// A word, a phrase ("open data") or a stem (anzian*); repeat or list several.
        #[arg(long = "keyword", required = true, num_args = 1..)]
        keywords: Vec<String>,
    },
    /// The rules, axis by axis.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Remove a rule by its number.
    Remove { id: i64 },
}

pub fn rule(globals: &Globals, command: RuleCommand) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    match command {
        RuleCommand::Add { axis, keywords } => {
            let id = autotag::add_rule(&mut db, axis, &keywords)?;
            say(crate::t!(
                "cli-msg-rule-added",
                id = id.to_string(),
                axis = axis.label(),
                keywords = keywords.join(" | ")
            ));
            Ok(())
        }
        RuleCommand::List { format } => {
            let rules = store::rules(db.conn())?;
            match format {
                TableOrJson::Json => output::print_json(&rules),
                TableOrJson::Table => {
                    let mut table = output::table(&[
                        "#",
                        &crate::t!("cli-msg-head-axis"),
                        &crate::t!("cli-msg-rule-head-keywords"),
                    ]);
                    for r in &rules {
                        table.add_row(vec![
                            r.id.to_string(),
                            Axis::from_code(&r.axis)
                                .map(|a| a.label())
                                .unwrap_or(&r.axis)
                                .to_string(),
                            r.keywords.join(" | "),
                        ]);
                    }
                    output::print_table(&table)
                }
            }
        }
        RuleCommand::Remove { id } => {
            autotag::remove_rule(&mut db, id)?;
            say(crate::t!("cli-msg-rule-removed", id = id.to_string()));
            Ok(())
        }
    }
}
