//! The write side of imports: batches, the rows as read (compressed against each batch's
//! dictionary), and the [`Writer`] that inserts and updates suggestions many rows at a time.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension, Statement};
use serde::Serialize;

use crate::context;
use crate::domain::mapping::{duplicate_key, Incoming, Rejection};
use crate::domain::Term;

// The row codec lives with the domain; these paths are kept for the modules that name them.
use crate::domain::row_codec::decode_row;

/// The cells of a row as read, however it was stored: LZ4-compressed JSON (a BLOB, see
/// [`decode_row`]), or plain JSON text in databases written before rows were compressed.
pub fn decode_stored(row: &rusqlite::types::Value, dictionary: &[u8]) -> Vec<String> {
    match row {
        rusqlite::types::Value::Blob(bytes) => decode_row(bytes, dictionary),
        rusqlite::types::Value::Text(text) => serde_json::from_str(text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Records the dictionary the rows of a batch were compressed against.
pub(crate) fn set_row_dictionary(
    conn: &Connection,
    batch_id: i64,
    dictionary: &[u8],
) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET row_dictionary = ?2 WHERE id = ?1",
        params![batch_id, dictionary],
    )?;
    Ok(())
}

/// A file already imported, found by its SHA-256.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousBatch {
    pub id: i64,
    pub file_name: String,
    pub at: String,
    pub triennium: String,
}

