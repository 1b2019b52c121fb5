//! `agenda init`, `status`, `log`, `axis`, `phase`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, say, TableOrJson};
use super::Globals;
use crate::domain::Triennium;
use crate::process;
use crate::storage::{audit, cycles, Db};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality whose Agenda this is.
    #[arg(long, default_value = process::DEFAULT_MUNICIPALITY)]
    municipality: String,
    /// The triennium of the first cycle.
    #[arg(long, default_value = "2021-2023", value_name = "YYYY-YYYY")]
    triennium: String,
    /// The date Fase 1 began, if not today (for an Agenda whose process started earlier).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many entries, newest first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Subcommand)]
pub enum AxisCommand {
    /// The six axes with their Italian names and descriptions.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

#[derive(Debug, Args)]
pub struct PhaseArgs {
    #[command(subcommand)]
    command: Option<PhaseCommand>,
}

#[derive(Debug, Subcommand)]
pub enum PhaseCommand {
    /// The cycle, its phase and since when (the default).
    Show {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Move to the next phase: 1 → 2 (collection opens), 2 → 3 (collection closes).
    Advance {
        /// A note kept with the step (e.g. where the Agenda was presented).
        #[arg(long)]
        note: Option<String>,
        /// The date the new phase starts, if not today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<String>,
    },
}

/// A calendar date, `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("\"{value}\" is not a date: write it as YYYY-MM-DD, e.g. 2022-05-02"))
}

pub fn init(globals: &Globals, args: InitArgs) -> Result<()> {
    let triennium = Triennium::parse(&args.triennium)?;
    process::init(
        &globals.db,
        &args.municipality,
        triennium,
        args.date.as_deref(),
    )?;
    say(format!(
        "created {} for the {}: six axes, cycle {triennium} in Fase 1 – presentazione",
        globals.db.display(),
        args.municipality.trim()
    ));
    say("next: add the project cards with `agenda card add` or `agenda card import FILE.csv`");
    Ok(())
}

pub fn status(globals: &Globals, args: StatusArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let status = process::status(&db)?;
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
                        "{} ({} untagged, {} without a response)",
                        status.suggestions, status.untagged, status.unanswered
                    ),
                ]);
            }
            output::print_table(&table)?;
            say(format!("next: {}", status.next_step));
            Ok(())
        }
    }
}

pub fn log(globals: &Globals, args: LogArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let entries = audit::recent(db.conn(), args.limit)?;
    match args.format {
        TableOrJson::Json => output::print_json(&entries),
        TableOrJson::Table => {
            let mut table =
                output::table(&["#", "when", "who", "action", "target", "what changed"]);
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

pub fn axis(globals: &Globals, command: AxisCommand) -> Result<()> {
    let AxisCommand::List { format } = command;
    let db = Db::open(&globals.db)?;
    let mut stmt = db
        .conn()
        .prepare("SELECT code, name, description FROM axes ORDER BY position")?;
    let axes: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    match format {
        TableOrJson::Json => output::print_json(
            &axes
                .iter()
                .map(|(code, name, description)| {
                    serde_json::json!({"code": code, "name": name, "description": description})
                })
                .collect::<Vec<_>>(),
        ),
        TableOrJson::Table => {
            let mut table = output::table(&["code", "name", "description"]);
            for (code, name, description) in axes {
                table.add_row(vec![code, name, description]);
            }
            output::print_table(&table)
        }
    }
}

pub fn phase(globals: &Globals, args: PhaseArgs) -> Result<()> {
    match args.command.unwrap_or(PhaseCommand::Show {
        format: TableOrJson::Table,
    }) {
        PhaseCommand::Show { format } => {
            let db = Db::open(&globals.db)?;
            let cycle = cycles::current(db.conn())?;
            let status = process::status(&db)?;
            match format {
                TableOrJson::Json => output::print_json(&serde_json::json!({
                    "triennium": cycle.triennium,
                    "phase": cycle.phase.number(),
                    "phase_name": cycle.phase.label(),
                    "since": cycle.phase_since,
                    "closed": cycle.is_closed(),
                    "next_step": status.next_step,
                })),
                TableOrJson::Table => {
                    output::print(&format!(
                        "triennio {} – {} (dal {}){}\n",
                        cycle.triennium,
                        cycle.phase.label(),
                        cycle.phase_since,
                        if cycle.is_closed() {
                            " – ciclo chiuso"
                        } else {
                            ""
                        }
                    ))?;
                    say(format!("next: {}", status.next_step));
                    Ok(())
                }
            }
        }
        PhaseCommand::Advance { note, date } => {
            let mut db = Db::open(&globals.db)?;
            let (from, to) = process::advance(&mut db, note.as_deref(), date.as_deref())?;
            say(format!("{} → {}", from.label(), to.label()));
            Ok(())
        }
    }
}
