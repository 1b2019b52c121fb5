//! One suggestion whole, for `suggestion show`: its summary, where it comes from, its axes
//! and the row it was imported from.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{list, Filter, Summary};
use crate::domain::row_codec::decode_row;

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
    let from = Provenance::read(conn, id)?;
    let amendment = Amendment::read(conn, id)?;
    let axes_detail = axes_detail(conn, id)?;
    let original = original(conn, id)?;
    Ok(Some(Detail {
        summary,
        url: from.url,
        source_id: from.source_id,
        withdrawn_at: from.withdrawn_at,
        supports: from.supports,
        endorsements: from.endorsements,
        comments: from.comments,
        file: from.file,
        line: from.line,
        public_title: amendment.public_title,
        component_id: amendment.component_id,
        is_amend: amendment.is_amend,
        amends: amendment.amends,
        amends_ref: amendment.amends_ref,
        axes_detail,
        original,
    }))
}

/// Where a suggestion comes from: its page, its counters on the platform, the file and line
/// it was imported from.
struct Provenance {
    url: Option<String>,
    source_id: Option<String>,
    withdrawn_at: Option<String>,
    supports: Option<i64>,
    endorsements: Option<i64>,
    comments: Option<i64>,
    file: String,
    line: i64,
}

impl Provenance {
    fn read(conn: &Connection, id: i64) -> Result<Provenance> {
        Ok(conn.query_row(
            "SELECT s.url, s.source_id, s.withdrawn_at, s.supports, s.endorsements, s.comments, b.file_name, s.line
             FROM suggestions s JOIN import_batches b ON b.id = s.batch_id WHERE s.id = ?1",
            [id],
            |r| {
                Ok(Provenance {
                    url: r.get(0)?,
                    source_id: r.get(1)?,
                    withdrawn_at: r.get(2)?,
                    supports: r.get(3)?,
                    endorsements: r.get(4)?,
                    comments: r.get(5)?,
                    file: r.get(6)?,
                    line: r.get(7)?,
                })
            },
        )?)
    }
}

/// Its component, the proposal it amends, the title staff publish it with.
struct Amendment {
    component_id: Option<String>,
    is_amend: bool,
    amends: Option<String>,
    amends_ref: Option<String>,
    public_title: Option<String>,
}

impl Amendment {
    fn read(conn: &Connection, id: i64) -> Result<Amendment> {
        Ok(conn.query_row(
            concat!(
                "SELECT s.component_id, s.is_amend, s.amends, CASE WHEN s.is_amend THEN (SELECT ",
                display_ref!("o"),
                " FROM suggestions o WHERE o.url = s.amends AND o.id <> s.id ORDER BY o.cycle_id = s.cycle_id DESC, o.id DESC LIMIT 1) END, s.public_title
                 FROM suggestions s WHERE s.id = ?1"
            ),
            [id],
            |r| {
                Ok(Amendment {
                    component_id: r.get(0)?,
                    is_amend: r.get(1)?,
                    amends: r.get(2)?,
                    amends_ref: r.get(3)?,
                    public_title: r.get(4)?,
                })
            },
        )?)
    }
}

/// Its axes, in the order of the axes, with who tagged each and how.
fn axes_detail(conn: &Connection, id: i64) -> Result<Vec<AxisTag>> {
    let mut stmt = conn.prepare(
        "SELECT sa.axis, sa.origin, sa.detail, sa.user, sa.at FROM suggestion_axes sa JOIN axes x ON x.code = sa.axis
         WHERE sa.suggestion_id = ?1 ORDER BY x.position",
    )?;
    let axes = stmt
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
    Ok(axes)
}

/// The row of the file it was imported from, as an object from header to cell; `null` when
/// the row was not kept.
fn original(conn: &Connection, id: i64) -> Result<serde_json::Value> {
    let original: Option<(Vec<u8>, String, Vec<u8>)> = conn
        .query_row(
            "SELECT src.row, b.headers, coalesce(b.row_dictionary, X'') FROM suggestion_sources src
             JOIN import_batches b ON b.id = src.batch_id
             WHERE src.suggestion_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match original {
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
    })
}
