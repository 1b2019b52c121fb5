//! Axes and links of suggestions as stored: who tagged what, which card a suggestion is linked
//! to; and the rule tags, written many to a statement for autotag.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::context;
use crate::domain::{Axis, Term};
use crate::storage::suggestions::display_ref;

/// The cycle a suggestion belongs to.
pub fn cycle_of(conn: &Connection, suggestion: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT cycle_id FROM suggestions WHERE id = ?1",
        [suggestion],
        |r| r.get(0),
    )?)
}

pub fn reference_of(conn: &Connection, suggestion: i64) -> Result<String> {
    Ok(conn.query_row(
        concat!("SELECT ", display_ref!(), " FROM suggestions WHERE id = ?1"),
        [suggestion],
        |r| r.get(0),
    )?)
}

/// Tags a suggestion; returns false when it already had the axis (the tag is left as it was).
pub fn add_axis(
    conn: &Connection,
    suggestion: i64,
    axis: &str,
    origin: &str,
    detail: Option<&str>,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            suggestion,
            axis,
            origin,
            detail,
            context::user(),
            context::timestamp()
        ])?;
    Ok(n == 1)
}

pub fn remove_axis(conn: &Connection, suggestion: i64, axis: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM suggestion_axes WHERE suggestion_id = ?1 AND axis = ?2")?
        .execute(params![suggestion, axis])?
        == 1)
}

pub fn add_link(conn: &Connection, suggestion: i64, card_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO suggestion_cards (suggestion_id, card_id, user, at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![suggestion, card_id, context::user(), context::timestamp()])?
        == 1)
}

pub fn remove_link(conn: &Connection, suggestion: i64, card_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM suggestion_cards WHERE suggestion_id = ?1 AND card_id = ?2")?
        .execute(params![suggestion, card_id])?
        == 1)
}

/// A suggestion linked to a card, as `card show` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedSuggestion {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub outcome: Option<String>,
}

/// The suggestions linked to a card, in every cycle, oldest first, with their response in force.
pub fn linked_to_card(conn: &Connection, code: &str) -> Result<Vec<LinkedSuggestion>> {
    let mut stmt = conn.prepare(
        concat!("SELECT ", display_ref!("s"), ", s.title, r.outcome
         FROM suggestion_cards l JOIN cards c ON c.id = l.card_id JOIN suggestions s ON s.id = l.suggestion_id
         LEFT JOIN responses r ON r.suggestion_id = s.id AND r.current = 1
         WHERE c.code = ?1 ORDER BY s.id"),
    )?;
    let rows = stmt.query_map([code], |r| {
        Ok(LinkedSuggestion {
            reference: r.get(0)?,
            title: r.get(1)?,
            outcome: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The closed cycle a suggestion belongs to: its triennium and the act that approved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedCycle {
    pub triennium: String,
    pub act: Option<String>,
}

/// The cycle of a suggestion when it is closed; `None` while it is open.
pub fn closed_cycle_of(conn: &Connection, suggestion: i64) -> Result<Option<ClosedCycle>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.triennium, c.act FROM suggestions s JOIN cycles c ON c.id = s.cycle_id
             WHERE s.id = ?1 AND c.closed_at IS NOT NULL",
        )?
        .query_row([suggestion], |r| {
            Ok(ClosedCycle {
                triennium: r.get(0)?,
                act: r.get(1)?,
            })
        })
        .optional()?)
}

/// An untagged suggestion, as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untagged {
    pub id: i64,
    #[doc = "The reference it is shown by."]
    pub reference: String,
    /// Its title and body, on two lines.
    pub text: String,
}

/// A read-only connection of its own to the database at `path`, in a transaction begun now: it
/// sees what was committed (or, in WAL mode, what the writer's open transaction had not yet
/// written) for as long as it lives. For a second thread to read while this one writes.
pub fn read_only_snapshot(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch("BEGIN")?;
    Ok(conn)
}

/// Calls `visit` with each untagged suggestion of the cycle, in the order of their numbers.
pub fn for_each_untagged(
    conn: &Connection,
    cycle_id: i64,
    mut visit: impl FnMut(Untagged) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.id, ",
        display_ref!("s"),
        ", s.title || char(10) || s.body FROM suggestions s
         WHERE s.cycle_id = ?1 AND NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)
         ORDER BY s.id"
    ))?;
    let mut rows = stmt.query([cycle_id])?;
    while let Some(row) = rows.next()? {
        visit(Untagged {
            id: row.get(0)?,
            reference: row.get(1)?,
            text: row.get(2)?,
        })?;
    }
    Ok(())
}

