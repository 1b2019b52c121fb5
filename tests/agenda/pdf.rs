//! The report's PDF read back as a reader would read it: its pages, the text of each page, its
//! fonts, its catalog and its XMP metadata, through the objects lopdf parses (CI has no
//! poppler). The wording of the report is being redesigned: these tests assert only the
//! municipality, the triennium, one row of chapter 3 as the JSON report gives it, the draft's
//! mark and the absence of personal data.

#![allow(dead_code)]

use std::path::PathBuf;

use lopdf::{Dictionary, Document, Object};

use crate::common::*;

/// A PDF parsed by lopdf.
pub struct Pdf {
    doc: Document,
}

impl Pdf {
    pub fn parse(bytes: &[u8]) -> Pdf {
        Pdf {
            doc: Document::load_mem(bytes).expect("lopdf parses the PDF"),
        }
    }

    /// The pages lopdf finds walking the page tree.
    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The `/Count` of the page tree's root: the pages the file says it has.
    pub fn declared_page_count(&self) -> i64 {
        self.catalog()
            .get_deref(b"Pages", &self.doc)
            .and_then(Object::as_dict)
            .and_then(|pages| pages.get(b"Count"))
            .and_then(Object::as_i64)
            .expect("the page tree's /Count")
    }

    /// The text of page `n` (from 1), decoded through each font's ToUnicode map, as lopdf
    /// gives it: a line for each run of text.
    pub fn page_text(&self, n: usize) -> String {
        self.doc
            .extract_text(&[n as u32])
            .unwrap_or_else(|e| panic!("the text of page {n}: {e}"))
    }

    /// The text of every page, in order, each as [`words`] gives it.
    pub fn pages_words(&self) -> Vec<String> {
        (1..=self.page_count())
            .map(|n| words(&self.page_text(n)))
            .collect()
    }

    pub fn catalog(&self) -> &Dictionary {
        self.doc.catalog().expect("the catalog")
    }

    /// A key of the catalog, references followed.
    pub fn catalog_entry(&self, key: &str) -> Option<&Object> {
        self.catalog().get_deref(key.as_bytes(), &self.doc).ok()
    }

    /// Every font the file defines, by its `/BaseFont`, and whether its program is embedded:
    /// its font descriptor holds a non-empty `/FontFile2` (TrueType) or `/FontFile3` (CFF,
    /// OpenType). A composite font (Type0) is judged by its descendant, which is a font object
    /// of its own; a Type3 font's glyphs are content streams of the file itself.
    pub fn fonts(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for object in self.doc.objects.values() {
            let Ok(font) = object.as_dict() else { continue };
            if !font.has_type(b"Font") {
                continue;
            }
            let subtype = font.get(b"Subtype").and_then(Object::as_name);
            if matches!(subtype, Ok(b"Type0" | b"Type3")) {
                continue;
            }
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|_| format!("{subtype:?} without /BaseFont"));
            out.push((name, self.embedded(font)));
        }
        out
    }

    fn embedded(&self, font: &Dictionary) -> bool {
        let Ok(descriptor) = font
            .get_deref(b"FontDescriptor", &self.doc)
            .and_then(Object::as_dict)
        else {
            return false;
        };
        [&b"FontFile2"[..], b"FontFile3"].iter().any(|key| {
            descriptor
                .get_deref(key, &self.doc)
                .and_then(Object::as_stream)
                .is_ok_and(|file| !file.content.is_empty())
        })
    }

    /// The XMP packet the catalog's `/Metadata` stream holds.
    pub fn xmp(&self) -> String {
        let stream = self
            .catalog_entry("Metadata")
            .and_then(|m| m.as_stream().ok())
            .expect("the catalog has a /Metadata stream");
        let bytes = stream.get_plain_content().expect("the metadata decodes");
        String::from_utf8(bytes).expect("the XMP is UTF-8")
    }
}

/// Text as words: whitespace collapsed to single spaces, and the words Typst hyphenated at a
/// line's end joined again (`presen - tazione` → `presentazione`: lopdf gives the hyphen as
/// a run of its own).
pub fn words(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let hyphenated = tokens[i] == "-"
            && i > 0
            && i + 1 < tokens.len()
            && out.ends_with(|c: char| c.is_alphabetic())
            && tokens[i + 1].starts_with(|c: char| c.is_lowercase());
        if hyphenated {
            out.push_str(tokens[i + 1]);
            i += 2;
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(tokens[i]);
        i += 1;
    }
    out
}

