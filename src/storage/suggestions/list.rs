//! The lists of suggestions: by filter, oldest first, or by search, best first.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::{Axis, Term};

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
    /// Only suggestions accepted (accolto, parzialmente accolto, già previsto) with a card that
    /// is concluded (`Some(true)`) or not yet (`Some(false)`).
    pub delivered: Option<bool>,
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
    let sql = match search {
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
    let mut q = Query { sql, args };
    q.filter(f);
    let Query { mut sql, args } = q;
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

/// A query being written, and the values of its numbered parameters.
struct Query {
    sql: String,
    args: Vec<rusqlite::types::Value>,
}

impl Query {
    /// Appends `clause`, its `?` numbered as the parameter `v` becomes.
    fn arg(&mut self, clause: &str, v: rusqlite::types::Value) {
        self.args.push(v);
        self.sql
            .push_str(&clause.replace('?', &format!("?{}", self.args.len())));
    }

    /// Appends the conditions of the filter, but its limit.
    fn filter(&mut self, f: &Filter) {
        if let Some(c) = f.cycle_id {
            self.arg(" AND s.cycle_id = ?", c.into());
        }
        if let Some(a) = f.axis {
            self.arg(
                " AND EXISTS (SELECT 1 FROM suggestion_axes sa WHERE sa.suggestion_id = s.id AND sa.axis = ?)",
                a.code().to_string().into(),
            );
        }
        if f.untagged {
            self.sql.push_str(
                " AND NOT EXISTS (SELECT 1 FROM suggestion_axes sa WHERE sa.suggestion_id = s.id)",
            );
        }
        if f.unanswered {
            self.sql.push_str(" AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1)");
        }
        if let Some(st) = &f.source_state {
            if st.is_empty() || st == "none" {
                self.sql.push_str(" AND coalesce(s.source_state, '') = ''");
            } else {
                self.arg(" AND s.source_state = ?", st.clone().into());
            }
        }
        if let Some(st) = &f.stakeholder {
            self.arg(" AND s.stakeholder = ?", st.clone().into());
        }
        if let Some(o) = &f.outcome {
            self.arg(
                " AND EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1 AND r.outcome = ?)",
                o.clone().into(),
            );
        }
        if let Some(code) = &f.card {
            self.arg(
                " AND (EXISTS (SELECT 1 FROM suggestion_cards l JOIN cards c ON c.id = l.card_id WHERE l.suggestion_id = s.id AND c.code = ?)",
                code.clone().into(),
            );
            self.arg(
                " OR EXISTS (SELECT 1 FROM responses r JOIN cards c ON c.id = r.card_id WHERE r.suggestion_id = s.id AND r.current = 1 AND c.code = ?))",
                code.clone().into(),
            );
        }
        if let Some(delivered) = f.delivered {
            self.sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM responses r JOIN cards c ON c.id = r.card_id
                     WHERE r.suggestion_id = s.id AND r.current = 1
                       AND r.outcome IN ('accolto', 'parzialmente-accolto', 'gia-previsto')
                       AND c.status {} 'conclusa')",
                if delivered { "=" } else { "<>" }
            ));
        }
        if let Some(b) = f.batch {
            self.arg(" AND (s.batch_id = ? ", b.into());
            self.arg(" OR s.last_batch_id = ?)", b.into());
        }
        if let Some(ids) = &f.ids {
            let list = ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            self.sql.push_str(&format!(" AND s.id IN ({list})"));
        }
    }
}
