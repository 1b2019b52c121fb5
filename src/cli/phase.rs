//! `agenda phase …`: show, advance (and close), back, history.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::Phase;
use crate::process;
use crate::storage::{cycles, Db};
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;

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
    /// 3 → closed (every suggestion needs a response and an axis, none dated after the
    /// closing; give the act or --without-act).
    Advance {
        /// A note kept with the step (e.g. where the Agenda was presented).
        #[arg(long)]
        note: Option<String>,
        /// The date the step counts from, if not today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::args::date)]
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
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::args::date, requires = "act")]
        act_date: Option<String>,
        /// Closing only: close the cycle without an approving act, on purpose.
        #[arg(long)]
        without_act: bool,
        /// Closing only, with --act: the files the Giunta approved (the final report as PDF,
        /// Markdown, HTML or JSON, its CSV annexes), checked against the cycle's data and kept
        /// byte for byte; `report --approved` gives them back.
        #[arg(long, value_name = "FILE", num_args = 1.., requires = "act")]
        annex: Vec<PathBuf>,
        /// With --annex: store the files that cannot be verified anyway, flagged "as is, not
        /// checked" with the reason.
        #[arg(long, requires = "annex")]
        annex_as_is: bool,
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

pub fn phase(globals: &Globals, args: PhaseArgs) -> Result<()> {
    match args.command.unwrap_or(PhaseCommand::Show {
        format: TableOrJson::Table,
    }) {
        PhaseCommand::Show { format } => show(globals, format),
        PhaseCommand::Advance {
            note,
            date,
            act,
            act_date,
            without_act,
            annex,
            annex_as_is,
        } => {
            // Read before anything else: a missing or oversized file is said before the question.
            let annexes = process::annexes::read_annexes(&annex)?;
            advance(
                globals,
                process::AdvanceOptions {
                    named: globals.cycle,
                    note: note.as_deref(),
                    date: date.as_deref(),
                    act: act.as_deref(),
                    act_date: act_date.as_deref(),
                    without_act,
                    annexes: &annexes,
                    annex_as_is,
                },
            )
        }
        PhaseCommand::Back { reason } => back(globals, &reason),
        PhaseCommand::History { format } => history(globals, format),
    }
}

fn show(globals: &Globals, format: TableOrJson) -> Result<()> {
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

fn advance(globals: &Globals, options: process::AdvanceOptions) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
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
        if !options.annexes.is_empty() {
            say(format!(
                "the {} annexes given are checked against the cycle's data as they stand and kept byte for byte{}",
                options.annexes.len(),
                if options.annex_as_is {
                    "; those that cannot be verified are kept as is, flagged \"not checked\""
                } else {
                    ""
                }
            ));
        }
        if !crate::cli::confirm(
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
            annexes,
        } => {
            say(format!(
                "triennio {triennium}: closed on {date} {}; {suggestions} suggestions and their responses are now read-only, and the {cards} cards are kept as they stand in the cycle's snapshot",
                act.map(|a| format!("with {a}"))
                    .unwrap_or_else(|| "without an act".to_string())
            ));
            for k in &annexes {
                say(format!(
                    "kept the annex {} ({} bytes, sha256 {}): {}",
                    k.name,
                    k.size,
                    k.sha256,
                    k.flag()
                ));
            }
            if !annexes.is_empty() {
                say(format!(
                    "`agenda --cycle {triennium} report --approved --out DIR` gives them back byte for byte"
                ));
            }
            say(format!(
                "next: open the next cycle with `agenda cycle open` (triennium {} by default)",
                triennium.next()
            ));
        }
    }
    Ok(())
}

fn back(globals: &Globals, reason: &str) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let back = process::back(&mut db, globals.cycle, reason)?;
    say(format!(
        "triennio {}: back from {} to {}",
        back.triennium,
        back.from.label(),
        back.to.label()
    ));
    Ok(())
}

fn history(globals: &Globals, format: TableOrJson) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycle_id = match &globals.cycle {
        Some(_) => Some(globals.cycle(&db)?.id),
        None => None,
    };
    let steps = cycles::history(db.conn(), cycle_id)?;
    match format {
        TableOrJson::Json => output::print_json(&steps),
        TableOrJson::Table => {
            let mut table = output::table(&["cycle", "date", "step", "who", "recorded at", "note"]);
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

/// "open → Fase 1", "Fase 1 → Fase 2", "back: Fase 3 → Fase 2", "Fase 3 → closed".
pub(crate) fn describe_step(t: &cycles::Transition) -> String {
    let phase = |p: Option<u8>| p.map(|n| format!("Fase {n}"));
    let from = phase(t.from_phase).unwrap_or_else(|| "open".to_string());
    let to = phase(t.to_phase).unwrap_or_else(|| "closed".to_string());
    match t.kind.as_str() {
        "back" => format!("back: {from} → {to}"),
        _ => format!("{from} → {to}"),
    }
}

pub(crate) fn suggestions_line(view: &process::CycleView) -> String {
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
