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
                    table.add_row(vec![key_label("municipality"), shown.municipality]);
                    table.add_row(vec![
                        key_label("office"),
                        shown
                            .office
                            .unwrap_or_else(|| crate::t!("cli-msg-config-not-set")),
                    ]);
                    output::print_record(&table)
                }
            }
        }
        ConfigCommand::Set { key, value } => {
            let done = config::set(&mut db, key.into(), &value)?;
            let after = done.after.as_deref().unwrap_or_default();
            let key = key_label(done.key);
            say(if done.changed() {
                crate::t!("cli-msg-config-set", key = key, value = after)
            } else {
                crate::t!("cli-msg-config-unchanged", key = key, value = after)
            });
            Ok(())
        }
        ConfigCommand::Unset { key } => {
            let done = config::unset(&mut db, key.into())?;
            let key = key_label(done.key);
            say(match done.before {
                Some(before) => crate::t!("cli-msg-config-removed", key = key, before = before),
                None => crate::t!("cli-msg-config-was-not-set", key = key),
            });
            Ok(())
        }
    }
}

/// A setting as people read it ("comune", "ufficio"); English keeps the command line's word.
fn key_label(key: &str) -> String {
    crate::t!("cli-msg-config-key", key = key)
}
