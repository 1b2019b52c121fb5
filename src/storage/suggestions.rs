//! Suggestions as staff read them: lists, searches, one suggestion whole, its personal data,
//! the import batches. The write side of imports is in `imports`.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::domain::process::{DatedAfter, SuggestionCounts, Unanswered, Untagged};

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

mod detail;
mod list;

pub use detail::{detail, AxisTag, Detail};
pub use list::{list, list_searched, Filter, Summary, SEARCH_WINDOW};

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
    pub file_type: String,
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
                b.read, b.inserted, b.updated, b.unchanged, b.rejected, b.user, b.at, b.file_type
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
                file_type: r.get(15)?,
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

/// Sets (or with `None` clears) the title a suggestion is published with; returns the title it
/// was published with before.
pub fn set_public_title(conn: &Connection, id: i64, title: Option<&str>) -> Result<String> {
    let before: String = conn.query_row(
        "SELECT coalesce(public_title, title) FROM suggestions WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    conn.execute(
        "UPDATE suggestions SET public_title = ?2 WHERE id = ?1",
        params![id, title],
    )?;
    Ok(before)
}
/// How many suggestions a cycle holds, from the index alone.
pub fn total(conn: &Connection, cycle_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM suggestions WHERE cycle_id = ?1",
        [cycle_id],
        |r| r.get(0),
    )?)
}

/// Suggestions of a cycle: how many, how many without an axis, without a response in force.
pub fn counts(conn: &Connection, cycle_id: i64) -> Result<SuggestionCounts> {
    Ok(conn.query_row(
        "SELECT count(*),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current))
         FROM suggestions s WHERE s.cycle_id = ?1",
        [cycle_id],
        |r| {
            Ok(SuggestionCounts {
                total: r.get(0)?,
                untagged: r.get(1)?,
                unanswered: r.get(2)?,
            })
        },
    )?)
}

/// How many suggestions of a cycle were submitted after the collection closed on `closed_on`
/// (the date of submission is the first ten characters of `submitted_at`).
pub fn late(conn: &Connection, cycle_id: i64, closed_on: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM suggestions
         WHERE cycle_id = ?1 AND submitted_at IS NOT NULL AND substr(submitted_at, 1, 10) > ?2",
        (cycle_id, closed_on),
        |r| r.get(0),
    )?)
}

/// What stands between a cycle and its final report (or its closing) on `date`: the
/// suggestions without a response, without an axis, dated after `date`, each with the first
/// `limit` references. The counts are taken once for the first two.
pub struct Pending {
    pub unanswered: Unanswered,
    pub untagged: Untagged,
    pub dated: DatedAfter,
}

pub fn pending(conn: &Connection, cycle_id: i64, date: &str, limit: usize) -> Result<Pending> {
    let counts = counts(conn, cycle_id)?;
    Ok(Pending {
        unanswered: unanswered(conn, cycle_id, &counts, limit)?,
        untagged: untagged(conn, cycle_id, &counts, limit)?,
        dated: dated_after(conn, cycle_id, date, limit)?,
    })
}

/// The suggestions of a cycle that have no response in force: how many, and the first
/// `limit` references in the order they were recorded.
fn unanswered(
    conn: &Connection,
    cycle_id: i64,
    counts: &SuggestionCounts,
    limit: usize,
) -> Result<Unanswered> {
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        display_ref!("s"),
        " FROM suggestions s
         WHERE s.cycle_id = ?1
           AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current)
         ORDER BY 1, s.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map((cycle_id, limit as i64), |r| r.get(0))?;
    Ok(Unanswered {
        count: counts.unanswered,
        of: counts.total,
        shown: rows.collect::<Result<_, _>>()?,
    })
}
/// The suggestions of a cycle that have no axis (withdrawn ones included): how many, and the
/// first `limit` references.
fn untagged(
    conn: &Connection,
    cycle_id: i64,
    counts: &SuggestionCounts,
    limit: usize,
) -> Result<Untagged> {
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        display_ref!("s"),
        " FROM suggestions s
         WHERE s.cycle_id = ?1
           AND NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)
         ORDER BY 1, s.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map((cycle_id, limit as i64), |r| r.get(0))?;
    Ok(Untagged {
        count: counts.untagged,
        of: counts.total,
        shown: rows.collect::<Result<_, _>>()?,
    })
}

/// The suggestions of a cycle submitted after `date` (`YYYY-MM-DD`; the day of submission is
/// the first ten characters of `submitted_at`, as for [`late`]): how many, the latest day, and
/// the first `limit` references. Suggestions without a date are not counted.
fn dated_after(conn: &Connection, cycle_id: i64, date: &str, limit: usize) -> Result<DatedAfter> {
    let (of, count, latest): (i64, i64, Option<String>) = conn.query_row(
        "SELECT count(*),
                count(*) FILTER (WHERE substr(submitted_at, 1, 10) > ?2),
                max(substr(submitted_at, 1, 10)) FILTER (WHERE substr(submitted_at, 1, 10) > ?2)
         FROM suggestions WHERE cycle_id = ?1",
        (cycle_id, date),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        display_ref!("s"),
        " FROM suggestions s
         WHERE s.cycle_id = ?1 AND substr(s.submitted_at, 1, 10) > ?2
         ORDER BY 1, s.id LIMIT ?3"
    ))?;
    let rows = stmt.query_map((cycle_id, date, limit as i64), |r| r.get(0))?;
    Ok(DatedAfter {
        count,
        of,
        date: date.to_string(),
        latest,
        shown: rows.collect::<Result<_, _>>()?,
    })
}

/// The title of a suggestion, as the source gave it.
pub fn title_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(
        conn.query_row("SELECT title FROM suggestions WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}
