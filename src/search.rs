//! Full-text search over suggestions (SQLite FTS5, accent-insensitive), and "similar"
//! suggestions to spot duplicates. The index and its queries are in [`crate::storage::search`];
//! here are the words: what a search looks for, which words of a text are distinctive, what a
//! terminal highlights.

use anyhow::Result;

use crate::storage::search::{self as store, Ranked};
use crate::storage::{Db, Handle};
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
    let latest = store::latest(db.conn())?;
    let synced = store::synced(db.conn())?;
    if latest.suggestion <= synced.suggestion && latest.batch <= synced.batch {
        return Ok(0);
    }
    db.write(|tx| store::reindex_since(tx, store::synced(tx)?))
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
            crate::error::usage(t!("app-search-no-words", query = query))
                .hint(t!("app-search-no-words-hint")),
        );
    }
    Ok(terms)
}

/// The distinctive words of a text (at least four letters, not a stopword nor a number, each
/// once, at most 30): what a similar suggestion shares.
pub fn distinctive_words(text: &str) -> Vec<String> {
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
    words
}

/// Suggestions most like one, best first.
pub fn similar(conn: &Handle, id: i64, cycle_id: Option<i64>, limit: usize) -> Result<Vec<Ranked>> {
    let words = distinctive_words(&store::similarity_text(conn, id)?);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    store::ranked_any(conn, &words, id, cycle_id, limit)
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
    fn distinctive_words_skip_stopwords() {
        assert_eq!(
            distinctive_words("Propongo corsi per gli anziani nella biblioteca"),
            ["corsi", "anziani", "biblioteca"]
        );
        assert!(distinctive_words("per la").is_empty());
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
