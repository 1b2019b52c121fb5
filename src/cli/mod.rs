//! The command line: arguments (clap), and for each subcommand a function that turns them into
//! a call to the library and prints the result. No SQL and no domain rules here.

pub(crate) mod args;
mod axis;
mod backup;
mod card;
mod check;
mod completions;
mod config;
mod cycle;
mod demo;
mod init;
pub(crate) mod ledger;
mod log;
mod output;
mod phase;
mod privacy;
mod report;
mod restore;
mod rule;
mod status;
mod suggestion;
mod triage;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::domain::Triennium;

/// agenda — the permanent participatory process of the Digital Agenda of the Comune di Prato:
/// project cards, citizens' suggestions, responses, phases and the triennial update report.
#[derive(Debug, Parser)]
#[command(
    name = "agenda",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// The database file.
    #[arg(
        long,
        global = true,
        env = "AGENDA_DB",
        default_value = "agenda.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,
    /// Answer yes to every confirmation.
    #[arg(long, global = true, env = "AGENDA_YES", value_parser = clap::builder::BoolishValueParser::new())]
    pub yes: bool,
    /// Print only data and errors, no progress or summaries.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The cycle to act on, by triennium (default: the open cycle, or the latest).
    #[arg(long, global = true, env = "AGENDA_CYCLE", value_name = "TRIENNIUM", value_parser = args::triennium)]
    pub cycle: Option<Triennium>,
    /// The language of messages and help: it (the default) or en.
    #[arg(long, global = true, env = "AGENDA_LANG", value_name = "it|en", value_parser = args::lang)]
    pub lang: Option<crate::i18n::Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing would only add noise
pub enum Command {
    /// Create a new database: municipality, the six axes, the first cycle in Fase 1.
    Init(init::InitArgs),
    /// Where the process stands: cycle, phase, cards, suggestions.
    Status(status::StatusArgs),
    /// The municipality and the office that proposes the deliberation: `show`, `set`, `unset`.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// The audit log: every change any command made.
    Log(log::LogArgs),
    /// The six axes of the Agenda.
    #[command(subcommand)]
    Axis(axis::AxisCommand),
    /// The phase of the current cycle: `show`, `advance` (and close), `back`, `history`.
    Phase(phase::PhaseArgs),
    /// The cycles of the process, one a year on a triennium: `open`, `list`, `show`.
    #[command(subcommand)]
    Cycle(cycle::CycleCommand),
    /// Project cards (schede) of the Agenda.
    #[command(subcommand)]
    Card(card::CardCommand),
    /// Citizens' suggestions (contributi): import, list, show.
    #[command(subcommand)]
    Suggestion(suggestion::SuggestionCommand),
    /// Keyword rules for tagging suggestions automatically.
    #[command(subcommand)]
    Rule(rule::RuleCommand),
    /// Walk the suggestions one at a time on a terminal: axes, card, outcome and reason.
    Triage(triage::TriageArgs),
    /// The triennial update report for the Giunta: Markdown, HTML, JSON or the CSV annexes.
    Report(report::ReportArgs),
    /// Build a demo database from the bundled fixtures and show the whole job.
    Demo(demo::DemoArgs),
    /// Personal data: what is held for each cycle (`report`), and its purge once a cycle has
    /// closed (`purge`).
    #[command(subcommand)]
    Privacy(privacy::PrivacyCommand),
    /// Write a consistent copy of the database to a new file (0600), even while others write.
    Backup(backup::BackupArgs),
    /// Replace the data with a backup, after checking it and saving the current data beside.
    Restore(restore::RestoreArgs),
    /// Check the database: SQLite's integrity and foreign keys, and the rules of the process.
    Check(check::CheckArgs),
    /// Print the completion script for a shell: bash, zsh, fish or powershell.
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), for `man -l` or a folder of MANPATH.
    Man(completions::ManArgs),
}

/// Global options, after parsing.
pub struct Globals {
    pub db: PathBuf,
    pub yes: bool,
    pub cycle: Option<Triennium>,
}

impl Globals {
    /// The cycle the command acts on: the one `--cycle` names, or the current one.
    pub fn cycle(&self, db: &crate::storage::Db) -> Result<crate::domain::Cycle> {
        crate::storage::cycles::named_or_current(db.conn(), self.cycle)
    }
}

pub fn dispatch(cli: Cli) -> Result<()> {
    output::set_quiet(cli.quiet);
    let globals = Globals {
        db: cli.db,
        yes: cli.yes,
        cycle: cli.cycle,
    };
    match cli.command {
        Command::Init(args) => init::init(&globals, args),
        Command::Status(args) => status::status(&globals, args),
        Command::Config(cmd) => config::config(&globals, cmd),
        Command::Log(args) => log::log(&globals, args),
        Command::Axis(cmd) => axis::axis(&globals, cmd),
        Command::Phase(args) => phase::phase(&globals, args),
        Command::Cycle(cmd) => cycle::cycle(&globals, cmd),
        Command::Card(cmd) => card::run(&globals, cmd),
        Command::Suggestion(cmd) => suggestion::run(&globals, cmd),
        Command::Rule(cmd) => rule::rule(&globals, cmd),
        Command::Triage(args) => triage::run(&globals, args),
        Command::Report(args) => report::run(&globals, args),
        Command::Demo(args) => demo::run(args),
        Command::Privacy(cmd) => privacy::privacy(&globals, cmd),
        Command::Backup(args) => backup::backup(&globals, args),
        Command::Restore(args) => restore::restore(&globals, args),
        Command::Check(args) => check::check(&globals, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}

/// Asks for confirmation on a terminal; `--yes` answers for the user. Without a terminal and
/// without `--yes` it refuses, naming the flag, rather than hang or guess.
pub fn confirm(globals: &Globals, question: &str) -> Result<bool> {
    if globals.yes {
        return Ok(true);
    }
    if !output::stdin_is_terminal() {
        return Err(crate::error::usage(crate::t!(
            "cli-msg-confirm-no-terminal",
            question = question
        ))
        .hint(crate::t!("cli-msg-confirm-no-terminal-hint"))
        .into());
    }
    ask_yes_no(question)
}

/// The question on the terminal, answered with one key: `s` (sì) or `y` (yes) in either language,
/// `n`, Enter or Esc for no (the default); the answer is written after the question.
fn ask_yes_no(question: &str) -> Result<bool> {
    let term = console::Term::stderr();
    term.write_str(&format!(
        "{question} {} ",
        crate::t!("cli-msg-confirm-keys")
    ))?;
    let answer = loop {
        match term.read_key()? {
            console::Key::Char('s' | 'S' | 'y' | 'Y') => break true,
            console::Key::Char('n' | 'N' | 'q') | console::Key::Enter | console::Key::Escape => {
                break false
            }
            _ => continue,
        }
    };
    term.write_line(&if answer {
        crate::t!("cli-msg-confirm-yes")
    } else {
        crate::t!("cli-msg-confirm-no")
    })?;
    Ok(answer)
}

/// A cycle's state as every table for people writes it: "chiuso" or "aperto" ("closed",
/// "open").
pub(crate) fn cycle_state(closed: bool) -> String {
    if closed {
        crate::t!("cli-msg-cycle-closed")
    } else {
        crate::t!("cli-msg-cycle-open")
    }
}
