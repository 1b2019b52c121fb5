//! The implementation ledger of a cycle as its report reads it: for the open cycle the live
//! tables (`card_progress`, `card_milestones`, `card_indicators`, `indicator_measures`) as at
//! the report's date; for a closed cycle the snapshot taken when it closed (migration 13), so
//! that its chapter "Stato di attuazione" never changes. Who recorded a figure is never read.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::ledger::Figure;

/// Where the figures of a cycle come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The live tables: the cycle is open.
    Live,
    /// The snapshot taken when the cycle closed.
    Closing,
    /// The cycle closed before snapshots existed: its figures were read back as at its
    /// closing date when the database was upgraded.
    Reconstructed,
}

/// A card's last progress.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressAt {
    pub percent: u8,
    pub date: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneAt {
    pub code: String,
    pub date: String,
    pub title: String,
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorAt {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub baseline: Option<Figure>,
    pub target: Option<Figure>,
    /// The last measure by date: value and date.
    pub measure: Option<(f64, String)>,
}

/// The ledger of a cycle, by card code.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub source: Source,
    pub progress: BTreeMap<String, ProgressAt>,
    /// By card code, then planned date.
    pub milestones: Vec<MilestoneAt>,
    /// By card code, then name.
    pub indicators: Vec<IndicatorAt>,
}

/// Freezes the ledger of `cycle_id` as at its closing date `date` (what [`of_cycle`] reads for
/// a report of that date): called in the transaction that closes it. Returns how many cards
/// had a progress.
pub fn take(conn: &Connection, cycle_id: i64, date: &str) -> Result<usize> {
    conn.execute(
        "INSERT INTO ledger_snapshots (cycle_id, taken) VALUES (?1, 'closing')",
        [cycle_id],
    )?;
    let cards = conn.execute(
        "INSERT INTO progress_snapshots (cycle_id, code, percent, date, note)
         SELECT ?1, c.code, p.percent, p.date, p.note
         FROM cards c JOIN card_progress p ON p.id = (
             SELECT q.id FROM card_progress q WHERE q.card_id = c.id AND q.date <= ?2
             ORDER BY q.date DESC, q.id DESC LIMIT 1)",
        params![cycle_id, date],
    )?;
    conn.execute(
        "INSERT INTO milestone_snapshots (cycle_id, milestone_id, code, date, title, description, done_on)
         SELECT ?1, m.id, c.code, m.date, m.title, m.description,
             CASE WHEN m.done_on <= ?2 THEN m.done_on END
         FROM card_milestones m JOIN cards c ON c.id = m.card_id",
        params![cycle_id, date],
    )?;
    conn.execute(
        "INSERT INTO indicator_snapshots (cycle_id, code, name, unit, baseline_value, baseline_date,
             target_value, target_date, measure_value, measure_date)
         SELECT ?1, c.code, i.name, i.unit, i.baseline_value, i.baseline_date,
             i.target_value, i.target_date, m.value, m.date
         FROM card_indicators i JOIN cards c ON c.id = i.card_id
         LEFT JOIN indicator_measures m ON m.id = (
             SELECT n.id FROM indicator_measures n WHERE n.indicator_id = i.id AND n.date <= ?2
             ORDER BY n.date DESC, n.id DESC LIMIT 1)",
        params![cycle_id, date],
    )?;
    Ok(cards)
}

fn figure(value: Option<f64>, date: Option<String>) -> Option<Figure> {
    value.map(|value| Figure { value, date })
}

