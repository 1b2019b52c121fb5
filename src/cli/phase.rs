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
            let triennium = view.triennium.to_string();
            let mut text = if view.closed {
                let date = view
                    .closed_on
                    .as_deref()
                    .map(crate::i18n::iso_date)
                    .unwrap_or_else(|| "?".to_string());
                match view.act.as_deref() {
                    Some(act) => crate::t!(
                        "cli-msg-phase-closed-with-act",
                        triennium = triennium,
                        date = date,
                        act = act
                    ),
                    None => crate::t!(
                        "cli-msg-phase-closed-without-act",
                        triennium = triennium,
                        date = date
                    ),
                }
            } else {
                crate::t!(
                    "cli-msg-phase-current",
                    triennium = triennium,
                    phase = view.phase_name,
                    since = crate::i18n::iso_date(&view.since)
                )
            };
            text.push('\n');
            text.push_str(&suggestions_line(&view));
            if !view.left.is_empty() {
                let left = view.left.join("; ");
                text.push_str(&if view.phase == 3 {
                    crate::t!("cli-msg-cycle-left", left = left)
                } else {
                    crate::t!("cli-msg-phase-left", left = left)
                });
                text.push('\n');
            }
            output::print(&text)?;
            say(crate::t!("cli-msg-next", step = view.next_step.as_str()));
            Ok(())
        }
    }
}

fn advance(globals: &Globals, options: process::AdvanceOptions) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    // Closing cannot be undone: say what it freezes and how the report will read, and
    // ask (from a script: --yes).
    if let Some(preview) = process::closing_preview(db.conn(), &options)? {
        let triennium = preview.triennium.to_string();
        say(crate::t!(
            "cli-msg-phase-closing-freezes",
            triennium = triennium.as_str(),
            suggestions = preview.suggestions,
            cards = preview.cards
        ));
        say(crate::t!(
            "cli-msg-phase-closing-cover",
            cover = preview.cover_line.as_str()
        ));
        if !options.annexes.is_empty() {
            let count = options.annexes.len();
            say(if options.annex_as_is {
                crate::t!("cli-msg-phase-closing-annexes-as-is", count = count)
            } else {
                crate::t!("cli-msg-phase-closing-annexes", count = count)
            });
        }
        if !crate::cli::confirm(
            globals,
            &crate::t!(
                "cli-msg-phase-closing-question",
                triennium = triennium.as_str()
            ),
        )? {
            say(crate::t!("cli-msg-phase-not-closed"));
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
            say(crate::t!(
                "cli-msg-phase-advanced",
                triennium = triennium.to_string(),
                from = from.label(),
                to = to.label(),
                date = crate::i18n::iso_date(&date)
            ));
            if to == Phase::Aggiornamento {
                let late = process::late_suggestions(&db, triennium, &date)?;
                say(crate::t!(
                    "cli-msg-phase-collection-closed",
                    date = crate::i18n::iso_date(&date),
                    late = late
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
            let act = match act {
                Some(a) => crate::t!("cli-msg-phase-closed-act", act = a),
                None => crate::t!("cli-msg-phase-closed-no-act"),
            };
            say(crate::t!(
                "cli-msg-phase-closed",
                triennium = triennium.to_string(),
                date = crate::i18n::iso_date(&date),
                act = act,
                suggestions = suggestions,
                cards = cards
            ));
            for k in &annexes {
                say(crate::t!(
                    "cli-msg-phase-annex-kept",
                    name = k.name.as_str(),
                    size = k.size,
                    sha256 = k.sha256.as_str(),
                    flag = k.flag()
                ));
            }
            if !annexes.is_empty() {
                say(crate::t!(
                    "cli-msg-phase-annexes-back",
                    triennium = triennium.to_string()
                ));
            }
            say(crate::t!(
                "cli-msg-phase-closed-next",
                triennium = triennium.next().to_string()
            ));
        }
    }
    Ok(())
}

fn back(globals: &Globals, reason: &str) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let back = process::back(&mut db, globals.cycle, reason)?;
    say(crate::t!(
        "cli-msg-phase-back",
        triennium = back.triennium.to_string(),
        from = back.from.label(),
        to = back.to.label()
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
            let mut table = output::table(&[
                &crate::t!("cli-msg-row-cycle"),
                &crate::t!("cli-msg-head-date"),
                &crate::t!("cli-msg-phase-head-step"),
                &crate::t!("cli-msg-head-who"),
                &crate::t!("cli-msg-phase-head-recorded"),
                &crate::t!("cli-msg-head-note"),
            ]);
            for t in &steps {
                table.add_row(vec![
                    t.triennium.clone(),
                    crate::i18n::iso_date(&t.date),
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
    let phase = |p: Option<u8>| p.map(|n| crate::t!("cli-msg-phase-short", number = n.to_string()));
    let from = phase(t.from_phase).unwrap_or_else(|| crate::t!("cli-msg-phase-step-open"));
    let to = phase(t.to_phase).unwrap_or_else(|| crate::cli::cycle_state(true));
    match t.kind.as_str() {
        "back" => crate::t!("cli-msg-phase-step-back", from = from, to = to),
        _ => crate::t!("cli-msg-phase-step", from = from, to = to),
    }
}

pub(crate) fn suggestions_line(view: &process::CycleView) -> String {
    let mut line = crate::t!(
        "cli-msg-phase-suggestions",
        count = view.suggestions,
        answered = view.answered,
        unanswered = view.unanswered,
        untagged = view.untagged
    );
    if let Some(date) = &view.collection_closed_on {
        line.push_str(&crate::t!(
            "cli-msg-phase-suggestions-late",
            date = crate::i18n::iso_date(date),
            late = view.late
        ));
    }
    line.push('\n');
    line
}
