//! Responses as stored: the one in force and the history of those it replaced.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::context;
use crate::storage::suggestions::display_ref;

/// A response as stored.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Response {
    pub outcome: String,
    pub reason: String,
    pub card: Option<String>,
    pub duplicate_of: Option<String>,
    pub user: String,
    pub at: String,
    pub current: bool,
}

/// The responses of a suggestion, oldest first; the last is the one in force.
pub fn responses(conn: &Connection, suggestion: i64) -> Result<Vec<Response>> {
    let mut stmt = conn.prepare_cached(
        concat!("SELECT r.outcome, r.reason, c.code, ", display_ref!("d"), ", r.user, r.at, r.current
         FROM responses r LEFT JOIN cards c ON c.id = r.card_id LEFT JOIN suggestions d ON d.id = r.duplicate_of
         WHERE r.suggestion_id = ?1 ORDER BY r.id"),
    )?;
    let rows = stmt.query_map([suggestion], |r| {
        Ok(Response {
            outcome: r.get(0)?,
            reason: r.get(1)?,
            card: r.get(2)?,
            duplicate_of: r.get(3)?,
            user: r.get(4)?,
            at: r.get(5)?,
            current: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The response in force, as a new one is compared with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentResponse {
    pub outcome: String,
    pub reason: String,
    pub card_id: Option<i64>,
    pub duplicate_of: Option<i64>,
}

pub fn current_response(conn: &Connection, suggestion: i64) -> Result<Option<CurrentResponse>> {
    Ok(conn
        .prepare_cached(
            "SELECT outcome, reason, card_id, duplicate_of FROM responses WHERE suggestion_id = ?1 AND current = 1",
        )?
        .query_row([suggestion], |r| {
            Ok(CurrentResponse {
                outcome: r.get(0)?,
                reason: r.get(1)?,
                card_id: r.get(2)?,
                duplicate_of: r.get(3)?,
            })
        })
        .optional()?)
}

/// Records a response; the one it replaces stays in the history.
pub fn respond(
    conn: &Connection,
    suggestion: i64,
    outcome: &str,
    reason: &str,
    card_id: Option<i64>,
    duplicate_of: Option<i64>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE responses SET current = 0 WHERE suggestion_id = ?1 AND current = 1",
    )?
    .execute([suggestion])?;
    conn.prepare_cached(
        "INSERT INTO responses (suggestion_id, outcome, reason, card_id, duplicate_of, current, user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)",
    )?
    .execute(params![
        suggestion,
        outcome,
        reason,
        card_id,
        duplicate_of,
        context::user(),
        context::timestamp()
    ])?;
    Ok(())
}
