//! How a report was made, written into the report itself, so that the tool can later tell a
//! file it made from a foreign or changed one: it reads the stamp back ([`Made::find`]), makes
//! the report again with the same options and compares the bytes.
//!
//! The stamp is one line, `agenda 0.4.0; relazione 2021-2023; data 2022-01-20; definitiva;
//! Allegato A`: in Markdown a comment on the last line, in HTML a `<meta name="generator">`, in
//! the PDF the creator tool of its metadata (XMP and document information), in JSON the field
//! `made_by`. The CSV annexes carry none: they are recognised by making them again.

use super::{Format, Options};
use crate::domain::Triennium;

/// What a report's stamp says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The version of agenda that made it.
    pub version: String,
    pub triennium: Triennium,
    /// The date the report bears (`YYYY-MM-DD`).
    pub date: String,
    pub draft: bool,
    /// The annex label on its cover ("Allegato A").
    pub annex_label: String,
}

/// This build's version, as stamps write it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

const PREFIX: &str = "agenda ";

impl Made {
    /// The stamp of a report made now with `options` for `triennium`.
    pub fn now(triennium: Triennium, date: &str, options: &Options) -> Made {
        Made {
            version: VERSION.to_string(),
            triennium,
            date: date.to_string(),
            draft: options.draft,
            annex_label: options.annex_label().to_string(),
        }
    }

    /// The stamp as one line of text.
    pub fn line(&self) -> String {
        format!(
            "{PREFIX}{}; relazione {}; data {}; {}; {}",
            self.version,
            self.triennium,
            self.date,
            if self.draft { "bozza" } else { "definitiva" },
            self.annex_label
        )
    }

    /// Reads a stamp line back; `None` if `line` is not one.
    pub fn parse(line: &str) -> Option<Made> {
        let rest = line.trim().strip_prefix(PREFIX)?;
        let mut parts = rest.splitn(5, "; ");
        let version = parts.next()?.to_string();
        let triennium = Triennium::parse(parts.next()?.strip_prefix("relazione ")?).ok()?;
        let date = parts.next()?.strip_prefix("data ")?.to_string();
        chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
        let draft = match parts.next()? {
            "bozza" => true,
            "definitiva" => false,
            _ => return None,
        };
        let annex_label = parts.next()?.to_string();
        if version.is_empty() || annex_label.is_empty() || annex_label.contains(['<', '>', '"']) {
            return None;
        }
        Some(Made {
            version,
            triennium,
            date,
            draft,
            annex_label,
        })
    }

    /// The options that make this report again.
    pub fn options(&self) -> Options {
        Options {
            draft: self.draft,
            date: Some(self.date.clone()),
            annex_label: Some(self.annex_label.clone()),
        }
    }

    /// Finds the stamp in the bytes of a report and tells its format: `None` for a file that
    /// carries none (a CSV annex, a foreign file, a report whose stamp was removed).
    pub fn find(bytes: &[u8]) -> Option<(Format, Made)> {
        if bytes.starts_with(b"%PDF-") {
            let line = between(bytes, b"<xmp:CreatorTool>", b"</xmp:CreatorTool>")?;
            return Some((Format::Pdf, Made::parse(&unescape_xml(&line))?));
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let start = text.trim_start();
        if start.starts_with("<!DOCTYPE html") {
            let line = between(bytes, b"<meta name=\"generator\" content=\"", b"\">")?;
            return Some((Format::Html, Made::parse(&unescape_xml(&line))?));
        }
        if start.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(text).ok()?;
            let line = value.get("made_by")?.as_str()?;
            return Some((Format::Json, Made::parse(line)?));
        }
        let last = text.trim_end().lines().last()?;
        let line = last.strip_prefix("<!-- ")?.strip_suffix(" -->")?;
        Some((Format::Markdown, Made::parse(line)?))
    }
}

/// The text between the first `open` and the `close` after it, if it is short and UTF-8.
fn between(bytes: &[u8], open: &[u8], close: &[u8]) -> Option<String> {
    let start = find(bytes, open)? + open.len();
    let len = find(&bytes[start..], close)?;
    if len > 400 {
        return None;
    }
    String::from_utf8(bytes[start..start + len].to_vec()).ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_as_written() {
        let made = Made {
            version: "0.4.0".into(),
            triennium: Triennium::parse("2021-2023").unwrap(),
            date: "2022-01-20".into(),
            draft: false,
            annex_label: "Allegato A".into(),
        };
        let line = made.line();
        assert_eq!(
            line,
            "agenda 0.4.0; relazione 2021-2023; data 2022-01-20; definitiva; Allegato A"
        );
        assert_eq!(Made::parse(&line), Some(made.clone()));
        let md = format!("# Relazione\n\ntesto\n\n<!-- {line} -->\n");
        assert_eq!(
            Made::find(md.as_bytes()),
            Some((Format::Markdown, made.clone()))
        );
        for bad in [
            "agenda 0.4.0; relazione 2021-2023; data 2022-13-40; definitiva; Allegato A",
            "agenda 0.4.0; relazione 2021; data 2022-01-20; definitiva; Allegato A",
            "agenda 0.4.0; relazione 2021-2023; data 2022-01-20; finale; Allegato A",
            "agenda 0.4.0; relazione 2021-2023; data 2022-01-20; definitiva",
            "agende 0.4.0; relazione 2021-2023; data 2022-01-20; definitiva; Allegato A",
        ] {
            assert_eq!(Made::parse(bad), None, "{bad}");
        }
        assert_eq!(Made::find(b"Riferimento;Titolo\nPO-1;x\n"), None);
    }
}
