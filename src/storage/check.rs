//! The queries of `agenda check`: is the database intact, and does it keep the rules of the
//! domain?
//!
//! SQLite's own checks first (`integrity_check`, `foreign_key_check`), then the invariants the
//! rest of the tool relies on. The schema enforces most of them, but a file edited by hand, an
//! old bug or a damaged disk can break any: each problem names the table, the row and what is
//! wrong, in the words of the domain.

use std::collections::HashSet;

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::LATEST_VERSION;
use crate::domain::{Axis, CardStatus, Outcome as ResponseOutcome, Term};

/// One problem found.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// Which check found it, e.g. `integrity`, `foreign-key`, `response-reason`.
    pub check: &'static str,
    /// Where: a table and row, e.g. `responses #12`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The outcome of a check.
#[derive(Debug, Serialize)]
pub struct Outcome {
    pub ok: bool,
    pub checks: Vec<&'static str>,
    pub problems: Vec<Problem>,
}

/// A suggestion as people know it: its reference, else its source id, else its row id.
const SUGGESTION_LABEL: &str = "coalesce(s.reference, s.source_id, '#' || s.id)";

/// The foreign keys a domain check below already reports in better words.
const COVERED_KEYS: &[(&str, &str)] = &[
    ("responses", "suggestion_id"),
    ("responses", "card_id"),
    ("responses", "duplicate_of"),
    ("suggestion_cards", "suggestion_id"),
    ("suggestion_cards", "card_id"),
    ("suggestion_axes", "axis"),
    ("suggestions", "cycle_id"),
    ("cards", "axis"),
    ("rules", "axis"),
    ("card_snapshots", "axis"),
];

struct Checker<'c> {
    conn: &'c Connection,
    checks: Vec<&'static str>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Runs `sql`, whose rows are (location, message), and records each as a problem.
    fn rows(&mut self, check: &'static str, sql: &str) -> Result<()> {
        if !self.checks.contains(&check) {
            self.checks.push(check);
        }
        let mut stmt = self.conn.prepare(sql)?;
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (location, message) in found {
            self.problem(check, location, message);
        }
        Ok(())
    }

    fn problem(&mut self, check: &'static str, location: String, message: String) {
        self.problems.push(Problem {
            check,
            location,
            message,
        });
    }

    fn table_exists(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )?)
    }
}

/// Runs every check on the database behind `conn`.
pub fn run(conn: &Connection) -> Result<Outcome> {
    let mut c = Checker {
        conn,
        checks: Vec::new(),
        problems: Vec::new(),
    };
    if !integrity(&mut c)? {
        // A damaged file gives nonsense to every later query: say what SQLite says and stop.
        return Ok(outcome(c));
    }
    foreign_keys(&mut c)?;
    schema(&mut c)?;
    cycles(&mut c)?;
    cards(&mut c)?;
    if c.table_exists("suggestions")? {
        suggestions(&mut c)?;
        responses(&mut c)?;
    }
    if c.table_exists("suggestions_fts")? {
        full_text_index(&mut c)?;
    }
    if c.table_exists("approved_annexes")? {
        approved_annexes(&mut c)?;
    }
    Ok(outcome(c))
}

fn outcome(c: Checker) -> Outcome {
    Outcome {
        ok: c.problems.is_empty(),
        checks: c.checks,
        problems: c.problems,
    }
}

/// SQLite's integrity check. Returns false when the file itself is damaged; a row that breaks
/// a CHECK or NOT NULL constraint is a problem too, but the later checks can still run and say
/// which row it is.
fn integrity(c: &mut Checker) -> Result<bool> {
    c.checks.push("integrity");
    let mut stmt = c.conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut intact = true;
    for line in lines.into_iter().filter(|l| l != "ok") {
        let constraint = line.starts_with("CHECK constraint failed")
            || line.starts_with("NULL value in")
            || line.starts_with("non-");
        intact &= constraint;
        c.problem("integrity", "database file".to_string(), line);
    }
    Ok(intact)
}

fn foreign_keys(c: &mut Checker) -> Result<()> {
    c.checks.push("foreign-key");
    let covered: HashSet<(&str, &str)> = COVERED_KEYS.iter().copied().collect();
    let mut stmt = c.conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (table, rowid, parent, fk) in rows {
        let column: String = c
            .conn
            .query_row(
                &format!("SELECT \"from\" FROM pragma_foreign_key_list('{table}') WHERE id = ?1"),
                [fk],
                |r| r.get(0),
            )
            .unwrap_or_else(|_| "a column".to_string());
        if covered.contains(&(table.as_str(), column.as_str())) {
            continue;
        }
        let location = match rowid {
            Some(id) => format!("{table} #{id}"),
            None => table.clone(),
        };
        c.problem(
            "foreign-key",
            location,
            format!("{column} points to a row of {parent} that does not exist"),
        );
    }
    Ok(())
}

