//! The full-text index (SQLite FTS5) and the queries on it. The index is not written by imports,
//! so that a million-row import stays fast: [`sync`] brings it up to date before a search.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use crate::storage::settings;

/// How far the index has got: the last suggestion and the last import batch it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indexed {
    pub suggestion: i64,
    pub batch: i64,
}

/// The last suggestion and batch in the database.
pub fn latest(conn: &Connection) -> Result<Indexed> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT max(id) FROM suggestions), 0), coalesce((SELECT max(id) FROM import_batches), 0)",
        [],
        |r| {
            Ok(Indexed {
                suggestion: r.get(0)?,
                batch: r.get(1)?,
            })
        },
    )?)
}

/// The last suggestion and batch the index holds.
pub fn synced(conn: &Connection) -> Result<Indexed> {
    let value = settings::get(conn, "fts_synced").ok().flatten();
    let mut parts = value.as_deref().unwrap_or("0 0").split(' ');
    let suggestion = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let batch = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    Ok(Indexed { suggestion, batch })
}

/// Indexes the suggestions added after `synced`, re-indexes those that later batches changed,
/// and marks the index as holding everything; returns how many it (re)indexed.
pub fn reindex_since(conn: &Connection, synced: Indexed) -> Result<u64> {
    conn.execute(
        "DELETE FROM suggestions_fts WHERE rowid IN
             (SELECT id FROM suggestions WHERE id <= ?1 AND last_batch_id > ?2)",
        params![synced.suggestion, synced.batch],
    )?;
    let n = conn.execute(
        "INSERT INTO suggestions_fts (rowid, title, body)
         SELECT id, title, body FROM suggestions
         WHERE id > ?1 OR last_batch_id > ?2",
        params![synced.suggestion, synced.batch],
    )?;
    let now = latest(conn)?;
    settings::set(
        conn,
        "fts_synced",
        &format!("{} {}", now.suggestion, now.batch),
    )?;
    Ok(n as u64)
}

/// An FTS5 query matching every word, each as a prefix (so "anzian" finds anziani and
/// anziane), with nothing the user typed read as FTS syntax.
pub fn match_all(terms: &[String]) -> String {
    quoted(terms, "*")
}

/// An FTS5 query matching every word as typed (folded), each a whole word.
pub fn match_words(terms: &[String]) -> String {
    quoted(terms, "")
}

/// Every term in double quotes (its own quotes dropped), followed by `suffix`.
fn quoted(terms: &[String], suffix: &str) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"{suffix}", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// When more than `window` suggestions match `query`, the lowest rowid of the `window` most
/// recent: a search ranks those only. None when they are fewer.
pub fn window_start(conn: &Connection, query: &str, window: usize) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH ?1
             ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            params![query, window as i64 - 1],
            |r| r.get(0),
        )
        .optional()?)
}

/// The text a suggestion is compared by: its title twice, then its body.
pub fn similarity_text(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row(
        "SELECT title || ' ' || title || ' ' || body FROM suggestions WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// A suggestion found like another, and how like (FTS5's rank, negated: higher is closer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub id: i64,
    pub score: f64,
}

/// The suggestions holding any of `words`, best first, but `id` itself; in `cycle_id` only
/// when given.
pub fn ranked_any(
    conn: &Connection,
    words: &[String],
    id: i64,
    cycle_id: Option<i64>,
    limit: usize,
) -> Result<Vec<Ranked>> {
    let query = words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, -f.rank FROM (SELECT rowid AS fid, rank FROM suggestions_fts WHERE suggestions_fts MATCH ?1
                ORDER BY rank LIMIT ?4) f
         JOIN suggestions s ON s.id = f.fid
         WHERE s.id != ?2 AND (?3 IS NULL OR s.cycle_id = ?3)
         ORDER BY f.rank LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        params![query, id, cycle_id, (limit * 20) as i64, limit as i64],
        |r| {
            Ok(Ranked {
                id: r.get(0)?,
                score: r.get(1)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_prefixes() {
        let terms = |q: &str| crate::search::terms(q);
        assert_eq!(
            match_all(&terms("Anziani, \"SPID\"")),
            "\"anziani\"* \"spid\"*"
        );
        assert_eq!(match_all(&terms("caffè")), "\"caffe\"*");
        assert_eq!(match_words(&terms("caffè")), "\"caffe\"");
    }
}
