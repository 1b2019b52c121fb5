//! The keyword rules as stored.

use anyhow::Result;
use rusqlite::{params, Connection};

use crate::context;
use crate::domain::rules::Rule;

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
