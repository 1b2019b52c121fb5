//! Settings: the municipality, marks the commands leave for each other (search index in sync,
//! a purge to finish, copies being written).

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

/// Reads a setting.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets a setting, replacing what it held.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Removes a setting; true when there was one.
pub fn remove(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM settings WHERE key = ?1", [key])? > 0)
}

/// A setting: its key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    pub value: String,
}

/// The settings whose key starts with `prefix`.
pub fn with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<Setting>> {
    let mut stmt =
        conn.prepare("SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1")?;
    let rows = stmt.query_map([prefix], |r| {
        Ok(Setting {
            key: r.get(0)?,
            value: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
