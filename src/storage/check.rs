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
    /// Runs `sql`, whose rows are a location and the facts of a problem (as text), and records
    /// each as a problem whose sentence `message` makes of the facts.
    fn rows(
        &mut self,
        check: &'static str,
        sql: &str,
        message: impl Fn(&[String]) -> String,
    ) -> Result<()> {
        if !self.checks.contains(&check) {
            self.checks.push(check);
        }
        let mut stmt = self.conn.prepare(sql)?;
        let columns = stmt.column_count();
        let found = stmt
            .query_map([], |r| {
                (0..columns)
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => String::new(),
                            rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                            rusqlite::types::ValueRef::Real(x) => x.to_string(),
                            rusqlite::types::ValueRef::Text(t)
                            | rusqlite::types::ValueRef::Blob(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                        })
                    })
                    .collect::<rusqlite::Result<Vec<String>>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for row in found {
            let (location, facts) = row.split_first().expect("a location");
            self.problem(check, location.clone(), message(facts));
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
        c.problem("integrity", crate::t!("storage-check-database-file"), line);
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
            .unwrap_or_else(|_| crate::t!("storage-check-a-column"));
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
            crate::t!(
                "storage-check-dangling-key",
                column = column.as_str(),
                parent = parent.as_str()
            ),
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
            crate::t!("storage-check-database-file"),
            crate::t!(
                "storage-check-schema-version",
                version = version,
                expected = LATEST_VERSION
            ),
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
            crate::t!("storage-check-no-municipality"),
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
                crate::t!("storage-check-axis-missing", axis = axis.code()),
            );
        }
    }
    for code in &present {
        if !Axis::ALL.iter().any(|a| a.code() == code) {
            c.problem(
                "axes",
                format!("axes {code}"),
                crate::t!("storage-check-axis-unknown", code = code.as_str()),
            );
        }
    }
    Ok(())
}