/// The first batch that read these bytes (and, for a workbook, this sheet of them).
pub(crate) fn batch_by_sha256(
    conn: &Connection,
    sha256: &str,
    sheet: Option<&str>,
) -> Result<Option<PreviousBatch>> {
    Ok(conn
        .query_row(
            "SELECT b.id, b.file_name, b.at, c.triennium FROM import_batches b
             JOIN cycles c ON c.id = b.cycle_id WHERE b.sha256 = ?1 AND b.sheet IS ?2
             ORDER BY b.id LIMIT 1",
            params![sha256, sheet],
            |r| {
                Ok(PreviousBatch {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    at: r.get(2)?,
                    triennium: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(crate) struct NewBatch<'a> {
    pub cycle_id: i64,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub encoding: &'a str,
    pub delimiter: &'a str,
    pub format: &'a str,
    pub headers: &'a [String],
    pub personal_columns: &'a [usize],
    pub file_type: &'a str,
    pub sheet: Option<&'a str>,
}

/// Whether an error is the table's unique key (cycle, source key) refusing a second row.
fn is_duplicate_key(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// Removes the suggestion a batch has just inserted from a line, with its row as read, its
/// personal data and its axes; returns how many suggestions it removed (0 or 1).
pub(crate) fn remove_new_row(conn: &Connection, batch_id: i64, line: u64) -> Result<usize> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM suggestions WHERE batch_id = ?1 AND line = ?2")?
        .query_map(params![batch_id, line as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        for table in ["suggestion_sources", "suggestion_people", "suggestion_axes"] {
            conn.execute(
                &format!("DELETE FROM {table} WHERE suggestion_id = ?1"),
                [id],
            )?;
        }
        conn.execute("DELETE FROM suggestions WHERE id = ?1", [id])?;
    }
    Ok(ids.len())
}

/// Whether the cycle holds any suggestion yet.
pub(crate) fn cycle_has_suggestions(conn: &Connection, cycle_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM suggestions WHERE cycle_id = ?1)",
        [cycle_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn insert_batch(conn: &Connection, batch: &NewBatch) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_batches (cycle_id, file_name, sha256, size, encoding, delimiter, format,
             headers, personal_columns, user, at, file_type, sheet)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            batch.cycle_id,
            batch.file_name,
            batch.sha256,
            batch.size as i64,
            batch.encoding,
            batch.delimiter,
            batch.format,
            serde_json::to_string(batch.headers)?,
            serde_json::to_string(batch.personal_columns)?,
            context::user(),
            context::timestamp(),
            batch.file_type,
            batch.sheet,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
}

pub(crate) fn finish_batch(conn: &Connection, batch_id: i64, counts: &Counts) -> Result<()> {
    conn.execute(
        "UPDATE import_batches SET read = ?1, inserted = ?2, updated = ?3, unchanged = ?4, rejected = ?5
         WHERE id = ?6",
        params![
            counts.read as i64,
            counts.inserted as i64,
            counts.updated as i64,
            counts.unchanged as i64,
            counts.rejected as i64,
            batch_id
        ],
    )?;
    Ok(())
}

pub(crate) fn add_rejection(
    conn: &Connection,
    batch_id: i64,
    line: u64,
    reason: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO batch_rejections (batch_id, line, reason) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![batch_id, line as i64, reason])?;
    Ok(())
}

/// The suggestion of a cycle that has a key, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stored {
    pub id: i64,
    /// The fingerprint of the row it was last read from (see `Mapping::raw_hash`).
    pub fingerprint: i64,
}

/// New suggestions are written this many at a time, with one multi-row INSERT per table: on
/// a million-row import the statements' own cost counts as much as the B-trees'.
const BATCH: usize = 32;

const INSERT_COLUMNS: &str = "id, cycle_id, source_key, format, reference, source_id, url, title, body, \
     stakeholder, channel, submitted_at, source_state, withdrawn, withdrawn_at, supports, endorsements, \
     comments, batch_id, line, last_batch_id, content_hash, created_at, updated_at, component_id, is_amend, amends";
const INSERT_PARAMS: usize = 25;

fn insert_sql(rows: usize) -> String {
    let mut sql = format!("INSERT INTO suggestions ({INSERT_COLUMNS}) VALUES ");
    for r in 0..rows {
        let b = r * INSERT_PARAMS;
        if r > 0 {
            sql.push_str(", ");
        }
        // batch_id is bound twice (first and last batch); created_at and updated_at too.
        let order = (1..=20)
            .chain([19, 21, 22, 22, 23, 24, 25])
            .map(|p| format!("?{}", b + p))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push('(');
        sql.push_str(&order);
        sql.push(')');
    }
    sql
}

fn insert_source_sql(rows: usize) -> String {
    let mut sql =
        String::from("INSERT INTO suggestion_sources (suggestion_id, batch_id, line, row) VALUES ");
    for r in 0..rows {
        let b = r * 4;
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("(?{}, ?{}, ?{}, ?{})", b + 1, b + 2, b + 3, b + 4));
    }
    sql
}

/// The statements of an import, prepared once for the whole file.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    lookup: Statement<'c>,
    update: Statement<'c>,
    update_source: Statement<'c>,
    upsert_people: Statement<'c>,
    delete_people: Statement<'c>,
    add_axis: Statement<'c>,
    cycle_id: i64,
    batch_id: i64,
    next_id: i64,
    /// New suggestions waiting for a multi-row INSERT, with the ids given to them.
    pending: Vec<(i64, Box<Incoming>)>,
    /// Rows left out because an earlier row of the file has their key.
    duplicates: Vec<Rejection>,
    /// The statements for a full group, built once (prepared statements are cached by text).
    insert_full: String,
    insert_sources_full: String,
    /// Rows written (or left alone), for the caller to free where they were made: the boxes
    /// as they came.
    #[allow(clippy::vec_box)]
    spent: Vec<Box<Incoming>>,
    format: &'static str,
    /// How the file counts its rows, for messages.
    locator: crate::csvin::Locator,
    user: String,
    now: String,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(
        conn: &'c Connection,
        cycle_id: i64,
        batch_id: i64,
        format: &'static str,
        locator: crate::csvin::Locator,
    ) -> Result<Writer<'c>> {
        let next_id: i64 = conn.query_row(
            "SELECT coalesce(max(id), 0) + 1 FROM suggestions",
            [],
            |r| r.get(0),
        )?;
        Ok(Writer {
            conn,
            lookup: conn.prepare(
                "SELECT id, content_hash FROM suggestions WHERE cycle_id = ?1 AND source_key = ?2",
            )?,
            update: conn.prepare(
                "UPDATE suggestions SET reference = ?2, source_id = ?3, url = ?4, title = ?5, body = ?6,
                     stakeholder = ?7, channel = ?8, submitted_at = ?9, source_state = ?10, withdrawn = ?11,
                     withdrawn_at = ?12, supports = ?13, endorsements = ?14, comments = ?15,
                     last_batch_id = ?16, content_hash = ?17, updated_at = ?18, component_id = ?19,
                     is_amend = ?20, amends = ?21
                 WHERE id = ?1",
            )?,
            update_source: conn.prepare(
                "UPDATE suggestion_sources SET batch_id = ?2, line = ?3, row = ?4 WHERE suggestion_id = ?1",
            )?,
            upsert_people: conn.prepare(
                "INSERT INTO suggestion_people (suggestion_id, author, nickname, email, author_url)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (suggestion_id) DO UPDATE SET author = excluded.author,
                     nickname = excluded.nickname, email = excluded.email, author_url = excluded.author_url",
            )?,
            delete_people: conn.prepare("DELETE FROM suggestion_people WHERE suggestion_id = ?1")?,
            add_axis: conn.prepare(
                "INSERT OR IGNORE INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at)
                 VALUES (?1, ?2, 'source', NULL, ?3, ?4)",
            )?,
            cycle_id,
            batch_id,
            next_id,
            pending: Vec::with_capacity(BATCH),
            duplicates: Vec::new(),
            spent: Vec::new(),
            insert_full: insert_sql(BATCH),
            insert_sources_full: insert_source_sql(BATCH),
            format,
            locator,
            user: context::user(),
            now: context::timestamp(),
        })
    }

    /// The suggestion of the cycle with this key, if any.
    pub(crate) fn stored(&mut self, key: &str) -> Result<Option<Stored>> {
        Ok(self
            .lookup
            .query_row(params![self.cycle_id, key], |r| {
                Ok(Stored {
                    id: r.get(0)?,
                    fingerprint: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Adds a new suggestion. New suggestions are written in groups: call [`Writer::finish`]
    /// at the end.
    pub(crate) fn insert(&mut self, s: Box<Incoming>) -> Result<()> {
        let id = self.next_id;
        self.next_id += 1;
        self.pending.push((id, s));
        if self.pending.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Leaves a row alone: it is only to be freed where it was made (see
    /// [`Writer::take_spent`]).
    pub(crate) fn leave(&mut self, s: Box<Incoming>) {
        self.spent.push(s);
    }

    /// Updates the stored suggestion `id` with what the source says now. Axes, links and
    /// responses recorded locally are never touched.
    pub(crate) fn update(&mut self, id: i64, s: Box<Incoming>) -> Result<()> {
        self.update.execute(params![
            id,
            s.reference,
            s.source_id,
            s.url,
            s.title,
            s.body,
            s.stakeholder.code(),
            s.channel.code(),
            s.submitted_at,
            s.source_state,
            s.withdrawn,
            s.withdrawn_at,
            s.supports,
            s.endorsements,
            s.comments,
            self.batch_id,
            s.content_hash,
            self.now,
            s.component_id,
            s.is_amend,
            s.amends,
        ])?;
        self.update_source
            .execute(params![id, self.batch_id, s.line as i64, s.original])?;
        self.extras(id, &s, true)?;
        self.spent.push(s);
        Ok(())
    }

    /// Personal data and the source's axes of a suggestion just written.
    fn extras(&mut self, id: i64, s: &Incoming, existed: bool) -> Result<()> {
        if s.has_personal_data() {
            self.upsert_people
                .execute(params![id, s.author, s.nickname, s.email, s.author_url])?;
        } else if existed {
            self.delete_people.execute([id])?;
        }
        for axis in &s.axes {
            self.add_axis
                .execute(params![id, axis.code(), self.user, self.now])?;
        }
        Ok(())
    }

    /// The rows found since the last call to repeat the key of an earlier row. They were not
    /// written.
    pub(crate) fn take_duplicates(&mut self) -> Vec<Rejection> {
        std::mem::take(&mut self.duplicates)
    }

    /// Writes the new suggestions waiting in the group. A row whose key an earlier row of
    /// the file already has breaks the table's unique key: the group is then written row by
    /// row, and that row left out and listed in [`Writer::take_duplicates`].
    pub(crate) fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.pending);
        if let Err(e) = self.insert_suggestions(&pending) {
            if !is_duplicate_key(&e) {
                return Err(e.into());
            }
            let mut kept = Vec::with_capacity(pending.len());
            for row in pending {
                match self.insert_suggestions(std::slice::from_ref(&row)) {
                    Ok(()) => kept.push(row),
                    Err(e) if is_duplicate_key(&e) => {
                        let earlier: Option<i64> = self
                            .conn
                            .query_row(
                                "SELECT line FROM suggestions WHERE cycle_id = ?1 AND source_key = ?2",
                                params![self.cycle_id, row.1.key],
                                |r| r.get(0),
                            )
                            .optional()?;
                        self.duplicates.push(Rejection {
                            line: row.1.line,
                            reason: duplicate_key(
                                &row.1.key,
                                earlier.map(|l| self.locator.describe(l as u64)),
                            ),
                        });
                        self.spent.push(row.1);
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            pending = kept;
        }
        self.insert_sources(&pending)?;
        for (id, s) in &pending {
            self.extras(*id, s, false)?;
        }
        self.spent.extend(pending.into_iter().map(|(_, s)| s));
        Ok(())
    }

    /// The rows written or left alone since the last call.
    #[allow(clippy::vec_box)]
    pub(crate) fn take_spent(&mut self) -> Vec<Box<Incoming>> {
        std::mem::take(&mut self.spent)
    }

    /// One multi-row INSERT of suggestions.
    fn insert_suggestions(&self, pending: &[(i64, Box<Incoming>)]) -> rusqlite::Result<()> {
        let rows = pending.len();
        let mut values: Vec<rusqlite::types::ToSqlOutput> =
            Vec::with_capacity(rows * INSERT_PARAMS);
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        fn text(v: &Option<String>) -> ToSqlOutput<'_> {
            match v {
                Some(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
                None => ToSqlOutput::Owned(Value::Null),
            }
        }
        fn int(v: Option<i64>) -> ToSqlOutput<'static> {
            ToSqlOutput::Owned(v.map(Value::Integer).unwrap_or(Value::Null))
        }
        for (id, s) in pending {
            values.push(int(Some(*id)));
            values.push(int(Some(self.cycle_id)));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(s.key.as_bytes())));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(
                self.format.as_bytes(),
            )));
            values.push(text(&s.reference));
            values.push(text(&s.source_id));
            values.push(text(&s.url));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(s.title.as_bytes())));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(s.body.as_bytes())));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(
                s.stakeholder.code().as_bytes(),
            )));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(
                s.channel.code().as_bytes(),
            )));
            values.push(text(&s.submitted_at));
            values.push(text(&s.source_state));
            values.push(int(Some(s.withdrawn as i64)));
            values.push(text(&s.withdrawn_at));
            values.push(int(s.supports));
            values.push(int(s.endorsements));
            values.push(int(s.comments));
            values.push(int(Some(self.batch_id)));
            values.push(int(Some(s.line as i64)));
            values.push(int(Some(s.content_hash)));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(self.now.as_bytes())));
            values.push(text(&s.component_id));
            values.push(int(Some(s.is_amend as i64)));
            values.push(text(&s.amends));
        }
        let mut insert = if rows == BATCH {
            self.conn.prepare_cached(&self.insert_full)?
        } else {
            self.conn.prepare_cached(&insert_sql(rows))?
        };
        insert.execute(rusqlite::params_from_iter(values.iter()))?;
        Ok(())
    }

    /// The rows as read of suggestions just inserted.
    fn insert_sources(&self, pending: &[(i64, Box<Incoming>)]) -> rusqlite::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let rows = pending.len();
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        let int = |v: i64| ToSqlOutput::Owned(Value::Integer(v));
        let mut sources: Vec<ToSqlOutput> = Vec::with_capacity(rows * 4);
        for (id, s) in pending {
            sources.push(int(*id));
            sources.push(int(self.batch_id));
            sources.push(int(s.line as i64));
            sources.push(ToSqlOutput::Borrowed(ValueRef::Blob(&s.original)));
        }
        let mut insert = if rows == BATCH {
            self.conn.prepare_cached(&self.insert_sources_full)?
        } else {
            self.conn.prepare_cached(&insert_source_sql(rows))?
        };
        insert.execute(rusqlite::params_from_iter(sources.iter()))?;
        Ok(())
    }

    /// Writes what is still waiting; call it once at the end of a file.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.flush()
    }
}
