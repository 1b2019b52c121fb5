//! Reading the CSV files people bring: exports of Decidim, of Excel on an Italian PC, of web
//! forms. Detects the encoding (UTF-8 with or without BOM, Windows-1252) and the delimiter
//! (`;`, `,`, tab), fingerprints the bytes with SHA-256, and hands out records with the line a
//! text editor shows. Shared by every command that reads a CSV.

mod options;
mod problems;
mod readers;
pub mod scan;
mod source;
pub mod tabular;

use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use sha2::Digest;

use crate::error::{invalid_input, usage};
pub use options::{
    delimiter_name, sniff_delimiter, DelimiterChoice, EncodingChoice, Options, TextEncoding,
};
pub use problems::{Problems, MAX_PROBLEMS_SHOWN};
use readers::{RecordLimit, RecordTooLong};
pub use scan::Scan;
pub use source::Source;
pub use tabular::{FileKind, Locator};

/// The longest record a file may hold, in bytes of text. A record this long is not a
/// suggestion but a quote that never closes: without a limit it would swallow the rest of the
/// file into memory.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// An open table file — a CSV, or a JSON export or a workbook read as one — positioned after
/// its header row.
pub struct CsvFile {
    pub name: String,
    pub scan: Scan,
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// What the file is: the bytes said so.
    pub kind: FileKind,
    /// How places in it are named in messages.
    pub locator: Locator,
    /// Where the header is (its line, row or record).
    pub header_at: u64,
    reader: Records,
    bytes_read: Arc<AtomicU64>,
    limit: Arc<RecordLimit>,
    /// The line where the next record starts (or a blank line before it).
    next_line: u64,
}

impl CsvFile {
    /// Scans the file (fingerprint and encoding), detects the delimiter and reads the header.
    pub fn open(source: &Source, options: Options) -> Result<CsvFile> {
        let scan = Scan::file(source.path())
            .with_context(|| crate::t!("import-reading-file", file = source.name.as_str()))?;
        Self::open_scanned(source, options, scan)
    }

    /// Opens the file again after its scan; the bytes read must be the bytes scanned. A JSON
    /// document or a workbook is read as a table whose header is the first row that is not
    /// empty.
    pub fn open_scanned(source: &Source, options: Options, scan: Scan) -> Result<CsvFile> {
        Self::open_table(source, options, scan, None, &|_| true)
    }

    /// Like [`CsvFile::open_scanned`], for a workbook with the sheet to read (default: the
    /// first) and how to tell its header row from a title above it.
    pub fn open_table(
        source: &Source,
        options: Options,
        scan: Scan,
        sheet: Option<&str>,
        is_header: &dyn Fn(&[String]) -> bool,
    ) -> Result<CsvFile> {
        let kind = FileKind::sniff(&scan.head);
        if kind == FileKind::Csv {
            if let Some(sheet) = sheet {
                return Err(usage(crate::t!(
                    "import-sheet-not-workbook-csv",
                    sheet = sheet,
                    file = source.name.as_str()
                ))
                .into());
            }
            let file = File::open(source.path())
                .with_context(|| crate::t!("import-opening-file", file = source.name.as_str()))?;
            return Self::from_reader(source.name.clone(), scan, options, Box::new(file));
        }
        let bytes = std::fs::read(source.path())
            .with_context(|| crate::t!("import-reading-file", file = source.name.as_str()))?;
        if bytes.len() as u64 != scan.size
            || scan::hex(&sha2::Sha256::digest(&bytes)) != scan.sha256
        {
            return Err(invalid_input(crate::t!(
                "import-file-changed",
                file = source.name.as_str()
            ))
            .hint(crate::t!("import-file-changed-hint"))
            .into());
        }
        let table = match kind {
            FileKind::Json => tabular::json_table(&source.name, &bytes)?,
            _ => tabular::workbook_table(&source.name, bytes, kind, sheet, is_header)?,
        };
        let size = scan.size;
        Ok(CsvFile {
            name: source.name.clone(),
            encoding: if scan.bom {
                TextEncoding::Utf8Bom
            } else {
                TextEncoding::Utf8
            },
            scan,
            delimiter: 0,
            headers: table.headers,
            kind,
            locator: table.locator,
            header_at: table.header_at,
            reader: Records::Table(table.records.into_iter()),
            bytes_read: Arc::new(AtomicU64::new(size)),
            limit: Arc::new(RecordLimit::default()),
            next_line: 1,
        })
    }

    /// `FILE:LINE` (or `FILE:SHEET:ROW`, `FILE: record N`) for the place `n`.
    pub fn at(&self, n: u64) -> String {
        self.locator.at(&self.name, n)
    }

