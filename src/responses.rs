//! The administration's responses: one by one, the same for many suggestions, or many from a
//! spreadsheet, all or nothing. A response always has its reason; a closed cycle refuses them.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use crate::csvin::{CsvFile, Options as CsvOptions, Problems, Source};
use crate::domain::response::ResponseRequest;
use crate::domain::{Axis, Cycle, Outcome, Term};
use crate::error::{invalid_input, refused};
use crate::storage::responses as store;
use crate::storage::suggestions as sstore;
use crate::storage::tags;
use crate::storage::{cards as cstore, Db, Tx};
use crate::tagging::{ensure_changeable, resolve};
use crate::text::fold;

#[derive(Debug, Default, Serialize)]
pub struct RespondSummary {
    pub responded: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub axes_added: u64,
}

/// Records one response for a suggestion already resolved; checks card and duplicate.
fn record_response(
    tx: &Tx,
    cycle: &Cycle,
    suggestion: i64,
    request: &ResponseRequest,
    summary: &mut RespondSummary,
) -> Result<()> {
    request.check()?;
    ensure_changeable(tx, suggestion)?;
    let card_id = match &request.card {
        Some(code) => Some(cstore::id_of(tx, code)?.ok_or_else(|| {
            refused(t!("app-card-missing", code = code.as_str())).hint(t!("app-card-missing-hint"))
        })?),
        None => None,
    };
    let duplicate_of = match &request.duplicate_of {
        Some(other) => {
            let d = resolve(tx, other, cycle)?;
            if d == suggestion {
                return Err(refused(t!("app-respond-self-duplicate")).into());
            }
            Some(d)
        }
        None => None,
    };
    let reason = request.reason.trim();
    let current = store::current_response(tx, suggestion)?;
    let reference = tags::reference_of(tx, suggestion)?;
    match &current {
        Some(c)
            if c.outcome == request.outcome.code()
                && c.reason == reason
                && c.card_id == card_id
                && c.duplicate_of == duplicate_of =>
        {
            summary.unchanged += 1;
            return Ok(());
        }
        Some(_) => summary.changed += 1,
        None => summary.responded += 1,
    }
    store::respond(
        tx,
        suggestion,
        request.outcome.code(),
        reason,
        card_id,
        duplicate_of,
    )?;
    if let Some(card_id) = card_id {
        tags::add_link(tx, suggestion, card_id)?;
    }
    tx.audit(
        "suggestion.respond",
        Some(&reference),
        &format!(
            "{}{}{}: {}{}",
            request.outcome.code(),
            request
                .card
                .as_deref()
                .map(|c| format!(", card {c}"))
                .unwrap_or_default(),
            request
                .duplicate_of
                .as_deref()
                .map(|d| format!(", duplicate of {d}"))
                .unwrap_or_default(),
            reason,
            current
                .map(|c| format!(" (was {}: {})", c.outcome, c.reason))
                .unwrap_or_default()
        ),
    )?;
    Ok(())
}

/// Responds to suggestions, the same response for each.
pub fn respond(
    db: &mut Db,
    cycle: &Cycle,
    ids: &[String],
    request: &ResponseRequest,
) -> Result<RespondSummary> {
    request.check()?;
    db.write(|tx| {
        let mut summary = RespondSummary::default();
        for id in ids {
            let s = resolve(tx, id, cycle)?;
            record_response(tx, cycle, s, request, &mut summary)?;
        }
        Ok(summary)
    })
}

fn response_column(header: &str) -> Option<&'static str> {
    Some(match fold(header).as_str() {
        "id" | "numero" | "n" => "id",
        "ref" | "reference" | "riferimento" | "codice" => "ref",
        "outcome" | "esito" => "outcome",
        "reason" | "motivazione" | "motivo" | "risposta" => "reason",
        "card" | "scheda" | "codice scheda" => "card",
        "axes" | "axis" | "assi" | "asse" => "axes",
        "duplicate of" | "duplicato di" => "duplicate_of",
        _ => return None,
    })
}

/// Records responses from a spreadsheet: columns `id` or `ref`, `outcome`, `reason`, and
/// optionally `card`, `axes` (separated by `|`) and `duplicate_of`. All or nothing.
pub fn respond_from_file(
    db: &mut Db,
    cycle: &Cycle,
    file: &str,
    options: CsvOptions,
    dry_run: bool,
) -> Result<RespondSummary> {
    let source = Source::new(file)?;
    let mut csv = CsvFile::open(&source, options)?;
    let rows = read_rows(&mut csv)?;
    let problems = csv.problems();
    let file_name = source.file_name();
    db.write_or_rehearse(dry_run, |tx| {
        let mut applying = Applying {
            tx,
            cycle,
            file_name: &file_name,
            problems,
            seen: HashMap::new(),
            summary: RespondSummary::default(),
        };
        for row in &rows {
            applying.apply(row)?;
        }
        applying.problems.fail_if_any()?;
        Ok(applying.summary)
    })
}

/// One row of a response file: its line, and its cells by the column they are in, or why
/// they cannot be read.
struct ResponseRow {
    line: u64,
    cells: Result<HashMap<&'static str, String>, String>,
}

