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

use super::{
    act_line, long_date, number, percent, period_label, prose, timing_label, Count, Gathered,
    Report, ResponseRow, CHAPTERS,
};
use crate::domain::{CardStatus, Term};
use crate::error::{refused, Failure};

pub use engine::Stamp;

/// The most suggestions a PDF holds. Typst lays out the whole document in memory, about 115 KiB
/// a suggestion (measured: 2,000 in 1.7 s and 293 MiB, 10,000 in 7.6 s and 1.2 GiB): beyond
/// this the PDF is refused rather than exhausting the machine.
pub const MAX_SUGGESTIONS: i64 = 20_000;

/// Refuses a PDF of more suggestions than [`MAX_SUGGESTIONS`], before any work.
pub fn check_size(suggestions: i64) -> Result<(), Failure> {
    if suggestions > MAX_SUGGESTIONS {
        return Err(refused(format!(
            "the cycle has {} suggestions: a PDF holds at most {} (it is typeset whole, in memory)",
            number(suggestions),
            number(MAX_SUGGESTIONS)
        ))
        .hint("write the report as HTML (--format html) and the responses as the CSV annex (--format csv --out DIR)"));
    }
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

fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "#par({})\n", lit(text));
}

/// A table with its header row (tagged as header cells, repeated on every page).
struct Table<'a> {
    columns: &'a str,
    align: &'a str,
    header: &'a [&'a str],
}

impl Table<'_> {
    fn open(&self, out: &mut String) {
        let _ = write!(
            out,
            "#table(columns: {}, align: {}, table.header(",
            self.columns, self.align
        );
        for h in self.header {
            let _ = write!(out, "strong({}), ", lit(h));
        }
        out.push_str("),\n");
    }

    fn row(out: &mut String, cells: &[String]) {
        for c in cells {
            out.push_str(&lit(c));
            out.push_str(", ");
        }
        out.push('\n');
    }

    fn close(out: &mut String) {
        out.push_str(")\n\n");
    }
}

fn count_table(out: &mut String, heading: &str, counts: &[Count], total: Option<i64>) {
    let total = total.unwrap_or_else(|| counts.iter().map(|c| c.count).sum());
    let table = Table {
        columns: "(1fr, auto, auto)",
        align: "(left, right, right)",
        header: &[heading, "Numero", "%"],
    };
    table.open(out);
    for c in counts {
        Table::row(
            out,
            &[c.label.clone(), number(c.count), percent(c.count, total)],
        );
    }
    Table::close(out);
}

/// The page, the fonts, the running header and footer, the metadata.
fn preamble(out: &mut String, r: &Report) {
    let draft = if r.draft { "BOZZA – " } else { "" };
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {}, description: {}, keywords: (\"Agenda Digitale\", {}))",
        lit(&format!("{draft}{}", r.title)),
        lit(&r.municipality),
        lit(&format!(
            "Relazione di aggiornamento dell'Agenda Digitale, triennio {}",
            r.triennium
        )),
        lit(&r.municipality)
    );
    out.push_str(
        "#set text(lang: \"it\", region: \"IT\", font: \"Libertinus Serif\", size: 10.5pt)\n",
    );
    out.push_str("#set par(justify: true)\n");
    out.push_str("#set heading(numbering: \"1.\")\n");
    out.push_str("#show heading.where(level: 1): it => { pagebreak(weak: true); it }\n");
    out.push_str("#set table(stroke: 0.4pt + luma(60%), inset: 5pt)\n");
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (x: 2.2cm, top: 2.6cm, bottom: 2.4cm), numbering: \"1\",\n  header: context {{ if counter(page).get().first() > 1 {{ set text(size: 8.5pt); grid(columns: (1fr, auto), {}, {}) }} }},\n  footer: context {{ set text(size: 8.5pt); align(center)[pagina #counter(page).display(\"1\") di #counter(page).final().first()] }})",
        lit(&format!(
            "{draft}{} – Agenda Digitale {}",
            r.municipality, r.triennium
        )),
        lit(&act_line(r, |s| s.to_string()))
    );
}

/// The cover: municipality, title, the act, the date, what a draft still lacks, the index.
fn cover(out: &mut String, r: &Report) {
    if r.draft {
        let _ = writeln!(
            out,
            "#align(center, text(size: 16pt, weight: \"bold\", {}))\n",
            lit("BOZZA")
        );
        paragraph(out, prose::DRAFT);
    }
    let _ = writeln!(
        out,
        "#align(center, text(size: 13pt, {}))\n",
        lit(&r.municipality)
    );
    let _ = writeln!(
        out,
        "#align(center, text(size: 20pt, weight: \"bold\", hyphenate: false, {}))\n",
        lit(&r.title)
    );
    let _ = writeln!(
        out,
        "#align(center, {})\n",
        lit(&format!(
            "Agenda Digitale – aggiornamento del triennio {}",
            r.triennium
        ))
    );
    let _ = writeln!(
        out,
        "#align(center, {})\n",
        lit(&act_line(r, |s| s.to_string()))
    );
    let _ = writeln!(
        out,
        "#align(center, {})\n",
        lit(&format!("Prato, {}", long_date(&r.date)))
    );
    if r.draft {
        let _ = writeln!(out, "#strong({})\n", lit(prose::DRAFT_MISSING));
        if r.missing.is_empty() {
            paragraph(out, prose::NONE);
        }
        for m in &r.missing {
            let _ = writeln!(out, "- #{}", lit(m));
        }
        out.push('\n');
    }
    out.push_str("#outline(title: \"Indice\", depth: 2)\n\n");
}

