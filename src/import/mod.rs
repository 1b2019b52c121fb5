//! Importing suggestions from CSV exports: Decidim proposals, office spreadsheets, any CSV with
//! a header row. Never loses, never duplicates: every file is a batch, every row is keyed, all
//! the files of one command are written in one transaction or not at all.

// What the import reads files with is pure knowledge of them, in the domain; these paths are
// kept for the modules that name them.
use crate::domain::mapping;

mod batch;
mod fate;
mod pipeline;

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use crate::csvin::{self, CsvFile, Source};
use crate::domain::Phase;
use crate::error::refused;
use crate::storage::imports::{self as store, Counts, NewBatch, PreviousBatch};
use crate::storage::{cycles, Db};
use batch::{Batch, FileFacts};
use fate::{Arrived, LastRecord, Policy};
use mapping::{Format, Mapping, Settings};
use pipeline::{Item, Pipeline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceChoice {
    #[default]
    Auto,
    Decidim,
    Generic,
}

impl SourceChoice {
    pub fn parse(value: &str) -> Result<SourceChoice, crate::error::Failure> {
        match value {
            "auto" => Ok(SourceChoice::Auto),
            "decidim" => Ok(SourceChoice::Decidim),
            "generic" => Ok(SourceChoice::Generic),
            other => Err(crate::error::usage(crate::t!(
                "import-unknown-source",
                value = other
            ))),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub source: SourceChoice,
    pub csv: csvin::Options,
    pub settings: Settings,
    pub dry_run: bool,
    pub skip_invalid: bool,
    /// The sheet of a workbook to read (default: the first).
    pub sheet: Option<String>,
    /// The cycle the command names (`--cycle`): suggestions always go to the open cycle, so
    /// naming a closed one is refused.
    pub named: Option<crate::domain::Triennium>,
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The batch number, or null for a dry run or a file already imported.
    pub batch: Option<i64>,
    #[serde(flatten)]
    pub counts: Counts,
    pub encoding: String,
    pub delimiter: String,
    pub format: String,
    /// What the file was: csv, json, xlsx, ods or xls.
    pub file_type: String,
    pub sha256: String,
    /// Set when the same bytes were imported before: nothing was done.
    pub already_imported: Option<PreviousBatch>,
    /// The rows left out with --skip-invalid, as `FILE:LINE: reason` (at most 20).
    pub rejected_rows: Vec<String>,
    pub dry_run: bool,
}

/// Progress of an import, for a progress bar: bytes and rows done so far.
pub trait Progress {
    fn start(&mut self, total_bytes: u64);
    fn update(&mut self, bytes: u64, rows: u64);
    fn finish(&mut self);
}

pub struct NoProgress;
impl Progress for NoProgress {
    fn start(&mut self, _: u64) {}
    fn update(&mut self, _: u64, _: u64) {}
    fn finish(&mut self) {}
}

/// Imports the files into the open cycle, all in one transaction.
pub fn import(
    db: &mut Db,
    files: &[String],
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Vec<FileReport>> {
    if let Some(named) = options.named {
        cycles::by_triennium(db.conn(), named)?.ensure_open()?;
    }
    // Read and fingerprint every file before touching the database.
    let mut sources = Vec::new();
    for file in files {
        let source = Source::new(file)?;
        let scan = csvin::Scan::file(source.path()).map_err(|e| {
            e.context(crate::t!(
                "import-reading-file",
                file = source.name.as_str()
            ))
        })?;
        sources.push((source, scan));
    }
    let total: u64 = sources.iter().map(|(_, s)| s.size).sum();
    db.journal_statements_in_memory()?;
    // The first import of a consultation fills empty tables: a bulk load.
    let bulk = !options.dry_run
        && match cycles::open_cycle(db.conn())? {
            Some(cycle) => !store::cycle_has_suggestions(db.conn(), cycle.id)?,
            None => false,
        };
    progress.start(total);
    // Every reference an import writes is made by construction: the open cycle, the batch
    // it has just inserted, the ids it gives, axis codes from `Axis`. Checking them cost
    // five lookups and a statement journal for every row.
    let mut run = |db: &mut Db| -> Result<Vec<FileReport>> {
        db.unchecked_references(|db| {
            db.write_or_rehearse(options.dry_run, |tx| {
                import_all(tx, &sources, options, progress)
            })
        })
    };
    let result = if bulk { db.bulk_load(run) } else { run(db) };
    progress.finish();
    let mut reports = result?;
    if options.dry_run {
        for r in &mut reports {
            r.batch = None;
        }
    }
    Ok(reports)
}

/// The files, one after the other, in the transaction `tx`.
fn import_all(
    tx: &crate::storage::Tx,
    sources: &[(Source, csvin::Scan)],
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Vec<FileReport>> {
    let cycle = collecting_cycle(tx)?;
    let mut reports = Vec::new();
    let mut done_bytes = 0;
    let mut seen_sha = HashMap::new();
    for (source, scan) in sources {
        // A workbook's identity is its bytes and the sheet read: another sheet of the same
        // file is another batch.
        let sheet = sheet_to_read(source, scan, options)?;
        let identity = (scan.sha256.clone(), sheet.clone());
        let previous = match store::batch_by_sha256(tx, &scan.sha256, sheet.as_deref())? {
            Some(p) => Some(p),
            None => seen_sha.get(&identity).cloned(),
        };
        if let Some(previous) = previous {
            reports.push(FileReport::already_imported(
                source,
                scan,
                previous,
                options.dry_run,
            ));
            done_bytes += scan.size;
            continue;
        }
        let report = import_one(
            tx,
            cycle.id,
            source,
            scan.clone(),
            sheet.as_deref(),
            options,
            &mut |bytes, rows| progress.update(done_bytes + bytes, rows),
        )?;
        done_bytes += scan.size;
        if let Some(batch) = report.batch {
            seen_sha.insert(
                identity,
                PreviousBatch {
                    id: batch,
                    file_name: source.file_name(),
                    at: crate::context::timestamp(),
                    triennium: cycle.triennium.to_string(),
                },
            );
        }
        reports.push(report);
    }
    Ok(reports)
}

/// The open cycle, if it collects suggestions.
fn collecting_cycle(tx: &crate::storage::Tx) -> Result<crate::domain::Cycle> {
    let cycle = cycles::open_cycle(tx)?.ok_or_else(|| {
        refused(crate::t!("import-every-cycle-closed"))
            .hint(crate::t!("import-every-cycle-closed-hint"))
    })?;
    if cycle.phase == Phase::Presentazione {
        return Err(refused(crate::t!(
            "import-cycle-in-phase-one",
            triennium = cycle.triennium.to_string()
        ))
        .hint(crate::t!("import-cycle-in-phase-one-hint"))
        .into());
    }
    Ok(cycle)
}

/// The sheet to read of a workbook (`--sheet`, or the first); `None` for another file, which
/// `--sheet` cannot name.
fn sheet_to_read(source: &Source, scan: &csvin::Scan, options: &Options) -> Result<Option<String>> {
    let kind = csvin::FileKind::sniff(&scan.head);
    if kind.is_workbook() {
        return Ok(Some(csvin::tabular::sheet_to_read(
            &source.name,
            source.path(),
            kind,
            options.sheet.as_deref(),
        )?));
    }
    if let Some(sheet) = &options.sheet {
        let message = if kind == csvin::FileKind::Json {
            crate::t!(
                "import-sheet-not-workbook-json",
                sheet = sheet.as_str(),
                file = source.name.as_str()
            )
        } else {
            crate::t!(
                "import-sheet-not-workbook-csv",
                sheet = sheet.as_str(),
                file = source.name.as_str()
            )
        };
        return Err(crate::error::usage(message).into());
    }
    Ok(None)
}

impl FileReport {
    /// A file whose bytes were imported before: nothing was done.
    fn already_imported(
        source: &Source,
        scan: &csvin::Scan,
        previous: PreviousBatch,
        dry_run: bool,
    ) -> FileReport {
        FileReport {
            file: source.name.clone(),
            batch: None,
            counts: Counts::default(),
            encoding: String::new(),
            delimiter: String::new(),
            format: String::new(),
            file_type: csvin::FileKind::sniff(&scan.head).name().to_string(),
            sha256: scan.sha256.clone(),
            already_imported: Some(previous),
            rejected_rows: Vec::new(),
            dry_run,
        }
    }
}

/// Imports one file: a thread reads, screens and maps the rows (see [`Pipeline`]) while this
/// one decides what each becomes and writes it (see [`Batch`]).
fn import_one(
    tx: &crate::storage::Tx,
    cycle_id: i64,
    source: &Source,
    scan: csvin::Scan,
    sheet: Option<&str>,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FileReport> {
    let csv = CsvFile::open_table(source, options.csv, scan, sheet, &|cells| {
        mapping::names_a_header(cells, &options.settings)
    })?;
    let format = match options.source {
        SourceChoice::Decidim => Format::Decidim,
        SourceChoice::Generic => Format::Generic,
        SourceChoice::Auto if mapping::is_decidim(&csv.headers) => Format::Decidim,
        SourceChoice::Auto => Format::Generic,
    };
    let mapping = Mapping::new(
        &csv.name,
        &csv.at(csv.header_at),
        &csv.headers,
        format,
        &options.settings,
    )?;
    let file = FileFacts::of(&csv, source, format);
    let batch_id = store::insert_batch(
        tx,
        &NewBatch {
            cycle_id,
            file_name: &file.file_name,
            sha256: &file.sha256,
            size: file.size,
            encoding: file.encoding_name,
            delimiter: file.delimiter_name,
            format: format.name(),
            headers: &csv.headers,
            personal_columns: &mapping.personal,
            file_type: file.kind.name(),
            sheet,
        },
    )?;
    // Read in the transaction, so that earlier files of the same command count.
    let policy = Policy {
        skip_invalid: options.skip_invalid,
        all_new: !store::cycle_has_suggestions(tx, cycle_id)?,
    };
    let mut batch = Batch::new(tx, cycle_id, batch_id, &file, policy, csv.problems())?;
    let last = write_rows(&mut batch, csv, &mapping, policy.all_new, progress)?;
    batch.finish()?;
    progress(file.size, batch.counts.read);
    if let Some(dictionary) = mapping.dictionary.get().filter(|d| !d.is_empty()) {
        store::set_row_dictionary(tx, batch_id, dictionary)?;
    }
    batch.unclosed_quote(fate::unclosed_quote(file.quotes_unbalanced, last))?;
    fate::accept(
        &file.name,
        &batch.counts,
        &batch.problems,
        options.skip_invalid,
    )?;
    store::finish_batch(tx, batch_id, &batch.counts)?;
    tx.audit(
        "suggestion.import",
        Some(&file.file_name),
        &file.audit(batch_id, &batch.counts),
    )?;
    Ok(file.report(batch_id, batch.counts, &batch.problems, options.dry_run))
}

/// Reads the rows of `csv` on another thread while this one decides what each becomes and
/// writes it; returns the last record of the file.
fn write_rows(
    batch: &mut Batch,
    csv: CsvFile,
    mapping: &Mapping,
    all_new: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<LastRecord>> {
    std::thread::scope(|scope| -> Result<Option<LastRecord>> {
        let mut pipeline = Pipeline::start(scope, csv, mapping, all_new);
        let mut last = None;
        while let Some(item) = pipeline.next(&mut || batch.take_spent()) {
            match item {
                Item::Mapped(s) => batch.write(Arrived::Mapped(s), mapping)?,
                Item::Keyed(k) => {
                    batch.write(Arrived::Keyed(&k), mapping)?;
                    pipeline.recycle(k);
                }
                Item::Invalid(rejection) => batch.write(Arrived::Invalid(rejection), mapping)?,
                Item::Progress { bytes, rows } => progress(bytes, rows),
                Item::End(record) => {
                    batch.flush()?;
                    last = record;
                }
            }
        }
        pipeline.finish().map(|()| last)
    })
}
