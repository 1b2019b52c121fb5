//! `agenda demo`: a fresh database from the bundled fixtures, to see the whole job at once.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::output::{print, say};
use crate::csvin::Options;
use crate::domain::Triennium;
use crate::storage::Db;
use crate::{cards, fixtures, process};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build the demo (default: a new temporary folder, kept afterwards).
    #[arg(long)]
    dir: Option<PathBuf>,
}

pub fn run(args: DemoArgs) -> Result<()> {
    let dir = match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            dir
        }
        None => tempfile::Builder::new()
            .prefix("agenda-demo-")
            .tempdir()
            .context("creating a temporary folder")?
            .keep(),
    };
    let db_path = dir.join("agenda.db");
    let cards_path = dir.join("schede.csv");
    std::fs::write(&cards_path, fixtures::CARDS)?;
    let mut db = process::init(
        &db_path,
        process::DEFAULT_MUNICIPALITY,
        Triennium { first_year: 2021 },
        Some("2021-09-15"),
    )?;
    say(format!(
        "1. created {} (Comune di Prato, triennio 2021-2023, Fase 1)",
        db_path.display()
    ));
    let summary = cards::import(
        &mut db,
        &cards_path.to_string_lossy(),
        Options::default(),
        false,
    )?;
    say(format!(
        "2. imported {} project cards from {}",
        summary.created,
        cards_path.display()
    ));
    let status = process::status(&Db::open(&db_path)?)?;
    print(&format!(
        "demo ready in {}\n  database: {}\n  try: agenda --db {} status\n       agenda --db {} card list\n",
        dir.display(),
        db_path.display(),
        db_path.display(),
        db_path.display()
    ))?;
    say(format!("next: {}", status.next_step));
    Ok(())
}
