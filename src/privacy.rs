//! Personal data: what the database holds, cycle by cycle, and its purge once a cycle closes.
//!
//! Personal data live in two places only: `suggestion_people` (author name, nickname, e-mail,
//! author url, kept to contact people) and the personal cells of the rows as read, in
//! `suggestion_sources` (the columns each import batch marked in `personal_columns`). A purge
//! erases the first and blanks the second, then rewrites the file (VACUUM) and empties the WAL,
//! so that the erased values linger neither in free pages nor in old WAL frames.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::refused;
use crate::storage::cycles::Cycle;
use crate::storage::imports::{decode_row, encode_row};
use crate::storage::Db;

/// The personal data held for one cycle.
#[derive(Debug, Clone, Serialize)]
pub struct CycleData {
    pub triennium: String,
    pub closed: bool,
    pub suggestions: i64,
    /// Suggestions with a row in `suggestion_people`.
    pub people: i64,
    pub authors: i64,
    pub nicknames: i64,
    pub emails: i64,
    pub author_urls: i64,
    /// Rows as read whose personal cells are not blank.
    pub source_rows: i64,
    /// When the cycle's personal data were last purged (from the audit log).
    pub purged_at: Option<String>,
}

impl CycleData {
    pub fn holds_personal_data(&self) -> bool {
        self.people > 0 || self.source_rows > 0
    }
}

/// What personal data the database holds, cycle by cycle, oldest first.
pub fn report(conn: &Connection) -> Result<Vec<CycleData>> {
    let mut out = Vec::new();
    for cycle in crate::storage::cycles::all(conn)? {
        out.push(of_cycle(conn, &cycle)?);
    }
    Ok(out)
}