/// The Italian label the report gives an outcome (the glossary).
pub fn outcome_label(code: &str) -> &'static str {
    match code {
        "accolto" => "accolto",
        "parzialmente-accolto" => "parzialmente accolto",
        "gia-previsto" => "già previsto",
        "non-accolto" => "non accolto",
        "non-pertinente" => "non pertinente",
        "duplicato" => "duplicato",
        other => panic!("an outcome outside the glossary: {other}"),
    }
}

/// The demo's database in `env` (made once), with its final report of 2022-01-20.
fn demo(env: &Env) -> PathBuf {
    let dir = env.path("demo");
    if !dir.join("agenda.db").exists() {
        env.run(&["demo", "--dir", dir.to_str().unwrap()]).success();
    }
    dir.join("agenda.db")
}

/// `agenda report` of the demo's cycle with `args` (say `--format`), dated 2022-01-20, to
/// standard output.
fn report(env: &Env, args: &[&str]) -> Vec<u8> {
    let db = demo(env);
    let mut all = vec![
        "--db",
        db.to_str().unwrap(),
        "report",
        "--date",
        "2022-01-20",
    ];
    all.extend_from_slice(args);
    env.run(&all).success().get_output().stdout.clone()
}

fn pdf(env: &Env, args: &[&str]) -> Pdf {
    let mut all = vec!["--format", "pdf"];
    all.extend_from_slice(args);
    Pdf::parse(&report(env, &all))
}

#[test]
fn the_pdf_parses_with_its_pages_fonts_tags_language_and_pdf_a_id() {
    let env = Env::empty();
    let pdf = pdf(&env, &[]);
    let pages = pdf.page_count();
    assert_eq!(pdf.declared_page_count(), pages as i64);
    assert!(pages >= 10, "{pages} pages");
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty(), "no font found");
    let missing: Vec<_> = fonts.iter().filter(|(_, embedded)| !embedded).collect();
    assert!(missing.is_empty(), "fonts not embedded: {missing:?}");
    // Tagged, in Italian.
    assert!(
        matches!(
            pdf.catalog_entry("StructTreeRoot"),
            Some(Object::Dictionary(_))
        ),
        "no structure tree"
    );
    let marked = pdf
        .catalog_entry("MarkInfo")
        .and_then(|m| m.as_dict().ok())
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    assert_eq!(marked, Some(true), "/MarkInfo has no /Marked true");
    let lang = pdf.catalog_entry("Lang").and_then(|l| l.as_str().ok());
    assert_eq!(lang, Some(&b"it-IT"[..]));
    // PDF/A-2, conformance A, declared in the XMP packet (as elements or as attributes).
    let xmp = pdf.xmp();
    let declares = |key: &str, value: &str| {
        xmp.contains(&format!("<pdfaid:{key}>{value}</pdfaid:{key}>"))
            || xmp.contains(&format!("pdfaid:{key}=\"{value}\""))
    };
    assert!(declares("part", "2"), "no pdfaid:part 2 in {xmp}");
    assert!(declares("conformance", "A"), "no pdfaid:conformance A");
}

