//! Cycles, phases and their transitions.

use anyhow::{anyhow, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::context;
use crate::domain::{Cycle, Phase, PhasePeriod, Triennium};
use crate::error::refused;

const COLUMNS: &str =
    "id, first_year, phase, phase_since, opened_at, closed_at, closed_on, act, act_date";

fn from_row(r: &Row) -> rusqlite::Result<Cycle> {
    let phase: i64 = r.get(2)?;
    Ok(Cycle {
        id: r.get(0)?,
        triennium: Triennium {
            first_year: r.get(1)?,
        },
        phase: Phase::from_number(phase).unwrap_or(Phase::Presentazione),
        phase_since: r.get(3)?,
        opened_at: r.get(4)?,
        closed_at: r.get(5)?,
        closed_on: r.get(6)?,
        act: r.get(7)?,
        act_date: r.get(8)?,
    })
}

/// The cycle commands act on by default: the open one, or the latest if all are closed.
pub fn current(conn: &Connection) -> Result<Cycle> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM cycles ORDER BY closed_at IS NULL DESC, first_year DESC LIMIT 1"
        ),
        [],
        from_row,
    )
    .optional()?
    .ok_or_else(|| anyhow!(crate::t!("storage-no-cycle")))
}

/// The open cycle, if any.
pub fn open_cycle(conn: &Connection) -> Result<Option<Cycle>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cycles WHERE closed_at IS NULL"),
            [],
            from_row,
        )
        .optional()?)
}

/// The cycle of a triennium, or a refusal that lists the known ones.
pub fn by_triennium(conn: &Connection, triennium: Triennium) -> Result<Cycle> {
    if let Some(cycle) = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cycles WHERE first_year = ?1"),
            [triennium.first_year],
            from_row,
        )
        .optional()?
    {
        return Ok(cycle);
    }
    let known: Vec<String> = all(conn)?.iter().map(|c| c.triennium.to_string()).collect();
    Err(refused(crate::t!(
        "storage-unknown-triennium",
        triennium = triennium.to_string(),
        cycles = known.join(", ")
    ))
    .into())
}

pub fn all(conn: &Connection) -> Result<Vec<Cycle>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM cycles ORDER BY first_year"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Opens a cycle in Fase 1 and records the step.
pub fn open(
    conn: &Connection,
    triennium: Triennium,
    date: &str,
    note: Option<&str>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO cycles (triennium, first_year, phase, phase_since, opened_at)
         VALUES (?1, ?2, 1, ?3, ?4)",
        (
            triennium.to_string(),
            triennium.first_year,
            date,
            context::timestamp(),
        ),
    )?;
    let id = conn.last_insert_rowid();
    record_transition(conn, id, "open", None, Some(1), date, note)?;
    Ok(id)
}

/// Moves an open cycle to `to` and records who, when, the date and the note.
pub fn set_phase(
    conn: &Connection,
    cycle: &Cycle,
    kind: &str,
    to: Phase,
    date: &str,
    note: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE cycles SET phase = ?1, phase_since = ?2 WHERE id = ?3",
        (to.number(), date, cycle.id),
    )?;
    record_transition(
        conn,
        cycle.id,
        kind,
        Some(cycle.phase.number()),
        Some(to.number()),
        date,
        note,
    )
}

pub fn record_transition(
    conn: &Connection,
    cycle_id: i64,
    kind: &str,
    from: Option<u8>,
    to: Option<u8>,
    date: &str,
    note: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO phase_transitions (cycle_id, kind, from_phase, to_phase, effective_date, at, user, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            cycle_id,
            kind,
            from,
            to,
            date,
            context::timestamp(),
            context::user(),
            note,
        ),
    )?;
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct Transition {
    #[serde(skip)]
    pub cycle_id: i64,
    pub triennium: String,
    pub kind: String,
    pub from_phase: Option<u8>,
    pub to_phase: Option<u8>,
    pub date: String,
    pub at: String,
    pub user: String,
    pub note: Option<String>,
}

/// The transitions of a cycle (or of all cycles), oldest first.
pub fn history(conn: &Connection, cycle_id: Option<i64>) -> Result<Vec<Transition>> {
    let mut stmt = conn.prepare(
        "SELECT c.triennium, t.kind, t.from_phase, t.to_phase, t.effective_date, t.at, t.user, t.note,
                t.cycle_id
         FROM phase_transitions t JOIN cycles c ON c.id = t.cycle_id
         WHERE ?1 IS NULL OR t.cycle_id = ?1
         ORDER BY c.first_year, t.id",
    )?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok(Transition {
            cycle_id: r.get(8)?,
            triennium: r.get(0)?,
            kind: r.get(1)?,
            from_phase: r.get(2)?,
            to_phase: r.get(3)?,
            date: r.get(4)?,
            at: r.get(5)?,
            user: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records that a cycle closed: the timestamp, the date of closing and the approving act.
pub fn close(
    conn: &Connection,
    cycle: &Cycle,
    date: &str,
    act: Option<&str>,
    act_date: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE cycles SET closed_at = ?1, closed_on = ?2, act = ?3, act_date = ?4 WHERE id = ?5",
        (context::timestamp(), date, act, act_date, cycle.id),
    )?;
    record_transition(
        conn,
        cycle.id,
        "close",
        Some(cycle.phase.number()),
        None,
        date,
        note,
    )
}

/// The phases a cycle went through, replaying its transitions: a `back` cancels the step it
/// undoes, so only the phases that stand remain, each with the date it began.
pub fn phase_periods(conn: &Connection, cycle: &Cycle) -> Result<Vec<PhasePeriod>> {
    let mut stack: Vec<(Phase, String)> = Vec::new();
    let mut closed_on = None;
    for t in history(conn, Some(cycle.id))? {
        match t.kind.as_str() {
            "open" | "advance" => {
                if let Some(phase) = t.to_phase.and_then(|p| Phase::from_number(p.into())) {
                    stack.push((phase, t.date));
                }
            }
            "back" => {
                stack.pop();
            }
            "close" => closed_on = Some(t.date),
            _ => {}
        }
    }
    let ends: Vec<Option<String>> = stack
        .iter()
        .skip(1)
        .map(|(_, d)| Some(d.clone()))
        .chain(std::iter::once(closed_on))
        .collect();
    Ok(stack
        .into_iter()
        .zip(ends)
        .map(|((phase, from), to)| PhasePeriod {
            phase,
            name: phase.label(),
            from,
            to,
        })
        .collect())
}
/// Puts a cycle back in `phase`, in it since `since` (the transition is recorded apart).
pub fn set_phase_back(conn: &Connection, cycle_id: i64, phase: Phase, since: &str) -> Result<()> {
    conn.execute(
        "UPDATE cycles SET phase = ?1, phase_since = ?2 WHERE id = ?3",
        (phase.number(), since, cycle_id),
    )?;
    Ok(())
}

/// The cycle `triennium` names, or the current one (see [`current`]).
pub fn named_or_current(conn: &Connection, triennium: Option<Triennium>) -> Result<Cycle> {
    match triennium {
        Some(t) => by_triennium(conn, t),
        None => current(conn),
    }
}
