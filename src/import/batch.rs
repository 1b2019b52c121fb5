//! The writing side of an import: the batch of one file, whose rows' fates (see [`fate`]) are
//! carried out by storage's writer, counted, and the rejected ones listed.

use anyhow::Result;

use super::fate::{self, unclosed_quote_reason, Arrived, Fate, Policy, UnclosedQuote};
use super::FileReport;
use crate::csvin::{self, CsvFile, Problems, Source};
use crate::domain::mapping::{Format, Incoming, Mapping};
use crate::storage::imports::{self as store, Counts};
use crate::storage::Tx;

/// What an import records of a file, taken before its reading moves to another thread.
pub(crate) struct FileFacts {
    /// The file as messages name it.
    pub name: String,
    /// The file as the batch and the audit record it.
    pub file_name: String,
    pub format: Format,
    pub kind: csvin::FileKind,
    pub encoding: csvin::TextEncoding,
    /// The encoding and the delimiter as the batch and the report name them: a workbook has
    /// no encoding, only a CSV a delimiter.
    pub encoding_name: &'static str,
    pub delimiter_name: &'static str,
    pub sha256: String,
    pub size: u64,
    pub locator: csvin::Locator,
    pub quotes_unbalanced: bool,
}

impl FileFacts {
    pub(crate) fn of(csv: &CsvFile, source: &Source, format: Format) -> FileFacts {
        FileFacts {
            name: csv.name.clone(),
            file_name: source.file_name(),
            format,
            kind: csv.kind,
            encoding: csv.encoding,
            encoding_name: if csv.kind.is_workbook() {
                ""
            } else {
                csv.encoding.name()
            },
            delimiter_name: if csv.kind == csvin::FileKind::Csv {
                csvin::delimiter_name(csv.delimiter)
            } else {
                ""
            },
            sha256: csv.scan.sha256.clone(),
            size: csv.scan.size,
            locator: csv.locator.clone(),
            quotes_unbalanced: csv.quotes_unbalanced(),
        }
    }

    /// The audit entry of the file's import.
    pub(crate) fn audit(&self, batch_id: i64, counts: &Counts) -> String {
        format!(
            "batch {batch_id} ({}, {}, {}): read {}, inserted {}, updated {}, unchanged {}, rejected {}; sha256 {}",
            self.format.name(),
            self.kind.name(),
            self.encoding.name(),
            counts.read,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            counts.rejected,
            self.sha256,
        )
    }

    /// What happened to the file, imported as the batch `batch_id`.
    pub(crate) fn report(
        self,
        batch_id: i64,
        counts: Counts,
        problems: &Problems,
        dry_run: bool,
    ) -> FileReport {
        FileReport {
            file: self.name,
            batch: Some(batch_id),
            counts,
            encoding: self.encoding_name.to_string(),
            delimiter: self.delimiter_name.to_string(),
            format: self.format.name().to_string(),
            file_type: self.kind.name().to_string(),
            sha256: self.sha256,
            already_imported: None,
            rejected_rows: problems.lines().to_vec(),
            dry_run,
        }
    }
}

/// The batch of one file being written.
pub(crate) struct Batch<'c, 'db> {
    tx: &'c Tx<'db>,
    id: i64,
    writer: store::Writer<'c>,
    policy: Policy,
    pub counts: Counts,
    /// What is wrong with the file so far.
    pub problems: Problems,
}

impl<'c, 'db> Batch<'c, 'db> {
    pub(crate) fn new(
        tx: &'c Tx<'db>,
        cycle_id: i64,
        id: i64,
        file: &FileFacts,
        policy: Policy,
        problems: Problems,
    ) -> Result<Batch<'c, 'db>> {
        Ok(Batch {
            tx,
            id,
            writer: store::Writer::new(tx, cycle_id, id, file.format.name(), file.locator.clone())?,
            policy,
            counts: Counts::default(),
            problems,
        })
    }

    /// Decides what a row becomes, and does it.
    pub(crate) fn write(&mut self, row: Arrived, mapping: &Mapping) -> Result<()> {
        self.counts.read += 1;
        let refusing = self.policy.refuses(!self.problems.is_empty());
        let stored = match row.key_to_look_up(refusing) {
            Some(key) => self.writer.stored(key)?,
            None => None,
        };
        let line = row.line();
        match fate::decide(row, stored, refusing, mapping) {
            Fate::New(s) => {
                self.writer.insert(s)?;
                self.counts.inserted += 1;
            }
            Fate::Changed { id, row } => {
                self.writer.update(id, row)?;
                self.counts.updated += 1;
            }
            Fate::Unchanged(spent) => {
                self.counts.unchanged += 1;
                if let Some(s) = spent {
                    self.writer.leave(s);
                }
            }
            Fate::Unwritten(spent) => {
                if let Some(s) = spent {
                    self.writer.leave(s);
                }
            }
            Fate::Rejected { reason } => {
                // The rows before it first, so that problems come in file order.
                self.flush()?;
                self.reject(line, reason)?;
            }
        }
        self.take_duplicates()
    }

    /// Writes the rows waiting in the writer.
    pub(crate) fn flush(&mut self) -> Result<()> {
        self.writer.flush()?;
        self.take_duplicates()
    }

    /// Writes what is still waiting, at the end of the file.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.writer.finish()
    }

    /// The rows the writer is done with, to be freed where they were made.
    #[allow(clippy::vec_box)]
    pub(crate) fn take_spent(&mut self) -> Vec<Box<Incoming>> {
        self.writer.take_spent()
    }

    /// Carries out what a quote that never closes does to the file's last record.
    pub(crate) fn unclosed_quote(&mut self, fate: UnclosedQuote) -> Result<()> {
        match fate {
            UnclosedQuote::None => {}
            UnclosedQuote::AlsoRejects => self.problems.amend_last(&unclosed_quote_reason()),
            UnclosedQuote::Rejects { line } => {
                self.counts.rejected += 1;
                self.problems.add(line, unclosed_quote_reason());
                if self.policy.skip_invalid {
                    store::add_rejection(self.tx, self.id, line, &unclosed_quote_reason())?;
                    // The row was written before its quote turned out to be open: take it out
                    // (with what hangs from it: foreign keys are not enforced during imports,
                    // so nothing cascades).
                    let removed = store::remove_new_row(self.tx, self.id, line)?;
                    self.counts.inserted -= removed as u64;
                }
            }
        }
        Ok(())
    }

    /// Moves the rows the writer found to repeat a key to the rejected ones: they had been
    /// counted as inserted.
    fn take_duplicates(&mut self) -> Result<()> {
        for duplicate in self.writer.take_duplicates() {
            self.counts.inserted -= 1;
            self.reject(duplicate.line, duplicate.reason)?;
        }
        Ok(())
    }

    fn reject(&mut self, line: u64, why: String) -> Result<()> {
        self.counts.rejected += 1;
        if self.policy.skip_invalid {
            store::add_rejection(self.tx, self.id, line, &why)?;
        }
        self.problems.add(line, why);
        Ok(())
    }
}
