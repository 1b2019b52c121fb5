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
    /// The triennium of the first cycle (by default the one that starts in the year of --date,
    /// or of today).
    #[arg(long, value_name = "YYYY-YYYY", value_parser = crate::cli::args::triennium)]
    triennium: Option<Triennium>,
    /// The date Fase 1 began, if not today (for an Agenda whose process started earlier).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::args::date)]
    date: Option<String>,
}

pub fn init(globals: &Globals, args: InitArgs) -> Result<()> {
    // The first cycle is the triennium that starts in the year Fase 1 begins.
    let triennium = args.triennium.unwrap_or_else(|| {
        let start = args.date.clone().unwrap_or_else(crate::context::today);
        Triennium {
            first_year: start.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2021),
        }
    });
    process::init(
        &globals.db,
        &args.municipality,
        args.office.as_deref(),
        triennium,
        args.date.as_deref(),
    )?;
    let municipality = args.municipality.trim();
    let db = globals.db.display().to_string();
    let triennium = triennium.to_string();
    say(match args.office.as_deref() {
        Some(office) => crate::t!(
            "cli-msg-init-created-office",
            db = db,
            municipality = municipality,
            office = office.trim(),
            triennium = triennium
        ),
        None => crate::t!(
            "cli-msg-init-created",
            db = db,
            municipality = municipality,
            triennium = triennium
        ),
    });
    say(crate::t!("cli-msg-init-next"));
    Ok(())
}
