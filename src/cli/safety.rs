//! `agenda privacy`, `backup`, `restore`, `check`: the commands that keep the data safe.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, say, warn, TableOrJson};
use super::Globals;
use crate::error::{Failure, Kind};
use crate::storage::Db;
use crate::{backup, check, privacy};

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// What personal data the database holds, cycle by cycle: authors' names, nicknames,
    /// e-mails and urls, and the rows as read that hold them; whether each cycle was purged.
    Report {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Erase for ever the names, nicknames, e-mails and urls of the people behind the
    /// suggestions of a closed cycle (the current one, or --cycle), then rewrite the database
    /// file so that nothing of them is left on disk. Suggestions, tags and responses stay.
    Purge,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file to write; an existing file is never overwritten.
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup written by `agenda backup` (or beside the database before an upgrade).
    #[arg(value_name = "PATH")]
    path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn privacy(globals: &Globals, command: PrivacyCommand) -> Result<()> {
    match command {
        PrivacyCommand::Report { format } => privacy_report(globals, format),
        PrivacyCommand::Purge => purge(globals),
    }
}

fn privacy_report(globals: &Globals, format: TableOrJson) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycles = privacy::report(db.conn())?;
    if format == TableOrJson::Json {
        return output::print_json(&cycles);
    }
    let mut table = output::table(&[
        "cycle",
        "state",
        "suggestions",
        "names",
        "nicknames",
        "e-mails",
        "urls",
        "rows as read",
        "purged",
    ]);
    for c in &cycles {
        table.add_row(vec![
            c.triennium.clone(),
            if c.closed { "closed" } else { "open" }.to_string(),
            c.suggestions.to_string(),
            c.authors.to_string(),
            c.nicknames.to_string(),
            c.emails.to_string(),
            c.author_urls.to_string(),
            c.source_rows.to_string(),
            c.purged_at.clone().unwrap_or_else(|| "-".to_string()),
        ]);
    }
    output::print_table(&table)?;
    let purgeable: Vec<&str> = cycles
        .iter()
        .filter(|c| c.closed && c.holds_personal_data())
        .map(|c| c.triennium.as_str())
        .collect();
    if !purgeable.is_empty() {
        say(format!(
            "closed cycles that still hold personal data: {}; erase them with `agenda privacy purge --cycle YYYY-YYYY`",
            purgeable.join(", ")
        ));
    }
    Ok(())
}

fn purge(globals: &Globals) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(db.conn())?;
    privacy::check_purgeable(&cycle)?;
    let held = privacy::of_cycle(db.conn(), &cycle)?;
    if !held.holds_personal_data() {
        say(format!(
            "the cycle {} holds no personal data{}; nothing to erase",
            cycle.triennium,
            held.purged_at
                .as_deref()
                .map(|at| format!(" (purged on {at})"))
                .unwrap_or_default()
        ));
        return Ok(());
    }
    let question = format!(
        "Erase for ever the personal data of the cycle {} ({} names, {} nicknames, {} e-mails, {} urls, {} rows as read)?",
        cycle.triennium, held.authors, held.nicknames, held.emails, held.author_urls, held.source_rows
    );
    if !super::confirm(globals, &question)? {
        say("nothing was erased");
        return Ok(());
    }
    let purged = privacy::purge(&mut db, &cycle)?;
    say(format!(
        "erased the personal data of {} suggestions of the cycle {} and blanked {} rows as read; the database file was rewritten",
        purged.people, purged.triennium, purged.source_rows
    ));
    if !purged.wal_emptied {
        warn(format!(
            "another command was reading {}, so its -wal file may still hold erased data until the next write; run `agenda privacy purge --cycle {}` again when nobody is using it",
            globals.db.display(),
            purged.triennium
        ));
    }
    let copies = backups_beside(&globals.db);
    if !copies.is_empty() {
        warn(format!(
            "backups beside the database still hold the personal data: {}; delete them once they are no longer needed",
            copies.join(", ")
        ));
    }
    Ok(())
}

/// The backups `agenda` writes beside a database (before upgrades and restores).
fn backups_beside(db: &std::path::Path) -> Vec<String> {
    let Some(name) = db.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let folder = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut found: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|f| {
            f.starts_with(&format!("{name}.backup-v"))
                || f.starts_with(&format!("{name}.before-restore-"))
        })
        .collect();
    found.sort();
    found
}

pub fn backup(globals: &Globals, args: BackupArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    backup::write(db.conn(), &args.path)?;
    say(format!(
        "wrote a backup of {} to {} (readable by you only); bring it back with `agenda restore {}`",
        globals.db.display(),
        args.path.display(),
        args.path.display()
    ));
    Ok(())
}

pub fn restore(globals: &Globals, args: RestoreArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let candidate = backup::inspect(&args.path, &globals.db)?;
    let question = format!(
        "Replace all the data in {} with those of {} ({})?",
        globals.db.display(),
        args.path.display(),
        candidate.summary()
    );
    if !super::confirm(globals, &question)? {
        say("nothing was restored");
        return Ok(());
    }
    let restored = backup::restore(&mut db, candidate)?;
    say(format!(
        "restored {} from {}; the data it held before are in {}",
        globals.db.display(),
        restored.from.display(),
        restored.safety_backup.display()
    ));
    Ok(())
}

pub fn check(globals: &Globals, args: CheckArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let outcome = check::run(db.conn())?;
    match args.format {
        TableOrJson::Json => output::print_json(&outcome)?,
        TableOrJson::Table if !outcome.problems.is_empty() => {
            let mut table = output::table(&["check", "where", "problem"]);
            for p in &outcome.problems {
                table.add_row(vec![
                    p.check.to_string(),
                    p.location.clone(),
                    p.message.clone(),
                ]);
            }
            output::print_table(&table)?;
        }
        TableOrJson::Table => {}
    }
    if outcome.ok {
        say(format!(
            "{} passed {} checks: the file is intact and keeps the rules of the process",
            globals.db.display(),
            outcome.checks.len()
        ));
        return Ok(());
    }
    let n = outcome.problems.len();
    let first = &outcome.problems[0];
    Err(Failure::new(
        Kind::CheckFailed,
        format!(
            "{} has {n} {}; the first: {first}",
            globals.db.display(),
            if n == 1 { "problem" } else { "problems" }
        ),
    )
    .hint("restore a backup (`agenda restore PATH`), or correct the rows listed; run `agenda check` again afterwards")
    .into())
}