/// The personal data held for one cycle.
pub fn of_cycle(conn: &Connection, cycle: &Cycle) -> Result<CycleData> {
    let triennium = cycle.triennium.to_string();
    let suggestions: i64 = conn.query_row(
        "SELECT count(*) FROM suggestions WHERE cycle_id = ?1",
        [cycle.id],
        |r| r.get(0),
    )?;
    let filled = |column: &str| format!("count(nullif(trim(coalesce(p.{column}, '')), ''))");
    let (people, authors, nicknames, emails, author_urls) = conn.query_row(
        &format!(
            "SELECT count(*), {}, {}, {}, {} FROM suggestion_people p
             JOIN suggestions s ON s.id = p.suggestion_id WHERE s.cycle_id = ?1",
            filled("author"),
            filled("nickname"),
            filled("email"),
            filled("author_url")
        ),
        [cycle.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let mut source_rows = 0;
    for_each_personal_row(conn, cycle.id, |_, _, cells, personal| {
        if personal
            .iter()
            .any(|&i| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
        {
            source_rows += 1;
        }
        Ok(())
    })?;
    let purged_at = conn.query_row(
        "SELECT max(at) FROM audit_log WHERE action = 'privacy.purge' AND target = ?1",
        [&triennium],
        |r| r.get(0),
    )?;
    Ok(CycleData {
        triennium,
        closed: cycle.is_closed(),
        suggestions,
        people,
        authors,
        nicknames,
        emails,
        author_urls,
        source_rows,
        purged_at,
    })
}

/// Calls `visit` with (suggestion id, stored row, its cells, the personal column indexes) for
/// every row as read of the cycle whose batch marked personal columns.
fn for_each_personal_row(
    conn: &Connection,
    cycle_id: i64,
    mut visit: impl FnMut(i64, &Stored, Vec<String>, &[usize]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT src.suggestion_id, src.row, b.personal_columns, coalesce(b.row_dictionary, X'')
         FROM suggestion_sources src
         JOIN suggestions s ON s.id = src.suggestion_id
         JOIN import_batches b ON b.id = src.batch_id
         WHERE s.cycle_id = ?1 AND b.personal_columns NOT IN ('', '[]')
         ORDER BY src.suggestion_id",
    )?;
    let mut rows = stmt.query([cycle_id])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let stored = Stored {
            row: r.get(1)?,
            dictionary: r.get(3)?,
        };
        let personal: String = r.get(2)?;
        let personal: Vec<usize> = serde_json::from_str(&personal).with_context(|| {
            format!("reading the personal columns of the row of suggestion #{id}")
        })?;
        let cells = decode(&stored);
        visit(id, &stored, cells, &personal)?;
    }
    Ok(())
}

/// A row as read, as stored, with the dictionary of its batch.
struct Stored {
    row: Value,
    dictionary: Vec<u8>,
}

/// The cells of a stored row: LZ4-compressed JSON (a BLOB), or plain JSON text in databases
/// written before rows were compressed.
fn decode(stored: &Stored) -> Vec<String> {
    match &stored.row {
        Value::Blob(bytes) => decode_row(bytes, &stored.dictionary),
        Value::Text(text) => serde_json::from_str(text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Stores cells the way the row was stored.
fn encode(like: &Stored, cells: &[String]) -> Value {
    match like.row {
        Value::Text(_) => Value::Text(serde_json::to_string(cells).unwrap_or_default()),
        _ => Value::Blob(encode_row(
            cells.iter().map(String::as_str),
            &like.dictionary,
        )),
    }
}

/// What a purge erased.
#[derive(Debug, Clone, Serialize)]
pub struct Purged {
    pub triennium: String,
    /// Rows of `suggestion_people` deleted.
    pub people: usize,
    /// Rows as read whose personal cells were blanked.
    pub source_rows: usize,
    /// False when another command was reading and the WAL could not be emptied.
    pub wal_emptied: bool,
}

/// Refuses a purge of a cycle still open: its people may still need an answer.
pub fn check_purgeable(cycle: &Cycle) -> Result<()> {
    if !cycle.is_closed() {
        return Err(refused(format!(
            "the cycle {} is still open: the personal data of its suggestions are purged only once it has closed",
            cycle.triennium
        ))
        .hint("close it with `agenda phase advance`, or name a closed cycle with --cycle YYYY-YYYY")
        .into());
    }
    Ok(())
}

/// Erases the personal data of a closed cycle, records it in the audit log, then rewrites the
/// database file and empties the WAL so that nothing of it is left on disk.
pub fn purge(db: &mut Db, cycle: &Cycle) -> Result<Purged> {
    check_purgeable(cycle)?;
    let triennium = cycle.triennium.to_string();
    // Deleted content is overwritten with zeros, in the WAL frames too.
    db.conn().pragma_update(None, "secure_delete", "ON")?;
    let (people, source_rows) = db.write(|tx| {
        let people = tx.execute(
            "DELETE FROM suggestion_people
             WHERE suggestion_id IN (SELECT id FROM suggestions WHERE cycle_id = ?1)",
            [cycle.id],
        )?;
        let mut blanked: Vec<(i64, Value)> = Vec::new();
        for_each_personal_row(tx, cycle.id, |id, stored, mut cells, personal| {
            let mut changed = false;
            for &i in personal {
                if let Some(cell) = cells.get_mut(i) {
                    if !cell.is_empty() {
                        cell.clear();
                        changed = true;
                    }
                }
            }
            if changed {
                blanked.push((id, encode(stored, &cells)));
            }
            Ok(())
        })?;
        let mut update =
            tx.prepare("UPDATE suggestion_sources SET row = ?2 WHERE suggestion_id = ?1")?;
        for (id, row) in &blanked {
            update.execute(params![id, row])?;
        }
        tx.audit(
            "privacy.purge",
            Some(&triennium),
            &format!(
                "erased the personal data of {people} suggestions (names, nicknames, e-mails, author urls) and blanked the personal cells of {} rows as read",
                blanked.len()
            ),
        )?;
        Ok((people, blanked.len()))
    })?;
    let wal_emptied = compact(db.conn())?;
    Ok(Purged {
        triennium,
        people,
        source_rows,
        wal_emptied,
    })
}

/// Rewrites the database without free pages, then copies the WAL into it and truncates it.
/// Returns false when a reader kept the WAL from being emptied.
pub fn compact(conn: &Connection) -> Result<bool> {
    conn.execute_batch("VACUUM")
        .context("rewriting the database file (VACUUM)")?;
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .context("emptying the WAL")?;
    Ok(busy == 0)
}
