//! The report's reads: the stream of a cycle's responses, the census of its suggestions, the
//! links of its cards, the history of the cards during it. The report turns these rows into its
//! model ([`crate::report`]); nothing here decides what is published.

use anyhow::Result;
use rusqlite::Connection;

use crate::storage::suggestions::display_ref;

/// A response of the stream, as stored: the report parses, redacts and sorts it.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub reference: String,
    /// The published title, else the source's.
    pub title: String,
    /// The day of submission (`YYYY-MM-DD`), if known.
    pub submitted_on: Option<String>,
    pub stakeholder: String,
    pub channel: String,
    pub withdrawn: bool,
    /// The axes, comma-separated, in no order.
    pub axes: Option<String>,
    pub outcome: Option<String>,
    pub reason: Option<String>,
    pub card: Option<String>,
    pub duplicate_of: Option<String>,
    /// The codes of the linked cards, separated by [`CARD_SEPARATOR`], in no order.
    pub linked_cards: Option<String>,
    /// The author and the nickname, to recognise in the texts.
    pub people: [Option<String>; 2],
    /// Its page on the platform, when the source gives it.
    pub url: Option<String>,
}

/// Separates the codes of several cards in one aggregated column: codes may hold commas.
pub const CARD_SEPARATOR: char = '\u{1f}';

/// Calls `f` with each suggestion of the cycle and its response in force, in the order of their
/// references or, `by_axis`, grouped by its first axis (in the order of the axes; the untagged
/// last) and then by reference; returns how many there were. Only the references and numbers are sorted (a million of them
/// fit in a few MiB); the rest of each row is read in that order.
pub fn for_each_response(
    conn: &Connection,
    cycle_id: i64,
    by_axis: bool,
    mut f: impl FnMut(StoredResponse) -> Result<()>,
) -> Result<u64> {
    // CROSS JOIN keeps `sorted` as the outer loop.
    let sql = concat!(
        "WITH sorted AS MATERIALIZED (
             SELECT s.id, ", display_ref!("s"), " AS ref,
                    (SELECT min(a.position) FROM suggestion_axes sa JOIN axes a ON a.code = sa.axis
                     WHERE sa.suggestion_id = s.id) AS first_axis
             FROM suggestions s WHERE s.cycle_id = ?1
             ORDER BY ORDERING)
         SELECT o.ref, coalesce(s.public_title, s.title), substr(s.submitted_at, 1, 10),
                s.stakeholder, s.channel, s.withdrawn,
                (SELECT group_concat(sa.axis, ',') FROM suggestion_axes sa WHERE sa.suggestion_id = s.id),
                r.outcome, r.reason, c.code, ", display_ref!("d"), ",
                (SELECT group_concat(c2.code, char(31)) FROM suggestion_cards l
                    JOIN cards c2 ON c2.id = l.card_id WHERE l.suggestion_id = s.id),
                p.author, p.nickname, s.url
         FROM sorted o
         CROSS JOIN suggestions s ON s.id = o.id
         LEFT JOIN responses r ON r.suggestion_id = s.id AND r.current = 1
         LEFT JOIN cards c ON c.id = r.card_id
         LEFT JOIN suggestions d ON d.id = r.duplicate_of
         LEFT JOIN suggestion_people p ON p.suggestion_id = s.id"
    );
    let sql = if by_axis {
        sql.replace("ORDERING", "first_axis IS NULL, first_axis, ref, s.id")
    } else {
        // The first axis is not needed: SQLite drops the unused subquery.
        sql.replace("ORDERING", "ref, s.id")
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([cycle_id])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        f(StoredResponse {
            reference: r.get(0)?,
            title: r.get(1)?,
            submitted_on: r.get(2)?,
            stakeholder: r.get(3)?,
            channel: r.get(4)?,
            withdrawn: r.get(5)?,
            axes: r.get(6)?,
            outcome: r.get(7)?,
            reason: r.get(8)?,
            card: r.get(9)?,
            duplicate_of: r.get(10)?,
            linked_cards: r.get(11)?,
            people: [r.get(12)?, r.get(13)?],
            url: r.get(14)?,
        })?;
        n += 1;
    }
    Ok(n)
}

