//! The audit log: every change any command makes.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::context;

#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub command: String,
    pub action: String,
    pub target: Option<String>,
    pub details: String,
}

pub fn record(conn: &Connection, action: &str, target: Option<&str>, details: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, user, command, action, target, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute((
        context::timestamp(),
        context::user(),
        context::command_line(),
        action,
        target,
        details,
    ))?;
    Ok(())
}

/// The most recent entries, newest first.
pub fn recent(conn: &Connection, limit: usize) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, user, command, action, target, details FROM audit_log
         ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(Entry {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            command: r.get(3)?,
            action: r.get(4)?,
            target: r.get(5)?,
            details: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
