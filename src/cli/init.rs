//! `agenda init`: a new database.

use crate::cli::output::say;
use crate::cli::Globals;
use crate::domain::Triennium;
use crate::process;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The municipality whose Agenda this is.
    #[arg(long, default_value = process::DEFAULT_MUNICIPALITY)]
    municipality: String,
    /// The office that proposes the deliberation, named on the report's cover
    /// (e.g. "Servizio Sistema Informativo"); later `agenda config set office`.
    #[arg(long)]
    office: Option<String>,
    /// The triennium of the first cycle.
    #[arg(long, default_value = "2021-2023", value_name = "YYYY-YYYY", value_parser = crate::cli::args::triennium)]
    triennium: Triennium,
    /// The date Fase 1 began, if not today (for an Agenda whose process started earlier).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::args::date)]
    date: Option<String>,
}

pub fn init(globals: &Globals, args: InitArgs) -> Result<()> {
    let triennium = args.triennium;
    process::init(
        &globals.db,
        &args.municipality,
        args.office.as_deref(),
        triennium,
        args.date.as_deref(),
    )?;
    say(format!(
        "created {} for the {}{}: six axes, cycle {triennium} in Fase 1 – presentazione",
        globals.db.display(),
        args.municipality.trim(),
        args.office
            .as_deref()
            .map(|o| format!(" ({})", o.trim()))
            .unwrap_or_default()
    ));
    say("next: add the project cards with `agenda card add` or `agenda card import FILE.csv`");
    Ok(())
}
