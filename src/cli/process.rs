//! `agenda init`, `status`, `log`, `axis`, `phase`, `cycle`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, say, TableOrJson};
use super::Globals;
use crate::domain::{Phase, Triennium};
use crate::process;
use crate::storage::{audit, cycles, Db};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality whose Agenda this is.
    #[arg(long, default_value = process::DEFAULT_MUNICIPALITY)]
    municipality: String,
    /// The triennium of the first cycle.
    #[arg(long, default_value = "2021-2023", value_name = "YYYY-YYYY", value_parser = super::args::triennium)]
    triennium: Triennium,
    /// The date Fase 1 began, if not today (for an Agenda whose process started earlier).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::args::date)]
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
    #[arg(long, value_parser = super::args::limit, default_value_t = 20)]
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
    /// The cycle, its phase and since when, and what is left before the next step (the default).
    Show {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Move the open cycle forward: 1 → 2 (collection opens), 2 → 3 (collection closes),
    /// 3 → closed (every suggestion needs a response; give the act or --without-act).
    Advance {
        /// A note kept with the step (e.g. where the Agenda was presented).
        #[arg(long)]
        note: Option<String>,
        /// The date the step counts from, if not today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::args::date)]
        date: Option<String>,
        /// Closing only: the number of the Giunta's deliberation that approves the update,
        /// e.g. 12/2022 (a leading "DGC" or "n." is dropped); give its date with --act-date.
        #[arg(
            long,
            value_name = "n/yyyy",
            conflicts_with = "without_act",
            requires = "act_date"
        )]
        act: Option<String>,
        /// Closing only: the date of the deliberation.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::args::date, requires = "act")]
        act_date: Option<String>,
        /// Closing only: close the cycle without an approving act, on purpose.
        #[arg(long)]
        without_act: bool,
    },
    /// Undo the last step of the open cycle (3 → 2 or 2 → 1), with the reason; never silent.
    Back {
        /// Why the step is undone; kept in the history and the audit log.
        #[arg(long)]
        reason: String,
    },
    /// Every step of the cycles: opening, advances, steps back, closing (all cycles unless
    /// --cycle names one).
    History {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Open the next cycle in Fase 1, once the current one is closed; the cards carry over.
    Open {
        /// The triennium of the new cycle (default: the last one shifted by a year).
        #[arg(long, value_name = "YYYY-YYYY", value_parser = super::args::triennium)]
        triennium: Option<Triennium>,
        /// The date Fase 1 begins, if not today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::args::date)]
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
        #[arg(value_name = "TRIENNIUM", value_parser = super::args::triennium)]
        triennium: Option<Triennium>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
}

pub fn init(globals: &Globals, args: InitArgs) -> Result<()> {
    let triennium = args.triennium;
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
    let axes = crate::storage::axes::all(db.conn())?;
    match format {
        TableOrJson::Json => output::print_json(&axes),
        TableOrJson::Table => {
            let mut table = output::table(&["code", "name", "description"]);
            for a in axes {
                table.add_row(vec![a.code, a.name, a.description]);
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
            let cycle = globals.cycle(&db)?;
            let view = process::cycle_view(db.conn(), &cycle)?;
            match format {
                TableOrJson::Json => output::print_json(&view),
                TableOrJson::Table => {
                    let mut text = if view.closed {
                        format!(
                            "triennio {} – ciclo chiuso il {}{}\n",
                            view.triennium,
                            view.closed_on.as_deref().unwrap_or("?"),
                            view.act
                                .as_deref()
                                .map(|a| format!(" ({a})"))
                                .unwrap_or_else(|| " (senza atto)".to_string())
                        )
                    } else {
                        format!(
                            "triennio {} – {} (dal {})\n",
                            view.triennium, view.phase_name, view.since
                        )
                    };
                    text.push_str(&suggestions_line(&view));
                    if !view.left.is_empty() {
                        text.push_str(&format!(
                            "left before {}: {}\n",
                            if view.phase == 3 {
                                "closing"
                            } else {
                                "the next phase"
                            },
                            view.left.join("; ")
                        ));
                    }
                    output::print(&text)?;
                    say(format!("next: {}", view.next_step));
                    Ok(())
                }
            }
        }
        PhaseCommand::Advance {
            note,
            date,
            act,
            act_date,
            without_act,
        } => {
            let mut db = Db::open(&globals.db)?;
            let options = process::AdvanceOptions {
                named: globals.cycle,
                note: note.as_deref(),
                date: date.as_deref(),
                act: act.as_deref(),
                act_date: act_date.as_deref(),
                without_act,
            };
            // Closing cannot be undone: say what it freezes and how the report will read, and
            // ask (from a script: --yes).
            if let Some(preview) = process::closing_preview(db.conn(), &options)? {
                say(format!(
                    "closing the cycle {} freezes its {} suggestions with their axes, links and responses, and keeps its {} cards as they stand; it cannot be undone",
                    preview.triennium, preview.suggestions, preview.cards
                ));
                say(format!(
                    "the report's cover will read: {}",
                    preview.cover_line
                ));
                if !super::confirm(
                    globals,
                    &format!("Close the cycle {} for good?", preview.triennium),
                )? {
                    say("the cycle was not closed");
                    return Ok(());
                }
            }
            let step = process::advance(&mut db, options)?;
            match step {
                process::Step::Advanced {
                    triennium,
                    from,
                    to,
                    date,
                } => {
                    say(format!(
                        "triennio {triennium}: {} → {} from {date}",
                        from.label(),
                        to.label()
                    ));
                    if to == Phase::Aggiornamento {
                        let late = process::late_suggestions(&db, triennium, &date)?;
                        say(format!(
                            "the collection closed on {date}: suggestions submitted after it count as late{}",
                            if late > 0 {
                                format!(" ({late} already are)")
                            } else {
                                String::new()
                            }
                        ));
                    }
                }
                process::Step::Closed {
                    triennium,
                    date,
                    act,
                    cards,
                    suggestions,
                } => {
                    say(format!(
                        "triennio {triennium}: closed on {date} {}; {suggestions} suggestions and their responses are now read-only, and the {cards} cards are kept as they stand in the cycle's snapshot",
                        act.map(|a| format!("with {a}"))
                            .unwrap_or_else(|| "without an act".to_string())
                    ));
                    say(format!(
                        "next: open the next cycle with `agenda cycle open` (triennium {} by default)",
                        triennium.next()
                    ));
                }
            }
            Ok(())
        }
        PhaseCommand::Back { reason } => {
            let mut db = Db::open(&globals.db)?;
            let back = process::back(&mut db, globals.cycle, &reason)?;
            say(format!(
                "triennio {}: back from {} to {}",
                back.triennium,
                back.from.label(),
                back.to.label()
            ));
            Ok(())
        }
        PhaseCommand::History { format } => {
            let db = Db::open(&globals.db)?;
            let cycle_id = match &globals.cycle {
                Some(_) => Some(globals.cycle(&db)?.id),
                None => None,
            };
            let steps = cycles::history(db.conn(), cycle_id)?;
            match format {
                TableOrJson::Json => output::print_json(&steps),
                TableOrJson::Table => {
                    let mut table =
                        output::table(&["cycle", "date", "step", "who", "recorded at", "note"]);
                    for t in &steps {
                        table.add_row(vec![
                            t.triennium.clone(),
                            t.date.clone(),
                            describe_step(t),
                            t.user.clone(),
                            t.at.clone(),
                            t.note.clone().unwrap_or_default(),
                        ]);
                    }
                    output::print_table(&table)
                }
            }
        }
    }
}

/// "open → Fase 1", "Fase 1 → Fase 2", "back: Fase 3 → Fase 2", "Fase 3 → closed".
fn describe_step(t: &cycles::Transition) -> String {
    let phase = |p: Option<u8>| p.map(|n| format!("Fase {n}"));
    let from = phase(t.from_phase).unwrap_or_else(|| "open".to_string());
    let to = phase(t.to_phase).unwrap_or_else(|| "closed".to_string());
    match t.kind.as_str() {
        "back" => format!("back: {from} → {to}"),
        _ => format!("{from} → {to}"),
    }
}

fn suggestions_line(view: &process::CycleView) -> String {
    let mut line = format!(
        "suggestions: {} ({} with a response, {} without",
        view.suggestions, view.answered, view.unanswered
    );
    if view.untagged > 0 {
        line.push_str(&format!(", {} without an axis", view.untagged));
    }
    line.push(')');
    if let Some(date) = &view.collection_closed_on {
        line.push_str(&format!(
            "; collection closed on {date}, {} late",
            view.late
        ));
    }
    line.push('\n');
    line
}

pub fn cycle(globals: &Globals, command: CycleCommand) -> Result<()> {
    match command {
        CycleCommand::Open {
            triennium,
            date,
            note,
        } => {
            let mut db = Db::open(&globals.db)?;
            let opened = process::open_cycle(&mut db, triennium, date.as_deref(), note.as_deref())?;
            say(format!(
                "opened the cycle {} in Fase 1 – presentazione from {}; {} cards carried over as they stand",
                opened.triennium, opened.date, opened.cards
            ));
            say("next: update the cards for the new triennium, present the Agenda, then `agenda phase advance` to open the collection");
            Ok(())
        }
        CycleCommand::List { format } => {
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
        CycleCommand::Show { triennium, format } => {
            let db = Db::open(&globals.db)?;
            let cycle = match triennium {
                Some(t) => cycles::by_triennium(db.conn(), t)?,
                None => globals.cycle(&db)?,
            };
            let view = process::cycle_view(db.conn(), &cycle)?;
            match format {
                TableOrJson::Json => output::print_json(&view),
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
                    output::print_table(&table)?;
                    if !view.left.is_empty() {
                        say(format!("left before closing: {}", view.left.join("; ")));
                    }
                    say(format!("next: {}", view.next_step));
                    Ok(())
                }
            }
        }
    }
}
