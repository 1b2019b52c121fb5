//! `agenda status`: where the process stands.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::{CardStatus, Term};
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
                super::cycle_state(true)
            } else {
                crate::t!(
                    "cli-msg-phase-since",
                    phase = status.phase_name,
                    since = crate::i18n::iso_date(&status.phase_since)
                )
            };
            table.add_row(vec![
                crate::t!("cli-msg-row-municipality"),
                status.municipality.clone(),
            ]);
            table.add_row(vec![
                crate::t!("cli-msg-row-cycle"),
                crate::t!(
                    "cli-msg-triennium",
                    triennium = status.triennium.to_string()
                ),
            ]);
            table.add_row(vec![crate::t!("cli-msg-row-phase"), phase]);
            let by_status = status
                .cards_by_status
                .iter()
                .filter(|(_, n)| n.as_i64().unwrap_or(0) > 0)
                .map(|(s, n)| {
                    crate::t!(
                        "cli-msg-status-cards-of",
                        count = n.as_i64().unwrap_or(0),
                        status = CardStatus::from_code(s).map(|s| s.label()).unwrap_or(s)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            table.add_row(vec![
                crate::t!("cli-msg-row-cards"),
                if status.cards == 0 {
                    crate::i18n::numbers::count(0)
                } else {
                    crate::t!(
                        "cli-msg-status-cards",
                        count = status.cards,
                        by_status = by_status
                    )
                },
            ]);
            if status.suggestions > 0 {
                table.add_row(vec![
                    crate::t!("cli-msg-row-suggestions"),
                    crate::t!(
                        "cli-msg-status-suggestions",
                        count = status.suggestions,
                        untagged = status.untagged,
                        unanswered = status.unanswered,
                        late = status.late
                    ),
                ]);
            }
            output::print_record(&table)?;
            say(crate::t!("cli-msg-next", step = status.next_step));
            Ok(())
        }
    }
}
