//! The report as a PDF/A-2a the clerk attaches to the deliberation: the same chapters as the
//! other formats, typeset by Typst ([`engine`]) from markup written here. Every text from the
//! data goes into the markup as a string literal, never as markup, so nothing a citizen wrote
//! can change the layout; characters the embedded fonts cannot draw are replaced, because a
//! glyph missing from the fonts makes a PDF/A invalid.
//!
//! The document is tagged (headings, tables with their header rows, the language), A4, with
//! the annex label and the act in the running header, "pagina N di M" at the foot, an index with
//! page numbers, and the municipality as author. A draft says BOZZA on every page.

mod engine;

use std::fmt::Write as _;

use anyhow::Result;

use super::document::keep_edges;
use super::document::{
    text, Block, CardBlock, Column, Counts, Document, Inline, Span, Table, Value,
};
use super::{number, outline, percent, progress_label, prose, Gathered, ResponseRow};
use crate::domain::Term;
use crate::error::{refused, Failure};
use crate::text::capitalised;

pub use engine::Stamp;

/// The most suggestions a PDF holds. Typst lays out the whole document in memory, about 140 KiB
/// a suggestion (measured: 20,000 with their reasons in 15.3 s and 2.7 GiB): beyond
/// this the PDF is refused rather than exhausting the machine.
pub const MAX_SUGGESTIONS: i64 = 20_000;

/// Refuses a PDF of more suggestions than [`MAX_SUGGESTIONS`], before any work.
pub fn check_size(suggestions: i64) -> Result<(), Failure> {
    if suggestions > MAX_SUGGESTIONS {
        // The counts as the report writes them (20.000), in either language.
        return Err(refused(t!(
            "report-pdf-too-big",
            count = number(suggestions),
            max = number(MAX_SUGGESTIONS)
        ))
        .hint(t!("report-pdf-too-big-hint")));
    }
    Ok(())
}

/// Refuses the PDF of a cycle of more than [`MAX_SUGGESTIONS`] before the report is gathered
/// (a million suggestions are counted in milliseconds, gathered in seconds).
pub fn check_cycle(conn: &crate::storage::Handle, cycle: &crate::domain::Cycle) -> Result<()> {
    check_size(crate::storage::suggestions::total(conn, cycle.id)?)?;
    Ok(())
}

/// Writes the report as PDF/A-2a bytes.
pub fn write(g: &Gathered, out: &mut dyn std::io::Write) -> Result<()> {
    check_size(g.report.figures.suggestions)?;
    let markup = markup(g)?;
    let r = &g.report;
    let stamp = Stamp {
        date: r.date.clone(),
        ident: format!("{} {} {}", r.municipality, r.title, r.triennium),
        creator: r.made_by.clone(),
    };
    let pdf = engine::typeset(markup, &stamp)?;
    out.write_all(&pdf)?;
    Ok(())
}

/// A text from the data as a Typst string literal: quoted, escaped, on one line, without what
/// the fonts cannot draw (emoji, control and private-use characters).
fn lit(text: &str) -> String {
    lit_exact(&crate::text::apostrophes(text))
}

/// [`lit`] without the typography: for a URL.
fn lit_exact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.len() > 1 {
            out.push(' ');
        }
        space = false;
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {}
            c if drawable(c) => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push('"');
    out
}

/// Whether Libertinus Serif has a glyph for `c`: the Latin, Greek and Cyrillic alphabets, the
/// punctuation and symbols of Italian typography. Anything else (emoji, CJK, private use) is
/// replaced by `?`.
fn drawable(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e | 0xa0..=0x24f | 0x370..=0x3ff | 0x400..=0x4ff
        | 0x2010..=0x2027 | 0x2030..=0x205e | 0x20ac | 0x2116 | 0x2122 | 0x2190..=0x2193)
}

/// `#heading(level: n, "…")`, tagged as a heading of the PDF.
fn heading(out: &mut String, level: u8, text: &str) {
    let _ = writeln!(out, "#heading(level: {level}, {})", lit(text));
}

