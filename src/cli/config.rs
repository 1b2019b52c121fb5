//! `agenda config …`: show, set and unset the municipality and the office that proposes the
//! deliberation.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::process::config::{self, Key};
use crate::storage::Db;
use anyhow::Result;
use clap::{Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The municipality and the office, as the report's cover names them.
    Show {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Set the municipality or the office: `config set office "Servizio Sistema Informativo"`.
    Set {
        key: KeyArg,
        /// The new value (not empty).
        value: String,
    },
    /// Remove the office (the municipality cannot be removed).
    Unset { key: KeyArg },
}

/// The settings `config` knows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeyArg {
    Municipality,
    Office,
}

impl From<KeyArg> for Key {
    fn from(k: KeyArg) -> Key {
        match k {
            KeyArg::Municipality => Key::Municipality,
            KeyArg::Office => Key::Office,
        }
    }
}

pub fn config(globals: &Globals, cmd: ConfigCommand) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    match cmd {
        ConfigCommand::Show { format } => {
            let shown = config::show(db.conn())?;
            match format {
                TableOrJson::Json => output::print_json(&shown),
                TableOrJson::Table => {
                    let mut table = output::table(&["", ""]);
                    table.add_row(vec!["municipality".to_string(), shown.municipality]);
                    table.add_row(vec![
                        "office".to_string(),
                        shown.office.unwrap_or_else(|| "(not set)".to_string()),
                    ]);
                    output::print_record(&table)
                }
            }
        }
        ConfigCommand::Set { key, value } => {
            let done = config::set(&mut db, key.into(), &value)?;
            let after = done.after.as_deref().unwrap_or_default();
            say(if done.changed() {
                format!("{}: {after}", done.key)
            } else {
                format!("{} already is {after}: nothing changed", done.key)
            });
            Ok(())
        }
        ConfigCommand::Unset { key } => {
            let done = config::unset(&mut db, key.into())?;
            say(match done.before {
                Some(before) => format!("{} removed (it was {before})", done.key),
                None => format!("{} was not set: nothing changed", done.key),
            });
            Ok(())
        }
    }
}
