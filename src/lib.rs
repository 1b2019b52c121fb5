//! agenda: the permanent participatory process of the Digital Agenda of the Comune di Prato.
//!
//! `main.rs` only calls [`run`]. The library is split by concern: `cli` parses and prints,
//! `domain` holds the glossary and the rules, `storage` owns the database, `csvin` reads the CSV
//! files people bring.

// First, so that its `t!` macro is in scope in every other module.
#[macro_use]
pub mod i18n;
pub(crate) mod answers;
pub(crate) mod autotag;
pub(crate) mod backup;
pub(crate) mod cards;
pub(crate) mod check;
pub(crate) mod cli;
pub(crate) mod context;
pub mod csvin;
pub(crate) mod csvout;
pub(crate) mod demo;
pub mod domain;
pub(crate) mod error;
pub(crate) mod fixtures;
pub(crate) mod import;
pub(crate) mod ledger;
pub(crate) mod outfile;
pub(crate) mod privacy;
pub mod process;
pub(crate) mod redact;
pub(crate) mod report;
pub(crate) mod responses;
pub(crate) mod search;
pub mod storage;
pub(crate) mod tagging;
pub mod text;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// Runs the command line and turns the outcome into an exit code. Errors are printed as
/// `error: …` with their causes and a hint; a closed stdout pipe is not an error.
pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    context::set_command_line(&args);
    i18n::set(i18n::from_command_line(&args));
    let parsed = i18n::clap::localise(cli::Cli::command())
        .try_get_matches_from(&args)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => error::Kind::Usage.exit_code(),
            };
            if code == 0 {
                let _ = e.print();
            } else {
                eprint!("{}", i18n::clap::usage_error(&e));
            }
            return ExitCode::from(code);
        }
    };
    if let Err(e) = context::check_environment() {
        report_error(&e.into());
        return ExitCode::from(error::Kind::Usage.exit_code());
    }
    match cli::dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if error::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(&e);
            ExitCode::from(error::classify(&e).0.exit_code())
        }
    }
}

fn report_error(error: &anyhow::Error) {
    let (_, hint) = error::classify(error);
    let red = console::Style::new().red().bold().for_stderr();
    eprintln!("{} {}", red.apply_to(t!("error-prefix")), error);
    for cause in error.chain().skip(1) {
        // A Failure in the middle of a chain is the sentence for the user; show the causes
        // under it only when they add something.
        let text = cause.to_string();
        if text != error.to_string() {
            eprintln!("  {}", t!("error-caused-by", cause = text));
        }
    }
    if let Some(hint) = hint {
        eprintln!("  {}", t!("error-hint", hint = hint));
    }
}
