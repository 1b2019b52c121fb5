//! Full-text search over suggestions (SQLite FTS5, accent-insensitive), and "similar"
//! suggestions to spot duplicates.
//!
//! The index is not written by imports, so that a million-row import stays fast: it is brought
//! up to date before each search, indexing the suggestions added since the last search and
//! re-indexing those that later imports changed.

use anyhow::Result;
use rusqlite::{params, Connection};

use crate::storage::Db;
use crate::text::fold;

/// Words too common in Italian to say anything about a suggestion.
const STOPWORDS: &[&str] = &[
    "alla", "alle", "allo", "anche", "come", "con", "cosi", "dalla", "dalle", "degli", "dei",
    "del", "della", "delle", "dello", "essere", "fare", "gli", "hanno", "il", "in", "la", "le",
    "loro", "molto", "nei", "nel", "nella", "nelle", "non", "per", "piu", "poi", "quando", "quale",
    "quali", "quella", "quelle", "quello", "questa", "queste", "questi", "questo", "sarebbe",
    "sono", "sulla", "sulle", "tra", "tutti", "tutte", "una", "uno", "utile", "viene", "dove",
    "ogni", "sempre", "solo", "ancora", "propongo", "proposta", "chiedo", "vorrei", "potrebbe",
    "comune", "prato", "della", "degli", "perche", "senza", "dopo", "prima", "essere", "stato",
];

/// Brings the index up to date; returns how many suggestions it (re)indexed.
pub fn sync(db: &mut Db) -> Result<u64> {
    let (max_id, max_batch): (i64, i64) = db.conn().query_row(
        "SELECT coalesce((SELECT max(id) FROM suggestions), 0), coalesce((SELECT max(id) FROM import_batches), 0)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (synced_id, synced_batch) = synced(db.conn())?;
    if max_id <= synced_id && max_batch <= synced_batch {
        return Ok(0);
    }
    db.write(|tx| {
        let (synced_id, synced_batch) = synced(tx)?;
        tx.execute(
            "DELETE FROM suggestions_fts WHERE rowid IN
                 (SELECT id FROM suggestions WHERE id <= ?1 AND last_batch_id > ?2)",
            params![synced_id, synced_batch],
        )?;
        let n = tx.execute(
            "INSERT INTO suggestions_fts (rowid, title, body)
             SELECT id, title, body FROM suggestions
             WHERE id > ?1 OR last_batch_id > ?2",
            params![synced_id, synced_batch],
        )?;
        let (max_id, max_batch): (i64, i64) = tx.query_row(
            "SELECT coalesce((SELECT max(id) FROM suggestions), 0), coalesce((SELECT max(id) FROM import_batches), 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('fts_synced', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [format!("{max_id} {max_batch}")],
        )?;
        Ok(n as u64)
    })
}

fn synced(conn: &Connection) -> Result<(i64, i64)> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'fts_synced'",
            [],
            |r| r.get(0),
        )
        .ok();
    let mut parts = value.as_deref().unwrap_or("0 0").split(' ');
    let id = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let batch = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    Ok((id, batch))
}

/// The words of a search, folded: what the index matches and what a terminal highlights.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

/// The words of a search, or a usage error when it holds none (only quotes, stars, emoji):
/// there is nothing to look for, and an empty full-text query is a syntax error.
pub fn checked_terms(query: &str) -> Result<Vec<String>, crate::error::Failure> {
    let terms = terms(query);
    if terms.is_empty() {
        return Err(
            crate::error::usage(format!("--search \"{query}\" holds no word to look for"))
                .hint("search with words, e.g. --search \"anziani spid\""),
        );
    }
    Ok(terms)
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
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH ?1
             ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
            params![query, window as i64 - 1],
            |r| r.get(0),
        )
        .optional()?)
}

/// An FTS5 query matching any of the distinctive words of a text: for similar suggestions.
pub fn match_any_distinctive(text: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for w in fold(text).split(' ') {
        if w.chars().count() >= 4
            && !STOPWORDS.contains(&w)
            && !w.chars().all(|c| c.is_ascii_digit())
            && !words.iter().any(|x| x == w)
        {
            words.push(w.to_string());
        }
        if words.len() == 30 {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR "),
    )
}

/// Suggestions most like one, best first: (id, score).
pub fn similar(
    conn: &Connection,
    id: i64,
    cycle_id: Option<i64>,
    limit: usize,
) -> Result<Vec<(i64, f64)>> {
    let text: String = conn.query_row(
        "SELECT title || ' ' || title || ' ' || body FROM suggestions WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let Some(query) = match_any_distinctive(&text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, -f.rank FROM (SELECT rowid AS fid, rank FROM suggestions_fts WHERE suggestions_fts MATCH ?1
                ORDER BY rank LIMIT ?4) f
         JOIN suggestions s ON s.id = f.fid
         WHERE s.id != ?2 AND (?3 IS NULL OR s.cycle_id = ?3)
         ORDER BY f.rank LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        params![query, id, cycle_id, (limit * 20) as i64, limit as i64],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks the words of `text` that a search matched, for a terminal.
pub fn highlight(text: &str, terms: &[String], on: &str, off: &str) -> String {
    if terms.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let folded = fold(word);
            if terms.iter().any(|t| folded.starts_with(t.as_str())) {
                out.push_str(on);
                out.push_str(word);
                out.push_str(off);
            } else {
                out.push_str(word);
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_prefixes() {
        assert_eq!(
            match_all(&terms("Anziani, \"SPID\"")),
            "\"anziani\"* \"spid\"*"
        );
        assert_eq!(match_all(&terms("caffè")), "\"caffe\"*");
    }

    #[test]
    fn distinctive_words_skip_stopwords() {
        let q = match_any_distinctive("Propongo corsi per gli anziani nella biblioteca").unwrap();
        assert_eq!(q, "\"corsi\" OR \"anziani\" OR \"biblioteca\"");
        assert!(match_any_distinctive("per la").is_none());
    }

    #[test]
    fn highlights_matching_words() {
        assert_eq!(
            highlight(
                "Corsi per Anziani, più corsi",
                &terms("anzian corsi"),
                "[",
                "]"
            ),
            "[Corsi] per [Anziani], più [corsi]"
        );
    }
}