/// Inline text as Typst code: string literals, marked up by functions.
fn inline(spans: &[Span]) -> String {
    let parts: Vec<String> = spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => {
                let quoted = lit(t);
                let inner = quoted[1..quoted.len() - 1].to_string();
                format!("\"{}\"", keep_edges(t, inner))
            }
            Span::Code(t) => format!("emph({})", lit(t)),
            Span::Link(t, _) => format!("box({})", lit(t)),
            // An outlined bar filled solid, then the value: it reads in black and white.
            Span::Bar(p) => {
                let p = (*p).min(100);
                format!(
                    "box(width: 2.2cm, height: 7pt, stroke: 0.6pt + black, box(width: {p}%, height: 100%, fill: rgb(\"#0b3d66\")))#h(4pt)#strong({})",
                    lit(&progress_label(p))
                )
            }
        })
        .collect();
    if parts.is_empty() {
        "[]".to_string()
    } else {
        format!("[#{}]", parts.join("#"))
    }
}

fn paragraph(out: &mut String, spans: &[Span]) {
    let _ = writeln!(out, "#par({})\n", inline(spans));
}

fn plain_paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "#par({})\n", lit(text));
}

/// A list: one item a line.
fn list(out: &mut String, items: &[Inline]) {
    out.push_str("#list(");
    for item in items {
        out.push_str(&inline(item));
        out.push_str(", ");
    }
    out.push_str(")\n\n");
}

/// A table with its header row (tagged as header cells, repeated on every page).
fn table(out: &mut String, t: &Table) {
    let columns: Vec<&str> = t.columns.iter().map(|c| c.width).collect();
    let align: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "right" } else { "left" })
        .collect();
    let _ = write!(
        out,
        "#table(columns: ({},), align: ({},), table.header(",
        columns.join(", "),
        align.join(", ")
    );
    for c in &t.columns {
        let _ = write!(out, "strong({}), ", lit(&c.title));
    }
    out.push_str("),\n");
    for row in &t.rows {
        for cell in row {
            out.push_str(&inline(cell));
            out.push_str(", ");
        }
        out.push('\n');
    }
    if let Some(total) = &t.total {
        for cell in total {
            let _ = write!(out, "strong({}), ", inline(cell));
        }
        out.push('\n');
    }
    out.push_str(")\n\n");
}

fn counts(out: &mut String, c: &Counts) {
    heading(out, 2, &c.title);
    if let Some(note) = &c.note {
        plain_paragraph(out, note);
    }
    let total = c
        .total
        .unwrap_or_else(|| c.counts.iter().map(|c| c.count).sum());
    let sum: i64 = c.counts.iter().map(|c| c.count).sum();
    let t = Table {
        caption: c.title.clone(),
        class: "counts",
        columns: vec![
            Column::new(&c.heading, "1fr"),
            Column::numeric("Numero"),
            Column::numeric("%"),
        ],
        rows: c
            .counts
            .iter()
            .map(|n| {
                vec![
                    text(capitalised(&n.label)),
                    text(number(n.count)),
                    text(percent(n.count, total)),
                ]
            })
            .collect(),
        total: c
            .total
            .is_none()
            .then(|| vec![text("Totale"), text(number(sum)), text(percent(sum, sum))]),
    };
    table(out, &t);
    if c.chart {
        chart(out, c);
    }
}

/// A bar chart drawn by Typst, with its alternative text for who cannot see it: the figure's
/// content is then skipped by assistive technology, which reads the text instead.
fn chart(out: &mut String, c: &Counts) {
    let max = c.counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let _ = writeln!(
        out,
        "#figure(alt: {}, caption: {}, numbering: none, grid(columns: (5.5cm, 1fr), row-gutter: 4pt, column-gutter: 6pt, align: (right + horizon, left + horizon),",
        lit(&c.alt()),
        lit(&format!("Grafico: {}", c.title.to_lowercase()))
    );
    for n in &c.counts {
        let share = n.count * 80 / max;
        let _ = writeln!(
            out,
            "text(size: 9pt, {}), stack(dir: ltr, spacing: 4pt, box(width: {share}%, height: 9pt, fill: rgb(\"#1f4e79\")), text(size: 9pt, {})),",
            lit(&capitalised(&n.label)),
            lit(&number(n.count))
        );
    }
    out.push_str("))\n\n");
}

