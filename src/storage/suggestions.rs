//! Suggestions, their import batches, axes and personal data.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension, Statement};
use serde::Serialize;

use crate::context;
use crate::domain::{Axis, Term};
use crate::import::mapping::Incoming;

/// The SQL expression of the reference a suggestion is shown by: the platform's, or
/// `C-000037` (its number) for one that came without a reference of its own (its key is then
/// a fingerprint, which means nothing to a reader). `display_ref!("s")` for a table aliased
/// `s`, `display_ref!()` for unaliased columns; a literal, for `concat!`.
macro_rules! display_ref {
    () => {
        "coalesce(reference, CASE WHEN source_key LIKE 'fp:%' THEN 'C-' || printf('%06d', id) ELSE source_key END)"
    };
    ($alias:literal) => {
        concat!(
            "coalesce(", $alias, ".reference, CASE WHEN ", $alias, ".source_key LIKE 'fp:%' THEN 'C-' || printf('%06d', ",
            $alias, ".id) ELSE ", $alias, ".source_key END)"
        )
    };
}
pub(crate) use display_ref;

/// Encodes a row as read for `suggestion_sources.row`: a JSON array of its cells, compressed
/// with LZ4 against its batch's dictionary (see [`row_dictionary`]; empty for none). A row
/// alone compresses poorly (650 bytes of a Decidim row only to 620); against the first rows
/// of its file, whose URLs, structure and common words it shares, to about a fifth.
pub fn encode_row<'a>(cells: impl IntoIterator<Item = &'a str>, dictionary: &[u8]) -> Vec<u8> {
    thread_local! {
        // The JSON and the compressed block of the last row: buffers reused row after row,
        // so that a row costs one allocation, of its compressed size.
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const {
            std::cell::RefCell::new((Vec::new(), Vec::new()))
        };
    }
    BUFFERS.with_borrow_mut(|(json, block)| {
        json.clear();
        let cells: Vec<&str> = cells.into_iter().collect();
        if serde_json::to_writer(&mut *json, &cells).is_err() {
            json.clear();
        }
        let most = lz4_flex::block::get_maximum_output_size(json.len());
        if block.len() < most {
            block.resize(most, 0);
        }
        let written = if dictionary.is_empty() {
            lz4_flex::block::compress_into(json, &mut block[..most])
        } else {
            lz4_flex::block::compress_into_with_dict(json, &mut block[..most], dictionary)
        }
        .unwrap_or(0);
        // The layout of lz4_flex's `compress_prepend_size`: the length as u32 LE, the block.
        let mut stored = Vec::with_capacity(4 + written);
        stored.extend_from_slice(&(json.len() as u32).to_le_bytes());
        stored.extend_from_slice(&block[..written]);
        stored
    })
}

/// Decodes a row stored by [`encode_row`] with the same dictionary; an unreadable one gives
/// no cells.
pub fn decode_row(stored: &[u8], dictionary: &[u8]) -> Vec<String> {
    let json = if dictionary.is_empty() {
        lz4_flex::block::decompress_size_prepended(stored)
    } else {
        lz4_flex::block::decompress_size_prepended_with_dict(stored, dictionary)
    };
    json.ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or_default()
}

/// How large a batch's dictionary grows: LZ4 primes its tables with the whole dictionary for
/// every row, so a few KiB hold what rows share without costing more than they save.
const DICTIONARY_BYTES: usize = 4096;

/// The dictionary of a batch from the first rows of its file, with the personal cells
/// blanked (the dictionary is never purged, so it must hold no personal data).
pub fn row_dictionary<'a>(
    rows: impl IntoIterator<Item = &'a csv::StringRecord>,
    personal: &[usize],
) -> Vec<u8> {
    let mut dictionary = Vec::new();
    for record in rows {
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(i, c)| if personal.contains(&i) { "" } else { c })
            .collect();
        dictionary.extend(serde_json::to_vec(&cells).unwrap_or_default());
    }
    if dictionary.len() > DICTIONARY_BYTES {
        dictionary.drain(..dictionary.len() - DICTIONARY_BYTES);
    }
    dictionary
}

