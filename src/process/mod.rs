//! The process: creating an agenda, its settings, where it stands, moving it from phase to
//! phase.

pub mod annexes;
pub mod approved;
pub mod config;
mod steps;
mod view;

use crate::context;
use crate::domain::process::ensure_not_after_today;
use crate::domain::{closed_collection, Cycle, Term, Triennium};
use crate::storage::{cards, cycles, settings, suggestions, Db, Handle};
use anyhow::Result;
use serde::Serialize;

pub use steps::{
    advance, back, closing_preview, open_cycle, AdvanceOptions, ClosingPreview, Opened, Step,
    SteppedBack,
};
pub use view::{cycle_view, CycleView};

pub const DEFAULT_MUNICIPALITY: &str = "Comune di Prato";

/// Creates the database at `path`, records the municipality (and the office that proposes the
/// deliberation, when given), seeds the axes and opens the first cycle in Fase 1.
/// `start` is the date Fase 1 began (today when `None`).
pub fn init(
    path: &std::path::Path,
    municipality: &str,
    office: Option<&str>,
    triennium: Triennium,
    start: Option<&str>,
) -> Result<Db> {
    let municipality = config::checked(config::Key::Municipality, municipality)?;
    let municipality = municipality.as_str();
    let office = office
        .map(|o| config::checked(config::Key::Office, o))
        .transpose()?;
    if let Some(start) = start {
        ensure_not_after_today(start)?;
    }
    let mut db = Db::create(path)?;
    let result = db.write(|tx| {
        settings::set(tx, "municipality", municipality)?;
        if let Some(office) = &office {
            settings::set(tx, "office", office)?;
        }
        crate::storage::axes::seed(tx)?;
        crate::autotag::load_default_rules(tx)?;
        let start = start.map(str::to_string).unwrap_or_else(context::today);
        cycles::open(tx, triennium, &start, None)?;
        tx.audit(
            "init",
            Some(municipality),
            &format!(
                "created the agenda of {municipality}{}, cycle {triennium} in Fase 1",
                office
                    .as_deref()
                    .map(|o| format!(" (office: {o})"))
                    .unwrap_or_default()
            ),
        )?;
        Ok(())
    });
    if let Err(e) = result {
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }
    Ok(db)
}

#[derive(Debug, Serialize)]
pub struct Status {
    pub municipality: String,
    pub triennium: Triennium,
    pub phase: u8,
    pub phase_name: &'static str,
    pub phase_since: String,
    pub closed: bool,
    pub cards: i64,
    pub cards_by_status: serde_json::Map<String, serde_json::Value>,
    pub suggestions: i64,
    pub untagged: i64,
    pub unanswered: i64,
    /// Suggestions submitted after the collection closed.
    pub late: i64,
    /// What to do next, for a newcomer.
    pub next_step: String,
}

pub fn status(db: &Db, cycle: &Cycle) -> Result<Status> {
    let conn = db.conn();
    let by_status = cards::count_by_status(conn)?;
    let total_cards: i64 = by_status.iter().map(|s| s.cards).sum();
    let view = cycle_view(conn, cycle)?;
    let mut cards_by_status = serde_json::Map::new();
    for s in &by_status {
        cards_by_status.insert(s.status.code().to_string(), s.cards.into());
    }
    Ok(Status {
        municipality: db
            .setting("municipality")?
            .unwrap_or_else(|| DEFAULT_MUNICIPALITY.into()),
        triennium: cycle.triennium,
        phase: cycle.phase.number(),
        phase_name: cycle.phase.label(),
        phase_since: cycle.phase_since.clone(),
        closed: cycle.is_closed(),
        cards: total_cards,
        cards_by_status,
        suggestions: view.suggestions,
        untagged: view.untagged,
        unanswered: view.unanswered,
        late: view.late,
        next_step: view.next_step,
    })
}

/// The date the collection of suggestions closed: the effective date of the step from Fase 2
/// to Fase 3 that stands (a step undone with `phase back` does not count). `None` while the
/// cycle is in Fase 1 or 2. Suggestions submitted after this date are late.
pub fn collection_closed_on(conn: &Handle, cycle: &Cycle) -> Result<Option<String>> {
    Ok(closed_collection(&cycles::phase_periods(conn, cycle)?))
}

/// How many suggestions of the cycle `triennium` were submitted after `date` (the collection
/// closing then makes them late).
pub fn late_suggestions(db: &Db, triennium: Triennium, date: &str) -> Result<i64> {
    let cycle = cycles::by_triennium(db.conn(), triennium)?;
    suggestions::late(db.conn(), cycle.id, date)
}
