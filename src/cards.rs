//! Work on project cards: add, edit, change status, remove, and the CSV round trip. The CLI
//! calls these; they validate with the domain and write through storage, with history and
//! audit log.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::csvin::{CsvFile, Options, Problems, Source};
use crate::csvout::{guard_formula, unguard_formula};
use crate::domain::card::{parse_budget, split_list, FieldChange, YearMonth, FIELDS};
use crate::domain::{Axis, Card, CardStatus, Term};
use crate::error::{invalid_input, refused, Failure};
use crate::storage::{cards, cycles, Db, Handle, Tx};

/// Changes to some fields of a card; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct CardPatch {
    pub title: Option<String>,
    pub axis: Option<Axis>,
    pub status: Option<CardStatus>,
    pub description: Option<String>,
    pub objectives: Option<String>,
    pub office: Option<String>,
    pub partners: Option<String>,
    /// `Some(None)` clears the value.
    pub start: Option<Option<YearMonth>>,
    pub end: Option<Option<YearMonth>>,
    pub budget: Option<Option<i64>>,
    pub funding: Option<String>,
    pub agid_refs: Option<Vec<String>>,
    pub indicators: Option<Vec<String>>,
}

impl CardPatch {
    pub fn apply(&self, card: &Card) -> Card {
        let mut c = card.clone();
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = &self.$f { c.$f = v.clone(); } )* };
        }
        set!(
            title,
            axis,
            status,
            description,
            objectives,
            office,
            partners,
            start,
            end,
            budget,
            funding,
            agid_refs,
            indicators
        );
        c
    }

    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.axis.is_none()
            && self.status.is_none()
            && self.description.is_none()
            && self.objectives.is_none()
            && self.office.is_none()
            && self.partners.is_none()
            && self.start.is_none()
            && self.end.is_none()
            && self.budget.is_none()
            && self.funding.is_none()
            && self.agid_refs.is_none()
            && self.indicators.is_none()
    }
}

/// Refuses changes to cards when no cycle is open: the cards of a closed cycle are its
/// snapshot; the next cycle must be opened first.
pub(crate) fn working_cycle(conn: &Handle) -> Result<crate::domain::Cycle> {
    if let Some(cycle) = cycles::open_cycle(conn)? {
        return Ok(cycle);
    }
    let last = cycles::current(conn)?;
    Err(refused(t!(
        "app-card-cycle-closed",
        triennium = last.triennium.to_string(),
        approved = last.approved_with()
    ))
    .hint(t!(
        "app-card-cycle-closed-hint",
        next = last.triennium.next().to_string()
    ))
    .into())
}

pub fn add(db: &mut Db, card: &Card) -> Result<()> {
    card.validate()?;
    db.write(|tx| {
        let cycle = working_cycle(tx)?;
        if cards::get(tx, &card.code)?.is_some() {
            return Err(refused(t!("app-card-exists", code = card.code.as_str()))
                .hint(t!("app-card-exists-hint"))
                .into());
        }
        cards::insert(tx, card, cycle.id, None)?;
        crate::ledger::after_card_written(tx, card, cycle.id, None)?;
        tx.audit(
            "card.add",
            Some(&card.code),
            &format!(
                "{} ({}, {})",
                card.title,
                card.axis.code(),
                card.status.code()
            ),
        )
    })
}

/// Applies a patch; returns the fields that changed.
pub fn edit(
    db: &mut Db,
    code: &str,
    patch: &CardPatch,
    note: Option<&str>,
    action: &str,
) -> Result<Vec<FieldChange>> {
    db.write(|tx| {
        let cycle = working_cycle(tx)?;
        let old = cards::require(tx, code)?;
        let new = patch.apply(&old);
        new.validate()?;
        let changes = cards::update(tx, &old, &new, cycle.id, note)?;
        crate::ledger::after_card_written(tx, &new, cycle.id, note)?;
        if !changes.is_empty() {
            tx.audit(action, Some(code), &describe_changes(&changes))?;
        }
        Ok(changes)
    })
}

