//! SQL of the personal-data scan: the public texts of a cycle's suggestions (the title as
//! published and the reason in force) with the names the suggestion's personal fields hold.

use anyhow::Result;
use rusqlite::Connection;

use crate::redact::{redact, Datum};
use crate::storage::suggestions::display_ref;

/// A suggestion whose public texts held personal data, and which kinds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Redaction {
    pub id: i64,
    pub reference: String,
    /// In the title (as published: staff's own title when given).
    pub title: Vec<Datum>,
    /// In the reason of the response in force.
    pub reason: Vec<Datum>,
}

/// Every suggestion of the cycle whose title or reason the scan changes, in reference order.
pub fn of_cycle(conn: &Connection, cycle_id: i64) -> Result<Vec<Redaction>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.id, ",
        display_ref!("s"),
        " AS ref, coalesce(s.public_title, s.title), r.reason, p.author, p.nickname
         FROM suggestions s
         LEFT JOIN responses r ON r.suggestion_id = s.id AND r.current = 1
         LEFT JOIN suggestion_people p ON p.suggestion_id = s.id
         WHERE s.cycle_id = ?1
         ORDER BY ref, s.id"
    ))?;
    let mut rows = stmt.query([cycle_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let people: [Option<String>; 2] = [r.get(4)?, r.get(5)?];
        let names = crate::redact::names(&people);
        let title = redact(&r.get::<_, String>(2)?, &names).found;
        let reason = match r.get::<_, Option<String>>(3)? {
            Some(reason) => redact(&reason, &names).found,
            None => Vec::new(),
        };
        if !title.is_empty() || !reason.is_empty() {
            out.push(Redaction {
                id: r.get(0)?,
                reference: r.get(1)?,
                title,
                reason,
            });
        }
    }
    Ok(out)
}
