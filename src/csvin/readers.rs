//! The readers stacked under the csv reader: one counts the bytes read from the file, one
//! decodes Windows-1252 into UTF-8, one stops a record that never ends. Each works on the
//! buffer it is handed and keeps its own, so a file of a million rows is read without an
//! allocation per record.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::{sniff_delimiter, DelimiterChoice, Scan, TextEncoding, MAX_RECORD_BYTES};

/// The csv reader over a file's text, and what it shares with the readers under it.
pub(super) struct TextRecords {
    pub reader: csv::Reader<Box<dyn Read + Send>>,
    /// The delimiter chosen, or sniffed from the first chunk of text.
    pub delimiter: u8,
    /// Bytes of the file read so far.
    pub bytes_read: Arc<AtomicU64>,
    pub limit: Arc<RecordLimit>,
}

/// Stacks the readers over `raw`, which must hold the bytes `scan` describes: counting,
/// decoding (or buffering), the BOM skipped, the delimiter sniffed, the record limit.
pub(super) fn text_records(
    raw: Box<dyn Read + Send>,
    scan: &Scan,
    encoding: TextEncoding,
    delimiter: DelimiterChoice,
) -> io::Result<TextRecords> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    // One byte more than scanned is enough to tell that the file grew, and a file that keeps
    // growing (a log, a download in progress) is not read forever.
    let raw = CountingReader {
        inner: raw.take(scan.size + 1),
        count: bytes_read.clone(),
    };
    let mut text: Box<dyn Read + Send> = match encoding {
        TextEncoding::Windows1252 => Box::new(Windows1252Reader::new(raw)),
        _ => Box::new(io::BufReader::with_capacity(1 << 16, raw)),
    };
    if scan.bom {
        let mut bom = [0u8; 3];
        text.read_exact(&mut bom)?;
    }
    // Sniff the delimiter on the first chunk of text, then read on from it.
    let mut head = Vec::with_capacity(1 << 16);
    (&mut text).take(1 << 16).read_to_end(&mut head)?;
    let delimiter = match delimiter {
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
    let limit = Arc::new(RecordLimit::default());
    let chained: Box<dyn Read + Send> = Box::new(LimitedReader {
        inner: io::Cursor::new(head).chain(text),
        limit: limit.clone(),
    });
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 18)
        .from_reader(chained);
    Ok(TextRecords {
        reader,
        delimiter,
        bytes_read,
        limit,
    })
}

/// Where the csv reader is in the text: bytes handed to it, and where the current record
/// started.
#[derive(Default)]
pub(super) struct RecordLimit {
    fed: AtomicU64,
    record_start: AtomicU64,
}

impl RecordLimit {
    /// The next record starts at `byte` of the text.
    #[inline]
    pub(super) fn record_starts_at(&self, byte: u64) {
        self.record_start.store(byte, Ordering::Relaxed);
    }
}

/// The error a [`LimitedReader`] stops the csv reader with.
#[derive(Debug)]
pub(super) struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::t!(
            "import-record-too-long-short",
            mib = MAX_RECORD_BYTES >> 20
        ))
    }
}

impl std::error::Error for RecordTooLong {}

/// Stops the csv reader when one record has taken more than [`MAX_RECORD_BYTES`]: the reader
/// is handed at most a buffer more than the record it is in.
struct LimitedReader<R> {
    inner: R,
    limit: Arc<RecordLimit>,
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let fed = self.limit.fed.load(Ordering::Relaxed);
        let start = self.limit.record_start.load(Ordering::Relaxed);
        if fed.saturating_sub(start) > MAX_RECORD_BYTES {
            return Err(io::Error::new(io::ErrorKind::InvalidData, RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        self.limit.fed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
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
    fn decodes_windows_1252_in_small_reads() {
        let mut reader = Windows1252Reader::new(io::Cursor::new(
            b"caff\xe8 \x80 l\x92accesso \x93ok\x94 \x85 \x96".to_vec(),
        ));
        let mut all = String::new();
        reader.read_to_string(&mut all).unwrap();
        assert_eq!(all, "caffè € l’accesso “ok” … –");
    }
}