fn cycles(c: &mut Checker) -> Result<()> {
    c.rows(
        "one-open-cycle",
        "SELECT 'cycles', count(*), group_concat(triennium, ', ')
         FROM cycles WHERE closed_at IS NULL HAVING count(*) > 1",
        |f| {
            crate::t!(
                "storage-check-open-cycles",
                count = number(&f[0]),
                trienniums = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "cycle-phase",
        "SELECT 'cycles #' || id, triennium, quote(phase)
         FROM cycles WHERE typeof(phase) <> 'integer' OR phase NOT BETWEEN 1 AND 3",
        |f| {
            crate::t!(
                "storage-check-cycle-phase",
                triennium = f[0].as_str(),
                phase = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "cycle-snapshot",
        "SELECT 'cycles #' || y.id, y.triennium
         FROM cycles y
         WHERE y.closed_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM card_snapshots n WHERE n.cycle_id = y.id)
           AND EXISTS (SELECT 1 FROM cards k WHERE k.created_at <= y.closed_at)",
        |f| crate::t!("storage-check-cycle-snapshot", triennium = f[0].as_str()),
    )?;
    Ok(())
}

fn cards(c: &mut Checker) -> Result<()> {
    let statuses = codes::<CardStatus>();
    c.rows(
        "card-axis",
        "SELECT 'cards #' || k.id, k.code, quote(k.axis)
         FROM cards k WHERE k.axis NOT IN (SELECT code FROM axes)",
        |f| {
            crate::t!(
                "storage-check-card-axis",
                code = f[0].as_str(),
                axis = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "card-status",
        &format!(
            "SELECT 'cards #' || id, code, quote(status) FROM cards WHERE status NOT IN ({statuses})"
        ),
        |f| {
            crate::t!(
                "storage-check-card-status",
                code = f[0].as_str(),
                status = f[1].as_str(),
                statuses = statuses.replace('\'', "")
            )
        },
    )?;
    c.rows(
        "card-axis",
        "SELECT 'card_snapshots ' || y.triennium, n.code, quote(n.axis)
         FROM card_snapshots n LEFT JOIN cycles y ON y.id = n.cycle_id WHERE n.axis NOT IN (SELECT code FROM axes)",
        |f| {
            crate::t!(
                "storage-check-snapshot-axis",
                code = f[0].as_str(),
                axis = f[1].as_str()
            )
        },
    )?;
    Ok(())
}

fn suggestions(c: &mut Checker) -> Result<()> {
    c.rows(
        "suggestion-cycle",
        &format!(
            "SELECT 'suggestions #' || s.id, {SUGGESTION_LABEL}, s.cycle_id
             FROM suggestions s WHERE s.cycle_id NOT IN (SELECT id FROM cycles)"
        ),
        |f| {
            crate::t!(
                "storage-check-suggestion-cycle",
                suggestion = f[0].as_str(),
                cycle = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "tag-axis",
        &format!(
            "SELECT 'suggestion_axes', coalesce({SUGGESTION_LABEL}, '#' || t.suggestion_id), quote(t.axis)
             FROM suggestion_axes t LEFT JOIN suggestions s ON s.id = t.suggestion_id
             WHERE t.axis NOT IN (SELECT code FROM axes)"
        ),
        |f| {
            crate::t!(
                "storage-check-tag-axis",
                suggestion = f[0].as_str(),
                axis = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "tag-axis",
        "SELECT 'rules #' || id, id, quote(axis) FROM rules WHERE axis NOT IN (SELECT code FROM axes)",
        |f| {
            crate::t!(
                "storage-check-rule-axis",
                rule = f[0].as_str(),
                axis = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "tag-suggestion",
        "SELECT 'suggestion_axes', t.axis, t.suggestion_id
         FROM suggestion_axes t WHERE t.suggestion_id NOT IN (SELECT id FROM suggestions)",
        |f| {
            crate::t!(
                "storage-check-tag-suggestion",
                axis = f[0].as_str(),
                id = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "link-card",
        &format!(
            "SELECT 'suggestion_cards', coalesce({SUGGESTION_LABEL}, '#' || l.suggestion_id), l.card_id
             FROM suggestion_cards l LEFT JOIN suggestions s ON s.id = l.suggestion_id
             WHERE l.card_id NOT IN (SELECT id FROM cards)"
        ),
        |f| {
            crate::t!(
                "storage-check-link-card",
                suggestion = f[0].as_str(),
                card = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "link-suggestion",
        "SELECT 'suggestion_cards', coalesce(k.code, '#' || l.card_id), l.suggestion_id
         FROM suggestion_cards l LEFT JOIN cards k ON k.id = l.card_id
         WHERE l.suggestion_id NOT IN (SELECT id FROM suggestions)",
        |f| {
            crate::t!(
                "storage-check-link-suggestion",
                card = f[0].as_str(),
                id = f[1].as_str()
            )
        },
    )?;
    Ok(())
}

fn responses(c: &mut Checker) -> Result<()> {
    let outcomes = codes::<ResponseOutcome>();
    c.rows(
        "response-suggestion",
        "SELECT 'responses #' || r.id, r.suggestion_id
         FROM responses r WHERE r.suggestion_id NOT IN (SELECT id FROM suggestions)",
        |f| crate::t!("storage-check-response-suggestion", id = f[0].as_str()),
    )?;
    c.rows(
        "response-reason",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE length(trim(coalesce(r.reason, ''))) = 0"
        ),
        |f| crate::t!("storage-check-response-reason", suggestion = f[0].as_str()),
    )?;
    c.rows(
        "response-outcome",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}, quote(r.outcome)
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome NOT IN ({outcomes})"
        ),
        |f| {
            crate::t!(
                "storage-check-response-outcome",
                suggestion = f[0].as_str(),
                outcome = f[1].as_str(),
                outcomes = outcomes.replace('\'', "")
            )
        },
    )?;
    c.rows(
        "one-current-response",
        &format!(
            "SELECT 'responses #' || group_concat(r.id, ', #'), {SUGGESTION_LABEL}, count(*)
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.current = 1 GROUP BY r.suggestion_id HAVING count(*) > 1"
        ),
        |f| {
            crate::t!(
                "storage-check-current-responses",
                suggestion = f[0].as_str(),
                count = number(&f[1])
            )
        },
    )?;
    c.rows(
        "response-card",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome = 'gia-previsto' AND r.card_id IS NULL"
        ),
        |f| {
            crate::t!(
                "storage-check-gia-previsto-card",
                suggestion = f[0].as_str()
            )
        },
    )?;
    c.rows(
        "response-card",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}, r.card_id
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.card_id IS NOT NULL AND r.card_id NOT IN (SELECT id FROM cards)"
        ),
        |f| {
            crate::t!(
                "storage-check-response-card",
                suggestion = f[0].as_str(),
                card = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.outcome = 'duplicato' AND r.duplicate_of IS NULL"
        ),
        |f| crate::t!("storage-check-duplicato-target", suggestion = f[0].as_str()),
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}, r.duplicate_of
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.duplicate_of IS NOT NULL AND r.duplicate_of NOT IN (SELECT id FROM suggestions)"
        ),
        |f| {
            crate::t!(
                "storage-check-duplicate-missing",
                suggestion = f[0].as_str(),
                other = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "response-duplicate",
        &format!(
            "SELECT 'responses #' || r.id, {SUGGESTION_LABEL}
             FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE r.duplicate_of = r.suggestion_id"
        ),
        |f| crate::t!("storage-check-duplicate-itself", suggestion = f[0].as_str()),
    )?;
    Ok(())
}

fn full_text_index(c: &mut Checker) -> Result<()> {
    c.rows(
        "search-index",
        "SELECT 'suggestions_fts', count(*), min(rowid)
         FROM suggestions_fts WHERE rowid NOT IN (SELECT id FROM suggestions) HAVING count(*) > 0",
        |f| {
            crate::t!(
                "storage-check-index-orphans",
                count = number(&f[0]),
                first = f[1].as_str()
            )
        },
    )?;
    c.rows(
        "search-index",
        "SELECT 'settings fts_synced', substr(value, 1, instr(value, ' ') - 1),
                (SELECT coalesce(max(id), 0) FROM suggestions)
         FROM settings WHERE key = 'fts_synced'
           AND CAST(substr(value, 1, instr(value, ' ') - 1) AS INTEGER) > (SELECT coalesce(max(id), 0) FROM suggestions)",
        |f| {
            crate::t!(
                "storage-check-index-ahead",
                synced = f[0].as_str(),
                last = f[1].as_str()
            )
        },
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

/// A count the query gave as text, as a number for the sentence (its plural).
fn number(text: &str) -> i64 {
    text.parse().unwrap_or(0)
}

/// The codes of a glossary term as an SQL list: `'a', 'b', …`.
fn codes<T: Term>() -> String {
    T::ALL
        .iter()
        .map(|v| format!("'{}'", v.code()))
        .collect::<Vec<_>>()
        .join(", ")
}
