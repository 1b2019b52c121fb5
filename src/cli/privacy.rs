//! `agenda privacy …`: what personal data are held, and their purge.

use crate::cli::output::{self, say, warn, TableOrJson};
use crate::cli::Globals;
use crate::i18n::numbers::count;
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
        &crate::t!("cli-msg-row-cycle"),
        &crate::t!("cli-msg-cycle-row-state"),
        &crate::t!("cli-msg-row-suggestions"),
        &crate::t!("cli-msg-privacy-head-names"),
        &crate::t!("cli-msg-privacy-head-nicknames"),
        &crate::t!("cli-msg-privacy-head-emails"),
        &crate::t!("cli-msg-privacy-head-urls"),
        &crate::t!("cli-msg-privacy-head-rows"),
        &crate::t!("cli-msg-privacy-head-purged"),
    ]);
    for c in &cycles {
        table.add_row(vec![
            c.triennium.clone(),
            crate::cli::cycle_state(c.closed),
            count(c.suggestions),
            count(c.authors),
            count(c.nicknames),
            count(c.emails),
            count(c.author_urls),
            count(c.source_rows),
            c.purged_at.clone().unwrap_or_else(|| "-".to_string()),
        ]);
    }
    output::print_table(&table)?;
    for c in &cycles {
        if !c.source_cells.is_empty() {
            say(crate::t!(
                "cli-msg-privacy-source-cells",
                triennium = c.triennium.as_str(),
                cells = c
                    .source_cells
                    .iter()
                    .map(|(column, n)| format!("{column} {}", count(*n)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        say_redactions(c);
    }
    if let Some(cycles) = &unfinished {
        warn(crate::t!(
            "cli-msg-privacy-unfinished",
            cycles = cycles.as_str()
        ));
    }
    if !backups.is_empty() {
        say(crate::t!(
            "cli-msg-privacy-backups",
            backups = backups
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
        say(crate::t!(
            "cli-msg-privacy-purgeable",
            cycles = purgeable.join(", ")
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
            places.push(crate::t!(
                "cli-msg-privacy-in-title",
                kinds = kinds(&r.title)
            ));
        }
        if !r.reason.is_empty() {
            places.push(crate::t!(
                "cli-msg-privacy-in-reason",
                kinds = kinds(&r.reason)
            ));
        }
        say(crate::t!(
            "cli-msg-privacy-omissis",
            triennium = c.triennium.as_str(),
            reference = r.reference.as_str(),
            places = places.join("; "),
            mend = if r.title.is_empty() {
                crate::t!("cli-msg-privacy-mend-reason")
            } else {
                crate::t!(
                    "cli-msg-privacy-mend-title",
                    reference = r.reference.as_str()
                )
            }
        ));
    }
}

pub(crate) fn purge(globals: &Globals) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if let Some(cycles) = privacy::complete_unfinished(&mut db)? {
        say(crate::t!("cli-msg-purge-completed", cycles = cycles));
    }
    let cycle = globals.cycle(&db)?;
    privacy::check_purgeable(&cycle)?;
    let held = privacy::of_cycle(db.conn(), &cycle)?;
    if !held.holds_personal_data() {
        let triennium = cycle.triennium.to_string();
        say(match held.purged_at.as_deref() {
            Some(at) => crate::t!(
                "cli-msg-privacy-none-purged",
                triennium = triennium,
                at = at
            ),
            None => crate::t!("cli-msg-privacy-none", triennium = triennium),
        });
        return Ok(());
    }
    let question = crate::t!(
        "cli-msg-privacy-question",
        triennium = cycle.triennium.to_string(),
        names = held.authors,
        nicknames = held.nicknames,
        emails = held.emails,
        urls = held.author_urls,
        rows = held.source_rows
    );
    if !crate::cli::confirm(globals, &question)? {
        say(crate::t!("cli-msg-privacy-nothing-erased"));
        return Ok(());
    }
    let purged = privacy::purge(&mut db, &cycle)?;
    say(crate::t!(
        "cli-msg-privacy-erased",
        people = purged.people,
        triennium = purged.triennium.as_str(),
        rows = purged.source_rows
    ));
    if !purged.wal_emptied {
        warn(crate::t!(
            "cli-msg-privacy-wal-busy",
            db = globals.db.display().to_string(),
            seconds = crate::storage::busy_timeout().as_secs()
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
        warn(crate::t!(
            "cli-msg-privacy-copies",
            copies = copies.join(", ")
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
