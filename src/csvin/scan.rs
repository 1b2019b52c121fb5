//! The first pass over an input file: its SHA-256, its size, and what its bytes say about the
//! encoding. One sequential read, in large chunks, so it costs little beside the import itself.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::{EncodingChoice, TextEncoding};
use crate::error::{invalid_input, Failure};

/// How many of a file's first bytes [`Scan::head`] keeps.
const HEAD_BYTES: usize = 64;

#[derive(Debug, Clone)]
pub struct Scan {
    pub sha256: String,
    pub size: u64,
    pub bom: bool,
    /// Offset and line of the first byte that is not valid UTF-8.
    pub first_invalid_utf8: Option<(u64, u64, u8)>,
    /// Whether the file holds valid multi-byte UTF-8 sequences (accented letters in UTF-8).
    pub has_utf8_multibyte: bool,
    /// Offset and line of the first NUL byte.
    pub first_nul: Option<(u64, u64)>,
    /// Offset, line and value of the first byte Windows-1252 leaves undefined.
    pub first_undefined_1252: Option<(u64, u64, u8)>,
    /// How many `"` the file holds: an odd number means a quote that never closes.
    pub quotes: u64,
    pub lines: u64,
    /// The first bytes of the file, to tell a workbook or a JSON document from a CSV.
    pub head: Vec<u8>,
}

