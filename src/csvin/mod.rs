//! Reading the CSV files people bring: exports of Decidim, of Excel on an Italian PC, of web
//! forms. Detects the encoding (UTF-8 with or without BOM, Windows-1252) and the delimiter
//! (`;`, `,`, tab), fingerprints the bytes with SHA-256, and hands out records with the line a
//! text editor shows. Shared by every command that reads a CSV.

pub mod scan;

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::error::{invalid_input, usage, Failure};
pub use scan::Scan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    #[default]
    Auto,
    Utf8,
    Windows1252,
}

impl EncodingChoice {
    pub fn parse(value: &str) -> Result<Self, Failure> {
        match crate::text::fold(value).replace(' ', "").as_str() {
            "auto" => Ok(Self::Auto),
            "utf8" => Ok(Self::Utf8),
            "windows1252" | "cp1252" | "latin1" | "iso88591" | "ansi" => Ok(Self::Windows1252),
            _ => Err(usage(format!(
                "unknown encoding \"{value}\"; valid values: auto, utf-8, windows-1252"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DelimiterChoice {
    #[default]
    Auto,
    Byte(u8),
}

impl DelimiterChoice {
    pub fn parse(value: &str) -> Result<Self, Failure> {
        match value {
            "auto" => Ok(Self::Auto),
            "," | "comma" => Ok(Self::Byte(b',')),
            ";" | "semicolon" => Ok(Self::Byte(b';')),
            "tab" | "\t" | "\\t" => Ok(Self::Byte(b'\t')),
            _ => Err(usage(format!(
                "unknown delimiter \"{value}\"; valid values: auto, \",\", \";\", tab"
            ))),
        }
    }
}

/// The encoding a file turned out to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }
}

pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => ",",
        b';' => ";",
        b'\t' => "tab",
        _ => "?",
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub encoding: EncodingChoice,
    pub delimiter: DelimiterChoice,
}

/// An input file: a path, or standard input spooled to a private temporary file so that it can
/// be fingerprinted and read twice like any other.
pub struct Source {
    /// The name used in messages: the path as given, or `<stdin>`.
    pub name: String,
    path: PathBuf,
    _spool: Option<tempfile::TempPath>,
}

impl Source {
    pub fn new(arg: &str) -> Result<Source> {
        if arg == "-" {
            let mut spool = tempfile::Builder::new()
                .prefix("agenda-stdin-")
                .tempfile()
                .context("creating a temporary file for standard input")?;
            io::copy(&mut io::stdin().lock(), spool.as_file_mut())
                .context("reading standard input")?;
            let path = spool.into_temp_path();
            return Ok(Source {
                name: "<stdin>".into(),
                path: path.to_path_buf(),
                _spool: Some(path),
            });
        }
        let path = PathBuf::from(arg);
        if !path.is_file() {
            return Err(Failure::new(
                crate::error::Kind::InvalidInput,
                format!("{arg}: no such file"),
            )
            .hint("check the path; use - to read standard input")
            .into());
        }
        Ok(Source {
            name: arg.to_string(),
            path,
            _spool: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bare file name, as batches record it.
    pub fn file_name(&self) -> String {
        if self._spool.is_some() {
            return self.name.clone();
        }
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.name.clone())
    }
}

/// An open CSV file, positioned after its header row.
pub struct CsvFile {
    pub name: String,
    pub scan: Scan,
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub headers: Vec<String>,
    reader: csv::Reader<Box<dyn Read + Send>>,
    bytes_read: Arc<AtomicU64>,
}

impl CsvFile {
    /// Scans the file (fingerprint and encoding), detects the delimiter and reads the header.
    pub fn open(source: &Source, options: Options) -> Result<CsvFile> {
        let scan = Scan::file(source.path()).with_context(|| format!("reading {}", source.name))?;
        Self::open_scanned(source, options, scan)
    }

    pub fn open_scanned(source: &Source, options: Options, scan: Scan) -> Result<CsvFile> {
        let name = source.name.clone();
        if scan.size == 0 || scan.size == 3 && scan.bom {
            return Err(invalid_input(format!(
                "{name}: the file is empty; a CSV needs a header row and at least one row"
            ))
            .into());
        }
        let encoding = scan.encoding(&name, options.encoding)?;
        let bytes_read = Arc::new(AtomicU64::new(0));
        let raw = CountingReader {
            inner: File::open(source.path()).with_context(|| format!("opening {name}"))?,
            count: bytes_read.clone(),
        };
        let mut text: Box<dyn Read + Send> = match encoding {
            TextEncoding::Windows1252 => Box::new(Windows1252Reader::new(raw)),
            _ => Box::new(BufReader::with_capacity(1 << 16, raw)),
        };
        if scan.bom {
            let mut bom = [0u8; 3];
            text.read_exact(&mut bom)?;
        }
        // Sniff the delimiter on the first chunk of text, then read on from it.
        let mut head = Vec::with_capacity(1 << 16);
        (&mut text).take(1 << 16).read_to_end(&mut head)?;
        let delimiter = match options.delimiter {
            DelimiterChoice::Byte(b) => b,
            DelimiterChoice::Auto => sniff_delimiter(&head),
        };
        // Records end at `\n` (a `\r` before it is cut from the last field in `next_record`):
        // with the csv crate's CRLF terminator the `\n` of a `\r\n` is counted only when the
        // next record is read, so every record after a CRLF would start a line too early. Files
        // with bare `\r` line ends (old Macs) keep the CRLF terminator.
        let terminator = if head.contains(&b'\n') || !head.contains(&b'\r') {
            csv::Terminator::Any(b'\n')
        } else {
            csv::Terminator::CRLF
        };
        let chained: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(text));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 18)
            .from_reader(chained);
        let mut header = csv::StringRecord::new();
        let has_header = reader
            .read_record(&mut header)
            .map_err(|e| csv_error(&name, e))?;
        if !has_header {
            return Err(invalid_input(format!(
                "{name}: the file is empty; a CSV needs a header row and at least one row"
            ))
            .into());
        }
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        Ok(CsvFile {
            name,
            scan,
            encoding,
            delimiter,
            headers,
            reader,
            bytes_read,
        })
    }

    /// Reads the next record into `record`; returns the line it starts on, or `None` at the
    /// end. Blank lines are skipped.
    pub fn next_record(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>> {
        loop {
            if !self
                .reader
                .read_record(record)
                .map_err(|e| csv_error(&self.name, e))?
            {
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

    /// Bytes of the file read so far, for a progress bar.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        self.bytes_read.clone()
    }

    /// Whether the file's quotes are unbalanced: a quoted field was opened and never closed.
    pub fn quotes_unbalanced(&self) -> bool {
        self.scan.quotes % 2 == 1
    }
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
        csv::ErrorKind::Utf8 { .. } => {
            invalid_input(format!("{name}:{line}: the text is not valid UTF-8"))
                .hint("try --encoding windows-1252")
                .into()
        }
        csv::ErrorKind::Io(_) => anyhow::Error::new(error).context(format!("reading {name}")),
        _ => invalid_input(format!("{name}:{line}: {error}")).into(),
    }
}

/// Picks the delimiter from the header line: the one of `;`, `,` and tab that occurs most often
/// outside quotes. A tie goes to `;`, what Italian spreadsheets write.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for &b in head {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => break,
            b';' if !in_quotes => counts[0] += 1,
            b',' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b';', b',', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Decodes Windows-1252 into UTF-8 as it is read.
struct Windows1252Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    output: Vec<u8>,
    out_start: usize,
}

impl<R: Read> Windows1252Reader<R> {
    fn new(inner: R) -> Self {
        Windows1252Reader {
            inner,
            decoder: encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 16],
            start: 0,
            end: 0,
            eof: false,
            output: Vec::with_capacity(3 << 16),
            out_start: 0,
        }
    }
}

impl<R: Read> Read for Windows1252Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.output.len() {
                let n = buf.len().min(self.output.len() - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.eof && self.start == self.end {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.end = n;
                if n == 0 {
                    self.eof = true;
                }
            }
            self.output.clear();
            self.out_start = 0;
            let capacity = self
                .decoder
                .max_utf8_buffer_length(self.end - self.start)
                .unwrap_or(3 << 16)
                .max(16);
            self.output.resize(capacity, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.output.truncate(written);
            if self.eof && self.output.is_empty() {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_delimiter_of_the_header() {
        assert_eq!(sniff_delimiter(b"id;title/it;body/it\n1;a,b;c"), b';');
        assert_eq!(sniff_delimiter(b"id,title/it,body/it\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_delimiter(b"titolo\n"), b',');
    }

    #[test]
    fn decodes_windows_1252_in_small_reads() {
        let mut reader = Windows1252Reader::new(io::Cursor::new(
            b"caff\xe8 \x80 l\x92accesso \x93ok\x94 \x85 \x96".to_vec(),
        ));
        let mut all = String::new();
        reader.read_to_string(&mut all).unwrap();
        assert_eq!(all, "caffè € l’accesso “ok” … –");
    }
}