fn card(out: &mut String, c: &CardBlock) {
    let _ = writeln!(
        out,
        "#block(breakable: true, above: 1.2em)[#heading(level: 3, outlined: false, {})]",
        lit(&format!("{} – {}", c.code, c.title))
    );
    out.push_str("#list(");
    for f in &c.fields {
        let value = match &f.value {
            Value::Inline(v) => inline(v),
            Value::Status(v) | Value::Prose(v) => lit(v),
            Value::List(items) => {
                let mut l = String::from("list(");
                for item in items {
                    l.push_str(&inline(item));
                    l.push_str(", ");
                }
                l.push(')');
                l
            }
        };
        let _ = write!(out, "[#strong({}): #{value}], ", lit(f.label));
    }
    out.push_str(")\n\n");
}

/// The page, the fonts, the running header and footer, the metadata.
fn preamble(out: &mut String, d: &Document) {
    let draft = if d.draft { "BOZZA – " } else { "" };
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {}, description: {}, keywords: (\"Agenda Digitale\", {}, {}))",
        lit(&format!("{draft}{}", d.title)),
        lit(&d.author),
        lit(&d.subject),
        lit(&d.author),
        lit(&d.cover.annex_label)
    );
    out.push_str(
        "#set text(lang: \"it\", region: \"IT\", font: \"Libertinus Serif\", size: 10.5pt)\n",
    );
    out.push_str("#set par(justify: true)\n");
    out.push_str("#show heading.where(level: 1, outlined: true): set block(above: 2.2em)\n");
    out.push_str("#show table.cell: set par(justify: false)\n");
    out.push_str("#show heading: set block(sticky: true)\n");
    out.push_str("#set table(stroke: 0.4pt + luma(60%), inset: 5pt)\n");
    out.push_str("#show link: underline\n");
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (x: 2.2cm, top: 2.6cm, bottom: 2.4cm), numbering: \"1\",\n  header: context {{ if counter(page).get().first() > 1 {{ set text(size: 9pt); grid(columns: (1fr, auto), {}, {}) }} }},\n  footer: context {{ set text(size: 9pt); align(center)[pagina #counter(page).display(\"1\") di #counter(page).final().first()] }})",
        lit(&d.cover.running_header),
        lit(&d.author)
    );
}

/// The cover: the annex label and the deliberation, municipality, office, title, place and
/// date, a copy's note, what a draft still lacks, the index.
fn cover(out: &mut String, d: &Document) {
    let c = &d.cover;
    if let Some(draft) = &c.draft {
        let _ = writeln!(
            out,
            "#align(center, text(size: 16pt, weight: \"bold\", {}))\n",
            lit("BOZZA")
        );
        plain_paragraph(out, &draft.warning);
    }
    let _ = writeln!(
        out,
        "#align(right, block(width: 9cm, align(left)[#strong({}) #linebreak() #{}]))\n#v(1.2cm)\n",
        lit(&c.annex_label),
        lit(&c.deliberation)
    );
    let _ = writeln!(
        out,
        "#align(center, text(size: 14pt, weight: \"bold\", {}))\n",
        lit(&c.municipality)
    );
    if let Some(office) = &c.office {
        let _ = writeln!(out, "#align(center, {})\n", lit(office));
    }
    // The title on two lines, split at its dash: "Relazione … Digitale" / "triennio 2021-2023".
    let lines: Vec<String> = c.title.split(" – ").map(lit).collect();
    let _ = writeln!(
        out,
        "#v(1cm)\n#align(center, par(justify: false, text(size: 20pt, weight: \"bold\", hyphenate: false)[#{}]))\n#v(0.6cm)\n",
        lines.join(" #linebreak() #")
    );
    let _ = writeln!(out, "#align(center, {})\n", lit(&c.place_and_date));
    if let Some(copy) = &c.copy {
        let _ = writeln!(
            out,
            "#block(stroke: (left: 3pt + rgb(\"#0b3d66\")), inset: 8pt, {})\n",
            lit(copy)
        );
    }
    if let Some(draft) = &c.draft {
        let _ = writeln!(out, "#strong({})\n", lit(&draft.heading));
        if draft.missing.is_empty() {
            plain_paragraph(out, prose::NONE);
        }
        for m in &draft.missing {
            let _ = writeln!(out, "- #{}", lit(m));
        }
        out.push('\n');
    }
    out.push_str("#v(1.5cm)\n#outline(title: \"Indice\", depth: 1)\n\n");
}

