//! Project cards and their history.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::context;
use crate::domain::card::{FieldChange, YearMonth};
use crate::domain::{Axis, Card, CardStatus, Term};
use crate::error::refused;

const COLUMNS: &str = "c.code, c.title, c.axis, c.status, c.description, c.objectives, c.office, \
     c.partners, c.start_month, c.end_month, c.budget_cents, c.funding, c.agid_refs, c.indicators";

fn from_row(r: &Row) -> rusqlite::Result<Card> {
    let axis: String = r.get(2)?;
    let status: String = r.get(3)?;
    let month = |i: usize| -> rusqlite::Result<Option<YearMonth>> {
        let v: Option<String> = r.get(i)?;
        Ok(v.and_then(|s| YearMonth::parse(&s).ok()))
    };
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let v: String = r.get(i)?;
        Ok(serde_json::from_str(&v).unwrap_or_default())
    };
    Ok(Card {
        code: r.get(0)?,
        title: r.get(1)?,
        axis: Axis::from_code(&axis).unwrap_or(Axis::Governance),
        status: CardStatus::from_code(&status).unwrap_or(CardStatus::Pianificata),
        description: r.get(4)?,
        objectives: r.get(5)?,
        office: r.get(6)?,
        partners: r.get(7)?,
        start: month(8)?,
        end: month(9)?,
        budget: r.get(10)?,
        funding: r.get(11)?,
        agid_refs: list(12)?,
        indicators: list(13)?,
    })
}

pub fn get(conn: &Connection, code: &str) -> Result<Option<Card>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cards c WHERE c.code = ?1"),
            [code],
            from_row,
        )
        .optional()?)
}

/// The card a code written by someone else names: as it is, or in capitals (`sem-01` in a
/// Decidim cell or a map file is SEM-01).
pub fn get_as_written(conn: &Connection, code: &str) -> Result<Option<Card>> {
    match get(conn, code)? {
        Some(card) => Ok(Some(card)),
        None => get(conn, &code.to_uppercase()),
    }
}

/// The card with that code, or a refusal naming it.
pub fn require(conn: &Connection, code: &str) -> Result<Card> {
    get(conn, code)?.ok_or_else(|| {
        refused(crate::t!("storage-unknown-card", code = code))
            .hint(crate::t!("storage-unknown-card-hint"))
            .into()
    })
}

pub fn id_of(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM cards WHERE code = ?1", [code], |r| r.get(0))
        .optional()?)
}

#[derive(Default)]
pub struct Filter {
    pub axis: Option<Axis>,
    pub status: Option<CardStatus>,
}

