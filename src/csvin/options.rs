//! What the user may choose about a CSV file (its encoding, its delimiter) and what the file
//! turned out to have: the encoding found by the scan, the delimiter sniffed from its header.

use crate::error::{usage, Failure};

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
            _ => Err(usage(crate::t!("import-unknown-encoding", value = value))),
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
            _ => Err(usage(crate::t!("import-unknown-delimiter", value = value))),
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
}
