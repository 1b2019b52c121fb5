//! The administration's responses: one by one, the same for many suggestions, or many from a
//! spreadsheet, all or nothing. A response always has its reason; a closed cycle refuses them.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use crate::csvin::{CsvFile, Options as CsvOptions, Source};
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
            refused(format!("there is no card with code \"{code}\""))
                .hint("`agenda card list` shows the codes")
        })?),
        None => None,
    };
    let duplicate_of = match &request.duplicate_of {
        Some(other) => {
            let d = resolve(tx, other, cycle)?;
            if d == suggestion {
                return Err(refused("a suggestion cannot duplicate itself").into());
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
    let name = csv.name.clone();
    let columns: Vec<Option<&'static str>> =
        csv.headers.iter().map(|h| response_column(h)).collect();
    let has = |c: &str| columns.contains(&Some(c));
    if !(has("id") || has("ref")) || !has("outcome") || !has("reason") {
        return Err(invalid_input(format!(
            "{}: a response file needs the columns id or ref, outcome and reason; its columns are: {}",
            csv.at(csv.header_at),
            crate::csvin::header_list(&csv.headers)
        ))
        .hint("optional columns: card, axes (separated by |), duplicate_of")
        .into());
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = csv.next_record(&mut record)? {
        let mut values: HashMap<&'static str, String> = HashMap::new();
        if record.len() != columns.len() {
            rows.push((
                line,
                Err(format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    columns.len()
                )),
            ));
            continue;
        }
        for (c, v) in columns.iter().zip(record.iter()) {
            if let Some(c) = c {
                values.insert(c, crate::csvout::unguard_formula(v.trim()).to_string());
            }
        }
        rows.push((line, Ok(values)));
    }
    if rows.is_empty() {
        return Err(invalid_input(format!("{name}: the file has a header but no rows")).into());
    }
    let mut problems = csv.problems();
    let result = db.write_or_rehearse(dry_run, |tx| {
        let mut summary = RespondSummary::default();
        let mut seen: HashMap<i64, u64> = HashMap::new();
        for (line, row) in &rows {
            let values = match row {
                Ok(v) => v,
                Err(why) => {
                    problems.add(*line, why.clone());
                    continue;
                }
            };
            let get = |k: &str| values.get(k).filter(|v| !v.is_empty()).cloned();
            let Some(id) = get("id").or_else(|| get("ref")) else {
                problems.add(*line, "no id or ref".into());
                continue;
            };
            let suggestion = match sstore::resolve(tx, &id, cycle.id)? {
                Some(s) => s,
                None => {
                    problems.add(*line, format!("there is no suggestion \"{id}\""));
                    continue;
                }
            };
            if let Some(first) = seen.insert(suggestion, *line) {
                problems.add(
                    *line,
                    format!("suggestion {id} appears again (first on line {first})"),
                );
                continue;
            }
            let outcome = match get("outcome").map(|o| Outcome::parse(&o)) {
                Some(Ok(o)) => o,
                Some(Err(e)) => {
                    problems.add(*line, e.message);
                    continue;
                }
                None => {
                    problems.add(*line, "the outcome is empty".into());
                    continue;
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
                problems.add(*line, why);
                continue;
            }
            let request = ResponseRequest {
                outcome,
                reason: get("reason").unwrap_or_default(),
                card: get("card"),
                duplicate_of: get("duplicate_of"),
            };
            if !problems.is_empty() {
                // Refused anyway: check the rest without writing.
                if let Err(e) = request.check() {
                    problems.add(*line, e.message);
                }
                continue;
            }
            if let Err(e) = record_response(tx, cycle, suggestion, &request, &mut summary) {
                let (kind, _) = crate::error::classify(&e);
                if kind == crate::error::Kind::Failed {
                    return Err(e);
                }
                problems.add(*line, e.to_string());
                continue;
            }
            for axis in axes {
                if tags::add_axis(tx, suggestion, axis.code(), "person", None)? {
                    summary.axes_added += 1;
                    tx.audit(
                        "suggestion.tag",
                        Some(&id),
                        &format!(
                            "axis {} (response file {})",
                            axis.code(),
                            source.file_name()
                        ),
                    )?;
                }
            }
        }
        problems.fail_if_any()?;
        Ok(summary)
    });
    result
}
