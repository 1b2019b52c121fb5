//! Importing suggestions from CSV exports: Decidim proposals, office spreadsheets, any CSV with
//! a header row. Never loses, never duplicates: every file is a batch, every row is keyed, all
//! the files of one command are written in one transaction or not at all.

pub mod dates;
pub mod html;
pub mod mapping;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use anyhow::Result;
use serde::Serialize;

use crate::cards::Problems;
use crate::csvin::{self, CsvFile, Source};
use crate::domain::Phase;
use crate::error::{invalid_input, refused};
use crate::storage::suggestions::{self as store, Counts, NewBatch, PreviousBatch, Upserted};
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
    progress.start(total);
    let result = db.write_or_rehearse(options.dry_run, |tx| {
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
        for (source, scan) in &sources {
            let previous = match store::batch_by_sha256(tx, &scan.sha256)? {
                Some(p) => Some(p),
                None => seen_sha.get(&scan.sha256).cloned(),
            };
            if let Some(previous) = previous {
                reports.push(FileReport {
                    file: source.name.clone(),
                    batch: None,
                    counts: Counts::default(),
                    encoding: String::new(),
                    delimiter: String::new(),
                    format: String::new(),
                    sha256: scan.sha256.clone(),
                    already_imported: Some(previous),
                    rejected_rows: Vec::new(),
                    dry_run: options.dry_run,
                });
                done_bytes += scan.size;
                continue;
            }
            let report = import_one(tx, cycle.id, source, scan.clone(), options, &mut |bytes, rows| {
                progress.update(done_bytes + bytes, rows)
            })?;
            done_bytes += scan.size;
            if let Some(batch) = report.batch {
                seen_sha.insert(
                    scan.sha256.clone(),
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
    });
    progress.finish();
    let mut reports = result?;
    if options.dry_run {
        for r in &mut reports {
            r.batch = None;
        }
    }
    Ok(reports)
}

fn import_one(
    tx: &crate::storage::Tx,
    cycle_id: i64,
    source: &Source,
    scan: csvin::Scan,
    options: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FileReport> {
    let mut csv = CsvFile::open_scanned(source, options.csv, scan)?;
    let name = csv.name.clone();
    let format = match options.source {
        SourceChoice::Decidim => Format::Decidim,
        SourceChoice::Generic => Format::Generic,
        SourceChoice::Auto if mapping::is_decidim(&csv.headers) => Format::Decidim,
        SourceChoice::Auto => Format::Generic,
    };
    let mapping = Mapping::new(&name, &csv.headers, format, &options.settings)?;
    let batch_id = store::insert_batch(
        tx,
        &NewBatch {
            cycle_id,
            file_name: &source.file_name(),
            sha256: &csv.scan.sha256,
            size: csv.scan.size,
            encoding: csv.encoding.name(),
            delimiter: csvin::delimiter_name(csv.delimiter),
            format: format.name(),
            headers: &csv.headers,
            personal_columns: &mapping.personal,
        },
    )?;
    let mut writer = store::Writer::new(tx, cycle_id, batch_id)?;
    let mut counts = Counts::default();
    let mut problems = Problems::new(&name);
    let mut keys: HashMap<u64, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let bytes = csv.bytes_read();
    // The last record: its line, whether a field spans lines, whether it was rejected.
    let mut last: Option<(u64, bool, bool)> = None;
    let reject =
        |problems: &mut Problems, counts: &mut Counts, line: u64, why: String| -> Result<()> {
            counts.rejected += 1;
            if options.skip_invalid {
                store::add_rejection(tx, batch_id, line, &why)?;
            }
            problems.add(line, why);
            Ok(())
        };
    while let Some(line) = csv.next_record(&mut record)? {
        counts.read += 1;
        if counts.read % 4096 == 0 {
            progress(
                bytes.load(std::sync::atomic::Ordering::Relaxed),
                counts.read,
            );
        }
        let multiline = record.iter().any(|f| f.contains('\n'));
        last = Some((line, multiline, false));
        let incoming = match mapping.incoming(&record, line) {
            Ok(s) => s,
            Err(why) => {
                last = Some((line, multiline, true));
                reject(&mut problems, &mut counts, line, why)?;
                continue;
            }
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        incoming.key.hash(&mut h);
        if let Some(first) = keys.insert(h.finish(), line) {
            let why = format!(
                "the key \"{}\" appears again (first on line {first}): one suggestion per row",
                incoming.key
            );
            reject(&mut problems, &mut counts, line, why)?;
            continue;
        }
        if !problems.is_empty() && !options.skip_invalid {
            // The import will be refused: keep reading only to list the problems.
            continue;
        }
        match writer.upsert(&incoming, format.name())? {
            Upserted::Inserted => counts.inserted += 1,
            Upserted::Updated => counts.updated += 1,
            Upserted::Unchanged => counts.unchanged += 1,
        }
    }
    progress(csv.scan.size, counts.read);
    // A quote that never closes swallows the rest of the file into its last record.
    if csv.quotes_unbalanced() {
        if let Some((line, true, already_rejected)) = last {
            let why = "a quoted field opened on this line is never closed: it runs to the end of the file";
            if already_rejected {
                problems.amend_last(why);
            } else {
                reject(&mut problems, &mut counts, line, why.into())?;
                if options.skip_invalid {
                    // The row was written before its quote turned out to be open: take it out.
                    tx.execute(
                        "DELETE FROM suggestions WHERE batch_id = ?1 AND line = ?2",
                        rusqlite::params![batch_id, line as i64],
                    )?;
                    counts.inserted = counts.inserted.saturating_sub(1);
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
    drop(writer);
    store::finish_batch(tx, batch_id, &counts)?;
    tx.audit(
        "suggestion.import",
        Some(&source.file_name()),
        &format!(
            "batch {batch_id} ({}, {}): read {}, inserted {}, updated {}, unchanged {}, rejected {}; sha256 {}",
            format.name(),
            csv.encoding.name(),
            counts.read,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            counts.rejected,
            csv.scan.sha256
        ),
    )?;
    Ok(FileReport {
        file: name,
        batch: Some(batch_id),
        counts,
        encoding: csv.encoding.name().to_string(),
        delimiter: csvin::delimiter_name(csv.delimiter).to_string(),
        format: format.name().to_string(),
        sha256: csv.scan.sha256.clone(),
        already_imported: None,
        rejected_rows: problems.lines().to_vec(),
        dry_run: options.dry_run,
    })
}
