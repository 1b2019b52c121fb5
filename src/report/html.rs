//! The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts and
//! no external assets. Pleasant on screen, printed on A4 (every chapter on a new page, table
//! headers repeated, long words wrapped), accessible (`lang="it"`, headings in order, table
//! headers with their scope, dark text on white). A draft carries BOZZA on every printed page.
//!
//! Every text that comes from the data goes through [`escape`].

use std::io::Write;

use anyhow::Result;

use super::document::{Block, CardBlock, Counts, Document, Inline, Span, Table, Target, Value};
use super::svg::{bar_chart, Bar};
use super::{number, outline, percent, progress_label, prose, Gathered};
use crate::domain::Term;
use crate::text::capitalised;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    escape_exact(&crate::text::apostrophes(text))
}

/// [`escape`] without the typography: for attribute values (URLs, anchors, metadata).
pub fn escape_exact(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as paragraphs: blank lines separate them, single line breaks become `<br>`.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: #1a1a1a; font-family: "Titillium Web", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 16px; line-height: 1.5; }
.page { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem 3rem; }
h1, h2, h3, h4 { color: #0b3d66; line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 1.6rem; border-bottom: 3px solid #0b3d66; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.25rem; margin-top: 1.8rem; }
h4 { font-size: 1.05rem; margin: 0 0 .4rem; }
p, li, dd { overflow-wrap: break-word; }
a { color: #0b3d66; }
.cover { padding: 3rem 0 1.5rem; border-bottom: 1px solid #8c8c8c; }
.cover .municipality { font-size: 1.3rem; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; margin: 0; }
.cover h1 { font-size: 2.2rem; margin: 1rem 0; }
.cover .act, .cover .date { font-size: 1.1rem; margin: .3rem 0; }
.draft-banner { border: 3px solid #9b1c1c; color: #9b1c1c; background: #fff; font-weight: 700; padding: .5rem .8rem; margin: 1rem 0; }
.missing { border-left: 6px solid #9b1c1c; background: #fbf3f3; padding: .6rem 1rem; margin: 1.5rem 0; }
.missing h2 { border: 0; margin-top: .5rem; font-size: 1.3rem; color: #9b1c1c; }
.watermark { display: none; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.4rem; font-size: .92rem; }
caption { text-align: left; font-weight: 700; padding-bottom: .3rem; color: #1a1a1a; }
th, td { border: 1px solid #767676; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
thead th { background: #dde6f0; color: #0b1f33; }
tbody th[scope="row"] { font-weight: 600; }
tfoot td, tfoot th { font-weight: 700; background: #f2f2f2; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.counts { max-width: 40rem; }
table.responses { table-layout: fixed; font-size: .9rem; }
table.responses col.c-ref { width: 19%; }
table.responses col.c-title { width: 30%; }
table.responses col.c-outcome { width: 12%; }
table.responses col.c-reason { width: 29%; }
table.responses col.c-card { width: 10%; }
table.responses .ref, table.responses .code { white-space: nowrap; overflow-wrap: normal; }
li a, td a, th a { white-space: nowrap; }
ul.index { list-style: none; padding-left: 0; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.responses .meta, table.responses .note { font-size: .85em; color: #444; }
table.responses .note { font-style: italic; }
.cover .annex { font-size: 1.1rem; margin: 0 0 1.5rem; }
.cover .office { margin: .2rem 0 0; }
.copy { border-left: 6px solid #0b3d66; background: #eef3f8; padding: .5rem .8rem; }
.card dd ul { margin: 0; padding-left: 1.1rem; }
@media screen and (max-width: 40rem) {
  .page { padding: 0 .8rem 2rem; }
  table.responses, table.responses tbody, table.responses tr, table.responses th, table.responses td { display: block; width: auto; }
  table.responses thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.responses tr { border: 1px solid #767676; margin: 0 0 .8rem; }
  table.responses th, table.responses td { border: 0; border-top: 1px solid #d0d0d0; }
  table.responses th.ref { border-top: 0; background: #dde6f0; }
  table.responses td::before { content: attr(data-label); display: block; font-weight: 700; font-size: .8em; color: #0b1f33; }
  .card dl { grid-template-columns: minmax(0, 1fr); }
  table.matrix { display: block; overflow-x: auto; table-layout: auto; font-size: .8rem; }
  table.progress, table.progress tbody, table.progress tr, table.progress th, table.progress td,
  table.milestones, table.milestones tbody, table.milestones tr, table.milestones th, table.milestones td,
  table.indicators, table.indicators tbody, table.indicators tr, table.indicators th, table.indicators td { display: block; width: auto; }
  table.progress thead, table.milestones thead, table.indicators thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.progress tr, table.milestones tr, table.indicators tr { border: 1px solid #767676; margin: 0 0 .8rem; }
  table.progress th, table.progress td, table.milestones th, table.milestones td, table.indicators th, table.indicators td { border: 0; border-top: 1px solid #d0d0d0; }
  table.progress th[scope="row"], table.milestones th[scope="row"], table.indicators th[scope="row"] { border-top: 0; background: #dde6f0; }
  table.progress td::before, table.milestones td::before, table.indicators td::before { content: attr(data-label); display: block; font-weight: 700; font-size: .8em; color: #0b1f33; }
  table.matrix th, table.matrix td { overflow-wrap: normal; hyphens: none; }
}
table.matrix { table-layout: fixed; }
.bar svg { vertical-align: -1px; }
.bar .value { font-weight: 700; font-variant-numeric: tabular-nums; }
table.progress, table.milestones, table.indicators { table-layout: fixed; }
table.progress thead th:nth-child(1), table.milestones thead th:nth-child(1), table.indicators thead th:nth-child(1) { width: 9%; }
table.progress thead th:nth-child(2) { width: 31%; }
table.progress thead th:nth-child(3) { width: 16%; }
table.progress thead th:nth-child(4) { width: 19%; }
table.milestones thead th:nth-child(3), table.milestones thead th:nth-child(4) { width: 15%; }
table.indicators thead th:nth-child(2) { width: 22%; }
table.indicators thead th:nth-child(6) { width: 12%; }
table.responses .code .progress { white-space: normal; font-size: .85em; color: #444; }
table.matrix thead th:first-child { width: 24%; }
table.matrix thead th.num { white-space: normal; text-align: right; font-size: .85em; padding: .2rem .25rem; }
table.changes { table-layout: fixed; }
table.changes col.c-code { width: 14%; }
.withdrawn { font-style: italic; }
figure { margin: .5rem 0 1.5rem; }
figcaption { font-weight: 700; margin-bottom: .3rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
svg.chart text.value { font-weight: 700; }
.figures { margin-bottom: 1rem; }
.card { border: 1px solid #8c8c8c; border-left: 6px solid #0b3d66; padding: .7rem 1rem; margin: 0 0 1rem; }
.card dl { display: grid; grid-template-columns: 11rem minmax(0, 1fr); gap: .2rem 1rem; margin: 0; }
.card dt { font-weight: 700; }
.card dd { margin: 0; }
.card dd p { margin: 0 0 .3rem; }
.axis-description { font-style: italic; }
.status { display: inline-block; border: 1px solid #1a1a1a; padding: 0 .4rem; font-weight: 600; }
footer { margin-top: 3rem; border-top: 1px solid #8c8c8c; padding-top: .5rem; font-size: .85rem; }
@page { size: A4; margin: 18mm 16mm 18mm 16mm;
  @bottom-right { content: "pagina " counter(page) " di " counter(pages); font-family: Arial, sans-serif; font-size: 8pt; color: #333; } }
@media print {
  body { font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  .cover { border: 0; padding-top: 30mm; }
  .cover h1 { font-size: 24pt; }
  h2 { font-size: 16pt; margin-top: 0; }
  h3 { font-size: 12.5pt; }
  h4 { font-size: 11pt; }
  .chapter { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, figure, .figures, .card dt, .card dd { break-inside: avoid; page-break-inside: avoid; }
  .card { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 9pt; }
  table.responses { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
  .draft .watermark { display: block; position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: 700; color: rgba(155, 28, 28, .10); transform: rotate(-35deg); z-index: 0; pointer-events: none; }
  .draft .draft-banner { margin-top: 8mm; }
  footer { display: none; }
  .bar svg { width: 16mm; height: 2.6mm; }
}
"#;

/// For drafts: BOZZA in the top margin of every printed page, beside the watermark.
const DRAFT_STYLE: &str = r#"@page { @top-right { content: "BOZZA – non approvato"; font-family: Arial, sans-serif; color: #9b1c1c; font-weight: 700; font-size: 10pt; letter-spacing: .05em; } }
"#;

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Code(t) => format!("<code>{}</code>", escape(t)),
            Span::Link(t, target) => format!(
                "<a href=\"{}\">{}</a>",
                escape_exact(&href(target)),
                escape(t)
            ),
            Span::Bar(p) => progress_bar(*p),
        })
        .collect()
}

/// A progress bar that reads in black and white and on paper: an outlined box filled solid
/// (SVG, which browsers print whatever their background setting), with the value written
/// beside it; the drawing is hidden from screen readers, which read the value.
fn progress_bar(percent: u8) -> String {
    let p = percent.min(100);
    format!(
        "<span class=\"bar\"><svg viewBox=\"0 0 100 12\" width=\"100\" height=\"12\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"99\" height=\"11\" fill=\"#fff\" stroke=\"#1a1a1a\"/><rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"11\" fill=\"#0b3d66\"/></svg> <span class=\"value\">{}</span></span>",
        f64::from(p) * 0.99,
        progress_label(p)
    )
}

fn href(target: &Target) -> String {
    match target {
        Target::Card(code) => format!("#scheda-{code}"),
        Target::Suggestion(reference) => format!("#contributo-{reference}"),
    }
}

fn count_table(out: &mut dyn Write, c: &Counts) -> Result<()> {
    let sum: i64 = c.counts.iter().map(|c| c.count).sum();
    let total_for_share = c.total.unwrap_or(sum);
    writeln!(
        out,
        "<table class=\"counts\">\n<caption class=\"vh\">{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Numero</th><th scope=\"col\" class=\"num\">%</th></tr></thead>\n<tbody>",
        escape(&c.title),
        escape(&c.heading)
    )?;
    for n in &c.counts {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&capitalised(&n.label)),
            number(n.count),
            percent(n.count, total_for_share)
        )?;
    }
    writeln!(out, "</tbody>")?;
    if c.total.is_none() {
        writeln!(
            out,
            "<tfoot><tr><th scope=\"row\">Totale</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>",
            number(sum),
            percent(sum, sum)
        )?;
    }
    writeln!(out, "</table>")?;
    Ok(())
}

fn chart(out: &mut dyn Write, c: &Counts) -> Result<()> {
    let labels: Vec<String> = c.counts.iter().map(|n| capitalised(&n.label)).collect();
    let bars: Vec<Bar> = c
        .counts
        .iter()
        .zip(&labels)
        .map(|(n, label)| Bar {
            label,
            value: n.count,
        })
        .collect();
    let caption = format!("Grafico: {}", c.title.to_lowercase());
    writeln!(
        out,
        "<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>",
        escape(&caption),
        bar_chart(&format!("grafico-{}", c.id), &c.alt(), &bars)
    )?;
    Ok(())
}

fn counts(out: &mut dyn Write, c: &Counts) -> Result<()> {
    writeln!(
        out,
        "<div class=\"figures\">\n<h3 id=\"{}\">{}</h3>",
        c.id,
        escape(&c.title)
    )?;
    if let Some(note) = &c.note {
        writeln!(out, "<p>{}</p>", escape(note))?;
    }
    count_table(out, c)?;
    if c.chart {
        chart(out, c)?;
    }
    writeln!(out, "</div>")?;
    Ok(())
}

fn table(out: &mut dyn Write, t: &Table) -> Result<()> {
    // These follow a heading or a sentence of the same words: their caption is for screen
    // readers only.
    let caption = if matches!(t.class, "matrix" | "progress" | "milestones" | "indicators") {
        " class=\"vh\""
    } else {
        ""
    };
    write!(
        out,
        "<table class=\"{}\">\n<caption{caption}>{}</caption>\n<thead><tr>",
        t.class,
        escape(&t.caption)
    )?;
    for c in &t.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        write!(out, "<th scope=\"col\"{class}>{}</th>", escape(&c.title))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    let row = |out: &mut dyn Write, cells: &[Inline]| -> Result<()> {
        write!(out, "<tr>")?;
        for (i, (cell, column)) in cells.iter().zip(&t.columns).enumerate() {
            let class = if column.numeric { " class=\"num\"" } else { "" };
            if i == 0 {
                write!(out, "<th scope=\"row\">{}</th>", inline(cell))?;
            } else {
                write!(
                    out,
                    "<td{class} data-label=\"{}\">{}</td>",
                    escape(&column.title),
                    inline(cell)
                )?;
            }
        }
        writeln!(out, "</tr>")?;
        Ok(())
    };
    for cells in &t.rows {
        row(out, cells)?;
    }
    writeln!(out, "</tbody>")?;
    if let Some(total) = &t.total {
        write!(out, "<tfoot>")?;
        row(out, total)?;
        writeln!(out, "</tfoot>")?;
    }
    writeln!(out, "</table>")?;
    Ok(())
}

fn card(out: &mut dyn Write, c: &CardBlock) -> Result<()> {
    writeln!(
        out,
        "<article class=\"card\" id=\"scheda-{0}\" aria-labelledby=\"h-scheda-{0}\">\n<h4 id=\"h-scheda-{0}\">{0} – {1}</h4>\n<dl>",
        escape_exact(&c.code),
        escape(&c.title)
    )?;
    for f in &c.fields {
        let value = match &f.value {
            Value::Inline(v) => inline(v),
            Value::Status(v) => format!("<span class=\"status\">{}</span>", escape(v)),
            Value::Prose(v) => paragraphs(v),
            Value::List(items) => format!(
                "<ul>{}</ul>",
                items
                    .iter()
                    .map(|i| format!("<li>{}</li>", inline(i)))
                    .collect::<String>()
            ),
        };
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", f.label)?;
    }
    writeln!(out, "</dl>\n</article>")?;
    Ok(())
}

fn cover(out: &mut dyn Write, d: &Document) -> Result<()> {
    let c = &d.cover;
    writeln!(out, "<header class=\"cover\">")?;
    writeln!(
        out,
        "<p class=\"annex\"><strong>{}</strong> {}</p>",
        escape(&c.annex_label),
        escape(&c.deliberation)
    )?;
    writeln!(
        out,
        "<p class=\"municipality\">{}</p>",
        escape(&c.municipality)
    )?;
    if let Some(office) = &c.office {
        writeln!(out, "<p class=\"office\">{}</p>", escape(office))?;
    }
    writeln!(out, "<h1>{}</h1>", escape(&c.title))?;
    if let Some(draft) = &c.draft {
        writeln!(
            out,
            "<p class=\"draft-banner\" role=\"note\">{}</p>",
            escape(&draft.warning)
        )?;
    }
    writeln!(
        out,
        "<p class=\"date\"><time datetime=\"{}\">{}</time></p>",
        escape(&d.date),
        escape(&c.place_and_date)
    )?;
    if let Some(copy) = &c.copy {
        writeln!(out, "<p class=\"copy\" role=\"note\">{}</p>", escape(copy))?;
    }
    writeln!(out, "</header>")?;
    if let Some(draft) = &c.draft {
        writeln!(
            out,
            "<section class=\"missing\" aria-labelledby=\"h-mancano\">\n<h2 id=\"h-mancano\">{}</h2>",
            escape(&draft.heading)
        )?;
        if draft.missing.is_empty() {
            writeln!(out, "<p>{}</p>", prose::NONE)?;
        } else {
            writeln!(out, "<ul>")?;
            for m in &draft.missing {
                writeln!(out, "<li>{}</li>", escape(m))?;
            }
            writeln!(out, "</ul>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<nav aria-labelledby=\"h-indice\">\n<h2 id=\"h-indice\">Indice</h2>\n<ul class=\"index\">"
    )?;
    for chapter in &d.chapters {
        writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            chapter.id,
            escape(&chapter.heading())
        )?;
    }
    writeln!(out, "</ul>\n</nav>")?;
    Ok(())
}

fn block(out: &mut dyn Write, b: &Block, g: &Gathered) -> Result<()> {
    match b {
        Block::Paragraph(p) => writeln!(out, "<p>{}</p>", inline(p))?,
        Block::Note(n) => writeln!(out, "<p class=\"axis-description\">{}</p>", escape(n))?,
        Block::Section {
            id: Some(id),
            title,
        } => writeln!(out, "<h3 id=\"{}\">{}</h3>", escape(id), escape(title))?,
        Block::Section { id: None, title } => writeln!(out, "<h3>{}</h3>", escape(title))?,
        Block::List(items) => {
            writeln!(out, "<ul>")?;
            for item in items {
                writeln!(out, "<li>{}</li>", inline(item))?;
            }
            writeln!(out, "</ul>")?;
        }
        Block::Table(t) => table(out, t)?,
        Block::Counts(c) => counts(out, c)?,
        Block::Card(c) => card(out, c)?,
        Block::Responses => {
            let n = g.responses.render(out, response_row)?;
            if n == 0 {
                writeln!(out, "<p>Nessun contributo.</p>")?;
            } else {
                writeln!(out, "</tbody>\n</table>\n</section>")?;
            }
        }
    }
    Ok(())
}

pub fn write(g: &Gathered, out: &mut dyn Write) -> Result<()> {
    let d = outline::document(&g.report);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{}\">\n<meta name=\"author\" content=\"{}\">\n<meta name=\"description\" content=\"{}\">\n<title>{}{}</title>\n<style>{STYLE}{}</style>\n</head>",
        escape_exact(&d.made_by),
        escape(&d.author),
        escape(&d.subject),
        if d.draft { "BOZZA – " } else { "" },
        escape(&d.title),
        if d.draft { DRAFT_STYLE } else { "" }
    )?;
    writeln!(
        out,
        "<body{}>",
        if d.draft { " class=\"draft\"" } else { "" }
    )?;
    if d.draft {
        writeln!(
            out,
            "<div class=\"watermark\" aria-hidden=\"true\">BOZZA</div>"
        )?;
    }
    writeln!(out, "<div class=\"page\">")?;
    cover(out, &d)?;
    writeln!(out, "<main>")?;
    for chapter in &d.chapters {
        writeln!(
            out,
            "\n<section class=\"chapter\" id=\"{0}\" aria-labelledby=\"h-{0}\">\n<h2 id=\"h-{0}\">{1}</h2>",
            chapter.id,
            escape(&chapter.heading())
        )?;
        for b in &chapter.blocks {
            block(out, b, g)?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer>{}</footer>\n</div>\n</body>\n</html>",
        escape(&d.colophon)
    )?;
    Ok(())
}

/// One row of the table of chapter 3, after the group's heading and table head when it opens
/// a group (and the previous group's end). On a narrow screen each row becomes a block whose
/// cells are labelled by `data-label`.
fn response_row(row: &super::ResponseRow, out: &mut Vec<u8>) -> std::io::Result<()> {
    if row.first_of_group {
        if row.group_index > 0 {
            writeln!(out, "</tbody>\n</table>\n</section>")?;
        }
        let id = row.group_id();
        writeln!(
            out,
            "<section class=\"responses-group\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\">{}</h3>\n<table class=\"responses\">\n<caption class=\"vh\">{} – esito di ogni contributo</caption>\n<colgroup><col class=\"c-ref\"><col class=\"c-title\"><col class=\"c-outcome\"><col class=\"c-reason\"><col class=\"c-card\"></colgroup>\n<thead><tr><th scope=\"col\">Riferimento</th><th scope=\"col\">Contributo</th><th scope=\"col\">Esito</th><th scope=\"col\">Motivazione</th><th scope=\"col\">Scheda</th></tr></thead>\n<tbody>",
            escape(&row.group_title()),
            escape(&row.group_title()),
        )?;
    }
    let reference = escape_exact(&row.reference);
    let shown = match &row.url {
        Some(url) => format!("<a href=\"{}\">{reference}</a>", escape_exact(url)),
        None => reference.clone(),
    };
    write!(
        out,
        "<tr id=\"contributo-{reference}\"><th scope=\"row\" class=\"ref\">{shown}</th><td data-label=\"Contributo\"><span class=\"title\">{}</span><br><span class=\"meta\">{} · {}</span>",
        escape(&row.title),
        row.date_label(),
        escape(row.channel.label()),
    )?;
    for note in row.notes() {
        write!(out, "<br><span class=\"note\">{}</span>", escape(&note))?;
    }
    let card = match (&row.card, &row.duplicate_of) {
        (Some(code), _) => format!("<a href=\"#scheda-{0}\">{0}</a>", escape_exact(code)),
        (None, Some(d)) => format!(
            "duplicato di <a href=\"#contributo-{0}\">{0}</a>",
            escape_exact(d)
        ),
        (None, None) => escape(&row.card_label()),
    };
    let card = match row.card_progress_label() {
        Some(progress) => format!(
            "{card}<br><span class=\"progress\">{}</span>",
            escape(&progress)
        ),
        None => card,
    };
    writeln!(
        out,
        "</td><td data-label=\"Esito\">{}</td><td data-label=\"Motivazione\">{}</td><td data-label=\"Scheda\" class=\"code\">{card}</td></tr>",
        escape(&capitalised(row.outcome_label())),
        escape(row.reason.as_deref().unwrap_or("–")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_exact("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        // In the text, the typographic apostrophe and quotes.
        assert_eq!(escape("l'app \"IO\" <b>"), "l’app “IO” &lt;b&gt;");
    }

    #[test]
    fn paragraphs_keep_breaks() {
        assert_eq!(paragraphs("a\nb\n\nc<"), "<p>a<br>b</p><p>c&lt;</p>");
    }
}