/// Reads the rows of a response file, after checking that its header has the columns a
/// response needs. Nothing is resolved yet: that needs the database.
fn read_rows(csv: &mut CsvFile) -> Result<Vec<ResponseRow>> {
    let columns: Vec<Option<&'static str>> =
        csv.headers.iter().map(|h| response_column(h)).collect();
    let has = |c: &str| columns.contains(&Some(c));
    if !(has("id") || has("ref")) || !has("outcome") || !has("reason") {
        return Err(invalid_input(t!(
            "app-respond-columns",
            at = csv.at(csv.header_at),
            columns = crate::csvin::header_list(&csv.headers)
        ))
        .hint(t!("app-respond-columns-hint"))
        .into());
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = csv.next_record(&mut record)? {
        let mut values: HashMap<&'static str, String> = HashMap::new();
        if record.len() != columns.len() {
            rows.push(ResponseRow {
                line,
                cells: Err(t!(
                    "app-fields-mismatch",
                    fields = record.len(),
                    header = columns.len()
                )),
            });
            continue;
        }
        for (c, v) in columns.iter().zip(record.iter()) {
            if let Some(c) = c {
                values.insert(c, crate::csvout::unguard_formula(v.trim()).to_string());
            }
        }
        rows.push(ResponseRow {
            line,
            cells: Ok(values),
        });
    }
    if rows.is_empty() {
        return Err(invalid_input(t!("app-respond-file-empty", file = csv.name.as_str())).into());
    }
    Ok(rows)
}

/// What a row asks once read against the database: the suggestion, as the row names it and by
/// its id, the response, the axes to add.
struct RowRequest {
    id: String,
    suggestion: i64,
    request: ResponseRequest,
    axes: Vec<Axis>,
}

/// The rows of a response file being applied in one transaction: the problems found so far,
/// the suggestions already answered (with their line), what was done.
struct Applying<'a, 'tx> {
    tx: &'a Tx<'tx>,
    cycle: &'a Cycle,
    /// The file's name, for the audit log.
    file_name: &'a str,
    problems: Problems,
    seen: HashMap<i64, u64>,
    summary: RespondSummary,
}

impl Applying<'_, '_> {
    /// Applies one row, or notes its problem; once there is any problem, only checks it.
    fn apply(&mut self, row: &ResponseRow) -> Result<()> {
        let line = row.line;
        let values = match &row.cells {
            Ok(v) => v,
            Err(why) => {
                self.problems.add(line, why.clone());
                return Ok(());
            }
        };
        let Some(asked) = self.request(line, values)? else {
            return Ok(());
        };
        if !self.problems.is_empty() {
            // Refused anyway: check the rest without writing.
            if let Err(e) = asked.request.check() {
                self.problems.add(line, e.message);
            }
            return Ok(());
        }
        if let Err(e) = record_response(
            self.tx,
            self.cycle,
            asked.suggestion,
            &asked.request,
            &mut self.summary,
        ) {
            let (kind, _) = crate::error::classify(&e);
            if kind == crate::error::Kind::Failed {
                return Err(e);
            }
            self.problems.add(line, e.to_string());
            return Ok(());
        }
        for axis in asked.axes {
            if tags::add_axis(self.tx, asked.suggestion, axis.code(), "person", None)? {
                self.summary.axes_added += 1;
                self.tx.audit(
                    "suggestion.tag",
                    Some(&asked.id),
                    &format!("axis {} (response file {})", axis.code(), self.file_name),
                )?;
            }
        }
        Ok(())
    }

    /// Reads what the row asks: its suggestion (once in the file), its outcome and its axes;
    /// `None`, with the problem noted, when it cannot.
    fn request(
        &mut self,
        line: u64,
        values: &HashMap<&'static str, String>,
    ) -> Result<Option<RowRequest>> {
        let get = |k: &str| values.get(k).filter(|v| !v.is_empty()).cloned();
        let Some(id) = get("id").or_else(|| get("ref")) else {
            self.problems.add(line, t!("app-respond-no-id"));
            return Ok(None);
        };
        let suggestion = match sstore::resolve(self.tx, &id, self.cycle.id)? {
            Some(s) => s,
            None => {
                self.problems
                    .add(line, t!("app-sugg-missing", id = id.as_str()));
                return Ok(None);
            }
        };
        if let Some(first) = self.seen.insert(suggestion, line) {
            self.problems.add(
                line,
                t!(
                    "app-respond-again",
                    id = id.as_str(),
                    first = first.to_string()
                ),
            );
            return Ok(None);
        }
        let outcome = match get("outcome").map(|o| Outcome::parse(&o)) {
            Some(Ok(o)) => o,
            Some(Err(e)) => {
                self.problems.add(line, e.message);
                return Ok(None);
            }
            None => {
                self.problems.add(line, t!("app-respond-outcome-empty"));
                return Ok(None);
            }
        };
        let mut axes = Vec::new();
        let mut bad_axis = None;
        for a in get("axes")
            .unwrap_or_default()
            .split(['|', ',', ';'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            match Axis::parse(a) {
                Ok(axis) => axes.push(axis),
                Err(e) => bad_axis = Some(e.message),
            }
        }
        if let Some(why) = bad_axis {
            self.problems.add(line, why);
            return Ok(None);
        }
        let request = ResponseRequest {
            outcome,
            reason: get("reason").unwrap_or_default(),
            card: get("card"),
            duplicate_of: get("duplicate_of"),
        };
        Ok(Some(RowRequest {
            id,
            suggestion,
            request,
            axes,
        }))
    }
}