/// A suggestion as the census counts it, borrowed from the row being read.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'r> {
    pub id: i64,
    pub reference: &'r str,
    pub stakeholder: &'r str,
    pub channel: &'r str,
    pub withdrawn: bool,
    /// The day of submission (`YYYY-MM-DD`), if known.
    pub submitted_on: Option<&'r str>,
    /// The axes, comma-separated; `None` when it has none.
    pub axes: Option<&'r str>,
    /// The outcome of the response in force; `None` when it has none.
    pub outcome: Option<&'r str>,
}

/// Calls `f` with every suggestion of a cycle, in no order.
pub fn for_each_counted(
    conn: &Connection,
    cycle_id: i64,
    mut f: impl FnMut(Counted) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.stakeholder, s.channel, s.withdrawn, substr(s.submitted_at, 1, 10),
                (SELECT group_concat(a.axis, ',') FROM suggestion_axes a WHERE a.suggestion_id = s.id),
                (SELECT r.outcome FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1), ",
        display_ref!("s"),
        ", s.id FROM suggestions s WHERE s.cycle_id = ?1"
    ))?;
    let mut rows = stmt.query([cycle_id])?;
    while let Some(r) = rows.next()? {
        f(Counted {
            stakeholder: r.get_ref(0)?.as_str()?,
            channel: r.get_ref(1)?.as_str()?,
            withdrawn: r.get(2)?,
            submitted_on: r.get_ref(3)?.as_str_or_null()?,
            axes: r.get_ref(4)?.as_str_or_null()?,
            outcome: r.get_ref(5)?.as_str_or_null()?,
            reference: r.get_ref(6)?.as_str()?,
            id: r.get(7)?,
        })?;
    }
    Ok(())
}

/// A suggestion of the cycle linked to a card, by a link or by the response in force.
#[derive(Debug, Clone)]
pub struct CardLink {
    pub card: String,
    pub reference: String,
    /// The published title, else the source's (personal data still to be left out).
    pub title: String,
    pub outcome: Option<String>,
    /// The author and the nickname, to recognise in the title.
    pub people: [Option<String>; 2],
}

/// The links of a cycle's suggestions to cards, by card code, then by reference.
pub fn card_links(conn: &Connection, cycle_id: i64) -> Result<Vec<CardLink>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT k.code, ",
        display_ref!("s"),
        " AS ref,
                (SELECT r.outcome FROM responses r WHERE r.suggestion_id = s.id AND r.current = 1),
                coalesce(s.public_title, s.title), p.author, p.nickname
         FROM (SELECT l.suggestion_id, l.card_id FROM suggestion_cards l
               UNION SELECT r.suggestion_id, r.card_id FROM responses r
                     WHERE r.current = 1 AND r.card_id IS NOT NULL) x
         JOIN cards k ON k.id = x.card_id
         JOIN suggestions s ON s.id = x.suggestion_id
         LEFT JOIN suggestion_people p ON p.suggestion_id = s.id
         WHERE s.cycle_id = ?1
         ORDER BY k.code, ref, s.id"
    ))?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok(CardLink {
            card: r.get(0)?,
            reference: r.get(1)?,
            outcome: r.get(2)?,
            title: r.get(3)?,
            people: [r.get(4)?, r.get(5)?],
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many took part in a cycle, counted from the personal fields without reading them out:
/// the distinct e-mail addresses, else nicknames, else names (case and spaces aside), and the
/// suggestions that carry none of them.
pub fn participants(conn: &Connection, cycle_id: i64) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT who), count(*) - count(who) FROM (
             SELECT lower(trim(coalesce(nullif(trim(p.email), ''), nullif(trim(p.nickname), ''),
                                        nullif(trim(p.author), '')))) AS who
             FROM suggestions s LEFT JOIN suggestion_people p ON p.suggestion_id = s.id
             WHERE s.cycle_id = ?1)",
        [cycle_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A change to a card recorded during a cycle.
#[derive(Debug, Clone)]
pub struct CardChange {
    pub code: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// What the cards' history recorded during a cycle, in order.
pub fn card_changes(conn: &Connection, cycle_id: i64) -> Result<Vec<CardChange>> {
    let mut stmt = conn.prepare(
        "SELECT c.code, h.field, h.old_value, h.new_value FROM card_history h
         JOIN cards c ON c.id = h.card_id
         WHERE h.cycle_id = ?1 ORDER BY h.id",
    )?;
    let rows = stmt.query_map([cycle_id], |r| {
        Ok(CardChange {
            code: r.get(0)?,
            field: r.get(1)?,
            old_value: r.get(2)?,
            new_value: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
