//! Importing suggestions from CSV exports: Decidim proposals, office spreadsheets, any CSV with
//! a header row. Never loses, never duplicates: every file is a batch, every row is keyed, all
//! the files of one command are written in one transaction or not at all.

// What the import reads files with is pure knowledge of them, in the domain; these paths are
// kept for the modules that name them.
pub use crate::domain::mapping;
pub use crate::domain::mapping::{dates, html};

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::mpsc;

use anyhow::Result;
use serde::Serialize;

use crate::csvin::{self, CsvFile, Source};
use crate::domain::Phase;
use crate::error::{invalid_input, refused};
use crate::storage::imports::{self as store, Counts, NewBatch, PreviousBatch, Upserted};
use crate::storage::{cycles, Db};
use mapping::{Format, Mapping, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceChoice {
    #[default]
    Auto,
    Decidim,
    Generic,
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
    // Read and fingerprint every file before touching the database.
    let mut sources = Vec::new();
    for file in files {
        let source = Source::new(file)?;
        let scan = csvin::Scan::file(source.path())
            .map_err(|e| e.context(format!("reading {}", source.name)))?;
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
    {
        let cycle = cycles::open_cycle(tx)?.ok_or_else(|| {
            refused("every cycle is closed: suggestions can only be imported into an open cycle")
                .hint("open the next cycle with `agenda cycle open`")
        })?;
        if cycle.phase == Phase::Presentazione {
            return Err(refused(format!(
                "the cycle {} is in Fase 1 – presentazione: suggestions are collected from Fase 2 on",
                cycle.triennium
            ))
            .hint("open the collection with `agenda phase advance`, then import")
            .into());
        }
        let mut reports = Vec::new();
        let mut done_bytes = 0;
        let mut seen_sha = HashMap::new();
        for (source, scan) in sources {
            // A workbook's identity is its bytes and the sheet read: another sheet of the same
            // file is another batch.
            let kind = csvin::FileKind::sniff(&scan.head);
            let sheet = if kind.is_workbook() {
                Some(csvin::tabular::sheet_to_read(
                    &source.name,
                    source.path(),
                    kind,
                    options.sheet.as_deref(),
                )?)
            } else {
                if let Some(sheet) = &options.sheet {
                    return Err(crate::error::usage(format!(
                        "--sheet {sheet}: {} is {}, not a workbook",
                        source.name,
                        if kind == csvin::FileKind::Json {
                            "a JSON document"
                        } else {
                            "a CSV file"
                        }
                    ))
                    .into());
                }
                None
            };
            let identity = (scan.sha256.clone(), sheet.clone());
            let previous = match store::batch_by_sha256(tx, &scan.sha256, sheet.as_deref())? {
                Some(p) => Some(p),
                None => seen_sha.get(&identity).cloned(),
            };
            if let Some(previous) = previous {
                reports.push(FileReport {
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
                    dry_run: options.dry_run,
                });
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
}

/// What the writing thread hands back to the reading one: an emptied chunk to fill again, and
/// the rows it has written, to free.
struct Spent {
    chunk: Vec<Item>,
    // The boxes themselves, as the reading thread made them: freeing them there is the point.
    #[allow(clippy::vec_box)]
    rows: Vec<Box<mapping::Incoming>>,
    #[allow(clippy::vec_box)]
    checks: Vec<Box<Check>>,
}

/// A row of a later export, for the writer to look up before it is mapped.
struct Check {
    line: u64,
    key: String,
    /// The fingerprint of the row as read, compared with the stored one.
    hash: i64,
    record: csv::StringRecord,
}

/// The reading thread's ends of the channels.
struct Channels<'a> {
    rows: &'a mpsc::SyncSender<Result<Vec<Item>>>,
    spent: &'a mpsc::Receiver<Spent>,
}

/// What the reading thread hands to the writing one.
enum Item {
    /// A row to insert or update.
    Row(Box<mapping::Incoming>),
    /// A row to look up first: written only if new or changed.
    Check(Box<Check>),
    /// An invalid row: its line and what is wrong.
    Invalid(u64, String),
    /// Where the reading got to, for the progress bar: bytes and rows.
    Progress(u64, u64),
    /// The last record, for the unclosed-quote check: line, spans lines, was invalid.
    End(Option<(u64, bool, bool)>),
}

const CHUNK: usize = 256;

/// How many rows of a file make its dictionary (see `domain::row_codec::row_dictionary`).
const DICTIONARY_ROWS: usize = 8;

/// Imports one file: a thread reads, checks and maps the rows while this one writes them, so
/// parsing and SQLite each get a core.
fn import_one(
    tx: &crate::storage::Tx,
    cycle_id: i64,
    source: &Source,
    scan: csvin::Scan,
    sheet: Option<&str>,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FileReport> {
    let mut csv = CsvFile::open_table(source, options.csv, scan, sheet, &|cells| {
        mapping::names_a_header(cells, &options.settings)
    })?;
    let name = csv.name.clone();
    let format = match options.source {
        SourceChoice::Decidim => Format::Decidim,
        SourceChoice::Generic => Format::Generic,
        SourceChoice::Auto if mapping::is_decidim(&csv.headers) => Format::Decidim,
        SourceChoice::Auto => Format::Generic,
    };
    let mapping = Mapping::new(
        &name,
        &csv.at(csv.header_at),
        &csv.headers,
        format,
        &options.settings,
    )?;
    let kind = csv.kind;
    let locator = csv.locator.clone();
    // A workbook has no encoding, only a CSV a delimiter: the batch and the report say none.
    let encoding_name = if kind.is_workbook() {
        ""
    } else {
        csv.encoding.name()
    };
    let delimiter_name = if kind == csvin::FileKind::Csv {
        csvin::delimiter_name(csv.delimiter)
    } else {
        ""
    };
    let batch_id = store::insert_batch(
        tx,
        &NewBatch {
            cycle_id,
            file_name: &source.file_name(),
            sha256: &csv.scan.sha256,
            size: csv.scan.size,
            encoding: encoding_name,
            delimiter: delimiter_name,
            format: format.name(),
            headers: &csv.headers,
            personal_columns: &mapping.personal,
            file_type: kind.name(),
            sheet,
        },
    )?;
    let encoding = csv.encoding;
    let sha256 = csv.scan.sha256.clone();
    let size = csv.scan.size;
    let quotes_unbalanced = csv.quotes_unbalanced();

    let mut counts = Counts::default();
    let mut problems = csv.problems();
    let mut last = None;
    // Read in the transaction, so that earlier files of the same command count.
    let all_new = !store::cycle_has_suggestions(tx, cycle_id)?;
    let (sender, receiver) = mpsc::sync_channel::<Result<Vec<Item>>>(4);
    // What the writer is done with goes back to the reading thread, which allocated it:
    // glibc's allocator locks the allocating thread's arena for every free made elsewhere.
    let (spent_tx, spent_rx) = mpsc::channel::<Spent>();
    std::thread::scope(|scope| -> Result<()> {
        let mapping = &mapping;
        let reader = scope.spawn(move || {
            let channels = Channels {
                rows: &sender,
                spent: &spent_rx,
            };
            let result = read_rows(&mut csv, mapping, all_new, &channels);
            if let Err(e) = result {
                let _ = sender.send(Err(e));
            }
        });
        let mut writer =
            store::Writer::new(tx, cycle_id, batch_id, format.name(), locator.clone())?;
        // Rows rejected by the writer (a key seen twice) or by the reader, in file order.
        let mut rejected: Vec<(u64, String)> = Vec::new();
        let mut checks: Vec<Box<Check>> = Vec::new();
        let mut outcome = Ok(());
        for chunk in receiver.iter() {
            let mut chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            };
            for item in chunk.drain(..) {
                match item {
                    Item::Row(incoming) => {
                        counts.read += 1;
                        // A file that will be refused is read on only to list its problems;
                        // into an empty cycle its rows are still written, as that is where
                        // a key seen twice shows (the transaction is rolled back anyway).
                        if !problems.is_empty() && !options.skip_invalid && !all_new {
                            continue;
                        }
                        match writer.upsert(incoming)? {
                            Upserted::Inserted => counts.inserted += 1,
                            Upserted::Updated => counts.updated += 1,
                            Upserted::Unchanged => counts.unchanged += 1,
                        }
                        take_duplicates(&mut writer, &mut counts, &mut rejected);
                    }
                    Item::Check(check) => {
                        counts.read += 1;
                        if !problems.is_empty() && !options.skip_invalid && !all_new {
                            // The file will be refused: only list the row's problems.
                            if let Err(why) = mapping.incoming(&check.record, check.line) {
                                rejected.push((check.line, why));
                            }
                        } else {
                            let existing = writer.stored(&check.key)?;
                            match existing {
                                Some((_, hash)) if hash == check.hash => counts.unchanged += 1,
                                _ => match mapping.incoming(&check.record, check.line) {
                                    Ok(s) => match writer.upsert_known(Box::new(s), existing)? {
                                        Upserted::Inserted => counts.inserted += 1,
                                        Upserted::Updated => counts.updated += 1,
                                        Upserted::Unchanged => counts.unchanged += 1,
                                    },
                                    Err(why) => {
                                        writer.flush()?;
                                        take_duplicates(&mut writer, &mut counts, &mut rejected);
                                        rejected.push((check.line, why));
                                    }
                                },
                            }
                            take_duplicates(&mut writer, &mut counts, &mut rejected);
                        }
                        checks.push(check);
                    }
                    Item::Invalid(line, why) => {
                        counts.read += 1;
                        // The rows before it first, so that problems come in file order.
                        writer.flush()?;
                        take_duplicates(&mut writer, &mut counts, &mut rejected);
                        rejected.push((line, why));
                    }
                    Item::Progress(bytes, rows) => progress(bytes, rows),
                    Item::End(record) => {
                        writer.flush()?;
                        take_duplicates(&mut writer, &mut counts, &mut rejected);
                        last = record;
                    }
                }
                for (line, why) in rejected.drain(..) {
                    counts.rejected += 1;
                    if options.skip_invalid {
                        store::add_rejection(tx, batch_id, line, &why)?;
                    }
                    problems.add(line, why);
                }
            }
            let _ = spent_tx.send(Spent {
                chunk,
                rows: writer.take_spent(),
                checks: std::mem::take(&mut checks),
            });
        }
        if outcome.is_ok() {
            writer.finish()?;
        }
        drop(receiver);
        if reader.join().is_err() {
            outcome = Err(anyhow::anyhow!(
                "the thread reading {name} stopped unexpectedly"
            ));
        }
        outcome
    })?;
    progress(size, counts.read);
    if let Some(dictionary) = mapping.dictionary.get().filter(|d| !d.is_empty()) {
        store::set_row_dictionary(tx, batch_id, dictionary)?;
    }

    // A quote that never closes swallows the rest of the file into its last record.
    if quotes_unbalanced {
        if let Some((line, true, already_rejected)) = last {
            let why = "a quoted field opened on this line is never closed: it runs to the end of the file";
            if already_rejected {
                problems.amend_last(why);
            } else {
                counts.rejected += 1;
                problems.add(line, why.into());
                if options.skip_invalid {
                    store::add_rejection(tx, batch_id, line, why)?;
                    // The row was written before its quote turned out to be open: take it out
                    // (with what hangs from it: foreign keys are not enforced during imports,
                    // so nothing cascades).
                    let removed = store::remove_new_row(tx, batch_id, line)?;
                    counts.inserted -= removed as u64;
                }
            }
        }
    }
    if counts.read == 0 {
        return Err(invalid_input(format!("{name}: the file has a header but no rows")).into());
    }
    if !options.skip_invalid {
        problems.fail_if_any()?;
    } else if counts.read == counts.rejected {
        return Err(invalid_input(format!(
            "{name}: every row is invalid, so nothing was imported:\n  {}",
            problems.lines().join("\n  ")
        ))
        .into());
    }
    store::finish_batch(tx, batch_id, &counts)?;
    tx.audit(
        "suggestion.import",
        Some(&source.file_name()),
        &format!(
            "batch {batch_id} ({}, {}, {}): read {}, inserted {}, updated {}, unchanged {}, rejected {}; sha256 {sha256}",
            format.name(),
            kind.name(),
            encoding.name(),
            counts.read,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            counts.rejected,
        ),
    )?;
    Ok(FileReport {
        file: name,
        batch: Some(batch_id),
        counts,
        encoding: encoding_name.to_string(),
        delimiter: delimiter_name.to_string(),
        format: format.name().to_string(),
        file_type: kind.name().to_string(),
        sha256,
        already_imported: None,
        rejected_rows: problems.lines().to_vec(),
        dry_run: options.dry_run,
    })
}

/// Moves the rows the writer found to repeat a key to the rejected ones: they had been
/// counted as inserted.
fn take_duplicates(
    writer: &mut store::Writer,
    counts: &mut Counts,
    rejected: &mut Vec<(u64, String)>,
) {
    for (line, why) in writer.take_duplicates() {
        counts.inserted -= 1;
        rejected.push((line, why));
    }
}

/// The reading side: records from the file, checked, keyed and mapped (or left for the writer
/// to check), in chunks. With `all_new`, the cycle holds no suggestion yet and every key is new.
fn read_rows(
    csv: &mut CsvFile,
    mapping: &Mapping,
    all_new: bool,
    channels: &Channels,
) -> Result<()> {
    let sender = channels.rows;
    let bytes = csv.bytes_read();
    // The keys seen so far, as 64-bit hashes: 1M rows cost 16 MiB, not the keys themselves.
    // Into an empty cycle the table's unique key does this job as the writer inserts (see
    // `Writer::flush`), and memory stays flat whatever the size of the file.
    let mut keys: HashSet<u64> = HashSet::new();
    let mut record = csv::StringRecord::new();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut rows = 0u64;
    let mut last = None;
    // The first rows make the dictionary the rows as read are compressed against: read them
    // ahead, then go through them like the others.
    let mut ahead: Vec<(u64, csv::StringRecord)> = Vec::new();
    while ahead.len() < DICTIONARY_ROWS {
        match csv.next_record(&mut record)? {
            Some(line) => ahead.push((line, record.clone())),
            None => break,
        }
    }
    let _ = mapping.dictionary.set(store::row_dictionary(
        ahead
            .iter()
            .filter(|(_, r)| r.len() == mapping.columns)
            .map(|(_, r)| r),
        &mapping.personal,
    ));
    let mut ahead = ahead.into_iter();
    loop {
        let line = match ahead.next() {
            Some((line, read)) => {
                record = read;
                line
            }
            None => match csv.next_record(&mut record)? {
                Some(line) => line,
                None => break,
            },
        };
        rows += 1;
        let multiline = record.iter().any(|f| f.contains('\n'));
        last = Some((line, multiline, false));
        let item = if record.len() != mapping.columns {
            Item::Invalid(
                line,
                format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    mapping.columns
                ),
            )
        } else {
            let mut mapped = None;
            let key = match mapping.fast_key(&record) {
                Some(key) => Ok(key),
                None => match mapping.incoming(&record, line) {
                    Ok(s) => {
                        let key = s.key.clone();
                        mapped = Some(s);
                        Ok(key)
                    }
                    Err(why) => Err(why),
                },
            };
            match key {
                Err(why) => Item::Invalid(line, why),
                Ok(key) => {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    key.hash(&mut h);
                    if !all_new && !keys.insert(h.finish()) {
                        Item::Invalid(line, mapping::duplicate_key(&key, None))
                    } else {
                        match mapped {
                            Some(s) => Item::Row(Box::new(s)),
                            // Into an empty cycle every row is new: map it here.
                            None if all_new => match mapping.incoming(&record, line) {
                                Ok(mut s) => {
                                    s.known_new = true;
                                    Item::Row(Box::new(s))
                                }
                                Err(why) => Item::Invalid(line, why),
                            },
                            // Otherwise the writer looks the key up, and maps the row only
                            // if it is new or changed: most rows of a later export are not.
                            // The fingerprint only here: a mapped row computes its own.
                            None => Item::Check(Box::new(Check {
                                line,
                                key,
                                hash: mapping.raw_hash(&record),
                                record: record.clone(),
                            })),
                        }
                    }
                }
            }
        };
        if let Item::Invalid(..) = item {
            last = Some((line, multiline, true));
        }
        chunk.push(item);
        if chunk.len() == CHUNK {
            chunk.push(Item::Progress(
                bytes.load(std::sync::atomic::Ordering::Relaxed),
                rows,
            ));
            let mut next = None;
            while let Ok(spent) = channels.spent.try_recv() {
                drop(spent.rows);
                drop(spent.checks);
                next = Some(spent.chunk);
            }
            let next = next.unwrap_or_else(|| Vec::with_capacity(CHUNK + 2));
            let full = std::mem::replace(&mut chunk, next);
            if sender.send(Ok(full)).is_err() {
                return Ok(());
            }
        }
    }
    chunk.push(Item::End(last));
    let _ = sender.send(Ok(chunk));
    Ok(())
}
