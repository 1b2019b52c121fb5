//! SQL of the way back to Decidim: the suggestions whose responses can go to the platform, and
//! the record of every file of answers written for it.

use anyhow::Result;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::context;

/// A suggestion that came from Decidim, with what decides whether its answer can go back.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub suggestion_id: i64,
    /// Decidim's numeric id of the proposal.
    pub proposal_id: String,
    pub component_id: Option<String>,
    pub is_amend: bool,
    pub withdrawn: bool,
    /// The response in force, when there is one.
    pub response: Option<ResponseInForce>,
    /// What the last export of this component sent for it.
    pub last_sent: Option<Sent>,
    /// The names its personal fields hold (author, nickname): never in a published answer.
    pub names: Vec<String>,
}

/// What an export sent for a proposal: the export's number and the answer's SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub export: i64,
    pub answer_sha256: String,
}

#[derive(Debug, Clone)]
pub struct ResponseInForce {
    pub id: i64,
    pub outcome: String,
    pub reason: String,
    pub card: Option<CardNamed>,
    pub duplicate_of: Option<String>,
}

/// The card a response names: its code and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardNamed {
    pub code: String,
    pub title: String,
}

/// Every suggestion of the cycle that came from Decidim with an id, in the order of the ids.
pub fn candidates(conn: &Connection, cycle_id: i64) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.id, s.source_id, s.component_id, s.is_amend, s.withdrawn,
                r.id, r.outcome, r.reason, c.code, c.title, ",
        crate::storage::suggestions::display_ref!("d"),
        ",
                (SELECT e.id || ' ' || er.answer_sha256
                   FROM answer_export_rows er JOIN answer_exports e ON e.id = er.export_id
                  WHERE er.suggestion_id = s.id AND e.component_id = s.component_id
                  ORDER BY e.id DESC LIMIT 1),
                p.author, p.nickname
         FROM suggestions s
         LEFT JOIN suggestion_people p ON p.suggestion_id = s.id
         LEFT JOIN responses r ON r.suggestion_id = s.id AND r.current = 1
         LEFT JOIN cards c ON c.id = r.card_id
         LEFT JOIN suggestions d ON d.id = r.duplicate_of
         WHERE s.cycle_id = ?1 AND s.format = 'decidim' AND s.source_id IS NOT NULL
         ORDER BY length(s.source_id), s.source_id"
    ))?;
    let rows = stmt.query_map([cycle_id], |r| {
        let response = match r.get::<_, Option<i64>>(5)? {
            Some(id) => Some(ResponseInForce {
                id,
                outcome: r.get(6)?,
                reason: r.get(7)?,
                card: match (
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ) {
                    (Some(code), Some(title)) => Some(CardNamed { code, title }),
                    _ => None,
                },
                duplicate_of: r.get(10)?,
            }),
            None => None,
        };
        let last_sent = r.get::<_, Option<String>>(11)?.and_then(|v| {
            let (export, sha) = v.split_once(' ')?;
            Some(Sent {
                export: export.parse().ok()?,
                answer_sha256: sha.to_string(),
            })
        });
        Ok(Candidate {
            suggestion_id: r.get(0)?,
            proposal_id: r.get(1)?,
            component_id: r.get(2)?,
            is_amend: r.get(3)?,
            withdrawn: r.get(4)?,
            response,
            last_sent,
            names: [r.get::<_, Option<String>>(12)?, r.get(13)?]
                .into_iter()
                .flatten()
                .collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One row of a file of answers, as recorded.
pub struct SentRow<'a> {
    pub suggestion_id: i64,
    pub response_id: i64,
    pub state: &'a str,
    pub answer_sha256: &'a str,
}

pub struct NewExport<'a> {
    pub cycle_id: i64,
    pub component_id: &'a str,
    pub file: Option<&'a str>,
    pub sha256: &'a str,
    pub every_response: bool,
    pub locale: &'a str,
    pub rows: &'a [SentRow<'a>],
}

/// Records a file of answers and what it carried; returns its number.
pub fn record_export(conn: &Connection, export: &NewExport) -> Result<i64> {
    conn.execute(
        "INSERT INTO answer_exports (cycle_id, component_id, file, sha256, rows, every_response, locale, user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            export.cycle_id,
            export.component_id,
            export.file,
            export.sha256,
            export.rows.len() as i64,
            export.every_response,
            export.locale,
            context::user(),
            context::timestamp(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn.prepare(
        "INSERT INTO answer_export_rows (export_id, suggestion_id, response_id, state, answer_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for row in export.rows {
        insert.execute(params![
            id,
            row.suggestion_id,
            row.response_id,
            row.state,
            row.answer_sha256
        ])?;
    }
    Ok(id)
}

/// A file of answers written before, for `export-answers --history`.
#[derive(Debug, Serialize)]
pub struct Export {
    pub id: i64,
    pub triennium: String,
    pub component_id: String,
    pub file: Option<String>,
    pub sha256: String,
    pub rows: i64,
    /// Written with --all: every response in force, not only what changed.
    pub every_response: bool,
    pub locale: String,
    pub user: String,
    pub at: String,
}

pub fn exports(conn: &Connection) -> Result<Vec<Export>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, c.triennium, e.component_id, e.file, e.sha256, e.rows, e.every_response,
                e.locale, e.user, e.at
         FROM answer_exports e JOIN cycles c ON c.id = e.cycle_id ORDER BY e.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Export {
            id: r.get(0)?,
            triennium: r.get(1)?,
            component_id: r.get(2)?,
            file: r.get(3)?,
            sha256: r.get(4)?,
            rows: r.get(5)?,
            every_response: r.get(6)?,
            locale: r.get(7)?,
            user: r.get(8)?,
            at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
