//! Files that are tables without being CSV: Decidim's JSON and Excel exports, the workbooks
//! offices keep (`.xlsx`, `.ods`, `.xls`). Each is turned into the same thing a CSV gives — a
//! header row and records of text cells — so that every reader matches columns by name and
//! keeps its guarantees whatever the file was. The kind of file is told from its bytes.

use std::io::Cursor;

use anyhow::Result;
use calamine::{Data, Reader};
use serde_json::Value;

use crate::error::{invalid_input, usage, Failure};

/// What a file is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Json,
    Xlsx,
    Ods,
    Xls,
}

impl FileKind {
    /// Tells the kind from the first bytes: a ZIP holding an OpenDocument `mimetype` first is an
    /// `.ods`, any other ZIP an `.xlsx`; the OLE signature is an `.xls`; text starting with `[`
    /// or `{` (after a BOM and blanks) is JSON; anything else is read as CSV.
    pub fn sniff(head: &[u8]) -> FileKind {
        if head.starts_with(b"PK\x03\x04") {
            // The OpenDocument package stores its `mimetype` entry first and uncompressed.
            return if head.get(30..38) == Some(b"mimetype") {
                FileKind::Ods
            } else {
                FileKind::Xlsx
            };
        }
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return FileKind::Xls;
        }
        let text = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') => FileKind::Json,
            _ => FileKind::Csv,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Csv => "csv",
            FileKind::Json => "json",
            FileKind::Xlsx => "xlsx",
            FileKind::Ods => "ods",
            FileKind::Xls => "xls",
        }
    }

    pub fn is_workbook(self) -> bool {
        matches!(self, FileKind::Xlsx | FileKind::Ods | FileKind::Xls)
    }
}

/// How a place in a file is named in messages: `FILE:LINE` for text, `FILE:SHEET:ROW` for a
/// workbook, `FILE: record N` for a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Locator {
    #[default]
    Line,
    Sheet(String),
    Record,
}

impl Locator {
    /// `FILE:5`, `FILE:Foglio1:5` or `FILE: record 5`.
    pub fn at(&self, file: &str, n: u64) -> String {
        match self {
            Locator::Line => format!("{file}:{n}"),
            Locator::Sheet(sheet) => format!("{file}:{sheet}:{n}"),
            Locator::Record => format!("{file}: record {n}"),
        }
    }

    /// `line 5`, `row 5` or `record 5`, for a sentence.
    pub fn describe(&self, n: u64) -> String {
        match self {
            Locator::Line => crate::t!("import-place-line", n = n.to_string()),
            Locator::Sheet(_) => crate::t!("import-place-row", n = n.to_string()),
            Locator::Record => crate::t!("import-place-record", n = n.to_string()),
        }
    }
}

/// A table read whole: its header, its records with the row (or record) number each is on.
#[derive(Debug)]
pub struct Table {
    pub headers: Vec<String>,
    /// Where the header is, for messages about it.
    pub header_at: u64,
    pub records: Vec<(u64, csv::StringRecord)>,
    pub locator: Locator,
}

/// Decidim's JSON export: an array of objects (or an object holding one), each flattened as
/// Decidim's CSV exporter flattens it — nested keys joined by `/` (`title/it`,
/// `category/name/it`, `component/id`), arrays joined by `, ` — so that the same export read
/// as JSON or as CSV gives the same columns and the same cells.
pub fn json_table(name: &str, bytes: &[u8]) -> Result<Table> {
    let items = json_items(name, parse_json(name, bytes)?)?;
    if items.is_empty() {
        return Err(invalid_input(crate::t!("import-json-no-records", file = name)).into());
    }
    flat_table(name, &items)
}

