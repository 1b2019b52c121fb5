//! The queries of the personal data: what a cycle holds, and the purge's reads and writes. The
//! rules of what is personal and how it is erased are in [`crate::privacy`].

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection};

use crate::domain::row_codec::encode_row;
use crate::storage::imports::decode_stored;

/// How many suggestions of a cycle have a row of people, and how many of each datum is filled.
#[derive(Debug, Clone, Copy, Default)]
pub struct PeopleCounts {
    pub people: i64,
    pub authors: i64,
    pub nicknames: i64,
    pub emails: i64,
    pub author_urls: i64,
}

pub fn people_counts(conn: &Connection, cycle_id: i64) -> Result<PeopleCounts> {
    let filled = |column: &str| format!("count(nullif(trim(coalesce(p.{column}, '')), ''))");
    Ok(conn.query_row(
        &format!(
            "SELECT count(*), {}, {}, {}, {} FROM suggestion_people p
             JOIN suggestions s ON s.id = p.suggestion_id WHERE s.cycle_id = ?1",
            filled("author"),
            filled("nickname"),
            filled("email"),
            filled("author_url")
        ),
        [cycle_id],
        |r| {
            Ok(PeopleCounts {
                people: r.get(0)?,
                authors: r.get(1)?,
                nicknames: r.get(2)?,
                emails: r.get(3)?,
                author_urls: r.get(4)?,
            })
        },
    )?)
}

/// How many suggestions a cycle holds.
pub fn suggestions_in(conn: &Connection, cycle_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM suggestions WHERE cycle_id = ?1",
        [cycle_id],
        |r| r.get(0),
    )?)
}

/// When the personal data of the cycle `triennium` were last purged (from the audit log).
pub fn last_purge(conn: &Connection, triennium: &str) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT max(at) FROM audit_log WHERE action = 'privacy.purge' AND target = ?1",
        [triennium],
        |r| r.get(0),
    )?)
}

/// A row as read, as stored: a compressed BLOB against its batch's dictionary, or JSON text in
/// databases written before rows were compressed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow(Value);

impl StoredRow {
    /// Its cells, decoded against the batch's dictionary.
    pub fn cells(&self, dictionary: &[u8]) -> Vec<String> {
        decode_stored(&self.0, dictionary)
    }

    /// `cells` stored the way this row was, against `dictionary`.
    pub fn like(&self, dictionary: &[u8], cells: &[String]) -> StoredRow {
        StoredRow(match self.0 {
            Value::Text(_) => Value::Text(serde_json::to_string(cells).unwrap_or_default()),
            _ => Value::Blob(encode_row(cells.iter().map(String::as_str), dictionary)),
        })
    }
}

/// What the rows of one batch are read with.
#[derive(Debug, Clone)]
pub struct BatchOfRows {
    pub id: i64,
    /// The header, as JSON.
    pub headers: String,
    pub format: String,
    /// The personal columns it recorded, as JSON.
    pub personal_columns: String,
    pub dictionary: Vec<u8>,
}

fn batch_from_row(b: &rusqlite::Row) -> rusqlite::Result<BatchOfRows> {
    Ok(BatchOfRows {
        id: b.get(0)?,
        headers: b.get(1)?,
        format: b.get(2)?,
        personal_columns: b.get(3)?,
        dictionary: b.get(4)?,
    })
}

/// A batch, as its rows are read.
pub fn batch_of_rows(conn: &Connection, batch: i64) -> Result<BatchOfRows> {
    Ok(conn
        .prepare_cached(
            "SELECT id, headers, format, personal_columns, coalesce(row_dictionary, X'')
             FROM import_batches WHERE id = ?1",
        )?
        .query_row([batch], batch_from_row)?)
}

/// The batches the rows as read of a cycle come from.
pub fn batches_of_cycle(conn: &Connection, cycle_id: i64) -> Result<Vec<BatchOfRows>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT b.id, b.headers, b.format, b.personal_columns, coalesce(b.row_dictionary, X'')
         FROM suggestion_sources src
         JOIN suggestions s ON s.id = src.suggestion_id
         JOIN import_batches b ON b.id = src.batch_id
         WHERE s.cycle_id = ?1",
    )?;
    let rows = stmt.query_map([cycle_id], batch_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Calls `visit` with (suggestion id, batch id, its row as read) for every row as read of the
/// cycle, in the order of the suggestions.
pub fn for_each_row_as_read(
    conn: &Connection,
    cycle_id: i64,
    mut visit: impl FnMut(i64, i64, StoredRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT src.suggestion_id, src.row, src.batch_id
         FROM suggestion_sources src
         JOIN suggestions s ON s.id = src.suggestion_id
         WHERE s.cycle_id = ?1
         ORDER BY src.suggestion_id",
    )?;
    let mut rows = stmt.query([cycle_id])?;
    while let Some(r) = rows.next()? {
        visit(r.get(0)?, r.get(2)?, StoredRow(r.get(1)?))?;
    }
    Ok(())
}

/// The suggestions whose rows a batch holds, in the order of the file.
pub fn suggestions_of_batch(conn: &Connection, batch: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT suggestion_id FROM suggestion_sources WHERE batch_id = ?1 ORDER BY line, suggestion_id",
    )?;
    let rows = stmt.query_map([batch], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The row as read of a suggestion.
pub fn row_as_read(conn: &Connection, suggestion: i64) -> Result<StoredRow> {
    Ok(StoredRow(
        conn.prepare_cached("SELECT row FROM suggestion_sources WHERE suggestion_id = ?1")?
            .query_row([suggestion], |r| r.get(0))?,
    ))
}

pub fn set_row_as_read(conn: &Connection, suggestion: i64, row: &StoredRow) -> Result<()> {
    conn.prepare_cached("UPDATE suggestion_sources SET row = ?2 WHERE suggestion_id = ?1")?
        .execute(params![suggestion, row.0])?;
    Ok(())
}

/// Records a batch's personal columns and the dictionary its rows are now encoded against.
pub fn set_batch_rows(
    conn: &Connection,
    batch: i64,
    personal: &[usize],
    dictionary: Option<&[u8]>,
) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET personal_columns = ?2, row_dictionary = ?3 WHERE id = ?1",
        params![batch, serde_json::to_string(personal)?, dictionary],
    )?;
    Ok(())
}

