//! Suggestions as staff read them: lists, searches, one suggestion whole, its personal data,
//! the import batches. The write side of imports is in `imports`.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::domain::process::{SuggestionCounts, Unanswered};
use crate::domain::row_codec::decode_row;
use crate::domain::{Axis, Term};

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
    let words = crate::storage::search::match_words(terms);
    let prefixes = format!(
        "({}) NOT ({words})",
        crate::storage::search::match_all(terms)
    );
    for query in [words, prefixes] {
        let need = match f.limit {
            Some(limit) if found.len() >= limit => break,
            Some(limit) => Some(limit - found.len()),
            None => None,
        };
        let window = match need {
            Some(_) => crate::storage::search::window_start(conn, &query, SEARCH_WINDOW)?,
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
    /// The title staff gave it for publication, in place of the source's.
    pub public_title: Option<String>,
    /// Decidim's component the proposal belongs to.
    pub component_id: Option<String>,
    /// A Decidim amendment, and the proposal it amends (URL or title, and the local reference
    /// when that proposal was imported too).
    pub is_amend: bool,
    pub amends: Option<String>,
    pub amends_ref: Option<String>,
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
    #[allow(clippy::type_complexity)]
    let (component_id, is_amend, amends, amends_ref, public_title): (
        Option<String>,
        bool,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        concat!(
            "SELECT s.component_id, s.is_amend, s.amends, CASE WHEN s.is_amend THEN (SELECT ",
            display_ref!("o"),
            " FROM suggestions o WHERE o.url = s.amends AND o.id <> s.id ORDER BY o.cycle_id = s.cycle_id DESC, o.id DESC LIMIT 1) END, s.public_title
             FROM suggestions s WHERE s.id = ?1"
        ),
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
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
        public_title,
        component_id,
        is_amend,
        amends,
        amends_ref,
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

/// The suggestions of a cycle that have no response in force: how many, and the first
/// `limit` references in the order they were recorded.
pub fn unanswered(conn: &Connection, cycle_id: i64, limit: usize) -> Result<Unanswered> {
    let counts = counts(conn, cycle_id)?;
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
/// The title of a suggestion, as the source gave it.
pub fn title_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(
        conn.query_row("SELECT title FROM suggestions WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}