fn schema(c: &mut Checker) -> Result<()> {
    c.checks.push("schema");
    let version: i64 = c.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != LATEST_VERSION {
        c.problem(
            "schema",
            "database file".to_string(),
            format!("schema version {version}, expected {LATEST_VERSION}"),
        );
    }
    let municipality: i64 = c.conn.query_row(
        "SELECT count(*) FROM settings WHERE key = 'municipality' AND trim(value) <> ''",
        [],
        |r| r.get(0),
    )?;
    if municipality == 0 {
        c.problem(
            "schema",
            "settings".to_string(),
            "the municipality is not set".to_string(),
        );
    }
    // The six axes, and only them: every tag and card names one.
    let mut stmt = c.conn.prepare("SELECT code FROM axes ORDER BY position")?;
    let present: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for axis in Axis::ALL {
        if !present.iter().any(|p| p == axis.code()) {
            c.problem(
                "axes",
                "axes".to_string(),
                format!("the axis {} is missing", axis.code()),
            );
        }
    }
    for code in &present {
        if !Axis::ALL.iter().any(|a| a.code() == code) {
            c.problem(
                "axes",
                format!("axes {code}"),
                format!("{code} is not one of the six axes of the Agenda"),
            );
        }
    }
    Ok(())
}

fn cycles(c: &mut Checker) -> Result<()> {
    c.rows(
        "one-open-cycle",
        "SELECT 'cycles', count(*) || ' cycles are open (' || group_concat(triennium, ', ') || '); at most one may be'
         FROM cycles WHERE closed_at IS NULL HAVING count(*) > 1",
    )?;
    c.rows(
        "cycle-phase",
        "SELECT 'cycles #' || id, 'cycle ' || triennium || ' is in phase ' || quote(phase) || '; phases are 1, 2 and 3'
         FROM cycles WHERE typeof(phase) <> 'integer' OR phase NOT BETWEEN 1 AND 3",
    )?;
    c.rows(
        "cycle-snapshot",
        "SELECT 'cycles #' || y.id, 'cycle ' || y.triennium || ' is closed but has no snapshot of the cards'
         FROM cycles y
         WHERE y.closed_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM card_snapshots n WHERE n.cycle_id = y.id)
           AND EXISTS (SELECT 1 FROM cards k WHERE k.created_at <= y.closed_at)",
    )?;
    Ok(())
}

fn cards(c: &mut Checker) -> Result<()> {
    let statuses = codes::<CardStatus>();
    c.rows(
        "card-axis",
        "SELECT 'cards #' || k.id, 'card ' || k.code || ' has the axis ' || quote(k.axis) || ', which does not exist'
         FROM cards k WHERE k.axis NOT IN (SELECT code FROM axes)",
    )?;
    c.rows(
        "card-status",
        &format!(
            "SELECT 'cards #' || id, 'card ' || code || ' has the status ' || quote(status) || ', which is not one of {}'
             FROM cards WHERE status NOT IN ({statuses})",
            statuses.replace('\'', "")
        ),
    )?;
    c.rows(
        "card-axis",
        "SELECT 'card_snapshots ' || y.triennium, 'card ' || n.code || ' in the snapshot has the axis ' || quote(n.axis) || ', which does not exist'
         FROM card_snapshots n LEFT JOIN cycles y ON y.id = n.cycle_id WHERE n.axis NOT IN (SELECT code FROM axes)",
    )?;
    Ok(())
}