/// Writes rule tags many to a statement.
pub struct TagWriter<'c> {
    conn: &'c Connection,
    /// (suggestion, axis, the words that decided it).
    pending: Vec<(i64, Axis, String)>,
    user: String,
    now: String,
    /// The statement for a full group, built once.
    full_sql: String,
}

impl<'c> TagWriter<'c> {
    const BATCH: usize = 64;

    pub fn new(conn: &'c Connection) -> TagWriter<'c> {
        TagWriter {
            conn,
            pending: Vec::with_capacity(Self::BATCH),
            user: context::user(),
            now: context::timestamp(),
            full_sql: Self::sql(Self::BATCH),
        }
    }

    /// `INSERT` of `rows` tags: three parameters each, then the user and the time.
    fn sql(rows: usize) -> String {
        let mut sql = String::from(
            "INSERT OR IGNORE INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at) VALUES ",
        );
        let (user, at) = (rows * 3 + 1, rows * 3 + 2);
        for k in 0..rows {
            if k > 0 {
                sql.push_str(", ");
            }
            let b = k * 3;
            sql.push_str(&format!(
                "(?{}, ?{}, 'rule', ?{}, ?{user}, ?{at})",
                b + 1,
                b + 2,
                b + 3
            ));
        }
        sql
    }

    pub fn add(&mut self, id: i64, axis: Axis, words: &[String]) -> Result<()> {
        self.pending.push((id, axis, words.join(", ")));
        if self.pending.len() == Self::BATCH {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        let rows = self.pending.len();
        let mut values: Vec<ToSqlOutput> = Vec::with_capacity(rows * 3 + 2);
        for (id, axis, words) in &self.pending {
            values.push(ToSqlOutput::Owned(Value::Integer(*id)));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(
                axis.code().as_bytes(),
            )));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(words.as_bytes())));
        }
        values.push(ToSqlOutput::Borrowed(ValueRef::Text(self.user.as_bytes())));
        values.push(ToSqlOutput::Borrowed(ValueRef::Text(self.now.as_bytes())));
        let mut stmt = if rows == Self::BATCH {
            self.conn.prepare_cached(&self.full_sql)?
        } else {
            self.conn.prepare_cached(&Self::sql(rows))?
        };
        stmt.execute(rusqlite::params_from_iter(values.iter()))?;
        drop(stmt);
        drop(values);
        self.pending.clear();
        Ok(())
    }
}

/// A bare database of five suggestions, one already tagged and one of another cycle, in WAL
/// mode: for the tests of autotag's reading.
#[cfg(test)]
pub(crate) fn untagged_fixture(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE suggestions (id INTEGER PRIMARY KEY, cycle_id INTEGER, source_key TEXT,
             reference TEXT, title TEXT, body TEXT);
         CREATE TABLE suggestion_axes (suggestion_id INTEGER, axis TEXT);
         INSERT INTO suggestions VALUES
             (1, 1, 'fp:a', NULL, 'Corsi per anziani', 'In biblioteca'),
             (2, 1, 'PO-2', 'PO-2', 'Wi-Fi nei parchi', 'Anche la fibra'),
             (3, 1, 'PO-3', 'PO-3', 'Niente di utile', 'Davvero niente'),
             (4, 2, 'PO-4', 'PO-4', 'Corsi', 'Altro ciclo'),
             (5, 1, 'PO-5', 'PO-5', 'Corsi di SPID', 'Già taggato');
         INSERT INTO suggestion_axes VALUES (5, 'competenze');",
    )
    .unwrap();
    conn
}
