//! The process: creating an agenda, where it stands, moving it from phase to phase.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::context;
use crate::domain::{Axis, Phase, Term, Triennium};
use crate::error::refused;
use crate::storage::{cards, cycles, Db};

pub const DEFAULT_MUNICIPALITY: &str = "Comune di Prato";

/// Creates the database at `path`, records the municipality, seeds the axes and opens the
/// first cycle in Fase 1.
/// `start` is the date Fase 1 began (today when `None`).
pub fn init(
    path: &std::path::Path,
    municipality: &str,
    triennium: Triennium,
    start: Option<&str>,
) -> Result<Db> {
    let municipality = municipality.trim();
    if municipality.is_empty() {
        return Err(crate::error::usage("the municipality cannot be empty").into());
    }
    let mut db = Db::create(path)?;
    let result = db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('municipality', ?1)",
            [municipality],
        )?;
        for (position, axis) in Axis::ALL.iter().enumerate() {
            tx.execute(
                "INSERT INTO axes (code, name, description, position) VALUES (?1, ?2, ?3, ?4)",
                (
                    axis.code(),
                    axis.label(),
                    axis.description(),
                    position as i64 + 1,
                ),
            )?;
        }
        let start = start.map(str::to_string).unwrap_or_else(context::today);
        cycles::open(tx, triennium, &start, None)?;
        tx.audit(
            "init",
            Some(municipality),
            &format!("created the agenda of {municipality}, cycle {triennium} in Fase 1"),
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
    /// What to do next, for a newcomer.
    pub next_step: String,
}

pub fn status(db: &Db) -> Result<Status> {
    let conn = db.conn();
    let cycle = cycles::current(conn)?;
    let by_status = cards::count_by_status(conn)?;
    let total_cards: i64 = by_status.iter().map(|(_, n)| n).sum();
    let counts = suggestion_counts(conn, cycle.id)?;
    let mut cards_by_status = serde_json::Map::new();
    for (status, n) in &by_status {
        cards_by_status.insert(status.code().to_string(), (*n).into());
    }
    let next_step = next_step(&cycle, total_cards, counts);
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
        suggestions: counts.0,
        untagged: counts.1,
        unanswered: counts.2,
        next_step,
    })
}

/// Suggestions of a cycle: total, untagged, unanswered. Zero until the import tables exist.
pub fn suggestion_counts(conn: &Connection, cycle_id: i64) -> Result<(i64, i64, i64)> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'suggestions'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok((0, 0, 0));
    }
    Ok(conn.query_row(
        "SELECT count(*),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current))
         FROM suggestions s WHERE s.cycle_id = ?1",
        [cycle_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

fn next_step(
    cycle: &cycles::Cycle,
    cards: i64,
    (suggestions, untagged, unanswered): (i64, i64, i64),
) -> String {
    if cycle.is_closed() {
        return format!(
            "the cycle {} is closed: open the next one with `agenda cycle open`",
            cycle.triennium
        );
    }
    match cycle.phase {
        Phase::Presentazione if cards == 0 => {
            "add the project cards (`agenda card add` or `agenda card import FILE.csv`), then present the Agenda and `agenda phase advance` to open the collection".into()
        }
        Phase::Presentazione => {
            "present the Agenda, then `agenda phase advance` to open the collection of suggestions (Fase 2)".into()
        }
        Phase::Ascolto if suggestions == 0 => {
            "import the suggestions as they arrive (`agenda suggestion import FILE.csv`); `agenda phase advance` closes the collection".into()
        }
        Phase::Ascolto => format!(
            "{suggestions} suggestions so far; when the collection closes, `agenda phase advance` moves to Fase 3"
        ),
        Phase::Aggiornamento if untagged > 0 || unanswered > 0 => format!(
            "{untagged} suggestions have no axis and {unanswered} have no response: tag them and record the responses"
        ),
        Phase::Aggiornamento => {
            "every suggestion has a response: write the report (`agenda report`) and close the cycle when the Giunta approves it".into()
        }
    }
}

/// Moves the open cycle one phase forward.
pub fn advance(db: &mut Db, note: Option<&str>, date: Option<&str>) -> Result<(Phase, Phase)> {
    let date = date.map(str::to_string).unwrap_or_else(context::today);
    db.write(|tx| {
        let cycle = cycles::open_cycle(tx)?.ok_or_else(|| {
            refused("no cycle is open").hint("open the next one with `agenda cycle open`")
        })?;
        let Some(next) = cycle.phase.next() else {
            return Err(refused(format!(
                "the cycle {} is in Fase 3, the last phase",
                cycle.triennium
            ))
            .hint("closing the cycle is the next step, once every suggestion has a response")
            .into());
        };
        if date < cycle.phase_since {
            return Err(refused(format!(
                "{date} comes before the start of the current phase ({})",
                cycle.phase_since
            ))
            .into());
        }
        cycles::set_phase(tx, &cycle, "advance", next, &date, note)?;
        tx.audit(
            "phase.advance",
            Some(&cycle.triennium.to_string()),
            &format!(
                "Fase {} → Fase {} from {date}{}",
                cycle.phase.number(),
                next.number(),
                note.map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        )?;
        Ok((cycle.phase, next))
    })
}