#[test]
fn the_text_holds_the_cover_and_a_row_of_chapter_3_as_the_json_gives_it() {
    let env = Env::empty();
    let pages = pdf(&env, &[]).pages_words();
    assert!(pages[0].contains("Comune di Prato"), "page 1: {}", pages[0]);
    assert!(pages[0].contains("2021-2023"), "page 1: {}", pages[0]);
    let json: serde_json::Value =
        serde_json::from_slice(&report(&env, &["--format", "json"])).expect("the JSON report");
    let responses = json["responses"].as_array().expect("the responses");
    let first = &responses[0];
    let reference = first["reference"].as_str().unwrap();
    // The report sets apostrophes and quotes the Italian way.
    let title = words(first["title"].as_str().unwrap())
        .replace('\'', "’")
        .replace('"', "”");
    let outcome = outcome_label(first["outcome"].as_str().unwrap());
    // The cell may break the title over lines: its first words stand on the row's page.
    let opening: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let page = pages
        .iter()
        .find(|p| p.contains(reference) && p.contains(&opening))
        .unwrap_or_else(|| panic!("no page holds {reference} and {opening:?}"));
    // The row: from its reference to the next suggestion's on the page (chapter 3 groups them
    // by axis, so the next one may be any other).
    let start = page.find(reference).unwrap();
    let row = &page[start..];
    let end = responses
        .iter()
        .filter_map(|r| r["reference"].as_str())
        .filter(|r| *r != reference)
        .filter_map(|r| row[reference.len()..].find(r).map(|i| i + reference.len()))
        .min();
    let row = match end {
        Some(end) => &row[..end],
        None => row,
    };
    assert!(row.contains(&opening), "{opening:?} not in the row {row:?}");
    // In its table, the outcome begins with a capital.
    assert!(
        row.to_lowercase().contains(outcome),
        "{outcome:?} not in the row {row:?}"
    );
    if row.contains(&title) {
        return;
    }
    // A title longer than its cell may be hyphenated where lopdf cannot tell: every word of
    // it still stands in the row.
    for word in title.split(' ') {
        assert!(row.contains(word), "{word:?} of {title:?} not in {row:?}");
    }
}

#[test]
fn every_page_of_a_draft_says_bozza() {
    let env = Env::empty();
    let pages = pdf(&env, &["--draft"]).pages_words();
    assert!(pages.len() >= 10, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("BOZZA"),
            "page {} is not marked: {page}",
            i + 1
        );
    }
    // The final report is not marked.
    let finals = pdf(&env, &[]).pages_words();
    assert!(finals.iter().all(|p| !p.contains("BOZZA")));
}

/// The names and e-mail addresses of the fixtures the demo imports (`Nome e cognome` and
/// `E-mail` of the office's Windows-1252 file), and the author names of the Decidim 0.30
/// export, in case the demo takes it one day.
fn personal_data() -> Vec<String> {
    let mut out = Vec::new();
    let mut decidim = csv::Reader::from_path(fixture("decidim-2022-proposals-0.30.csv")).unwrap();
    let name = decidim
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "author/name");
    for row in decidim.records() {
        out.push(row.unwrap()[name.unwrap()].to_string());
    }
    let bytes = std::fs::read(fixture("modulo-web-2022.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut office = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = office.headers().unwrap().clone();
    let columns: Vec<usize> = ["Nome e cognome", "E-mail"]
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).unwrap())
        .collect();
    for row in office.records() {
        let row = row.unwrap();
        out.extend(columns.iter().map(|c| row[*c].to_string()));
    }
    out.retain(|v| !v.trim().is_empty());
    assert!(
        out.len() >= 20,
        "the fixtures hold names and e-mails: {out:?}"
    );
    out
}

#[test]
fn no_name_or_email_of_the_fixtures_in_the_text() {
    let env = Env::empty();
    let people = personal_data();
    // The demo's database does hold some of them, so their absence from the PDF means
    // something.
    let db = demo(&env);
    let json: serde_json::Value =
        serde_json::from_slice(&report(&env, &["--format", "json"])).expect("the JSON report");
    let held = json["responses"]
        .as_array()
        .unwrap()
        .iter()
        .take(20)
        .find_map(|r| {
            let reference = r["reference"].as_str().unwrap();
            let args = ["--db", db.to_str().unwrap(), "suggestion", "show"];
            let shown = env.json(&[&args[..], &[reference, "--format", "json"]].concat());
            shown["personal_data"]["author"]
                .as_str()
                .map(str::to_string)
        })
        .expect("a suggestion of the demo with its author");
    assert!(people.contains(&held), "{held:?} is not in the fixtures");
    for args in [&[][..], &["--draft"]] {
        let pages = pdf(&env, args).pages_words();
        let text = pages.join("\n").to_lowercase();
        // An address broken over two lines loses no letter: look for it without spaces too.
        let squeezed: String = text.split_whitespace().collect();
        for value in &people {
            let value = value.to_lowercase();
            assert!(!text.contains(&value), "the PDF {args:?} holds {value:?}");
            if value.contains('@') {
                assert!(
                    !squeezed.contains(&value),
                    "the PDF {args:?} holds {value:?}"
                );
            }
        }
    }
}