impl Scan {
    /// Scans a file. The SHA-256 is computed by a second thread reading the file on its own,
    /// beside this one's pass over the bytes: each is about half of the work, and on a large
    /// file the scan is the one step of an import that nothing else overlaps.
    pub fn file(path: &Path) -> Result<Scan> {
        let mut input = File::open(path)?;
        let mut for_hash = File::open(path)?;
        let hashing = std::thread::spawn(move || -> std::io::Result<(String, u64)> {
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; 1 << 20];
            let mut size = 0u64;
            loop {
                let n = read_full(&mut for_hash, &mut buf)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
                size += n as u64;
            }
            Ok((hex(&hasher.finalize()), size))
        });
        let scanned = Self::read_bytes(&mut input, None);
        let hashed = hashing
            .join()
            .map_err(|_| anyhow::anyhow!(crate::t!("import-hash-thread-stopped")))?;
        let mut scan = scanned?;
        let (sha256, hashed_size) = hashed?;
        if hashed_size != scan.size {
            return Err(invalid_input(crate::t!(
                "import-file-changed-then",
                file = path.display().to_string(),
                before = scan.size,
                after = hashed_size
            ))
            .hint(crate::t!("import-file-changed-again-hint"))
            .into());
        }
        scan.sha256 = sha256;
        Ok(scan)
    }

    /// Scans bytes from any reader, SHA-256 included.
    pub fn reader(mut input: impl Read) -> std::io::Result<Scan> {
        let mut hasher = Sha256::new();
        let mut scan = Self::read_bytes(&mut input, Some(&mut hasher))?;
        scan.sha256 = hex(&hasher.finalize());
        Ok(scan)
    }

    /// The pass over the bytes; feeds `hasher` when given.
    fn read_bytes(input: &mut impl Read, mut hasher: Option<&mut Sha256>) -> std::io::Result<Scan> {
        // The buffer starts with the (at most three) bytes of a UTF-8 sequence that the previous
        // chunk cut in two, so a chunk is validated in place, never copied.
        let mut buf = vec![0u8; (1 << 20) + 4];
        let mut carry = 0usize;
        let mut scan = Scan {
            sha256: String::new(),
            size: 0,
            bom: false,
            first_invalid_utf8: None,
            has_utf8_multibyte: false,
            first_nul: None,
            first_undefined_1252: None,
            quotes: 0,
            lines: 0,
            head: Vec::new(),
        };
        loop {
            let n = read_full(input, &mut buf[carry..carry + (1 << 20)])?;
            if n == 0 {
                break;
            }
            let chunk = &buf[carry..carry + n];
            if let Some(hasher) = hasher.as_mut() {
                hasher.update(chunk);
            }
            let start = ChunkStart {
                offset: scan.size - carry as u64,
                carry,
                line: scan.lines,
            };
            let high = scan.count(chunk);
            if high || carry > 0 {
                let data = &buf[..carry + n];
                let tail = scan.validate_utf8(data, &start);
                scan.find_undefined_1252(data, &start);
                // Keep the cut sequence for the next chunk.
                let len = carry + n;
                buf.copy_within(len - tail..len, 0);
                carry = tail;
            } else {
                carry = 0;
            }
            scan.size += n as u64;
        }
        if carry > 0 && scan.first_invalid_utf8.is_none() {
            scan.first_invalid_utf8 = Some((scan.size - carry as u64, scan.lines + 1, buf[0]));
        }
        Ok(scan)
    }

    /// Counts the lines and quotes of a chunk, notes its first NUL (and, for the first chunk,
    /// the BOM and the head); returns whether it holds any byte that is not ASCII.
    fn count(&mut self, chunk: &[u8]) -> bool {
        if self.size == 0 {
            self.bom = chunk.starts_with(&[0xEF, 0xBB, 0xBF]);
            self.head = chunk[..chunk.len().min(HEAD_BYTES)].to_vec();
        }
        // Counting loops without branches, so that they vectorise: this pass reads every
        // byte of files of a gigabyte.
        let lines = chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        let quotes = chunk.iter().filter(|&&b| b == b'"').count() as u64;
        let high = chunk.iter().fold(0u8, |acc, &b| acc | b) >= 0x80;
        if self.first_nul.is_none() && chunk.contains(&0) {
            let i = chunk.iter().position(|&b| b == 0).unwrap_or(0);
            self.first_nul = Some((
                self.size + i as u64,
                self.lines + 1 + count_newlines(&chunk[..i]),
            ));
        }
        self.lines += lines;
        self.quotes += quotes;
        high
    }

    /// Validates `data` (the bytes carried from the previous chunk, then this chunk) as UTF-8,
    /// noting the first invalid byte; returns how many bytes at its end are a sequence cut in
    /// two, to carry to the next chunk.
    fn validate_utf8(&mut self, data: &[u8], start: &ChunkStart) -> usize {
        let mut i = 0;
        let mut tail = 0;
        while i < data.len() {
            match std::str::from_utf8(&data[i..]) {
                Ok(valid) => {
                    self.has_utf8_multibyte |= !valid.is_ascii();
                    i = data.len();
                }
                Err(e) => {
                    let bad = i + e.valid_up_to();
                    self.has_utf8_multibyte |= !data[i..bad].is_ascii();
                    match e.error_len() {
                        Some(len) => {
                            if self.first_invalid_utf8.is_none() {
                                let line = start.line_of(data, bad);
                                self.first_invalid_utf8 =
                                    Some((start.offset + bad as u64, line, data[bad]));
                            }
                            i = bad + len;
                        }
                        None => {
                            tail = data.len() - bad;
                            i = data.len();
                        }
                    }
                }
            }
        }
        tail
    }

    /// Notes the first byte Windows-1252 leaves undefined. Such bytes matter only from the
    /// first byte that is not UTF-8 on: before it, the file is ASCII or valid UTF-8.
    fn find_undefined_1252(&mut self, data: &[u8], start: &ChunkStart) {
        let Some((first_bad, _, _)) = self.first_invalid_utf8 else {
            return;
        };
        if self.first_undefined_1252.is_some() {
            return;
        }
        let from = first_bad.saturating_sub(start.offset) as usize;
        if let Some(k) = data[from.min(data.len())..]
            .iter()
            .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        {
            let at = from + k;
            let line = start.line_of(data, at);
            self.first_undefined_1252 = Some((start.offset + at as u64, line, data[at]));
        }
    }

    /// Decides the encoding, or explains why the file is neither UTF-8 nor Windows-1252.
    pub fn encoding(&self, name: &str, choice: EncodingChoice) -> Result<TextEncoding, Failure> {
        if let Some((pos, line)) = self.first_nul {
            return Err(invalid_input(format!(
                "{name}:{line}: {}",
                crate::t!("import-nul-byte", pos = pos)
            ))
            .hint(crate::t!("import-nul-byte-hint")));
        }
        let utf8 = if self.bom {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf8
        };
        match choice {
            EncodingChoice::Utf8 => match self.first_invalid_utf8 {
                None => Ok(utf8),
                Some((pos, line, byte)) => Err(invalid_input(format!(
                    "{name}:{line}: {}",
                    crate::t!(
                        "import-byte-not-utf8",
                        pos = pos,
                        byte = format!("0x{byte:02X}")
                    )
                ))
                .hint(crate::t!("import-byte-not-utf8-hint"))),
            },
            EncodingChoice::Windows1252 => Ok(TextEncoding::Windows1252),
            EncodingChoice::Auto => {
                let Some((pos, line, byte)) = self.first_invalid_utf8 else {
                    return Ok(utf8);
                };
                if self.bom || self.has_utf8_multibyte {
                    return Err(invalid_input(format!(
                        "{name}:{line}: {}",
                        crate::t!(
                            "import-mixed-encodings",
                            pos = pos,
                            byte = format!("0x{byte:02X}")
                        )
                    ))
                    .hint(crate::t!("import-mixed-encodings-hint")));
                }
                if let Some((pos, line, byte)) = self.first_undefined_1252 {
                    return Err(invalid_input(format!(
                        "{name}:{line}: {}",
                        crate::t!(
                            "import-not-text-export",
                            pos = pos,
                            byte = format!("0x{byte:02X}")
                        )
                    ))
                    .hint(crate::t!("import-not-text-export-hint")));
                }
                Ok(TextEncoding::Windows1252)
            }
        }
    }
}

