//! `agenda cycle …`: open, list, show.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::Triennium;
use crate::i18n::numbers::count;
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
    say(crate::t!(
        "cli-msg-cycle-opened",
        triennium = opened.triennium.to_string(),
        date = crate::i18n::iso_date(&opened.date),
        cards = opened.cards
    ));
    say(crate::t!("cli-msg-cycle-opened-next"));
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
                &crate::t!("cli-msg-cycle-head-triennium"),
                &crate::t!("cli-msg-row-phase"),
                &crate::t!("cli-msg-cycle-head-opened"),
                &crate::t!("cli-msg-cycle-head-closed"),
                &crate::t!("cli-msg-row-act"),
                &crate::t!("cli-msg-row-suggestions"),
                &crate::t!("cli-msg-cycle-head-answered"),
            ]);
            let day =
                |d: &Option<String>| d.as_deref().map(crate::i18n::iso_date).unwrap_or_default();
            for v in &views {
                table.add_row(vec![
                    v.triennium.to_string(),
                    if v.closed {
                        crate::cli::cycle_state(true)
                    } else {
                        v.phase_name.to_string()
                    },
                    day(&v.opened_on),
                    day(&v.closed_on),
                    v.act.clone().unwrap_or_default(),
                    count(v.suggestions),
                    count(v.answered),
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
                crate::t!("cli-msg-row-cycle"),
                crate::t!("cli-msg-triennium", triennium = view.triennium.to_string()),
            ]);
            for p in &view.phases {
                table.add_row(vec![
                    p.name.to_string(),
                    match &p.to {
                        Some(to) => crate::t!(
                            "cli-msg-cycle-phase-ran",
                            from = crate::i18n::iso_date(&p.from),
                            to = crate::i18n::iso_date(to)
                        ),
                        None => {
                            crate::t!(
                                "cli-msg-cycle-phase-runs",
                                from = crate::i18n::iso_date(&p.from)
                            )
                        }
                    },
                ]);
            }
            table.add_row(vec![
                crate::t!("cli-msg-cycle-row-state"),
                if view.closed {
                    crate::t!(
                        "cli-msg-cycle-closed-on",
                        date = view
                            .closed_on
                            .as_deref()
                            .map(crate::i18n::iso_date)
                            .unwrap_or_else(|| "?".to_string())
                    )
                } else {
                    crate::cli::cycle_state(false)
                },
            ]);
            table.add_row(vec![
                crate::t!("cli-msg-row-act"),
                view.act.clone().unwrap_or_else(|| {
                    if view.closed {
                        crate::t!("cli-msg-cycle-act-none")
                    } else {
                        crate::t!("cli-msg-cycle-act-later")
                    }
                }),
            ]);
            table.add_row(vec![
                crate::t!("cli-msg-row-suggestions"),
                crate::t!(
                    "cli-msg-cycle-suggestions",
                    count = view.suggestions,
                    answered = view.answered,
                    unanswered = view.unanswered,
                    untagged = view.untagged
                ),
            ]);
            if let Some(date) = &view.collection_closed_on {
                table.add_row(vec![
                    crate::t!("cli-msg-cycle-row-late"),
                    crate::t!(
                        "cli-msg-cycle-late",
                        count = view.late,
                        date = crate::i18n::iso_date(date)
                    ),
                ]);
            }
            for a in &annexes {
                table.add_row(vec![crate::t!("cli-msg-cycle-row-annex"), annex_line(a)]);
            }
            output::print_record(&table)?;
            if !view.left.is_empty() {
                say(crate::t!("cli-msg-cycle-left", left = view.left.join("; ")));
            }
            say(crate::t!("cli-msg-next", step = view.next_step.as_str()));
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
    let check = match &a.as_is_reason {
        None => crate::t!("cli-msg-annex-verified"),
        Some(why) => crate::t!("cli-msg-annex-as-is", why = why.as_str()),
    };
    crate::t!(
        "cli-msg-annex-line",
        name = a.name.as_str(),
        size = a.size,
        sha256 = a.sha256.as_str(),
        check = check
    )
}