    /// Collects the problems of this file, named the way its places are.
    pub fn problems(&self) -> Problems {
        Problems::located(&self.name, self.locator.clone())
    }

    /// A CSV file held in memory, for tests and fuzzing: scanned and read like a file.
    pub fn from_bytes(name: &str, bytes: Vec<u8>, options: Options) -> Result<CsvFile> {
        let scan = Scan::reader(&bytes[..])?;
        Self::from_reader(
            name.to_string(),
            scan,
            options,
            Box::new(io::Cursor::new(bytes)),
        )
    }

    /// Reads `raw`, which must hold the bytes `scan` describes: a file that grows or shrinks
    /// between the scan and the end of the reading is refused when the reading ends.
    pub fn from_reader(
        name: String,
        scan: Scan,
        options: Options,
        raw: Box<dyn Read + Send>,
    ) -> Result<CsvFile> {
        if scan.size == 0 || scan.size == 3 && scan.bom {
            return Err(invalid_input(crate::t!("import-file-empty", file = name.as_str())).into());
        }
        let encoding = scan.encoding(&name, options.encoding)?;
        let text = readers::text_records(raw, &scan, encoding, options.delimiter)?;
        let mut csv = CsvFile {
            name,
            scan,
            encoding,
            delimiter: text.delimiter,
            headers: Vec::new(),
            kind: FileKind::Csv,
            locator: Locator::Line,
            header_at: 1,
            reader: Records::Csv(text.reader),
            bytes_read: text.bytes_read,
            limit: text.limit,
            next_line: 1,
        };
        let mut header = csv::StringRecord::new();
        if !csv.read(&mut header)? {
            return Err(
                invalid_input(crate::t!("import-file-empty", file = csv.name.as_str())).into(),
            );
        }
        csv.headers = header.iter().map(|h| h.trim().to_string()).collect();
        Ok(csv)
    }

    /// Reads the next record into `record`; returns the line it starts on (for a workbook its
    /// row, for JSON its record number), or `None` at the end. Blank lines are skipped.
    pub fn next_record(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>> {
        if let Records::Table(rows) = &mut self.reader {
            return Ok(rows.next().map(|(n, row)| {
                *record = row;
                n
            }));
        }
        loop {
            if !self.read(record)? {
                return Ok(None);
            }
            if record.len() == 1 && record[0].trim().is_empty() {
                continue;
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            strip_cr(record);
            return Ok(Some(line));
        }
    }

    /// One record from the csv reader, with the checks that need the whole file: at the end,
    /// that it was the file scanned; on the way, that no record outgrows [`MAX_RECORD_BYTES`].
    fn read(&mut self, record: &mut csv::StringRecord) -> Result<bool> {
        let Records::Csv(reader) = &mut self.reader else {
            return Ok(false);
        };
        match reader.read_record(record) {
            Ok(true) => {
                let next = reader.position();
                self.next_line = next.line();
                self.limit.record_starts_at(next.byte());
                Ok(true)
            }
            Ok(false) => {
                self.check_unchanged()?;
                Ok(false)
            }
            Err(e) => {
                // A file that grew can end in the middle of a character or a quote: say what
                // happened rather than what it looks like.
                if self.bytes_read.load(Ordering::Relaxed) > self.scan.size {
                    self.check_unchanged()?;
                }
                let too_long = match e.kind() {
                    csv::ErrorKind::Io(io) => io
                        .get_ref()
                        .is_some_and(|inner| inner.is::<RecordTooLong>()),
                    _ => false,
                };
                if too_long {
                    return Err(invalid_input(format!(
                        "{}:{}: {}",
                        self.name,
                        self.next_line,
                        crate::t!("import-record-too-long", mib = MAX_RECORD_BYTES >> 20)
                    ))
                    .hint(crate::t!("import-record-too-long-hint"))
                    .into());
                }
                Err(csv_error(&self.name, e))
            }
        }
    }

    /// Refuses a file whose size changed between the scan and the end of the reading: what was
    /// read is not what was fingerprinted.
    fn check_unchanged(&self) -> Result<()> {
        let read = self.bytes_read.load(Ordering::Relaxed);
        if read == self.scan.size {
            return Ok(());
        }
        let message = if read > self.scan.size {
            crate::t!(
                "import-file-changed-grew",
                file = self.name.as_str(),
                checked = self.scan.size
            )
        } else {
            crate::t!(
                "import-file-changed-sizes",
                file = self.name.as_str(),
                checked = self.scan.size,
                read = read
            )
        };
        Err(invalid_input(message)
            .hint(crate::t!("import-file-changed-download-hint"))
            .into())
    }

    /// Bytes of the file read so far, for a progress bar.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        self.bytes_read.clone()
    }

    /// Whether the file's quotes are unbalanced: a quoted field was opened and never closed.
    pub fn quotes_unbalanced(&self) -> bool {
        self.kind == FileKind::Csv && self.scan.quotes % 2 == 1
    }
}

/// Where the records come from: the CSV reader, or a table read whole.
enum Records {
    Csv(csv::Reader<Box<dyn Read + Send>>),
    Table(std::vec::IntoIter<(u64, csv::StringRecord)>),
}

/// Cuts the `\r` of a CRLF line end from the last field of a record.
fn strip_cr(record: &mut csv::StringRecord) {
    let n = record.len();
    if n == 0 || !record[n - 1].ends_with('\r') {
        return;
    }
    let position = record.position().cloned();
    let last = record[n - 1][..record[n - 1].len() - 1].to_string();
    record.truncate(n - 1);
    record.push_field(&last);
    record.set_position(position);
}

fn csv_error(name: &str, error: csv::Error) -> anyhow::Error {
    let line = error.position().map(|p| p.line()).unwrap_or(0);
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => invalid_input(format!(
            "{name}:{line}: {}",
            crate::t!("import-text-not-utf8")
        ))
        .hint(crate::t!("import-try-windows-1252"))
        .into(),
        csv::ErrorKind::Io(_) => {
            anyhow::Error::new(error).context(crate::t!("import-reading-file", file = name))
        }
        _ => invalid_input(format!("{name}:{line}: {error}")).into(),
    }
}