/// Deletes the people of a cycle's suggestions; returns how many rows went.
pub fn delete_people(conn: &Connection, cycle_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM suggestion_people
         WHERE suggestion_id IN (SELECT id FROM suggestions WHERE cycle_id = ?1)",
        [cycle_id],
    )?)
}

/// A suggestion's texts and the names its people table holds.
#[derive(Debug, Clone)]
pub struct Texts {
    pub id: i64,
    pub title: String,
    pub public_title: Option<String>,
    pub body: String,
    /// Author and nickname.
    pub people: [Option<String>; 2],
}

pub fn texts_of_cycle(conn: &Connection, cycle_id: i64) -> Result<Vec<Texts>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.title, s.public_title, s.body, p.author, p.nickname
         FROM suggestions s LEFT JOIN suggestion_people p ON p.suggestion_id = s.id
         WHERE s.cycle_id = ?1",
    )?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok(Texts {
            id: r.get(0)?,
            title: r.get(1)?,
            public_title: r.get(2)?,
            body: r.get(3)?,
            people: [r.get(4)?, r.get(5)?],
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rewrites a suggestion's texts; the search index follows when `indexed`.
pub fn set_texts(conn: &Connection, texts: &Texts, indexed: bool) -> Result<()> {
    conn.execute(
        "UPDATE suggestions SET title = ?2, public_title = ?3, body = ?4 WHERE id = ?1",
        params![texts.id, texts.title, texts.public_title, texts.body],
    )?;
    if indexed {
        conn.execute("DELETE FROM suggestions_fts WHERE rowid = ?1", [texts.id])?;
        conn.execute(
            "INSERT INTO suggestions_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![texts.id, texts.title, texts.body],
        )?;
    }
    Ok(())
}

/// The reasons of every response of a suggestion, as (response id, reason).
#[derive(Debug, Clone)]
pub struct Reason {
    pub response: i64,
    pub reason: String,
}

pub fn reasons_of(conn: &Connection, suggestion: i64) -> Result<Vec<Reason>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, reason FROM responses WHERE suggestion_id = ?1")?;
    let rows = stmt.query_map([suggestion], |r| {
        Ok(Reason {
            response: r.get(0)?,
            reason: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_reason(conn: &Connection, response: i64, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE responses SET reason = ?2 WHERE id = ?1",
        params![response, reason],
    )?;
    Ok(())
}

/// An entry of the audit log, as the purge reads and rewrites it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedText {
    pub id: i64,
    pub command: String,
    pub target: Option<String>,
    pub details: String,
}

pub fn audit_texts(conn: &Connection) -> Result<Vec<LoggedText>> {
    let mut stmt = conn.prepare("SELECT id, command, target, details FROM audit_log")?;
    let rows = stmt.query_map([], |r| {
        Ok(LoggedText {
            id: r.get(0)?,
            command: r.get(1)?,
            target: r.get(2)?,
            details: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_audit_text(conn: &Connection, entry: &LoggedText) -> Result<()> {
    conn.execute(
        "UPDATE audit_log SET command = ?2, target = ?3, details = ?4 WHERE id = ?1",
        params![entry.id, entry.command, entry.target, entry.details],
    )?;
    Ok(())
}

/// Deleted content is overwritten with zeros from now on, in the WAL frames too.
pub fn secure_delete(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

/// Rewrites the database file without free pages.
pub fn vacuum(conn: &Connection) -> Result<()> {
    conn.execute_batch("VACUUM")
        .with_context(|| crate::t!("storage-vacuum"))
}

/// `PRAGMA wal_checkpoint(TRUNCATE)` once: true when it got through (no reader in the way).
pub fn checkpoint_truncate(conn: &Connection) -> Result<bool> {
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .with_context(|| crate::t!("storage-emptying-wal"))?;
    Ok(busy == 0)
}