/// Records the dictionary the rows of a batch were compressed against.
pub fn set_row_dictionary(conn: &Connection, batch_id: i64, dictionary: &[u8]) -> Result<()> {
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

pub fn batch_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<PreviousBatch>> {
    Ok(conn
        .query_row(
            "SELECT b.id, b.file_name, b.at, c.triennium FROM import_batches b
             JOIN cycles c ON c.id = b.cycle_id WHERE b.sha256 = ?1 ORDER BY b.id LIMIT 1",
            [sha256],
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

pub struct NewBatch<'a> {
    pub cycle_id: i64,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub encoding: &'a str,
    pub delimiter: &'a str,
    pub format: &'a str,
    pub headers: &'a [String],
    pub personal_columns: &'a [usize],
}

/// What is wrong with a row whose key an earlier row of the file has (on line `earlier`).
pub fn duplicate_key(key: &str, earlier: Option<u64>) -> String {
    match earlier {
        Some(line) => format!(
            "the key \"{key}\" appears again (line {line} has it too): one suggestion per row"
        ),
        None => format!(
            "the key \"{key}\" appears again (an earlier row has it too): one suggestion per row"
        ),
    }
}

/// Whether an error is the table's unique key (cycle, source key) refusing a second row.
fn is_duplicate_key(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// Removes the suggestion a batch has just inserted from a line, with its row as read, its
/// personal data and its axes; returns how many suggestions it removed (0 or 1).
pub fn remove_new_row(conn: &Connection, batch_id: i64, line: u64) -> Result<usize> {
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
pub fn cycle_has_suggestions(conn: &Connection, cycle_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM suggestions WHERE cycle_id = ?1)",
        [cycle_id],
        |r| r.get(0),
    )?)
}

pub fn insert_batch(conn: &Connection, batch: &NewBatch) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_batches (cycle_id, file_name, sha256, size, encoding, delimiter, format,
             headers, personal_columns, user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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

pub fn finish_batch(conn: &Connection, batch_id: i64, counts: &Counts) -> Result<()> {
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

pub fn add_rejection(conn: &Connection, batch_id: i64, line: u64, reason: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO batch_rejections (batch_id, line, reason) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![batch_id, line as i64, reason])?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Inserted,
    Updated,
    Unchanged,
}

/// New suggestions are written this many at a time, with one multi-row INSERT per table: on
/// a million-row import the statements' own cost counts as much as the B-trees'.
const BATCH: usize = 32;

const INSERT_COLUMNS: &str = "id, cycle_id, source_key, format, reference, source_id, url, title, body, \
     stakeholder, channel, submitted_at, source_state, withdrawn, withdrawn_at, supports, endorsements, \
     comments, batch_id, line, last_batch_id, content_hash, created_at, updated_at";
const INSERT_PARAMS: usize = 22;

fn insert_sql(rows: usize) -> String {
    let mut sql = format!("INSERT INTO suggestions ({INSERT_COLUMNS}) VALUES ");
    for r in 0..rows {
        let b = r * INSERT_PARAMS;
        if r > 0 {
            sql.push_str(", ");
        }
        // batch_id is bound twice (first and last batch); created_at and updated_at too.
        sql.push_str(&format!(
            "(?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{}, ?{})",
            b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11, b + 12,
            b + 13, b + 14, b + 15, b + 16, b + 17, b + 18, b + 19, b + 20, b + 19, b + 21, b + 22, b + 22
        ));
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
pub struct Writer<'c> {
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
    /// Rows left out because an earlier row of the file has their key: (line, why).
    duplicates: Vec<(u64, String)>,
    /// The statements for a full group, built once (prepared statements are cached by text).
    insert_full: String,
    insert_sources_full: String,
    /// Rows written (or left alone), for the caller to free where they were made: the boxes
    /// as they came.
    #[allow(clippy::vec_box)]
    spent: Vec<Box<Incoming>>,
    format: &'static str,
    user: String,
    now: String,
}

impl<'c> Writer<'c> {
    pub fn new(
        conn: &'c Connection,
        cycle_id: i64,
        batch_id: i64,
        format: &'static str,
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
                     last_batch_id = ?16, content_hash = ?17, updated_at = ?18
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
            user: context::user(),
            now: context::timestamp(),
        })
    }

    /// Adds a new suggestion, updates one the source changed, or leaves an unchanged one alone.
    /// Axes, links and responses recorded locally are never touched. New suggestions are
    /// written in groups: call [`Writer::finish`] at the end.
    pub fn upsert(&mut self, s: Box<Incoming>) -> Result<Upserted> {
        let existing = if s.known_new {
            None
        } else {
            self.stored(&s.key)?
        };
        self.upsert_known(s, existing)
    }

    /// The id and content hash of the suggestion of the cycle with this key, if any.
    pub fn stored(&mut self, key: &str) -> Result<Option<(i64, i64)>> {
        Ok(self
            .lookup
            .query_row(params![self.cycle_id, key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Like [`Writer::upsert`], with what [`Writer::stored`] said of its key.
    pub fn upsert_known(
        &mut self,
        s: Box<Incoming>,
        existing: Option<(i64, i64)>,
    ) -> Result<Upserted> {
        let Some((id, hash)) = existing else {
            let id = self.next_id;
            self.next_id += 1;
            self.pending.push((id, s));
            if self.pending.len() == BATCH {
                self.flush()?;
            }
            return Ok(Upserted::Inserted);
        };
        if hash == s.content_hash {
            self.spent.push(s);
            return Ok(Upserted::Unchanged);
        }
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
        ])?;
        self.update_source
            .execute(params![id, self.batch_id, s.line as i64, s.original])?;
        self.extras(id, &s, true)?;
        self.spent.push(s);
        Ok(Upserted::Updated)
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

    /// The rows found since the last call to repeat the key of an earlier row: (line, why).
    /// They were not written.
    pub fn take_duplicates(&mut self) -> Vec<(u64, String)> {
        std::mem::take(&mut self.duplicates)
    }

    /// Writes the new suggestions waiting in the group. A row whose key an earlier row of
    /// the file already has breaks the table's unique key: the group is then written row by
    /// row, and that row left out and listed in [`Writer::take_duplicates`].
    pub fn flush(&mut self) -> Result<()> {
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
                        self.duplicates.push((
                            row.1.line,
                            duplicate_key(&row.1.key, earlier.map(|l| l as u64)),
                        ));
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
    pub fn take_spent(&mut self) -> Vec<Box<Incoming>> {
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
    pub fn finish(mut self) -> Result<()> {
        self.flush()
    }
}

/// A suggestion as lists and JSON show it.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub body: String,
    pub stakeholder: String,
    pub channel: String,
    pub submitted_at: Option<String>,
    pub axes: Vec<String>,
    pub source_state: Option<String>,
    pub withdrawn: bool,
    pub outcome: Option<String>,
    pub cards: Vec<String>,
    pub batch: i64,
    pub triennium: String,
}

#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub cycle_id: Option<i64>,
    pub axis: Option<Axis>,
    pub untagged: bool,
    pub unanswered: bool,
    pub source_state: Option<String>,
    pub stakeholder: Option<String>,
    pub outcome: Option<String>,
    pub card: Option<String>,
    pub batch: Option<i64>,
    pub ids: Option<Vec<i64>>,
    /// Full-text search terms (folded); results come ranked, best first.
    pub search: Option<Vec<String>>,
    pub limit: Option<usize>,
}

/// The columns of a [`Summary`], for suggestions `s` of cycles `y`.
const SUMMARY_SELECT: &str = concat!("SELECT s.id, ", display_ref!("s"), ", s.title, s.body, s.stakeholder,
        s.channel, s.submitted_at,
        (SELECT group_concat(a.axis, ',') FROM (SELECT sa.axis FROM suggestion_axes sa JOIN axes x ON x.code = sa.axis
            WHERE sa.suggestion_id = s.id ORDER BY x.position) a),
        s.source_state, s.withdrawn,
        (SELECT r.outcome FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1),
        (SELECT group_concat(c.code, ',') FROM (SELECT c.code FROM suggestion_cards l JOIN cards c ON c.id = l.card_id
            WHERE l.suggestion_id = s.id ORDER BY c.code) c),
        s.batch_id, y.triennium");

fn split(v: Option<String>) -> Vec<String> {
    v.map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

fn summary_from_row(r: &rusqlite::Row) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(0)?,
        reference: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        stakeholder: r.get(4)?,
        channel: r.get(5)?,
        submitted_at: r.get(6)?,
        axes: split(r.get(7)?),
        source_state: r.get(8)?,
        withdrawn: r.get(9)?,
        outcome: r.get(10)?,
        cards: split(r.get(11)?),
        batch: r.get(12)?,
        triennium: r.get(13)?,
    })
}

/// Suggestions matching a filter, oldest first; with a search, best first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Summary>> {
    Ok(list_searched(conn, f)?.0)
}

/// A search with `--limit` ranks at most this many matches, the most recent: past it, ranking
/// every match costs more than a person waits, and the best of 80,000 matches tell nothing the
/// best of the latest 10,000 do not.
pub const SEARCH_WINDOW: usize = 10_000;

/// Like [`list`]; with a search and a limit, also says whether the matches were so many that
/// only the [`SEARCH_WINDOW`] most recent were ranked.
///
/// A search finds first the suggestions holding every word as typed, then, when those are too
/// few, the ones where the words are only prefixes ("anzian" → anziani, anziane): the first
/// kind ranks above the second, and is fast whatever the size of the index.
pub fn list_searched(conn: &Connection, f: &Filter) -> Result<(Vec<Summary>, bool)> {
    let Some(terms) = &f.search else {
        return Ok((list_ranked(conn, f, None, None)?, false));
    };
    let mut found: Vec<Summary> = Vec::new();
    let mut windowed = false;
    // Every word as typed first; then the matches where some are only prefixes, which the
    // first pass did not find.
    let words = crate::search::match_words(terms);
    let prefixes = format!("({}) NOT ({words})", crate::search::match_all(terms));
    for query in [words, prefixes] {
        let need = match f.limit {
            Some(limit) if found.len() >= limit => break,
            Some(limit) => Some(limit - found.len()),
            None => None,
        };
        let window = match need {
            Some(_) => crate::search::window_start(conn, &query, SEARCH_WINDOW)?,
            None => None,
        };
        windowed |= window.is_some();
        let pass = Filter {
            limit: need,
            ..f.clone()
        };
        let search = Search {
            query: &query,
            window,
        };
        // With a limit, ask the index for the best few hundred matches only; when the other
        // filters leave too few of them, ask again for all.
        let mut more = match need {
            Some(need) => {
                let best = list_ranked(conn, &pass, Some(&search), Some(need * 4 + 200))?;
                if best.len() >= need {
                    best
                } else {
                    list_ranked(conn, &pass, Some(&search), None)?
                }
            }
            None => list_ranked(conn, &pass, Some(&search), None)?,
        };
        found.append(&mut more);
    }
    Ok((found, windowed))
}

/// One pass of a search: the FTS5 query, and the lowest rowid ranked.
struct Search<'a> {
    query: &'a str,
    window: Option<i64>,
}

fn list_ranked(
    conn: &Connection,
    f: &Filter,
    search: Option<&Search>,
    best: Option<usize>,
) -> Result<Vec<Summary>> {
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut sql = match search {
        Some(search) => {
            args.push(search.query.to_string().into());
            let window = search
                .window
                .map(|w| format!(" AND rowid >= {w}"))
                .unwrap_or_default();
            let best = best
                .map(|n| format!(" ORDER BY rank LIMIT {n}"))
                .unwrap_or_default();
            // The matches drive the query (CROSS JOIN keeps them the outer loop): a search
            // never walks the whole table.
            format!(
                "{SUMMARY_SELECT} FROM (SELECT rowid AS fid, bm25(suggestions_fts) AS rank FROM suggestions_fts
                 WHERE suggestions_fts MATCH ?1{window}{best}) f
                 CROSS JOIN suggestions s ON s.id = f.fid JOIN cycles y ON y.id = s.cycle_id WHERE 1 = 1"
            )
        }
        None => format!(
            "{SUMMARY_SELECT} FROM suggestions s JOIN cycles y ON y.id = s.cycle_id WHERE 1 = 1"
        ),
    };
    let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(c) = f.cycle_id {
        arg(&mut sql, " AND s.cycle_id = ?", c.into());
    }
    if let Some(a) = f.axis {
        arg(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM suggestion_axes sa WHERE sa.suggestion_id = s.id AND sa.axis = ?)",
            a.code().to_string().into(),
        );
    }
    if f.untagged {
        sql.push_str(
            " AND NOT EXISTS (SELECT 1 FROM suggestion_axes sa WHERE sa.suggestion_id = s.id)",
        );
    }
    if f.unanswered {
        sql.push_str(" AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1)");
    }
    if let Some(st) = &f.source_state {
        if st.is_empty() || st == "none" {
            sql.push_str(" AND coalesce(s.source_state, '') = ''");
        } else {
            arg(&mut sql, " AND s.source_state = ?", st.clone().into());
        }
    }
    if let Some(st) = &f.stakeholder {
        arg(&mut sql, " AND s.stakeholder = ?", st.clone().into());
    }
    if let Some(o) = &f.outcome {
        arg(
            &mut sql,
            " AND EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1 AND r.outcome = ?)",
            o.clone().into(),
        );
    }
    if let Some(code) = &f.card {
        arg(
            &mut sql,
            " AND (EXISTS (SELECT 1 FROM suggestion_cards l JOIN cards c ON c.id = l.card_id WHERE l.suggestion_id = s.id AND c.code = ?)",
            code.clone().into(),
        );
        arg(
            &mut sql,
            " OR EXISTS (SELECT 1 FROM responses r JOIN cards c ON c.id = r.card_id WHERE r.suggestion_id = s.id AND r.current = 1 AND c.code = ?))",
            code.clone().into(),
        );
    }
    if let Some(b) = f.batch {
        arg(&mut sql, " AND (s.batch_id = ? ", b.into());
        arg(&mut sql, " OR s.last_batch_id = ?)", b.into());
    }
    if let Some(ids) = &f.ids {
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        sql.push_str(&format!(" AND s.id IN ({list})"));
    }
    sql.push_str(if search.is_some() {
        " ORDER BY f.rank, s.id"
    } else {
        " ORDER BY s.id"
    });
    if let Some(limit) = f.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), summary_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Finds a suggestion by its number or its reference (in the given cycle when the reference
/// could repeat across cycles).
pub fn resolve(conn: &Connection, id_or_ref: &str, cycle_id: i64) -> Result<Option<i64>> {
    // A number, "#12", or "C-000012" (how suggestions without a reference of their own are shown).
    let trimmed = id_or_ref.trim();
    let number = trimmed
        .strip_prefix("C-")
        .unwrap_or(trimmed)
        .trim_start_matches('#');
    if let Ok(id) = number.parse::<i64>() {
        let found: Option<i64> = conn
            .query_row("SELECT id FROM suggestions WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    // An imported reference is also the row's key, so in the cycle at hand the unique index on
    // (cycle_id, source_key) finds it without reading the table: a response file of 30,000
    // rows would otherwise scan the table 30,000 times.
    let in_cycle: Option<i64> = conn
        .prepare_cached("SELECT id FROM suggestions WHERE cycle_id = ?2 AND source_key = ?1")?
        .query_row(params![id_or_ref.trim(), cycle_id], |r| r.get(0))
        .optional()?;
    if in_cycle.is_some() {
        return Ok(in_cycle);
    }
    Ok(conn
        .query_row(
            "SELECT id FROM suggestions WHERE (reference = ?1 OR source_key = ?1)
             ORDER BY cycle_id = ?2 DESC, id DESC LIMIT 1",
            params![id_or_ref.trim(), cycle_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Everything about one suggestion, for `suggestion show`.
#[derive(Debug, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub summary: Summary,
    pub url: Option<String>,
    pub source_id: Option<String>,
    pub withdrawn_at: Option<String>,
    pub supports: Option<i64>,
    pub endorsements: Option<i64>,
    pub comments: Option<i64>,
    pub file: String,
    pub line: i64,
    pub axes_detail: Vec<AxisTag>,
    pub original: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct AxisTag {
    pub axis: String,
    pub origin: String,
    pub detail: Option<String>,
    pub user: String,
    pub at: String,
}

#[allow(clippy::type_complexity)] // one row of eight columns, read once
pub fn detail(conn: &Connection, id: i64) -> Result<Option<Detail>> {
    let Some(summary) = list(
        conn,
        &Filter {
            ids: Some(vec![id]),
            ..Filter::default()
        },
    )?
    .into_iter()
    .next() else {
        return Ok(None);
    };
    let (url, source_id, withdrawn_at, supports, endorsements, comments, file, line): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        String,
        i64,
    ) = conn.query_row(
        "SELECT s.url, s.source_id, s.withdrawn_at, s.supports, s.endorsements, s.comments, b.file_name, s.line
         FROM suggestions s JOIN import_batches b ON b.id = s.batch_id WHERE s.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
    )?;
    let mut stmt = conn.prepare(
        "SELECT sa.axis, sa.origin, sa.detail, sa.user, sa.at FROM suggestion_axes sa JOIN axes x ON x.code = sa.axis
         WHERE sa.suggestion_id = ?1 ORDER BY x.position",
    )?;
    let axes_detail = stmt
        .query_map([id], |r| {
            Ok(AxisTag {
                axis: r.get(0)?,
                origin: r.get(1)?,
                detail: r.get(2)?,
                user: r.get(3)?,
                at: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let original: Option<(Vec<u8>, String, Vec<u8>)> = conn
        .query_row(
            "SELECT src.row, b.headers, coalesce(b.row_dictionary, X'') FROM suggestion_sources src
             JOIN import_batches b ON b.id = src.batch_id
             WHERE src.suggestion_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let original = match original {
        Some((row, headers, dictionary)) => {
            let row: Vec<String> = decode_row(&row, &dictionary);
            let headers: Vec<String> = serde_json::from_str(&headers).unwrap_or_default();
            let mut map = serde_json::Map::new();
            for (h, v) in headers.into_iter().zip(row) {
                map.insert(h, v.into());
            }
            serde_json::Value::Object(map)
        }
        None => serde_json::Value::Null,
    };
    Ok(Some(Detail {
        summary,
        url,
        source_id,
        withdrawn_at,
        supports,
        endorsements,
        comments,
        file,
        line,
        axes_detail,
        original,
    }))
}

/// Personal data of a suggestion: for staff who must contact its author, never published.
#[derive(Debug, Serialize, Default)]
pub struct People {
    pub author: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    pub author_url: Option<String>,
}

pub fn people(conn: &Connection, id: i64) -> Result<Option<People>> {
    Ok(conn
        .query_row(
            "SELECT author, nickname, email, author_url FROM suggestion_people WHERE suggestion_id = ?1",
            [id],
            |r| {
                Ok(People {
                    author: r.get(0)?,
                    nickname: r.get(1)?,
                    email: r.get(2)?,
                    author_url: r.get(3)?,
                })
            },
        )
        .optional()?)
}

#[derive(Debug, Serialize)]
pub struct Batch {
    pub id: i64,
    pub triennium: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub encoding: String,
    pub delimiter: String,
    pub format: String,
    pub read: i64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub user: String,
    pub at: String,
    pub rejections: Vec<Rejection>,
}

#[derive(Debug, Serialize)]
pub struct Rejection {
    pub line: i64,
    pub reason: String,
}

pub fn batches(conn: &Connection) -> Result<Vec<Batch>> {
    let mut stmt = conn.prepare(
        "SELECT b.id, c.triennium, b.file_name, b.sha256, b.size, b.encoding, b.delimiter, b.format,
                b.read, b.inserted, b.updated, b.unchanged, b.rejected, b.user, b.at
         FROM import_batches b JOIN cycles c ON c.id = b.cycle_id ORDER BY b.id",
    )?;
    let mut rejections = conn
        .prepare("SELECT line, reason FROM batch_rejections WHERE batch_id = ?1 ORDER BY line")?;
    let mut out: Vec<Batch> = stmt
        .query_map([], |r| {
            Ok(Batch {
                id: r.get(0)?,
                triennium: r.get(1)?,
                file_name: r.get(2)?,
                sha256: r.get(3)?,
                size: r.get(4)?,
                encoding: r.get(5)?,
                delimiter: r.get(6)?,
                format: r.get(7)?,
                read: r.get(8)?,
                inserted: r.get(9)?,
                updated: r.get(10)?,
                unchanged: r.get(11)?,
                rejected: r.get(12)?,
                user: r.get(13)?,
                at: r.get(14)?,
                rejections: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    for batch in &mut out {
        batch.rejections = rejections
            .query_map([batch.id], |r| {
                Ok(Rejection {
                    line: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_with_and_without_a_dictionary() {
        let header = csv::StringRecord::from(vec!["Mario Rossi", "Titolo", "Testo lungo"]);
        let first = csv::StringRecord::from(vec![
            "Anna Bianchi",
            "Wi-Fi nei parchi",
            "Serve il Wi-Fi nei parchi",
        ]);
        let dictionary = row_dictionary([&header, &first], &[0]);
        let text = String::from_utf8_lossy(&dictionary);
        assert!(text.contains("Wi-Fi nei parchi"));
        assert!(
            !text.contains("Rossi") && !text.contains("Bianchi"),
            "{text}"
        );
        let cells = [
            "Carla Verdi",
            "Wi-Fi nei parchi di Prato",
            "Serve il Wi-Fi nei parchi, anche la sera",
        ];
        for dict in [&dictionary[..], &[][..]] {
            let stored = encode_row(cells, dict);
            assert_eq!(decode_row(&stored, dict), cells);
        }
        // The dictionary makes the row smaller; a wrong one does not decode to the row.
        assert!(encode_row(cells, &dictionary).len() < encode_row(cells, &[]).len());
        assert_ne!(decode_row(&encode_row(cells, &dictionary), b"altro"), cells);
    }

    #[test]
    fn a_dictionary_keeps_its_last_four_kib() {
        let long = csv::StringRecord::from(vec!["x".repeat(3000)]);
        let dictionary = row_dictionary([&long, &long, &long], &[]);
        assert_eq!(dictionary.len(), DICTIONARY_BYTES);
    }
}