fn block(out: &mut String, b: &Block, g: &Gathered) -> Result<()> {
    match b {
        Block::Paragraph(p) => paragraph(out, p),
        Block::Note(n) => {
            let _ = writeln!(out, "#emph({})\n", lit(n));
        }
        Block::Section { title, .. } => heading(out, 2, title),
        Block::List(items) => list(out, items),
        Block::Table(t) => table(out, t),
        Block::Counts(c) => counts(out, c),
        Block::Card(c) => card(out, c),
        Block::Responses => responses(out, g)?,
    }
    Ok(())
}

/// Chapter 3's tables, one an axis, streamed into the markup: at 9 pt, with the references
/// and card codes never broken across lines.
fn responses(out: &mut String, g: &Gathered) -> Result<()> {
    let n = g.responses.for_each_grouped(|row| {
        if row.first_of_group {
            if row.group_index > 0 {
                out.push_str(")\n]\n\n");
            }
            heading(out, 2, &row.group_title());
            out.push_str("#[\n#set text(size: 9pt)\n#set par(justify: false)\n#table(columns: (3.85cm, 1.25fr, 2cm, 1.5fr, 1.55cm), align: left, table.header(");
            for h in ["Riferimento", "Contributo", "Esito", "Motivazione", "Scheda"] {
                let _ = write!(out, "strong({}), ", lit(h));
            }
            out.push_str("),\n");
        }
        response_cells(out, row);
        Ok(())
    })?;
    if n == 0 {
        plain_paragraph(out, "Nessun contributo.");
    } else {
        out.push_str(")\n]\n\n");
    }
    Ok(())
}

fn response_cells(out: &mut String, row: &ResponseRow) {
    match &row.url {
        Some(url) => {
            let _ = write!(
                out,
                "box(link({}, {})), ",
                lit_exact(url),
                lit(&row.reference)
            );
        }
        None => {
            let _ = write!(out, "box({}), ", lit(&row.reference));
        }
    }
    let _ = write!(
        out,
        "[#{} #linebreak() #emph({})",
        lit(&row.title),
        lit(&format!("{} · {}", row.date_label(), row.channel.label()))
    );
    let mut notes = row.notes();
    // The card column is too narrow for a reference: the suggestion duplicated is named here.
    let card = match (&row.card, &row.duplicate_of) {
        (None, Some(d)) => {
            notes.push(format!("duplicato di {d}"));
            "–".to_string()
        }
        _ => row.card_label(),
    };
    // So is the progress of the card that accepted it.
    if let (Some(code), Some(progress)) = (&row.card, row.card_progress_label()) {
        notes.push(format!("{code}: {progress}"));
    }
    for note in notes {
        let _ = write!(out, " #linebreak() #emph({})", lit(&note));
    }
    let _ = writeln!(
        out,
        "], {}, {}, box({}),",
        lit(&capitalised(row.outcome_label())),
        lit(row.reason.as_deref().unwrap_or("–")),
        lit(&card)
    );
}

/// Builds the whole markup. The responses are streamed into it; the markup itself is held once.
fn markup(g: &Gathered) -> Result<String> {
    let d = outline::document(&g.report);
    let mut out = String::with_capacity(64 * 1024);
    preamble(&mut out, &d);
    cover(&mut out, &d);
    for chapter in &d.chapters {
        // The summary opens on its own page after the cover; the chapters follow on.
        if chapter.number.is_none() {
            out.push_str("#pagebreak(weak: true)\n");
        }
        heading(&mut out, 1, &chapter.heading());
        for b in &chapter.blocks {
            block(&mut out, b, g)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_of_too_many_suggestions_is_refused() {
        assert!(check_size(MAX_SUGGESTIONS).is_ok());
        let err = check_size(MAX_SUGGESTIONS + 1).unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Refused);
        assert!(
            err.message.contains("20.001 suggestions"),
            "{}",
            err.message
        );
    }

    #[test]
    fn data_become_string_literals_that_cannot_change_the_layout() {
        assert_eq!(
            lit_exact("#set page(\"x\") \\ *bold*"),
            "\"#set page(\\\"x\\\") \\\\ *bold*\""
        );
        assert_eq!(lit("#set page(\"x\")"), "\"#set page(“x”)\"");
        assert_eq!(lit("a\nb\t c"), "\"a b c\"");
        assert_eq!(lit("Wi-Fi 👍 nel parco"), "\"Wi-Fi ? nel parco\"");
        assert_eq!(lit("caffè – “più” 1° €"), "\"caffè – “più” 1° €\"");
    }
}
