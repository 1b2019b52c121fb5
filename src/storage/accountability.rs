//! The Decidim Accountability results and statuses that stand for the cards
//! (`decidim_results`, `decidim_statuses`), and the Decidim proposals linked to a card.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use crate::context;
use crate::domain::{CardStatus, Term};

/// What the tool knows of the result that stands for a card in one component.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnownResult {
    pub result_id: String,
    pub parent_id: Option<String>,
    pub category_id: Option<String>,
    pub status_id: Option<String>,
    pub progress: Option<f64>,
    /// Other columns as last read (`title/en`, `description/it`, `start_date` …), non-empty.
    pub texts: BTreeMap<String, String>,
}

const RESULT: &str =
    "SELECT result_id, parent_id, category_id, status_id, progress, texts FROM decidim_results";

fn result_row(r: &rusqlite::Row) -> rusqlite::Result<KnownResult> {
    Ok(KnownResult {
        result_id: r.get(0)?,
        parent_id: r.get(1)?,
        category_id: r.get(2)?,
        status_id: r.get(3)?,
        progress: r.get(4)?,
        texts: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
    })
}

/// The result that stands for the card in the component, if known.
pub fn result_of(conn: &Connection, card_id: i64, component: &str) -> Result<Option<KnownResult>> {
    Ok(conn
        .prepare_cached(&format!(
            "{RESULT} WHERE card_id = ?1 AND component_id = ?2"
        ))?
        .query_row(params![card_id, component], result_row)
        .optional()?)
}

/// The card (id and code) a result of the component stands for, if known.
pub fn card_of(
    conn: &Connection,
    component: &str,
    result_id: &str,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.code FROM decidim_results r JOIN cards c ON c.id = r.card_id
             WHERE r.component_id = ?1 AND r.result_id = ?2",
        )?
        .query_row(params![component, result_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// Learns (or corrects) the result of a card in a component: a result stands for one card, so
/// any other card that held it lets it go.
pub fn learn_result(
    conn: &Connection,
    card_id: i64,
    component: &str,
    known: &KnownResult,
) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM decidim_results WHERE component_id = ?1 AND result_id = ?2 AND card_id <> ?3",
    )?
    .execute(params![component, known.result_id, card_id])?;
    conn.prepare_cached(
        "INSERT INTO decidim_results (card_id, component_id, result_id, parent_id, category_id,
             status_id, progress, texts, learned_at, user)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (card_id, component_id) DO UPDATE SET result_id = excluded.result_id,
             parent_id = excluded.parent_id, category_id = excluded.category_id,
             status_id = excluded.status_id, progress = excluded.progress,
             texts = excluded.texts, learned_at = excluded.learned_at, user = excluded.user",
    )?
    .execute(params![
        card_id,
        component,
        known.result_id,
        known.parent_id,
        known.category_id,
        known.status_id,
        known.progress,
        serde_json::to_string(&known.texts)?,
        context::timestamp(),
        context::user()
    ])?;
    Ok(())
}

/// The components whose results or statuses the tool knows, in order.
pub fn components(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT component_id FROM decidim_results UNION SELECT component_id FROM decidim_statuses
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A status of a component, with the card status it means when known.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownStatus {
    pub status_id: String,
    pub key: Option<String>,
    pub name: Option<String>,
    pub card_status: Option<CardStatus>,
    /// map, key or name: how its meaning was told.
    pub told_by: Option<String>,
}

/// The statuses known in the component, by id.
pub fn statuses(conn: &Connection, component: &str) -> Result<Vec<KnownStatus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status_id, key, name, card_status, told_by FROM decidim_statuses WHERE component_id = ?1
         ORDER BY length(status_id), status_id",
    )?;
    let rows = stmt.query_map([component], |r| {
        let card_status: Option<String> = r.get(3)?;
        Ok(KnownStatus {
            status_id: r.get(0)?,
            key: r.get(1)?,
            name: r.get(2)?,
            card_status: card_status.and_then(|c| CardStatus::find(&c)),
            told_by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn learn_status(conn: &Connection, component: &str, status: &KnownStatus) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO decidim_statuses (component_id, status_id, key, name, card_status, told_by,
             learned_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (component_id, status_id) DO UPDATE SET key = excluded.key,
             name = excluded.name, card_status = excluded.card_status,
             told_by = excluded.told_by, learned_at = excluded.learned_at",
    )?
    .execute(params![
        component,
        status.status_id,
        status.key,
        status.name,
        status.card_status.map(|s| s.code()),
        status.told_by,
        context::timestamp()
    ])?;
    Ok(())
}

/// The Decidim ids of the proposals tied to a card: those answered with it first (the
/// response in force names the card), then those linked to it, each once, in id order.
pub fn proposal_ids(conn: &Connection, card_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source_id FROM (
             SELECT s.source_id, 0 AS rank, s.format, s.is_amend FROM responses r
                 JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.card_id = ?1 AND r.current = 1
             UNION ALL
             SELECT s.source_id, 1, s.format, s.is_amend FROM suggestion_cards l
                 JOIN suggestions s ON s.id = l.suggestion_id
             WHERE l.card_id = ?1)
         WHERE format = 'decidim' AND is_amend = 0 AND source_id IS NOT NULL AND source_id <> ''
         ORDER BY rank, length(source_id), source_id",
    )?;
    let rows = stmt.query_map([card_id], |r| r.get::<_, String>(0))?;
    let mut ids: Vec<String> = Vec::new();
    for id in rows {
        let id = id?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}
