//! `card progress --from FILE`: the progress of many cards from the office's spreadsheet, with
//! the Italian headers an office writes (Codice, Avanzamento, Data, Nota) or English ones
//! (code, progress, date, note). All or nothing: one bad row and nothing is written, with every
//! problem as `FILE:LINE`.

use anyhow::Result;
use serde::Serialize;

use crate::context;
use crate::csvin::{CsvFile, Options, Source};
use crate::csvout::unguard_formula;
use crate::domain::ledger::{self as rule, Follows, Percent};
use crate::error::invalid_input;
use crate::storage::{cards, ledger, Db};
use crate::text::fold;

/// What a progress file did (or, rehearsed, would do).
#[derive(Debug, Default, Serialize)]
pub struct FileSummary {
    pub read: u64,
    pub recorded: u64,
    /// Cards the file brings to 100 % that are not `conclusa`: offered to conclude.
    pub at_100: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Percent,
    Date,
    Note,
}

/// The column a header means, folded (case, accents and punctuation aside).
fn column_for(header: &str) -> Option<Column> {
    match fold(header).as_str() {
        "code" | "codice" | "codice scheda" | "scheda" | "card" | "external id" => {
            Some(Column::Code)
        }
        "progress"
        | "avanzamento"
        | "percentuale"
        | "percentuale di avanzamento"
        | "avanzamento percentuale"
        | "percent" => Some(Column::Percent),
        "date" | "data" | "data avanzamento" | "data di riferimento" | "al" => Some(Column::Date),
        "note" | "nota" | "note avanzamento" | "commento" => Some(Column::Note),
        _ => None,
    }
}

struct Row {
    code: String,
    percent: Percent,
    date: String,
    note: Option<String>,
}

pub fn record_from_file(
    db: &mut Db,
    source: &Source,
    options: Options,
    dry_run: bool,
) -> Result<FileSummary> {
    let mut csv = CsvFile::open(source, options)?;
    let columns: Vec<Option<Column>> = csv.headers.iter().map(|h| column_for(h)).collect();
    for (needed, what) in [(Column::Code, "code"), (Column::Percent, "progress")] {
        if !columns.contains(&Some(needed)) {
            return Err(invalid_input(t!(
                "ledger-file-no-column",
                at = csv.at(csv.header_at),
                what = what,
                columns = crate::csvin::header_list(&csv.headers)
            ))
            .hint(t!("ledger-file-columns-hint"))
            .into());
        }
    }
    let mut problems = csv.problems();
    let today = context::today();
    let mut summary = FileSummary::default();
    let file_name = source.file_name();
    // One pass, in the file's order, so that the problems come out line by line; once a row has a
    // problem the rows after it are only checked.
    db.write_or_rehearse(dry_run, |tx| {
        let cycle = crate::cards::working_cycle(tx)?;
        let mut record = csv::StringRecord::new();
        while let Some(line) = csv.next_record(&mut record)? {
            summary.read += 1;
            match checked_row(tx, &columns, &record, &today)? {
                Err(problem) => problems.add(line, problem),
                Ok(_) if !problems.is_empty() => {}
                Ok((row, id, follows)) => {
                    ledger::insert_progress(
                        tx,
                        id,
                        cycle.id,
                        row.percent.value(),
                        &row.date,
                        row.note.as_deref(),
                    )?;
                    summary.recorded += 1;
                    if follows == Follows::OfferConclusa && !summary.at_100.contains(&row.code) {
                        summary.at_100.push(row.code.clone());
                    }
                }
            }
        }
        if summary.read == 0 {
            return Err(invalid_input(t!("app-card-file-empty", file = csv.name.as_str())).into());
        }
        problems.fail_if_any()?;
        tx.audit(
            "card.progress",
            None,
            &format!("{} progress from {file_name}", summary.recorded),
        )?;
        Ok(())
    })?;
    Ok(summary)
}

/// A row read and checked against the card it names and the rule, or the sentence of its
/// problem; the outer error is the database's.
fn checked_row(
    tx: &crate::storage::Handle,
    columns: &[Option<Column>],
    record: &csv::StringRecord,
    today: &str,
) -> Result<Result<(Row, i64, Follows), String>> {
    let row = match read_row(columns, record, today) {
        Ok(row) => row,
        Err(problem) => return Ok(Err(problem)),
    };
    let Some(card) = cards::get(tx, &row.code)? else {
        return Ok(Err(t!("ledger-file-no-card", code = row.code.as_str())));
    };
    let id = cards::id_of(tx, &card.code)?.expect("the card exists");
    let last = ledger::last_progress(tx, id)?.map(|p| p.percent);
    Ok(
        match rule::progress_allowed(&card.code, card.status, last, row.percent) {
            Ok(follows) => Ok((
                Row {
                    code: card.code,
                    ..row
                },
                id,
                follows,
            )),
            Err(e) => Err(e.message),
        },
    )
}

/// The cells of a row as a progress: code, percent, day (today when empty), note.
fn read_row(
    columns: &[Option<Column>],
    record: &csv::StringRecord,
    today: &str,
) -> Result<Row, String> {
    if record.len() != columns.len() {
        return Err(t!(
            "app-fields-mismatch",
            fields = record.len(),
            header = columns.len()
        ));
    }
    let cell = |wanted: Column| {
        columns
            .iter()
            .zip(record.iter())
            .find(|(c, _)| **c == Some(wanted))
            .map(|(_, v)| unguard_formula(v.trim()).to_string())
            .filter(|v| !v.is_empty())
    };
    let code = cell(Column::Code).ok_or_else(|| t!("app-card-code-empty"))?;
    let percent =
        Percent::parse(&cell(Column::Percent).unwrap_or_default()).map_err(|e| e.message)?;
    let date = match cell(Column::Date) {
        None => today.to_string(),
        Some(text) => crate::text::parse_day(&text)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| t!("ledger-file-date-bad", value = text.as_str()))?,
    };
    if date.as_str() > today {
        return Err(t!("ledger-date-after-today", date = date.as_str()));
    }
    Ok(Row {
        code,
        percent,
        date,
        note: cell(Column::Note),
    })
}