/// Cards in the order of the Agenda: by axis, then code.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Card>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM cards c JOIN axes a ON a.code = c.axis
         WHERE (?1 IS NULL OR c.axis = ?1) AND (?2 IS NULL OR c.status = ?2)
         ORDER BY a.position, c.code"
    ))?;
    let rows = stmt.query_map(
        (
            filter.axis.map(|a| a.code()),
            filter.status.map(|s| s.code()),
        ),
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Inserts a new card and records its creation in the history.
pub fn insert(conn: &Connection, card: &Card, cycle_id: i64, note: Option<&str>) -> Result<()> {
    let now = context::timestamp();
    conn.prepare_cached(
        "INSERT INTO cards (code, title, axis, status, description, objectives, office, partners,
             start_month, end_month, budget_cents, funding, agid_refs, indicators, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(rusqlite::params![
        card.code,
        card.title,
        card.axis.code(),
        card.status.code(),
        card.description,
        card.objectives,
        card.office,
        card.partners,
        card.start.map(|m| m.to_string()),
        card.end.map(|m| m.to_string()),
        card.budget,
        card.funding,
        json_list(&card.agid_refs),
        json_list(&card.indicators),
        now,
    ])
    .with_context(|| crate::t!("storage-adding-card", code = card.code.as_str()))?;
    let id = conn.last_insert_rowid();
    add_history(
        conn,
        id,
        cycle_id,
        "created",
        None,
        Some(&format!("{} – {}", card.axis.code(), card.status.code())),
        note,
    )?;
    Ok(())
}

/// Writes the new version of a card and one history entry per changed field. Returns the
/// changes, empty when nothing differed (and then nothing is written).
pub fn update(
    conn: &Connection,
    old: &Card,
    new: &Card,
    cycle_id: i64,
    note: Option<&str>,
) -> Result<Vec<FieldChange>> {
    let changes = new.changes_from(old);
    if changes.is_empty() {
        return Ok(changes);
    }
    let id = id_of(conn, &old.code)?.with_context(|| crate::t!("storage-card-vanished"))?;
    conn.prepare_cached(
        "UPDATE cards SET code = ?1, title = ?2, axis = ?3, status = ?4, description = ?5,
             objectives = ?6, office = ?7, partners = ?8, start_month = ?9, end_month = ?10,
             budget_cents = ?11, funding = ?12, agid_refs = ?13, indicators = ?14, updated_at = ?15
         WHERE id = ?16",
    )?
    .execute(rusqlite::params![
        new.code,
        new.title,
        new.axis.code(),
        new.status.code(),
        new.description,
        new.objectives,
        new.office,
        new.partners,
        new.start.map(|m| m.to_string()),
        new.end.map(|m| m.to_string()),
        new.budget,
        new.funding,
        json_list(&new.agid_refs),
        json_list(&new.indicators),
        context::timestamp(),
        id,
    ])?;
    for c in &changes {
        add_history(
            conn,
            id,
            cycle_id,
            c.field,
            Some(&c.before),
            Some(&c.after),
            note,
        )?;
    }
    Ok(changes)
}

fn add_history(
    conn: &Connection,
    card_id: i64,
    cycle_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO card_history (card_id, cycle_id, at, user, field, old_value, new_value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute((
        card_id,
        cycle_id,
        context::timestamp(),
        context::user(),
        field,
        old,
        new,
        note,
    ))?;
    Ok(())
}

pub fn delete(conn: &Connection, code: &str) -> Result<()> {
    conn.execute("DELETE FROM cards WHERE code = ?1", [code])?;
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    pub at: String,
    pub triennium: Option<String>,
    pub user: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
}

pub fn history(conn: &Connection, code: &str) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT h.at, y.triennium, h.user, h.field, h.old_value, h.new_value, h.note
         FROM card_history h JOIN cards c ON c.id = h.card_id
         LEFT JOIN cycles y ON y.id = h.cycle_id
         WHERE c.code = ?1 ORDER BY h.id",
    )?;
    let rows = stmt.query_map([code], |r| {
        Ok(HistoryEntry {
            at: r.get(0)?,
            triennium: r.get(1)?,
            user: r.get(2)?,
            field: r.get(3)?,
            old_value: r.get(4)?,
            new_value: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many cards have a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    pub status: CardStatus,
    pub cards: i64,
}

/// Cards by status, in the glossary's order, with zero counts included.
pub fn count_by_status(conn: &Connection) -> Result<Vec<StatusCount>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT count(*) FROM cards WHERE status = ?1")?;
    for status in CardStatus::ALL {
        let n: i64 = stmt.query_row([status.code()], |r| r.get(0))?;
        out.push(StatusCount {
            status: *status,
            cards: n,
        });
    }
    Ok(out)
}

/// Copies every card, as it stands, into the snapshot of a cycle that is closing.
pub fn snapshot(conn: &Connection, cycle_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "INSERT INTO card_snapshots (cycle_id, code, title, axis, status, description, objectives,
             office, partners, start_month, end_month, budget_cents, funding, agid_refs, indicators,
             created_at, updated_at)
         SELECT ?1, code, title, axis, status, description, objectives, office, partners,
             start_month, end_month, budget_cents, funding, agid_refs, indicators, created_at, updated_at
         FROM cards",
        [cycle_id],
    )?)
}

/// The cards of a cycle, in the order of the Agenda: for a closed cycle the snapshot taken when
/// it closed (so its report reads the same at any later time), for the open one the live cards.
pub fn cards_of_cycle(conn: &Connection, cycle: &crate::domain::Cycle) -> Result<Vec<Card>> {
    if !cycle.is_closed() {
        return list(conn, &Filter::default());
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM card_snapshots c JOIN axes a ON a.code = c.axis
         WHERE c.cycle_id = ?1
         ORDER BY a.position, c.code"
    ))?;
    let rows = stmt.query_map([cycle.id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
/// How many cards the Agenda holds (cards are not per cycle).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM cards", [], |r| r.get(0))?)
}
/// How many suggestions are linked to a card, or name it in a response (also one that a later
/// response replaced: the history keeps pointing at the card).
pub fn linked_suggestions(conn: &Connection, code: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM (
             SELECT l.suggestion_id FROM suggestion_cards l JOIN cards c ON c.id = l.card_id WHERE c.code = ?1
             UNION
             SELECT r.suggestion_id FROM responses r JOIN cards c ON c.id = r.card_id WHERE c.code = ?1)",
        [code],
        |r| r.get(0),
    )?)
}