/// Where the bytes a chunk is validated with start: the sequence carried from the previous
/// chunk, then the chunk.
struct ChunkStart {
    /// The file offset of the first carried byte (of the chunk, when nothing is carried).
    offset: u64,
    /// How many bytes were carried.
    carry: usize,
    /// The lines the file held before the chunk.
    line: u64,
}

impl ChunkStart {
    /// The line of the byte at `at` in the data validated.
    fn line_of(&self, data: &[u8], at: usize) -> u64 {
        self.line + 1 + count_newlines(&data[self.carry.min(at)..at])
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(bytes: &[u8]) -> Scan {
        Scan::reader(bytes).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let s = scan("titolo\ncaffè\n".as_bytes());
        assert_eq!(
            s.encoding("f", EncodingChoice::Auto).unwrap(),
            TextEncoding::Utf8
        );
        let s = scan(b"\xEF\xBB\xBFtitolo\n");
        assert_eq!(
            s.encoding("f", EncodingChoice::Auto).unwrap(),
            TextEncoding::Utf8Bom
        );
    }

    #[test]
    fn windows_1252() {
        let s = scan(b"titolo\ncaff\xe8 \x80\n");
        assert_eq!(
            s.encoding("f", EncodingChoice::Auto).unwrap(),
            TextEncoding::Windows1252
        );
        assert_eq!(s.first_invalid_utf8.unwrap().1, 2);
    }

    #[test]
    fn mixed_encodings_are_refused_with_the_line() {
        let s = scan("titolo\ncaffè\nperch\u{e9}\n".as_bytes());
        assert!(s.encoding("f", EncodingChoice::Auto).is_ok());
        let mut bytes = "titolo\ncaffè\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"perch\xe9\n");
        let err = scan(&bytes)
            .encoding("f", EncodingChoice::Auto)
            .unwrap_err();
        assert!(err.message.starts_with("f:3: byte 19"), "{}", err.message);
        assert!(err.message.contains("mixes encodings"));
    }

    #[test]
    fn binary_is_refused() {
        let err = scan(b"abc\x00def")
            .encoding("f", EncodingChoice::Auto)
            .unwrap_err();
        assert!(err.message.contains("NUL"));
        let err = scan(b"ab\x81\xfe")
            .encoding("f", EncodingChoice::Auto)
            .unwrap_err();
        assert!(
            err.message.contains("neither UTF-8 nor Windows-1252"),
            "{}",
            err.message
        );
    }

    #[test]
    fn counts_quotes_and_hashes() {
        let s = scan(b"a;\"b\nc\"\n\"d");
        assert_eq!(s.quotes, 3);
        assert_eq!(s.size, 10);
        assert_eq!(
            scan(b"").sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_sequence_split_across_chunks_is_valid() {
        let mut bytes = vec![b'a'; (1 << 20) - 1];
        bytes.extend_from_slice("è\n".as_bytes());
        let s = scan(&bytes);
        assert!(s.first_invalid_utf8.is_none());
        assert!(s.has_utf8_multibyte);
    }
}