fn suggestions(c: &mut Checker) -> Result<()> {
    c.rows(
        "suggestion-cycle",
        &format!(
            "SELECT 'suggestions #' || s.id, 'suggestion ' || {SUGGESTION_LABEL} || ' belongs to cycle #' || s.cycle_id || ', which does not exist'
             FROM suggestions s WHERE s.cycle_id NOT IN (SELECT id FROM cycles)"
        ),
    )?;
    c.rows(
        "tag-axis",
        &format!(
            "SELECT 'suggestion_axes', 'suggestion ' || coalesce({SUGGESTION_LABEL}, '#' || t.suggestion_id) || ' is tagged with ' || quote(t.axis) || ', which is not an axis'
             FROM suggestion_axes t LEFT JOIN suggestions s ON s.id = t.suggestion_id
             WHERE t.axis NOT IN (SELECT code FROM axes)"
        ),
    )?;
    c.rows(
        "tag-axis",
        "SELECT 'rules #' || id, 'rule ' || id || ' tags with ' || quote(axis) || ', which is not an axis'
         FROM rules WHERE axis NOT IN (SELECT code FROM axes)",
    )?;
    c.rows(
        "tag-suggestion",
        "SELECT 'suggestion_axes', 'the tag ' || t.axis || ' is on suggestion #' || t.suggestion_id || ', which does not exist'
         FROM suggestion_axes t WHERE t.suggestion_id NOT IN (SELECT id FROM suggestions)",
    )?;
    c.rows(
        "link-card",
        &format!(
            "SELECT 'suggestion_cards', 'suggestion ' || coalesce({SUGGESTION_LABEL}, '#' || l.suggestion_id) || ' is linked to card #' || l.card_id || ', which does not exist'
             FROM suggestion_cards l LEFT JOIN suggestions s ON s.id = l.suggestion_id
             WHERE l.card_id NOT IN (SELECT id FROM cards)"
        ),
    )?;
    c.rows(
        "link-suggestion",
        "SELECT 'suggestion_cards', 'card ' || coalesce(k.code, '#' || l.card_id) || ' is linked to suggestion #' || l.suggestion_id || ', which does not exist'
         FROM suggestion_cards l LEFT JOIN cards k ON k.id = l.card_id
         WHERE l.suggestion_id NOT IN (SELECT id FROM suggestions)",
    )?;
    Ok(())
}

fn responses(c: &mut Checker) -> Result<()> {
    let outcomes = codes::<ResponseOutcome>();
    c.rows(
        "response-suggestion",
        "SELECT 'responses #' || r.id, 'the response is to suggestion #' || r.suggestion_id || ', which does not exist'
         FROM responses r WHERE r.suggestion_id NOT IN (SELECT id FROM suggestions)",
    )?;
    c.rows(
        "response-reason",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' has a response with an empty reason'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE length(trim(coalesce(r.reason, ''))) = 0"
        ),
    )?;
    c.rows(
        "response-outcome",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' has the outcome ' || quote(r.outcome) || ', which is not one of {}'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome NOT IN ({outcomes})",
            outcomes.replace('\'', "")
        ),
    )?;
    c.rows(
        "one-current-response",
        &format!(
            "SELECT 'responses #' || group_concat(r.id, ', #'), 'suggestion ' || {SUGGESTION_LABEL} || ' has ' || count(*) || ' current responses; it may have one'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.current = 1 GROUP BY r.suggestion_id HAVING count(*) > 1"
        ),
    )?;
    c.rows(
        "response-card",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' is gia-previsto but its response names no card'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome = 'gia-previsto' AND r.card_id IS NULL"
        ),
    )?;
    c.rows(
        "response-card",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' has a response that names card #' || r.card_id || ', which does not exist'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.card_id IS NOT NULL AND r.card_id NOT IN (SELECT id FROM cards)"
        ),
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' is a duplicato but its response names no suggestion'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome = 'duplicato' AND r.duplicate_of IS NULL"
        ),
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' is a duplicate of suggestion #' || r.duplicate_of || ', which does not exist'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.duplicate_of IS NOT NULL AND r.duplicate_of NOT IN (SELECT id FROM suggestions)"
        ),
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, 'suggestion ' || {SUGGESTION_LABEL} || ' is recorded as a duplicate of itself'
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.duplicate_of = r.suggestion_id"
        ),
    )?;
    Ok(())
}

fn full_text_index(c: &mut Checker) -> Result<()> {
    c.rows(
        "search-index",
        "SELECT 'suggestions_fts', count(*) || ' entries of the search index belong to no suggestion (first: #' || min(rowid) || ')'
         FROM suggestions_fts WHERE rowid NOT IN (SELECT id FROM suggestions) HAVING count(*) > 0",
    )?;
    c.rows(
        "search-index",
        "SELECT 'settings fts_synced', 'the search index says it is synced up to suggestion #' || substr(value, 1, instr(value, ' ') - 1)
             || ' but the last suggestion is #' || (SELECT coalesce(max(id), 0) FROM suggestions)
         FROM settings WHERE key = 'fts_synced'
           AND CAST(substr(value, 1, instr(value, ' ') - 1) AS INTEGER) > (SELECT coalesce(max(id), 0) FROM suggestions)",
    )?;
    Ok(())
}

/// Every annex as approved still has the bytes it was stored with (its SHA-256), and belongs
/// to a closed cycle.
fn approved_annexes(c: &mut Checker) -> Result<()> {
    c.checks.push("annex-hash");
    for (location, message) in super::annexes::problems(c.conn)? {
        c.problem("annex-hash", location, message);
    }
    Ok(())
}

/// The codes of a glossary term as an SQL list: `'a', 'b', …`.
fn codes<T: Term>() -> String {
    T::ALL
        .iter()
        .map(|v| format!("'{}'", v.code()))
        .collect::<Vec<_>>()
        .join(", ")
}
