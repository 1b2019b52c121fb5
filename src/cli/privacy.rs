//! `agenda privacy …`: what personal data are held, and their purge.

use crate::cli::output::{self, say, warn, TableOrJson};
use crate::cli::Globals;
use crate::privacy;
use crate::storage::Db;
use anyhow::Result;
use clap::Subcommand;

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

pub fn privacy(globals: &Globals, command: PrivacyCommand) -> Result<()> {
    match command {
        PrivacyCommand::Report { format } => privacy_report(globals, format),
        PrivacyCommand::Purge => purge(globals),
    }
}

pub(crate) fn privacy_report(globals: &Globals, format: TableOrJson) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycles = privacy::report(db.conn())?;
    let unfinished = privacy::unfinished(db.conn())?;
    let backups = crate::backup::recorded(db.conn())?;
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
    for c in &cycles {
        if !c.source_cells.is_empty() {
            say(format!(
                "{}: personal cells in the rows as read: {}",
                c.triennium,
                c.source_cells
                    .iter()
                    .map(|(column, n)| format!("{column} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        say_redactions(c);
    }
    if let Some(cycles) = &unfinished {
        warn(format!(
            "the purge of {cycles} is unfinished: erased values may still be in the file's free pages or its WAL; `agenda privacy purge` or `agenda check` completes it"
        ));
    }
    if !backups.is_empty() {
        say(format!(
            "backups written by agenda: {}",
            backups
                .iter()
                .map(|b| format!("{} ({})", b.path, b.at))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
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

/// Says which suggestions of a cycle are published with `[omissis]`, and how to mend each.
fn say_redactions(c: &privacy::CycleData) {
    for r in &c.redacted {
        let kinds =
            |d: &[crate::redact::Datum]| d.iter().map(|d| d.label()).collect::<Vec<_>>().join(", ");
        let mut places = Vec::new();
        if !r.title.is_empty() {
            places.push(format!("title: {}", kinds(&r.title)));
        }
        if !r.reason.is_empty() {
            places.push(format!("reason: {}", kinds(&r.reason)));
        }
        say(format!(
            "{}: {} is published with [omissis] ({}); {}",
            c.triennium,
            r.reference,
            places.join("; "),
            if r.title.is_empty() {
                "correct the reason with `agenda suggestion respond`".to_string()
            } else {
                format!(
                    "give it a proper title with `agenda suggestion retitle {} \"…\"`",
                    r.reference
                )
            }
        ));
    }
}

pub(crate) fn purge(globals: &Globals) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if let Some(cycles) = privacy::complete_unfinished(&mut db)? {
        say(format!(
            "completed the purge of {cycles}, left unfinished: the database file was rewritten and its WAL emptied"
        ));
    }
    let cycle = globals.cycle(&db)?;
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
    if !crate::cli::confirm(globals, &question)? {
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
            "another command kept reading {} for more than {} s, so its -wal file may still hold erased data: the purge is recorded as unfinished; run `agenda privacy purge` or `agenda check` when nobody is using it",
            globals.db.display(),
            crate::storage::busy_timeout().as_secs()
        ));
    }
    // Every copy made before the purge still holds what it erased: those agenda recorded, and
    // any other beside the database.
    let mut copies: Vec<String> = crate::backup::recorded(db.conn())?
        .into_iter()
        .filter(|b| std::path::Path::new(&b.path).exists())
        .map(|b| b.path)
        .collect();
    for beside in backups_beside(&globals.db) {
        let absolute = std::path::absolute(&beside)
            .map(|p| p.display().to_string())
            .unwrap_or(beside.clone());
        if !copies.contains(&absolute) && !copies.contains(&beside) {
            copies.push(beside);
        }
    }
    if !copies.is_empty() {
        warn(format!(
            "backups beside the database still hold the personal data: {}; delete them once they are no longer needed",
            copies.join(", ")
        ));
    }
    Ok(())
}

/// The backups `agenda` writes beside a database (before upgrades and restores).
pub(crate) fn backups_beside(db: &std::path::Path) -> Vec<String> {
    let Some(name) = db.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let folder = crate::outfile::folder_of(db);
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