pub fn describe_changes(changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| format!("{}: \"{}\" → \"{}\"", c.field, c.before, c.after))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How many suggestions are linked to a card, or name it in a response (also one that a later
/// response replaced: the history keeps pointing at the card).
pub fn linked_suggestions(conn: &Handle, code: &str) -> Result<i64> {
    cards::linked_suggestions(conn, code)
}

/// Refuses to remove a card that suggestions are linked to: giving account of a suggestion
/// must not lose the card it points to.
pub fn check_removable(conn: &Handle, code: &str) -> Result<Card> {
    let card = cards::require(conn, code)?;
    let linked = linked_suggestions(conn, code)?;
    if linked > 0 {
        return Err(refused(t!("app-card-linked", code = code, count = linked))
            .hint(t!("app-card-linked-hint"))
            .into());
    }
    Ok(card)
}

pub fn remove(db: &mut Db, code: &str) -> Result<()> {
    db.write(|tx| {
        working_cycle(tx)?;
        let card = check_removable(tx, code)?;
        cards::delete(tx, code)?;
        tx.audit(
            "card.remove",
            Some(code),
            &format!(
                "removed: {}",
                serde_json::to_string(&card).unwrap_or_else(|_| card.title.clone())
            ),
        )
    })
}

#[derive(Debug, Default, Serialize)]
pub struct ImportSummary {
    pub read: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The columns of a card CSV: our own export's names, and the Italian ones offices write.
fn field_for_header(header: &str) -> Option<&'static str> {
    let h = crate::text::fold(header);
    let found = match h.as_str() {
        "code" | "codice" | "cod" | "codice scheda" | "id scheda" | "scheda" => "code",
        "title" | "titolo" | "nome" | "titolo scheda" | "progetto" => "title",
        "axis" | "asse" | "asse tematico" => "axis",
        "status" | "stato" | "stato avanzamento" => "status",
        "description" | "descrizione" => "description",
        "objectives" | "obiettivi" | "obiettivo" => "objectives",
        "office" | "ufficio" | "ufficio responsabile" | "servizio" | "servizio responsabile" => {
            "office"
        }
        "partners" | "partner" => "partners",
        "start" | "inizio" | "data inizio" | "avvio" => "start",
        "end" | "fine" | "data fine" | "conclusione" => "end",
        "budget" | "risorse" | "importo" | "costo" => "budget",
        "funding" | "finanziamento" | "fonte di finanziamento" | "fonti di finanziamento" => {
            "funding"
        }
        "agid refs" | "riferimenti agid" | "piano triennale" | "riferimenti piano triennale" => {
            "agid_refs"
        }
        "indicators" | "indicatori" => "indicators",
        _ => return None,
    };
    Some(found)
}

/// Reads a card CSV and creates or updates the cards by code. All or nothing: any bad row and
/// nothing is written; the error lists up to 20 problems as `FILE:LINE: what`.
pub fn import(db: &mut Db, file: &str, options: Options, dry_run: bool) -> Result<ImportSummary> {
    let source = Source::new(file)?;
    let mut csv = CsvFile::open(&source, options)?;
    let name = csv.name.clone();
    let columns = card_columns(&csv)?;
    let mut problems = csv.problems();
    let rows = read_rows(&mut csv, &columns, &mut problems)?;
    if rows.is_empty() && problems.is_empty() {
        return Err(invalid_input(t!("app-card-file-empty", file = name.as_str())).into());
    }
    let note = format!("card import {}", source.file_name());
    let mut summary = ImportSummary::default();
    db.write_or_rehearse(dry_run, |tx| {
        write_rows(tx, &rows, &note, &mut problems, &mut summary)?;
        problems.fail_if_any()?;
        Ok(())
    })?;
    Ok(summary)
}

/// One row of a card CSV: its line, and its cells by the card field their column means.
struct CardRow {
    line: u64,
    values: Vec<(&'static str, String)>,
}

/// The card field each column of the header means (`None` for a column of no field);
/// refuses two columns of one field, and a header without the code.
fn card_columns(csv: &CsvFile) -> Result<Vec<Option<&'static str>>> {
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    let mut seen_fields = HashSet::new();
    for header in &csv.headers {
        let field = field_for_header(header);
        if let Some(f) = field {
            if !seen_fields.insert(f) {
                return Err(invalid_input(t!(
                    "app-card-two-columns",
                    at = csv.at(csv.header_at),
                    field = f
                ))
                .into());
            }
        }
        columns.push(field);
    }
    if !seen_fields.contains("code") {
        return Err(invalid_input(t!(
            "app-card-no-code-column",
            at = csv.at(csv.header_at),
            columns = crate::csvin::header_list(&csv.headers)
        ))
        .hint(t!("app-card-expected-columns", columns = FIELDS.join(", ")))
        .into());
    }
    Ok(columns)
}

/// The rows of the file with a code each; a row of the wrong width, without a code or with
/// the code of an earlier row is a problem.
fn read_rows(
    csv: &mut CsvFile,
    columns: &[Option<&'static str>],
    problems: &mut Problems,
) -> Result<Vec<CardRow>> {
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut codes = std::collections::HashMap::new();
    while let Some(line) = csv.next_record(&mut record)? {
        if record.len() != columns.len() {
            problems.add(
                line,
                t!(
                    "app-fields-mismatch",
                    fields = record.len(),
                    header = columns.len()
                ),
            );
            continue;
        }
        let values: Vec<(&'static str, String)> = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(f, v)| f.map(|f| (f, unguard_formula(v.trim()).to_string())))
            .collect();
        let code = values
            .iter()
            .find(|(f, _)| *f == "code")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        if code.is_empty() {
            problems.add(line, t!("app-card-code-empty"));
            continue;
        }
        if let Some(first) = codes.insert(code.clone(), line) {
            problems.add(
                line,
                t!(
                    "app-card-again",
                    code = code.as_str(),
                    first = csv.locator.describe(first)
                ),
            );
            continue;
        }
        rows.push(CardRow { line, values });
    }
    Ok(rows)
}

/// Creates or updates the card of each row, counting them in `summary`; once any row has a
/// problem, the rows after it are only checked.
fn write_rows(
    tx: &Tx,
    rows: &[CardRow],
    note: &str,
    problems: &mut Problems,
    summary: &mut ImportSummary,
) -> Result<()> {
    let cycle = working_cycle(tx)?;
    for CardRow { line, values } in rows {
        summary.read += 1;
        let code = &values.iter().find(|(f, _)| *f == "code").unwrap().1;
        let existing = cards::get(tx, code)?;
        let card = match card_from_values(existing.as_ref(), values) {
            Ok(card) => card,
            Err(e) => {
                problems.add(*line, e.message);
                continue;
            }
        };
        if let Err(e) = card.validate() {
            problems.add(*line, e.message);
            continue;
        }
        if !problems.is_empty() {
            continue;
        }
        match existing {
            None => {
                cards::insert(tx, &card, cycle.id, Some(note))?;
                crate::ledger::after_card_written(tx, &card, cycle.id, None)?;
                tx.audit(
                    "card.import",
                    Some(code),
                    &format!("created: {}", card.title),
                )?;
                summary.created += 1;
            }
            Some(old) => {
                let changes = cards::update(tx, &old, &card, cycle.id, Some(note))?;
                crate::ledger::after_card_written(tx, &card, cycle.id, None)?;
                if changes.is_empty() {
                    summary.unchanged += 1;
                } else {
                    tx.audit("card.import", Some(code), &describe_changes(&changes))?;
                    summary.updated += 1;
                }
            }
        }
    }
    Ok(())
}

fn card_from_values(
    existing: Option<&Card>,
    values: &[(&'static str, String)],
) -> Result<Card, Failure> {
    let get = |field: &str| {
        values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    };
    let required = |field: &str| -> Result<&str, Failure> {
        match get(field) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(invalid_input(t!("app-card-needs", field = field))),
        }
    };
    let mut card = match existing {
        Some(card) => card.clone(),
        None => Card::new(
            required("code")?,
            required("title")?,
            Axis::parse(required("axis")?)?,
            CardStatus::parse(required("status")?)?,
        ),
    };
    let month = |v: &str| -> Result<Option<YearMonth>, Failure> {
        if v.is_empty() {
            Ok(None)
        } else {
            YearMonth::parse(v).map(Some)
        }
    };
    for (field, value) in values {
        let v = value.as_str();
        match *field {
            "title" => card.title = v.to_string(),
            "axis" => card.axis = Axis::parse(v)?,
            "status" => card.status = CardStatus::parse(v)?,
            "description" => card.description = v.to_string(),
            "objectives" => card.objectives = v.to_string(),
            "office" => card.office = v.to_string(),
            "partners" => card.partners = v.to_string(),
            "start" => card.start = month(v)?,
            "end" => card.end = month(v)?,
            "budget" => {
                card.budget = if v.is_empty() {
                    None
                } else {
                    Some(parse_budget(v)?)
                }
            }
            "funding" => card.funding = v.to_string(),
            "agid_refs" => card.agid_refs = split_list(v),
            "indicators" => card.indicators = split_list(v),
            _ => {}
        }
    }
    Ok(card)
}

/// Writes every card as CSV (`,`, UTF-8, one column per field, lists joined with ` | `),
/// the format `card import` reads back unchanged.
pub fn export_csv(cards: &[Card], out: impl Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(FIELDS)?;
    for card in cards {
        writer.write_record(
            FIELDS
                .iter()
                .map(|f| guard_formula(&card.field_text(f)).into_owned()),
        )?;
    }
    writer.flush()?;
    Ok(())
}