fn chapter(out: &mut String, index: usize) {
    heading(out, 1, CHAPTERS[index].1);
}

/// Builds the whole markup. The responses are streamed into it; the markup itself is held once.
fn markup(g: &Gathered) -> Result<String> {
    let r = &g.report;
    let mut out = String::with_capacity(64 * 1024);
    preamble(&mut out, r);
    cover(&mut out, r);
    process(&mut out, r);
    figures(&mut out, r);
    chapter(&mut out, 2);
    paragraph(&mut out, prose::RESPONSES_INTRO);
    let table = Table {
        columns: "(3.7cm, 1fr, 2.4cm, 1.9cm, 1.6fr, 1.6cm)",
        align: "left",
        header: &[
            "Riferimento",
            "Titolo",
            "Assi",
            "Esito",
            "Motivazione",
            "Scheda",
        ],
    };
    // At 9 pt, with the reference and the card codes never broken across lines.
    out.push_str("#[\n#set text(size: 9pt)\n#set par(justify: false)\n");
    table.open(&mut out);
    let n = g.responses.for_each(|row| {
        let cells = response_cells(row);
        let _ = write!(out, "box({}), ", lit(&cells[0]));
        for c in &cells[1..5] {
            out.push_str(&lit(c));
            out.push_str(", ");
        }
        let _ = writeln!(out, "box({}),", lit(&cells[5]));
        Ok(())
    })?;
    if n == 0 {
        Table::row(
            &mut out,
            &[
                "–".into(),
                "nessun contributo".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        );
    }
    Table::close(&mut out);
    out.push_str("]\n\n");
    agenda(&mut out, r);
    changes(&mut out, r);
    chapter(&mut out, 5);
    paragraph(&mut out, prose::ANNEXES_INTRO);
    for a in &r.annexes {
        let _ = writeln!(out, "- #{}", lit(&format!("{}: {}", a.file, a.description)));
    }
    Ok(out)
}

fn response_cells(row: &ResponseRow) -> Vec<String> {
    let title = if row.withdrawn {
        format!("{} (ritirato)", row.title)
    } else {
        row.title.clone()
    };
    vec![
        row.reference.clone(),
        title,
        row.axes_label(", "),
        row.outcome_label().to_string(),
        row.reason.clone().unwrap_or_default(),
        row.card_label(),
    ]
}

fn process(out: &mut String, r: &Report) {
    chapter(out, 0);
    paragraph(out, &prose::process_intro(r));
    let table = Table {
        columns: "(auto, auto, 1fr)",
        align: "left",
        header: &["Fase", "Periodo", "Attività"],
    };
    table.open(out);
    for p in &r.phases {
        Table::row(
            out,
            &[p.name.clone(), period_label(p), p.description.clone()],
        );
    }
    Table::close(out);
    heading(out, 2, "Canali utilizzati");
    paragraph(out, &prose::channels_intro(r));
    if !r.channels_used.is_empty() {
        let table = Table {
            columns: "(1fr, auto)",
            align: "(left, right)",
            header: &["Canale", "Contributi"],
        };
        table.open(out);
        for c in &r.channels_used {
            Table::row(out, &[c.label.clone(), number(c.count)]);
        }
        Table::close(out);
    }
}

fn figures(out: &mut String, r: &Report) {
    chapter(out, 1);
    let f = &r.figures;
    paragraph(out, &prose::figures_intro(r));
    heading(out, 2, "Contributi per asse tematico");
    paragraph(out, prose::AXES_NOTE);
    count_table(out, "Asse", &f.by_axis, Some(f.suggestions));
    heading(out, 2, "Contributi per tipologia di soggetto");
    count_table(out, "Tipologia", &f.by_stakeholder, None);
    heading(out, 2, "Contributi per canale");
    count_table(out, "Canale", &f.by_channel, None);
    heading(out, 2, "Contributi per esito");
    count_table(out, "Esito", &f.by_outcome, None);
    heading(out, 2, "Schede progetto per asse e stato");
    let mut header: Vec<&str> = vec!["Asse"];
    header.extend(CardStatus::ALL.iter().map(|s| s.label()));
    header.push("Totale");
    let columns = format!(
        "(1fr, {})",
        vec!["auto"; CardStatus::ALL.len() + 1].join(", ")
    );
    let table = Table {
        columns: &columns,
        align: "(left, right)",
        header: &header,
    };
    table.open(out);
    for (axis, row) in f.cards_by_axis.iter().zip(&f.cards_by_axis_and_status) {
        let mut cells = vec![axis.label.clone()];
        cells.extend(row.iter().map(|n| number(*n)));
        cells.push(number(axis.count));
        Table::row(out, &cells);
    }
    let mut total = vec!["Totale".to_string()];
    total.extend(f.cards_by_status.iter().map(|s| number(s.count)));
    total.push(number(f.cards));
    Table::row(out, &total);
    Table::close(out);
}

fn agenda(out: &mut String, r: &Report) {
    chapter(out, 3);
    paragraph(out, &prose::agenda_intro(r));
    for section in &r.axes {
        heading(out, 2, &format!("Asse: {}", section.label));
        let _ = writeln!(out, "#emph({})\n", lit(&section.description));
        if section.cards.is_empty() {
            paragraph(out, "Nessuna scheda in questo asse.");
        }
        for entry in &section.cards {
            let c = &entry.card;
            let _ = writeln!(
                out,
                "#strong({})\n",
                lit(&format!("{} – {}", c.code, c.title))
            );
            let or_dash = |s: &str| {
                if s.trim().is_empty() {
                    "non indicato".to_string()
                } else {
                    s.to_string()
                }
            };
            let mut fields = vec![
                ("Stato", entry.status_label.clone()),
                ("Ufficio responsabile", or_dash(&c.office)),
                ("Tempi", timing_label(c)),
                (
                    "Risorse",
                    match (&entry.budget_label, c.funding.trim()) {
                        (Some(b), "") => b.clone(),
                        (Some(b), funding) => format!("{b} – {funding}"),
                        (None, "") => "da definire".to_string(),
                        (None, funding) => funding.to_string(),
                    },
                ),
            ];
            if !c.partners.trim().is_empty() {
                fields.insert(2, ("Partner", c.partners.clone()));
            }
            if !c.agid_refs.is_empty() {
                fields.push(("Riferimenti AgID", c.agid_refs.join("; ")));
            }
            if !c.description.trim().is_empty() {
                fields.push(("Descrizione", c.description.clone()));
            }
            if !c.objectives.trim().is_empty() {
                fields.push(("Obiettivi", c.objectives.clone()));
            }
            if !c.indicators.is_empty() {
                fields.push(("Indicatori", c.indicators.join("; ")));
            }
            let linked = entry.linked_label(str::to_string, str::to_string);
            fields.push(("Contributi collegati", linked));
            for (k, v) in fields {
                let _ = writeln!(out, "- #strong({}): #{}", lit(k), lit(&v));
            }
            out.push('\n');
        }
    }
}

fn changes(out: &mut String, r: &Report) {
    chapter(out, 4);
    let ch = &r.changes;
    paragraph(out, &prose::changes_intro(r));
    let card_list = |out: &mut String, title: &str, cards: &[super::CardRef]| {
        heading(out, 2, &format!("{title} ({})", cards.len()));
        if cards.is_empty() {
            paragraph(out, prose::NONE);
        }
        for c in cards {
            let _ = writeln!(out, "- #{}", lit(&format!("{} – {}", c.code, c.title)));
        }
        out.push('\n');
    };
    card_list(out, "Nuove schede", &ch.new_cards);
    heading(
        out,
        2,
        &format!("Cambi di stato ({})", ch.status_changes.len()),
    );
    if ch.status_changes.is_empty() {
        paragraph(out, prose::NONE);
    } else {
        let table = Table {
            columns: "(auto, 1fr, auto, auto)",
            align: "left",
            header: &["Scheda", "Titolo", "Prima", "Ora"],
        };
        table.open(out);
        for s in &ch.status_changes {
            Table::row(
                out,
                &[
                    s.code.clone(),
                    s.title.clone(),
                    s.from_label.clone(),
                    s.to_label.clone(),
                ],
            );
        }
        Table::close(out);
    }
    card_list(out, "Schede concluse", &ch.concluded);
    if ch.previous.is_some() {
        card_list(out, "Schede non più presenti", &ch.removed);
    }
    heading(out, 2, &format!("Altre modifiche ({})", ch.edited.len()));
    if ch.edited.is_empty() {
        paragraph(out, prose::NONE);
    } else {
        let table = Table {
            columns: "(auto, 1fr, 1fr)",
            align: "left",
            header: &["Scheda", "Titolo", "Campi modificati"],
        };
        table.open(out);
        for e in &ch.edited {
            Table::row(out, &[e.code.clone(), e.title.clone(), e.fields.join(", ")]);
        }
        Table::close(out);
    }
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
            lit("#set page(\"x\") \\ *bold*"),
            "\"#set page(\\\"x\\\") \\\\ *bold*\""
        );
        assert_eq!(lit("a\nb\t c"), "\"a b c\"");
        assert_eq!(lit("Wi-Fi 👍 nel parco"), "\"Wi-Fi ? nel parco\"");
        assert_eq!(lit("caffè – “più” 1° €"), "\"caffè – “più” 1° €\"");
    }
}
