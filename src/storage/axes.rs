//! The six axes as the database holds them.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::{Axis, Term};

/// An axis as stored: its code, name and description.
#[derive(Debug, Clone, Serialize)]
pub struct StoredAxis {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// Writes the six axes of the Agenda into a new database, in their order.
pub fn seed(conn: &Connection) -> Result<()> {
    for (position, axis) in Axis::ALL.iter().enumerate() {
        conn.execute(
            "INSERT INTO axes (code, name, description, position) VALUES (?1, ?2, ?3, ?4)",
            (
                axis.code(),
                axis.label(),
                axis.description(),
                position as i64 + 1,
            ),
        )?;
    }
    Ok(())
}

/// The axes, in their order.
pub fn all(conn: &Connection) -> Result<Vec<StoredAxis>> {
    let mut stmt = conn.prepare("SELECT code, name, description FROM axes ORDER BY position")?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredAxis {
            code: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
