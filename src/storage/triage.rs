//! SQL of triage: axes, links, responses and rules.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::context;
use crate::storage::suggestions::display_ref;

/// The cycle a suggestion belongs to.
pub fn cycle_of(conn: &Connection, suggestion: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT cycle_id FROM suggestions WHERE id = ?1",
        [suggestion],
        |r| r.get(0),
    )?)
}

pub fn reference_of(conn: &Connection, suggestion: i64) -> Result<String> {
    Ok(conn.query_row(
        concat!("SELECT ", display_ref!(), " FROM suggestions WHERE id = ?1"),
        [suggestion],
        |r| r.get(0),
    )?)
}

/// Tags a suggestion; returns false when it already had the axis (the tag is left as it was).
pub fn add_axis(
    conn: &Connection,
    suggestion: i64,
    axis: &str,
    origin: &str,
    detail: Option<&str>,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            suggestion,
            axis,
            origin,
            detail,
            context::user(),
            context::timestamp()
        ])?;
    Ok(n == 1)
}

pub fn remove_axis(conn: &Connection, suggestion: i64, axis: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM suggestion_axes WHERE suggestion_id = ?1 AND axis = ?2")?
        .execute(params![suggestion, axis])?
        == 1)
}

pub fn add_link(conn: &Connection, suggestion: i64, card_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO suggestion_cards (suggestion_id, card_id, user, at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![suggestion, card_id, context::user(), context::timestamp()])?
        == 1)
}

pub fn remove_link(conn: &Connection, suggestion: i64, card_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM suggestion_cards WHERE suggestion_id = ?1 AND card_id = ?2")?
        .execute(params![suggestion, card_id])?
        == 1)
}

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

/// The response in force: outcome, reason, card id, duplicate of.
pub type CurrentResponse = (String, String, Option<i64>, Option<i64>);

pub fn current_response(conn: &Connection, suggestion: i64) -> Result<Option<CurrentResponse>> {
    Ok(conn
        .prepare_cached(
            "SELECT outcome, reason, card_id, duplicate_of FROM responses WHERE suggestion_id = ?1 AND current = 1",
        )?
        .query_row([suggestion], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
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

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: i64,
    pub axis: String,
    pub keywords: Vec<String>,
    pub created_at: String,
    pub user: String,
}

pub fn rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.axis, r.keywords, r.created_at, r.user FROM rules r JOIN axes a ON a.code = r.axis
         ORDER BY a.position, r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let keywords: String = r.get(2)?;
        Ok(Rule {
            id: r.get(0)?,
            axis: r.get(1)?,
            keywords: serde_json::from_str(&keywords).unwrap_or_default(),
            created_at: r.get(3)?,
            user: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn add_rule(conn: &Connection, axis: &str, keywords: &[String]) -> Result<i64> {
    conn.execute(
        "INSERT INTO rules (axis, keywords, created_at, user) VALUES (?1, ?2, ?3, ?4)",
        params![
            axis,
            serde_json::to_string(keywords)?,
            context::timestamp(),
            context::user()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn remove_rule(conn: &Connection, id: i64) -> Result<Option<Rule>> {
    let rule = rules(conn)?.into_iter().find(|r| r.id == id);
    if rule.is_some() {
        conn.execute("DELETE FROM rules WHERE id = ?1", [id])?;
    }
    Ok(rule)
}

/// A suggestion linked to a card, as `card show` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedSuggestion {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub outcome: Option<String>,
}

/// The suggestions linked to a card, in every cycle, oldest first, with their response in force.
pub fn linked_to_card(conn: &Connection, code: &str) -> Result<Vec<LinkedSuggestion>> {
    let mut stmt = conn.prepare(
        concat!("SELECT ", display_ref!("s"), ", s.title, r.outcome
         FROM suggestion_cards l JOIN cards c ON c.id = l.card_id JOIN suggestions s ON s.id = l.suggestion_id
         LEFT JOIN responses r ON r.suggestion_id = s.id AND r.current = 1
         WHERE c.code = ?1 ORDER BY s.id"),
    )?;
    let rows = stmt.query_map([code], |r| {
        Ok(LinkedSuggestion {
            reference: r.get(0)?,
            title: r.get(1)?,
            outcome: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
