//! `agenda status`: where the process stands.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::process;
use crate::storage::Db;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn status(globals: &Globals, args: StatusArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let status = process::status(&db, &cycle)?;
    match args.format {
        TableOrJson::Json => output::print_json(&status),
        TableOrJson::Table => {
            let mut table = output::table(&["", ""]);
            let phase = if status.closed {
                "chiuso".to_string()
            } else {
                format!("{} (dal {})", status.phase_name, status.phase_since)
            };
            table.add_row(vec![
                "municipality".to_string(),
                status.municipality.clone(),
            ]);
            table.add_row(vec![
                "cycle".to_string(),
                format!("triennio {}", status.triennium),
            ]);
            table.add_row(vec!["phase".to_string(), phase]);
            let by_status = status
                .cards_by_status
                .iter()
                .filter(|(_, n)| n.as_i64().unwrap_or(0) > 0)
                .map(|(s, n)| format!("{n} {s}"))
                .collect::<Vec<_>>()
                .join(", ");
            table.add_row(vec![
                "cards".to_string(),
                if status.cards == 0 {
                    "0".to_string()
                } else {
                    format!("{} ({by_status})", status.cards)
                },
            ]);
            if status.suggestions > 0 {
                table.add_row(vec![
                    "suggestions".to_string(),
                    format!(
                        "{} ({} untagged, {} without a response{})",
                        status.suggestions,
                        status.untagged,
                        status.unanswered,
                        if status.late > 0 {
                            format!(", {} late", status.late)
                        } else {
                            String::new()
                        }
                    ),
                ]);
            }
            output::print_record(&table)?;
            say(format!("next: {}", status.next_step));
            Ok(())
        }
    }
}
