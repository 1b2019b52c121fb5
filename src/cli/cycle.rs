//! `agenda cycle …`: open, list, show.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::Triennium;
use crate::process;
use crate::storage::annexes::{self, StoredAnnex};
use crate::storage::{cycles, Db};
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Open the next cycle in Fase 1, once the current one is closed; the cards carry over.
    Open {
        /// The triennium of the new cycle (default: the last one shifted by a year).
        #[arg(long, value_name = "YYYY-YYYY", value_parser = crate::cli::args::triennium)]
        triennium: Option<Triennium>,
        /// The date Fase 1 begins, if not today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::args::date)]
        date: Option<String>,
        /// A note kept with the step.
        #[arg(long)]
        note: Option<String>,
    },
    /// Every cycle: triennium, phase, dates, act, suggestions and responses.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// One cycle: its phases with their dates, the act, the suggestions (the current cycle
    /// unless a triennium, or --cycle, names another).
    Show {
        /// The triennium, e.g. 2021-2023.
        #[arg(value_name = "TRIENNIUM", value_parser = crate::cli::args::triennium)]
        triennium: Option<Triennium>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

pub fn cycle(globals: &Globals, command: CycleCommand) -> Result<()> {
    match command {
        CycleCommand::Open {
            triennium,
            date,
            note,
        } => open(globals, triennium, date.as_deref(), note.as_deref()),
        CycleCommand::List { format } => list(globals, format),
        CycleCommand::Show { triennium, format } => show(globals, triennium, format),
    }
}

fn open(
    globals: &Globals,
    triennium: Option<Triennium>,
    date: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let opened = process::open_cycle(&mut db, triennium, date, note)?;
    say(format!(
        "opened the cycle {} in Fase 1 – presentazione from {}; {} cards carried over as they stand",
        opened.triennium, opened.date, opened.cards
    ));
    say("next: update the cards for the new triennium, present the Agenda, then `agenda phase advance` to open the collection");
    Ok(())
}

fn list(globals: &Globals, format: TableOrJson) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let views = cycles::all(db.conn())?
        .iter()
        .map(|c| process::cycle_view(db.conn(), c))
        .collect::<Result<Vec<_>>>()?;
    match format {
        TableOrJson::Json => output::print_json(&views),
        TableOrJson::Table => {
            let mut table = output::table(&[
                "triennium",
                "phase",
                "opened",
                "closed",
                "act",
                "suggestions",
                "answered",
            ]);
            for v in &views {
                table.add_row(vec![
                    v.triennium.to_string(),
                    if v.closed {
                        "chiuso".to_string()
                    } else {
                        format!("Fase {}", v.phase)
                    },
                    v.opened_on.clone().unwrap_or_default(),
                    v.closed_on.clone().unwrap_or_default(),
                    v.act.clone().unwrap_or_default(),
                    v.suggestions.to_string(),
                    v.answered.to_string(),
                ]);
            }
            output::print_table(&table)
        }
    }
}

fn show(globals: &Globals, triennium: Option<Triennium>, format: TableOrJson) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycle = match triennium {
        Some(t) => cycles::by_triennium(db.conn(), t)?,
        None => globals.cycle(&db)?,
    };
    let view = process::cycle_view(db.conn(), &cycle)?;
    let annexes = annexes::of_cycle(db.conn(), cycle.id)?;
    match format {
        TableOrJson::Json => output::print_json(&Shown {
            view: &view,
            annexes: &annexes,
        }),
        TableOrJson::Table => {
            let mut table = output::table(&["", ""]);
            table.add_row(vec![
                "cycle".to_string(),
                format!("triennio {}", view.triennium),
            ]);
            for p in &view.phases {
                table.add_row(vec![
                    p.name.to_string(),
                    match &p.to {
                        Some(to) => format!("{} – {to}", p.from),
                        None => format!("dal {}", p.from),
                    },
                ]);
            }
            table.add_row(vec![
                "state".to_string(),
                if view.closed {
                    format!("chiuso il {}", view.closed_on.as_deref().unwrap_or("?"))
                } else {
                    "aperto".to_string()
                },
            ]);
            table.add_row(vec![
                "act".to_string(),
                view.act.clone().unwrap_or_else(|| {
                    if view.closed {
                        "none (closed without an act)".to_string()
                    } else {
                        "given when closing".to_string()
                    }
                }),
            ]);
            table.add_row(vec![
                "suggestions".to_string(),
                format!(
                    "{} ({} with a response, {} without, {} without an axis)",
                    view.suggestions, view.answered, view.unanswered, view.untagged
                ),
            ]);
            if let Some(date) = &view.collection_closed_on {
                table.add_row(vec![
                    "late".to_string(),
                    format!(
                        "{} submitted after the collection closed on {date}",
                        view.late
                    ),
                ]);
            }
            for a in &annexes {
                table.add_row(vec!["annex".to_string(), annex_line(a)]);
            }
            output::print_record(&table)?;
            if !view.left.is_empty() {
                say(format!("left before closing: {}", view.left.join("; ")));
            }
            say(format!("next: {}", view.next_step));
            Ok(())
        }
    }
}

/// `cycle show --format json`: the cycle, and the annexes as approved stored when it closed.
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    view: &'a process::CycleView,
    annexes: &'a [StoredAnnex],
}

/// "relazione.pdf – 182.311 bytes – sha256 … – verified" (or "as is, not checked: why").
fn annex_line(a: &StoredAnnex) -> String {
    format!(
        "{} – {} bytes – sha256 {} – {}",
        a.name,
        a.size,
        a.sha256,
        match &a.as_is_reason {
            None => "verified".to_string(),
            Some(why) => format!("as is, not checked: {why}"),
        }
    )
}