/// The JSON document in `bytes`, which must be UTF-8 (with or without a BOM).
fn parse_json(name: &str, bytes: &[u8]) -> Result<Value> {
    let text = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(text).map_err(|e| {
        let line = 1 + text[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        invalid_input(format!(
            "{name}:{line}: {}",
            crate::t!("import-json-not-utf8", pos = e.valid_up_to())
        ))
        .hint(crate::t!("import-json-not-utf8-hint"))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        invalid_input(format!(
            "{name}:{}: {}",
            e.line().max(1),
            crate::t!("import-json-invalid", error = e.to_string())
        ))
        .hint(crate::t!("import-json-invalid-hint"))
    })?;
    Ok(value)
}

/// The records of a JSON document: the array itself, the one array an object wraps, or the
/// object as the one record.
fn json_items(name: &str, value: Value) -> Result<Vec<Value>> {
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => {
            // An object holding one array of records (some exports wrap them), or one record.
            let mut arrays: Vec<Value> = map
                .values()
                .filter(|v| matches!(v, Value::Array(a) if a.iter().all(Value::is_object)))
                .cloned()
                .collect();
            if arrays.len() == 1 && map.len() == 1 {
                match arrays.pop() {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                }
            } else {
                vec![Value::Object(map)]
            }
        }
        _ => {
            return Err(
                invalid_input(crate::t!("import-json-not-a-list", file = name))
                    .hint(crate::t!("import-json-not-a-list-hint"))
                    .into(),
            )
        }
    };
    Ok(items)
}

/// The records flattened into one table: a column for every path any record holds, in the
/// order they first appear; a record without one has an empty cell there.
fn flat_table(name: &str, items: &[Value]) -> Result<Table> {
    let mut headers: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut flat_records = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Object(_) = item else {
            return Err(invalid_input(format!(
                "{}: {}",
                Locator::Record.at(name, i as u64 + 1),
                crate::t!("import-json-not-an-object", kind = kind_of(item))
            ))
            .into());
        };
        let mut cells = Vec::new();
        flatten(item, String::new(), &mut cells);
        for (key, _) in &cells {
            if !index.contains_key(key) {
                index.insert(key.clone(), headers.len());
                headers.push(key.clone());
            }
        }
        flat_records.push(cells);
    }
    let records = flat_records
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![String::new(); headers.len()];
            for (key, value) in cells {
                row[index[&key]] = value;
            }
            (i as u64 + 1, csv::StringRecord::from(row))
        })
        .collect();
    Ok(Table {
        headers,
        header_at: 1,
        records,
        locator: Locator::Record,
    })
}

fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => crate::t!("import-json-kind-null"),
        Value::Bool(_) => crate::t!("import-json-kind-boolean"),
        Value::Number(_) => crate::t!("import-json-kind-number"),
        Value::String(_) => crate::t!("import-json-kind-string"),
        Value::Array(_) => crate::t!("import-json-kind-list"),
        Value::Object(_) => crate::t!("import-json-kind-object"),
    }
}

/// One JSON value as cells named by their path.
fn flatten(value: &Value, key: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if map.is_empty() && !key.is_empty() {
                out.push((key.clone(), String::new()));
            }
            for (sub, v) in map {
                let path = if key.is_empty() {
                    sub.clone()
                } else {
                    format!("{key}/{sub}")
                };
                flatten(v, path, out);
            }
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(scalar_text)
                .collect();
            out.push((key, parts.join(", ")));
        }
        other => out.push((key, scalar_text(other))),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// The sheet of a workbook an import reads: `wanted` (by name, in any case), or the first.
/// An unknown name is a usage error listing the sheets.
pub fn sheet_to_read(
    name: &str,
    path: &std::path::Path,
    kind: FileKind,
    wanted: Option<&str>,
) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::Error::new(e).context(crate::t!("import-reading-file", file = name))
    })?;
    let workbook = open_workbook(name, bytes, kind)?;
    choose_sheet(name, &workbook.sheet_names(), wanted)
}

fn choose_sheet(name: &str, names: &[String], wanted: Option<&str>) -> Result<String> {
    Ok(match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| crate::text::fold(n) == crate::text::fold(wanted))
            })
            .cloned()
            .ok_or_else(|| -> Failure {
                usage(crate::t!(
                    "import-no-such-sheet",
                    file = name,
                    wanted = wanted,
                    sheets = names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| invalid_input(crate::t!("import-workbook-no-sheet", file = name)))?,
    })
}