/// The ledger of a cycle: its snapshot when it is closed, else the live tables as at `date`
/// (progress and measures dated up to it, milestones reached by it), as [`take`] freezes them:
/// a report is about its date, and the same data give the same report whenever it is made.
pub fn of_cycle(conn: &Connection, cycle: &crate::domain::Cycle, date: &str) -> Result<Ledger> {
    if cycle.is_closed() {
        return snapshot(conn, cycle.id);
    }
    let mut progress = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT c.code, p.percent, p.date, p.note FROM card_progress p
         JOIN cards c ON c.id = p.card_id
         WHERE p.date <= ?1 ORDER BY c.code, p.date, p.id",
    )?;
    let rows = stmt.query_map([date], |r| {
        Ok((
            r.get::<_, String>(0)?,
            ProgressAt {
                percent: r.get(1)?,
                date: r.get(2)?,
                note: r.get(3)?,
            },
        ))
    })?;
    for row in rows {
        let (code, at) = row?;
        progress.insert(code, at); // the last one wins
    }
    let milestones = conn
        .prepare(
            "SELECT c.code, m.date, m.title, CASE WHEN m.done_on <= ?1 THEN m.done_on END
             FROM card_milestones m JOIN cards c ON c.id = m.card_id
             ORDER BY c.code, m.date, m.id",
        )?
        .query_map([date], milestone_row)?
        .collect::<rusqlite::Result<_>>()?;
    let indicators = conn
        .prepare(
            "SELECT c.code, i.name, i.unit, i.baseline_value, i.baseline_date, i.target_value,
                 i.target_date, m.value, m.date
             FROM card_indicators i JOIN cards c ON c.id = i.card_id
             LEFT JOIN indicator_measures m ON m.id = (
                 SELECT n.id FROM indicator_measures n WHERE n.indicator_id = i.id AND n.date <= ?1
                 ORDER BY n.date DESC, n.id DESC LIMIT 1)
             ORDER BY c.code, i.name",
        )?
        .query_map([date], indicator_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Ledger {
        source: Source::Live,
        progress,
        milestones,
        indicators,
    })
}

fn milestone_row(r: &rusqlite::Row) -> rusqlite::Result<MilestoneAt> {
    Ok(MilestoneAt {
        code: r.get(0)?,
        date: r.get(1)?,
        title: r.get(2)?,
        done_on: r.get(3)?,
    })
}

fn indicator_row(r: &rusqlite::Row) -> rusqlite::Result<IndicatorAt> {
    let measure = match (r.get::<_, Option<f64>>(7)?, r.get::<_, Option<String>>(8)?) {
        (Some(v), Some(d)) => Some((v, d)),
        _ => None,
    };
    Ok(IndicatorAt {
        code: r.get(0)?,
        name: r.get(1)?,
        unit: r.get(2)?,
        baseline: figure(r.get(3)?, r.get(4)?),
        target: figure(r.get(5)?, r.get(6)?),
        measure,
    })
}

fn snapshot(conn: &Connection, cycle_id: i64) -> Result<Ledger> {
    let taken: Option<String> = conn
        .query_row(
            "SELECT taken FROM ledger_snapshots WHERE cycle_id = ?1",
            [cycle_id],
            |r| r.get(0),
        )
        .optional()?;
    let source = match taken.as_deref() {
        Some("closing") => Source::Closing,
        _ => Source::Reconstructed,
    };
    let progress = conn
        .prepare(
            "SELECT code, percent, date, note FROM progress_snapshots WHERE cycle_id = ?1
             ORDER BY code",
        )?
        .query_map([cycle_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                ProgressAt {
                    percent: r.get(1)?,
                    date: r.get(2)?,
                    note: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let milestones = conn
        .prepare(
            "SELECT code, date, title, done_on FROM milestone_snapshots WHERE cycle_id = ?1
             ORDER BY code, date, milestone_id",
        )?
        .query_map([cycle_id], milestone_row)?
        .collect::<rusqlite::Result<_>>()?;
    let indicators = conn
        .prepare(
            "SELECT code, name, unit, baseline_value, baseline_date, target_value, target_date,
                 measure_value, measure_date
             FROM indicator_snapshots WHERE cycle_id = ?1 ORDER BY code, name",
        )?
        .query_map([cycle_id], indicator_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Ledger {
        source,
        progress,
        milestones,
        indicators,
    })
}