/// The header's names for a message: the first 30, each cut to 60 characters, so that a file
/// of 100,000 columns gives a sentence, not a megabyte.
pub fn header_list(headers: &[String]) -> String {
    const SHOWN: usize = 30;
    let mut list = headers
        .iter()
        .take(SHOWN)
        .map(|h| crate::text::truncate(h, 60))
        .collect::<Vec<_>>()
        .join(", ");
    if headers.len() > SHOWN {
        list.push(' ');
        list.push_str(&crate::t!(
            "import-header-list-more",
            count = headers.len() - SHOWN
        ));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opens `read` as if it were the file `scanned` describes.
    fn open_changed(scanned: &[u8], read: Vec<u8>) -> Result<Vec<String>> {
        let scan = Scan::reader(scanned).unwrap();
        let mut csv = CsvFile::from_reader(
            "f.csv".into(),
            scan,
            Options::default(),
            Box::new(io::Cursor::new(read)),
        )?;
        let mut record = csv::StringRecord::new();
        let mut titles = Vec::new();
        while csv.next_record(&mut record)?.is_some() {
            titles.push(record[0].to_string());
        }
        Ok(titles)
    }

    #[test]
    fn a_file_that_grew_or_shrank_after_its_scan_is_refused() {
        let file = b"titolo;testo\nuno;a\ndue;b\n".to_vec();
        assert_eq!(open_changed(&file, file.clone()).unwrap(), ["uno", "due"]);
        let mut grown = file.clone();
        grown.extend_from_slice(b"tre;c\n");
        let shrunk = file[..file.len() - 6].to_vec();
        // Grown in the middle of a character, and the last byte of a quote.
        let mut cut = file.clone();
        cut.extend_from_slice("quattro;\"perch\u{e9}".as_bytes());
        cut.pop();
        for read in [grown, shrunk, cut] {
            let err = open_changed(&file, read).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("f.csv: the file changed while it was being read"),
                "{err}"
            );
            assert_eq!(
                crate::error::classify(&err).0,
                crate::error::Kind::InvalidInput
            );
        }
    }

    #[test]
    fn a_record_longer_than_the_limit_is_refused_with_the_line_it_starts_on() {
        // A quote that never closes, then more than MAX_RECORD_BYTES of lines, streamed: the
        // reader must stop without holding them all.
        let head = b"titolo;testo\nuno;a\ndue;\"aperta\n".to_vec();
        let tail = io::repeat(b'x').take(MAX_RECORD_BYTES + (1 << 20));
        let mut scan = Scan::reader(&head[..]).unwrap();
        scan.size += MAX_RECORD_BYTES + (1 << 20);
        let mut csv = CsvFile::from_reader(
            "f.csv".into(),
            scan,
            Options::default(),
            Box::new(io::Cursor::new(head).chain(tail)),
        )
        .unwrap();
        let mut record = csv::StringRecord::new();
        assert_eq!(csv.next_record(&mut record).unwrap(), Some(2));
        let err = csv.next_record(&mut record).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.csv:3: the record that starts on this line is longer than 64 MiB"),
            "{err}"
        );
    }

    #[test]
    fn a_header_of_many_columns_is_listed_briefly() {
        let headers: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        let list = header_list(&headers);
        assert!(list.starts_with("c0, c1, "));
        assert!(list.ends_with("c29 … and 99970 more"), "{list}");
    }
}
