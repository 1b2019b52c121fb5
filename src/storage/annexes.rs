//! The annexes as approved: the files the Giunta approved with the deliberation that closed a
//! cycle, kept byte for byte in `approved_annexes` with their SHA-256 (see
//! `crate::process::annexes`, which checks them, and `crate::process::approved`, which gives
//! them back). The only place with this table's SQL.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::context;

/// An annex about to be stored.
#[derive(Debug, Clone)]
pub struct NewAnnex<'a> {
    /// The file's base name, as given.
    pub name: &'a str,
    /// `md`, `html`, `pdf`, `json`, `csv`; empty when the file is not a report.
    pub format: &'a str,
    pub bytes: &'a [u8],
    pub sha256: &'a str,
    /// Why it was stored unchecked; `None` when it was verified against the cycle's data.
    pub as_is_reason: Option<&'a str>,
    /// The stamp line the report carries, when it carries one.
    pub stamp: Option<&'a str>,
}

/// A stored annex, without its bytes.
#[derive(Debug, Clone, Serialize)]
pub struct StoredAnnex {
    #[serde(skip)]
    pub id: i64,
    pub name: String,
    pub format: String,
    pub size: i64,
    pub sha256: String,
    pub verified: bool,
    /// Why it was stored as is, not checked.
    pub as_is_reason: Option<String>,
    pub stamp: Option<String>,
    pub stored_by: String,
    pub stored_at: String,
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::csvin::scan::hex(&Sha256::digest(bytes))
}

/// Stores one annex of the cycle, `position` in the order given.
pub fn insert(conn: &Connection, cycle_id: i64, position: usize, annex: &NewAnnex) -> Result<()> {
    conn.execute(
        "INSERT INTO approved_annexes
             (cycle_id, position, name, format, bytes, sha256, verified, as_is_reason, stamp, user, stored_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            cycle_id,
            position as i64,
            annex.name,
            annex.format,
            annex.bytes,
            annex.sha256,
            annex.as_is_reason.is_none(),
            annex.as_is_reason,
            annex.stamp,
            context::user(),
            context::timestamp(),
        ],
    )?;
    Ok(())
}

/// The annexes stored for a cycle, in the order they were given; their bytes are not read.
pub fn of_cycle(conn: &Connection, cycle_id: i64) -> Result<Vec<StoredAnnex>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, format, length(bytes), sha256, verified, as_is_reason, stamp, user, stored_at
         FROM approved_annexes WHERE cycle_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok(StoredAnnex {
            id: r.get(0)?,
            name: r.get(1)?,
            format: r.get(2)?,
            size: r.get(3)?,
            sha256: r.get(4)?,
            verified: r.get(5)?,
            as_is_reason: r.get(6)?,
            stamp: r.get(7)?,
            stored_by: r.get(8)?,
            stored_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The bytes of one stored annex.
pub fn bytes(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    Ok(conn.query_row(
        "SELECT bytes FROM approved_annexes WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// For `agenda check`: every stored annex whose bytes no longer match its SHA-256, and every
/// annex of a cycle that is not closed, as (location, message). Reads one annex at a time.
pub fn problems(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut found = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT a.id, coalesce(y.triennium, '#' || a.cycle_id), a.name, a.sha256, y.closed_at IS NOT NULL
         FROM approved_annexes a LEFT JOIN cycles y ON y.id = a.cycle_id ORDER BY a.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (id, triennium, name, sha256, closed) in rows {
        let location = format!("approved_annexes #{id}");
        let actual = sha256_hex(&bytes(conn, id)?);
        if actual != sha256 {
            found.push((
                location.clone(),
                crate::t!(
                    "storage-check-annex-hash",
                    name = name.as_str(),
                    triennium = triennium.as_str(),
                    sha256 = sha256.as_str(),
                    actual = actual.as_str()
                ),
            ));
        }
        if !closed {
            found.push((
                location,
                crate::t!(
                    "storage-check-annex-open-cycle",
                    name = name.as_str(),
                    triennium = triennium.as_str()
                ),
            ));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_lowercase_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