fn unreadable(name: &str, kind: FileKind, e: &dyn std::fmt::Display) -> anyhow::Error {
    let hint = if kind == FileKind::Xlsx {
        crate::t!("import-workbook-unreadable-zip-hint")
    } else {
        crate::t!("import-workbook-unreadable-hint")
    };
    invalid_input(crate::t!(
        "import-workbook-unreadable",
        file = name,
        kind = kind.name(),
        error = e.to_string()
    ))
    .hint(hint)
    .into()
}

fn open_workbook(
    name: &str,
    bytes: Vec<u8>,
    kind: FileKind,
) -> Result<calamine::Sheets<Cursor<Vec<u8>>>> {
    let cursor = Cursor::new(bytes);
    let unreadable = |e: &dyn std::fmt::Display| unreadable(name, kind, e);
    Ok(match kind {
        FileKind::Xlsx => calamine::Sheets::Xlsx(
            calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?,
        ),
        FileKind::Ods => calamine::Sheets::Ods(
            calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?,
        ),
        FileKind::Xls => calamine::Sheets::Xls(
            calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?,
        ),
        FileKind::Csv | FileKind::Json => {
            return Err(invalid_input(crate::t!("import-not-a-workbook", file = name)).into())
        }
    })
}

/// A workbook's sheet (`sheet`, or the first) as a table. The header is the first row that
/// `is_header` accepts — offices often put a title above it, merged across the columns — or
/// the first row that is not empty; empty rows are left out.
pub fn workbook_table(
    name: &str,
    bytes: Vec<u8>,
    kind: FileKind,
    sheet: Option<&str>,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Result<Table> {
    let mut workbook = open_workbook(name, bytes, kind)?;
    let chosen = choose_sheet(name, &workbook.sheet_names(), sheet)?;
    let range = workbook
        .worksheet_range(&chosen)
        .map_err(|e| unreadable(name, kind, &e))?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows().enumerate().filter_map(|(i, cells)| {
        let texts: Vec<String> = cells.iter().map(cell_text).collect();
        texts
            .iter()
            .any(|t| !t.trim().is_empty())
            .then(|| (first_row as u64 + i as u64 + 1, texts))
    });
    let mut skipped = Vec::new();
    let mut header = None;
    for (n, texts) in rows.by_ref() {
        let trimmed: Vec<String> = texts.iter().map(|t| t.trim().to_string()).collect();
        if is_header(&trimmed) {
            header = Some((n, trimmed));
            break;
        }
        skipped.push((n, trimmed));
        if skipped.len() >= 20 {
            break;
        }
    }
    let mut rest: Vec<(u64, Vec<String>)> = Vec::new();
    let (header_at, mut headers) = match header {
        Some(h) => h,
        None => {
            // No row names the expected columns: the first row is the header, and the
            // reader says what it found there.
            let mut skipped = skipped.into_iter();
            let Some(first) = skipped.next() else {
                return Err(invalid_input(format!(
                    "{}: {}",
                    Locator::Sheet(chosen.clone()).at(name, 1),
                    crate::t!("import-sheet-empty")
                ))
                .into());
            };
            rest.extend(skipped);
            first
        }
    };
    while headers.last().is_some_and(|h| h.is_empty()) {
        headers.pop();
    }
    rest.extend(rows);
    let width = headers.len();
    let records = rest
        .into_iter()
        .map(|(n, mut cells)| {
            // Cells past the header's last column have no name, so nothing can read them: a
            // note typed beside a row is left out (and kept nowhere: it may name someone).
            cells.truncate(width);
            cells.resize(width, String::new());
            (n, csv::StringRecord::from(cells))
        })
        .collect();
    Ok(Table {
        headers,
        header_at,
        records,
        locator: Locator::Sheet(chosen),
    })
}

/// A cell as the text a CSV export of it would hold: numbers without a needless `.0`, dates
/// in ISO 8601 (`2022-05-02`, or `2022-05-02T10:30:00` with a time), booleans as
/// `true`/`false`, an error as the spreadsheet shows it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if !d.is_datetime() {
                // A duration: its value as a number of days.
                d.as_f64().to_string()
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTimeIso(s) => {
            // OpenDocument writes `2022-05-02T00:00:00` for a date with no time, some
            // writers with fractions of a second.
            let s = s.split('.').next().unwrap_or(s);
            s.strip_suffix("T00:00:00").unwrap_or(s).to_string()
        }
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_bytes() {
        assert_eq!(FileKind::sniff(b"id;title/it\n"), FileKind::Csv);
        assert_eq!(FileKind::sniff(b"\xEF\xBB\xBF [\n {"), FileKind::Json);
        assert_eq!(FileKind::sniff(b"{\"a\":1}"), FileKind::Json);
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(FileKind::sniff(&ods), FileKind::Ods);
        let mut xlsx = b"PK\x03\x04".to_vec();
        xlsx.resize(30, 0);
        xlsx.extend_from_slice(b"[Content_Types].xml");
        assert_eq!(FileKind::sniff(&xlsx), FileKind::Xlsx);
        assert_eq!(
            FileKind::sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            FileKind::Xls
        );
        assert_eq!(FileKind::sniff(b""), FileKind::Csv);
    }

    #[test]
    fn json_is_flattened_as_decidim_flattens_its_csv() {
        let json = br#"[
          {"id": 5101, "title": {"it": "Titolo", "en": "Title"}, "category": {"id": 41, "name": {"it": "Semplificazione"}},
           "taxonomies": {"ids": [31, 32]}, "is_amend": false, "answer": null, "component": {"id": 82}},
          {"id": 5102, "title": {"it": "Altro"}, "reference": "PO-2"}
        ]"#;
        let t = json_table("p.json", json).unwrap();
        assert_eq!(
            t.headers,
            [
                "id",
                "title/it",
                "title/en",
                "category/id",
                "category/name/it",
                "taxonomies/ids",
                "is_amend",
                "answer",
                "component/id",
                "reference"
            ]
        );
        let first: Vec<&str> = t.records[0].1.iter().collect();
        assert_eq!(
            first,
            [
                "5101",
                "Titolo",
                "Title",
                "41",
                "Semplificazione",
                "31, 32",
                "false",
                "",
                "82",
                ""
            ]
        );
        assert_eq!(t.records[1].0, 2);
        assert_eq!(&t.records[1].1[9], "PO-2");
    }

    #[test]
    fn json_that_is_not_a_list_of_records_is_refused_with_where() {
        let e = json_table("p.json", b"[{\"id\": 1},\n 3]").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.json: record 2: is not an object but a number"
        );
        let e = json_table("p.json", b"[{\"id\": 1},\n{\"id\": ").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.json:2: this is not valid JSON"),
            "{e}"
        );
        let e = json_table("p.json", b"[]").unwrap_err();
        assert!(e.to_string().contains("no records"), "{e}");
    }

    #[test]
    fn cells_read_as_a_csv_would_show_them() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        assert_eq!(cell_text(&Data::Float(5101.0)), "5101");
        assert_eq!(cell_text(&Data::Float(0.5)), "0.5");
        assert_eq!(cell_text(&Data::Bool(false)), "false");
        let date = ExcelDateTime::new(44683.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2022-05-02");
        let time = ExcelDateTime::new(44683.4375, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(time)), "2022-05-02T10:30:00");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2022-05-02T00:00:00".into())),
            "2022-05-02"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2022-05-02T10:30:00.000".into())),
            "2022-05-02T10:30:00"
        );
    }

    #[test]
    fn places_are_named_as_each_kind_of_file_counts_them() {
        assert_eq!(Locator::Line.at("f.csv", 4), "f.csv:4");
        assert_eq!(
            Locator::Sheet("Foglio1".into()).at("f.xlsx", 4),
            "f.xlsx:Foglio1:4"
        );
        assert_eq!(Locator::Record.at("f.json", 4), "f.json: record 4");
    }
}
