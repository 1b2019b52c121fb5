//! Personal data: what the database holds, cycle by cycle, and its purge once a cycle closes.
//!
//! Personal data live in two places only: `suggestion_people` (author name, nickname, e-mail,
//! author url, kept to contact people) and the personal cells of the rows as read, in
//! `suggestion_sources` (the columns each import batch marked in `personal_columns`). A purge
//! erases the first and blanks the second, then rewrites the file (VACUUM) and empties the WAL,
//! so that the erased values linger neither in free pages nor in old WAL frames.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
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
    /// The personal cells of the rows as read that are not blank, by the column they are in
    /// ("author/name", "Telefono", "Codice fiscale" …).
    pub source_cells: std::collections::BTreeMap<String, i64>,
    /// When the cycle's personal data were last purged (from the audit log).
    pub purged_at: Option<String>,
    /// Suggestions whose title or reason held personal data: published as `[omissis]`.
    pub redacted: Vec<crate::storage::redactions::Redaction>,
    /// A purge of this cycle was committed but the file not yet rewritten: erased values may
    /// still be in free pages or in the WAL until `privacy purge` or `check` completes it.
    pub purge_unfinished: bool,
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
    let mut source_cells = std::collections::BTreeMap::new();
    for_each_personal_row(conn, cycle.id, |_, stored, cells, personal| {
        let mut held = false;
        for &i in personal {
            if cells.get(i).is_some_and(|c| !c.trim().is_empty()) {
                held = true;
                let column = stored
                    .headers
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("column {}", i + 1));
                *source_cells.entry(column).or_insert(0) += 1;
            }
        }
        if held {
            source_rows += 1;
        }
        Ok(())
    })?;
    let purged_at = conn.query_row(
        "SELECT max(at) FROM audit_log WHERE action = 'privacy.purge' AND target = ?1",
        [&triennium],
        |r| r.get(0),
    )?;
    let purge_unfinished = unfinished(conn)?.is_some_and(|u| u.split(", ").any(|t| t == triennium));
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
        source_cells,
        purged_at,
        redacted: crate::storage::redactions::of_cycle(conn, cycle.id)?,
        purge_unfinished,
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
        "SELECT src.suggestion_id, src.row, b.personal_columns, coalesce(b.row_dictionary, X''),
                b.headers
         FROM suggestion_sources src
         JOIN suggestions s ON s.id = src.suggestion_id
         JOIN import_batches b ON b.id = src.batch_id
         WHERE s.cycle_id = ?1 AND b.personal_columns NOT IN ('', '[]')
         ORDER BY src.suggestion_id",
    )?;
    let mut rows = stmt.query([cycle_id])?;
    // The header of each batch, parsed once.
    let mut headers: std::collections::HashMap<String, std::rc::Rc<Vec<String>>> =
        std::collections::HashMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let header_json: String = r.get(4)?;
        let parsed = headers
            .entry(header_json.clone())
            .or_insert_with(|| {
                std::rc::Rc::new(serde_json::from_str(&header_json).unwrap_or_default())
            })
            .clone();
        let stored = Stored {
            row: r.get(1)?,
            dictionary: r.get(3)?,
            headers: parsed,
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
    headers: std::rc::Rc<Vec<String>>,
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
    /// False when another command kept reading for longer than `AGENDA_BUSY_TIMEOUT` and the
    /// WAL could not be emptied: the purge stays recorded as unfinished.
    pub wal_emptied: bool,
}

/// The setting that records a purge whose commit is done but whose rewrite of the file
/// (VACUUM, then emptying the WAL) is not: until it is, erased values may survive in free
/// pages or in old WAL frames.
const UNFINISHED: &str = "purge_unfinished";

/// The cycles whose purge is committed but not yet rewritten out of the file, if any.
pub fn unfinished(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [UNFINISHED],
            |r| r.get(0),
        )
        .optional()?)
}

/// Completes a purge left unfinished (killed during the VACUUM, or kept from emptying the WAL
/// by a reader); returns the cycles it was for, or `None` when there was nothing to complete.
pub fn complete_unfinished(db: &mut Db) -> Result<Option<String>> {
    let Some(cycles) = unfinished(db.conn())? else {
        return Ok(None);
    };
    db.conn().pragma_update(None, "secure_delete", "ON")?;
    if finish_rewrite(db)? {
        Ok(Some(cycles))
    } else {
        Err(crate::error::Failure::new(
            crate::error::Kind::Busy,
            format!(
                "the purge of {cycles} is still unfinished: another command kept reading {} for more than {} s",
                db.path().display(),
                crate::storage::busy_timeout().as_secs()
            ),
        )
        .hint("run `agenda privacy purge` or `agenda check` again when nobody else is using the database")
        .into())
    }
}

/// Rewrites the file and empties the WAL, waiting for readers; clears the unfinished mark when
/// done. Returns false when a reader outlasted the timeout.
fn finish_rewrite(db: &mut Db) -> Result<bool> {
    if !compact(db)? {
        return Ok(false);
    }
    db.conn()
        .execute("DELETE FROM settings WHERE key = ?1", [UNFINISHED])?;
    // That last write went to the WAL: empty it again (it holds nothing personal, but a
    // checkpointed, truncated WAL is what the purge promises).
    checkpoint_waiting(db.conn(), db.path())
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
        // Recorded with the erasure itself: if the command dies before the file is rewritten,
        // the next `privacy purge` or `check` finishes the job.
        let marked: Option<String> = unfinished(tx)?;
        let mark = match marked {
            Some(m) if m.split(", ").any(|t| t == triennium) => m,
            Some(m) => format!("{m}, {triennium}"),
            None => triennium.clone(),
        };
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![UNFINISHED, mark],
        )?;
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
    let wal_emptied = finish_rewrite(db)?;
    Ok(Purged {
        triennium,
        people,
        source_rows,
        wal_emptied,
    })
}

/// Rewrites the database without free pages, then copies the WAL into it and truncates it,
/// waiting for readers up to `AGENDA_BUSY_TIMEOUT`. Returns false when a reader outlasted it.
pub fn compact(db: &Db) -> Result<bool> {
    db.conn()
        .execute_batch("VACUUM")
        .context("rewriting the database file (VACUUM)")?;
    checkpoint_waiting(db.conn(), db.path())
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`, again and again while another connection is reading
/// (a checkpoint cannot pass a reader), saying once that it waits.
fn checkpoint_waiting(conn: &Connection, path: &std::path::Path) -> Result<bool> {
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        let busy: i64 = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .context("emptying the WAL")?;
        if busy == 0 {
            return Ok(true);
        }
        if started.elapsed() >= crate::storage::busy_timeout() {
            return Ok(false);
        }
        if !said {
            eprintln!(
                "waiting: another agenda command is reading {}; the purge empties the WAL when it has finished (at most {} s)",
                path.display(),
                crate::storage::busy_timeout().as_secs()
            );
            said = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
