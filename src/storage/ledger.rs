//! The ledger's tables: `card_progress` (every progress recorded, dated) and `card_milestones`.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use crate::context;
use crate::domain::ledger::{Figure, Indicator, Measure, Milestone, Progress};

const PROGRESS: &str = "SELECT percent, date, note, user, at FROM card_progress";

/// The card's last progress: the latest by date, then the latest recorded.
pub fn last_progress(conn: &Connection, card_id: i64) -> Result<Option<Progress>> {
    Ok(conn
        .prepare_cached(&format!(
            "{PROGRESS} WHERE card_id = ?1 ORDER BY date DESC, id DESC LIMIT 1"
        ))?
        .query_row([card_id], progress_row)
        .optional()?)
}

/// Every progress of the card, oldest first.
pub fn progress_history(conn: &Connection, card_id: i64) -> Result<Vec<Progress>> {
    let mut stmt =
        conn.prepare_cached(&format!("{PROGRESS} WHERE card_id = ?1 ORDER BY date, id"))?;
    let rows = stmt.query_map([card_id], progress_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn progress_row(r: &rusqlite::Row) -> rusqlite::Result<Progress> {
    Ok(Progress {
        percent: r.get(0)?,
        date: r.get(1)?,
        note: r.get(2)?,
        user: r.get(3)?,
        at: r.get(4)?,
    })
}

pub fn insert_progress(
    conn: &Connection,
    card_id: i64,
    cycle_id: i64,
    percent: u8,
    date: &str,
    note: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO card_progress (card_id, cycle_id, percent, date, note, user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        card_id,
        cycle_id,
        percent,
        date,
        note,
        context::user(),
        context::timestamp()
    ])?;
    Ok(())
}

const MILESTONE: &str = "SELECT m.id, c.code, m.date, m.title, m.description, m.done_on
     FROM card_milestones m JOIN cards c ON c.id = m.card_id";

fn milestone_row(r: &rusqlite::Row) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        id: r.get(0)?,
        card: r.get(1)?,
        date: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        done_on: r.get(5)?,
    })
}

/// The milestones of one card, or of every card, by card code then date.
pub fn milestones(conn: &Connection, card: Option<&str>) -> Result<Vec<Milestone>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MILESTONE} WHERE ?1 IS NULL OR c.code = ?1 ORDER BY c.code, m.date, m.id"
    ))?;
    let rows = stmt.query_map([card], milestone_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn milestone(conn: &Connection, id: i64) -> Result<Option<Milestone>> {
    Ok(conn
        .prepare_cached(&format!("{MILESTONE} WHERE m.id = ?1"))?
        .query_row([id], milestone_row)
        .optional()?)
}

/// Adds a milestone; returns its number.
pub fn insert_milestone(
    conn: &Connection,
    card_id: i64,
    date: &str,
    title: &str,
    description: &str,
    done_on: Option<&str>,
) -> Result<i64> {
    let now = context::timestamp();
    conn.prepare_cached(
        "INSERT INTO card_milestones (card_id, date, title, description, done_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![card_id, date, title, description, done_on, now])?;
    Ok(conn.last_insert_rowid())
}

/// Writes a milestone's fields as they are in `m`.
pub fn update_milestone(conn: &Connection, m: &Milestone) -> Result<()> {
    conn.prepare_cached(
        "UPDATE card_milestones SET date = ?1, title = ?2, description = ?3, done_on = ?4,
             updated_at = ?5
         WHERE id = ?6",
    )?
    .execute(params![
        m.date,
        m.title,
        m.description,
        m.done_on,
        context::timestamp(),
        m.id
    ])?;
    Ok(())
}

pub fn delete_milestone(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM card_milestones WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The indicator `name` of the card, made (without figures) if it is not there yet; its id.
pub fn ensure_indicator(conn: &Connection, card_id: i64, name: &str) -> Result<i64> {
    conn.prepare_cached("INSERT OR IGNORE INTO card_indicators (card_id, name) VALUES (?1, ?2)")?
        .execute(params![card_id, name])?;
    Ok(conn
        .prepare_cached("SELECT id FROM card_indicators WHERE card_id = ?1 AND name = ?2")?
        .query_row(params![card_id, name], |r| r.get(0))?)
}

/// Writes the figures given (`None` leaves one as it is).
pub fn set_indicator_figures(
    conn: &Connection,
    id: i64,
    unit: Option<&str>,
    baseline: Option<&Figure>,
    target: Option<&Figure>,
) -> Result<()> {
    if let Some(unit) = unit {
        conn.prepare_cached("UPDATE card_indicators SET unit = ?1 WHERE id = ?2")?
            .execute(params![unit, id])?;
    }
    if let Some(f) = baseline {
        conn.prepare_cached(
            "UPDATE card_indicators SET baseline_value = ?1, baseline_date = ?2 WHERE id = ?3",
        )?
        .execute(params![f.value, f.date, id])?;
    }
    if let Some(f) = target {
        conn.prepare_cached(
            "UPDATE card_indicators SET target_value = ?1, target_date = ?2 WHERE id = ?3",
        )?
        .execute(params![f.value, f.date, id])?;
    }
    Ok(())
}

pub fn insert_measure(
    conn: &Connection,
    indicator_id: i64,
    value: f64,
    date: &str,
    note: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO indicator_measures (indicator_id, value, date, note, user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        indicator_id,
        value,
        date,
        note,
        context::user(),
        context::timestamp()
    ])?;
    Ok(())
}

/// The indicators of a card with their figures: first those the card names, in its order, then
/// those it no longer names (their figures are kept).
pub fn indicators(conn: &Connection, card_id: i64, named: &[String]) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, unit, baseline_value, baseline_date, target_value, target_date
         FROM card_indicators WHERE card_id = ?1 ORDER BY id",
    )?;
    let rows: Vec<(i64, Indicator)> = stmt
        .query_map([card_id], |r| {
            let figure =
                |v: Option<f64>, d: Option<String>| v.map(|value| Figure { value, date: d });
            Ok((
                r.get(0)?,
                Indicator {
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    baseline: figure(r.get(3)?, r.get(4)?),
                    target: figure(r.get(5)?, r.get(6)?),
                    measures: Vec::new(),
                    on_card: false,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut measures = conn.prepare_cached(
        "SELECT value, date, note, user, at FROM indicator_measures
         WHERE indicator_id = ?1 ORDER BY date, id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, mut indicator) in rows {
        indicator.measures = measures
            .query_map([id], |r| {
                Ok(Measure {
                    value: r.get(0)?,
                    date: r.get(1)?,
                    note: r.get(2)?,
                    user: r.get(3)?,
                    at: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        indicator.on_card = named.contains(&indicator.name);
        out.push(indicator);
    }
    let position = |i: &Indicator| {
        named
            .iter()
            .position(|n| *n == i.name)
            .unwrap_or(usize::MAX)
    };
    out.sort_by_key(position);
    Ok(out)
}
