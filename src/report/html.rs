//! The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts and
//! no external assets. Pleasant on screen, printed on A4 (every chapter on a new page, table
//! headers repeated, long words wrapped), accessible (`lang="it"`, headings in order, table
//! headers with their scope, dark text on white). A draft carries BOZZA on every printed page.
//!
//! Every text that comes from the data goes through [`escape`].

use std::io::Write;

use anyhow::Result;

use super::svg::{bar_chart, Bar};
use super::{
    act_line, long_date, number, percent, period_label, prose, short_date, timing_label, CardRef,
    Count, Gathered, Report, CHAPTERS,
};
use crate::domain::{CardStatus, Term};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
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
table.responses { table-layout: fixed; font-size: .85rem; }
table.responses col.c-ref { width: 16%; }
table.responses col.c-title { width: 20%; }
table.responses col.c-axes { width: 15%; }
table.responses col.c-outcome { width: 13%; }
table.responses col.c-reason { width: 27%; }
table.responses col.c-card { width: 9%; }
table.matrix { table-layout: fixed; }
table.matrix col.c-axis { width: 18%; }
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
  .axis-section + .axis-section { break-before: page; page-break-before: always; }
  table { font-size: 9pt; }
  table.responses { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
  .draft .watermark { display: block; position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: 700; color: rgba(155, 28, 28, .10); transform: rotate(-35deg); z-index: 0; pointer-events: none; }
  .draft .draft-banner { margin-top: 8mm; }
  footer { display: none; }
}
"#;

/// For drafts: BOZZA in the top margin of every printed page, beside the watermark.
const DRAFT_STYLE: &str = r#"@page { @top-right { content: "BOZZA – non approvato"; font-family: Arial, sans-serif; color: #9b1c1c; font-weight: 700; font-size: 10pt; letter-spacing: .05em; } }
"#;

fn count_table(
    out: &mut dyn Write,
    caption: &str,
    heading: &str,
    counts: &[Count],
    total: Option<i64>,
) -> Result<()> {
    let sum: i64 = counts.iter().map(|c| c.count).sum();
    let total_for_share = total.unwrap_or(sum);
    writeln!(
        out,
        "<table class=\"counts\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Numero</th><th scope=\"col\" class=\"num\">%</th></tr></thead>\n<tbody>",
        escape(caption),
        escape(heading)
    )?;
    for c in counts {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&c.label),
            number(c.count),
            percent(c.count, total_for_share)
        )?;
    }
    writeln!(out, "</tbody>")?;
    if total.is_none() {
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

fn chart(out: &mut dyn Write, id: &str, caption: &str, counts: &[Count]) -> Result<()> {
    let bars: Vec<Bar> = counts
        .iter()
        .map(|c| Bar {
            label: &c.label,
            value: c.count,
        })
        .collect();
    writeln!(
        out,
        "<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>",
        escape(caption),
        bar_chart(id, caption, &bars)
    )?;
    Ok(())
}

fn figure_block(
    out: &mut dyn Write,
    id: &str,
    title: &str,
    heading: &str,
    counts: &[Count],
    total: Option<i64>,
    note: Option<&str>,
) -> Result<()> {
    writeln!(
        out,
        "<div class=\"figures\">\n<h3 id=\"{id}\">{}</h3>",
        escape(title)
    )?;
    if let Some(note) = note {
        writeln!(out, "<p>{}</p>", escape(note))?;
    }
    count_table(out, title, heading, counts, total)?;
    chart(
        out,
        &format!("grafico-{id}"),
        &format!("Grafico: {}", title.to_lowercase()),
        counts,
    )?;
    writeln!(out, "</div>")?;
    Ok(())
}

fn chapter_start(out: &mut dyn Write, index: usize) -> Result<()> {
    let (id, title) = CHAPTERS[index];
    writeln!(
        out,
        "\n<section class=\"chapter\" id=\"{id}\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{}. {}</h2>",
        index + 1,
        escape(title)
    )?;
    Ok(())
}

fn card_list(out: &mut dyn Write, title: &str, cards: &[CardRef]) -> Result<()> {
    writeln!(out, "<h3>{} ({})</h3>", escape(title), cards.len())?;
    if cards.is_empty() {
        writeln!(out, "<p>{}</p>", prose::NONE)?;
        return Ok(());
    }
    writeln!(out, "<ul>")?;
    for c in cards {
        writeln!(
            out,
            "<li><a href=\"#scheda-{}\">{}</a> – {}</li>",
            escape(&c.code),
            escape(&c.code),
            escape(&c.title)
        )?;
    }
    writeln!(out, "</ul>")?;
    Ok(())
}

pub fn write(g: &Gathered, out: &mut dyn Write) -> Result<()> {
    let r: &Report = &g.report;
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{}\">\n<title>{}{}</title>\n<style>{STYLE}{}</style>\n</head>",
        escape(&r.made_by),
        if r.draft { "BOZZA – " } else { "" },
        escape(&r.title),
        if r.draft { DRAFT_STYLE } else { "" }
    )?;
    writeln!(
        out,
        "<body{}>",
        if r.draft { " class=\"draft\"" } else { "" }
    )?;
    if r.draft {
        writeln!(
            out,
            "<div class=\"watermark\" aria-hidden=\"true\">BOZZA</div>"
        )?;
    }
    writeln!(out, "<div class=\"page\">")?;

    // Cover.
    writeln!(out, "<header class=\"cover\">")?;
    writeln!(
        out,
        "<p class=\"municipality\">{}</p>",
        escape(&r.municipality)
    )?;
    writeln!(out, "<h1>{}</h1>", escape(&r.title))?;
    if r.draft {
        writeln!(
            out,
            "<p class=\"draft-banner\" role=\"note\">{}</p>",
            escape(prose::DRAFT)
        )?;
    }
    writeln!(out, "<p class=\"act\">{}</p>", act_line(r, escape))?;
    writeln!(
        out,
        "<p class=\"date\">Data: <time datetime=\"{}\">{}</time></p>",
        escape(&r.date),
        escape(&long_date(&r.date))
    )?;
    writeln!(out, "</header>")?;
    if r.draft {
        writeln!(
            out,
            "<section class=\"missing\" aria-labelledby=\"h-mancano\">\n<h2 id=\"h-mancano\">{}</h2>",
            escape(prose::DRAFT_MISSING)
        )?;
        if r.missing.is_empty() {
            writeln!(out, "<p>{}</p>", prose::NONE)?;
        } else {
            writeln!(out, "<ul>")?;
            for m in &r.missing {
                writeln!(out, "<li>{}</li>", escape(m))?;
            }
            writeln!(out, "</ul>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<nav aria-labelledby=\"h-indice\">\n<h2 id=\"h-indice\">Indice</h2>\n<ol>"
    )?;
    for (id, title) in CHAPTERS {
        writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", escape(title))?;
    }
    writeln!(out, "</ol>\n</nav>\n<main>")?;

    // 1. The process.
    chapter_start(out, 0)?;
    writeln!(out, "<p>{}</p>", escape(&prose::process_intro(r)))?;
    writeln!(
        out,
        "<table>\n<caption>Le fasi del ciclo {}</caption>\n<thead><tr><th scope=\"col\">Fase</th><th scope=\"col\">Periodo</th><th scope=\"col\">Attività</th></tr></thead>\n<tbody>",
        r.triennium
    )?;
    for p in &r.phases {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(&p.name),
            escape(&period_label(p)),
            escape(&p.description)
        )?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    writeln!(out, "<h3>Canali utilizzati</h3>")?;
    writeln!(out, "<p>{}</p>", escape(&prose::channels_intro(r)))?;
    if !r.channels_used.is_empty() {
        count_table(
            out,
            "Contributi per canale",
            "Canale",
            &r.channels_used,
            None,
        )?;
    }
    writeln!(out, "</section>")?;

    // 2. Figures.
    chapter_start(out, 1)?;
    let f = &r.figures;
    writeln!(out, "<p>{}</p>", escape(&prose::figures_intro(r)))?;
    figure_block(
        out,
        "per-asse",
        "Contributi per asse tematico",
        "Asse",
        &f.by_axis,
        Some(f.suggestions),
        Some(prose::AXES_NOTE),
    )?;
    figure_block(
        out,
        "per-soggetto",
        "Contributi per tipologia di soggetto",
        "Tipologia",
        &f.by_stakeholder,
        None,
        None,
    )?;
    figure_block(
        out,
        "per-canale",
        "Contributi per canale",
        "Canale",
        &f.by_channel,
        None,
        None,
    )?;
    figure_block(
        out,
        "per-esito",
        "Contributi per esito",
        "Esito",
        &f.by_outcome,
        None,
        None,
    )?;
    writeln!(
        out,
        "<h3 id=\"schede-asse-stato\">Schede progetto per asse e stato</h3>"
    )?;
    write!(
        out,
        "<table class=\"matrix\">\n<caption>Schede progetto per asse e stato</caption>\n<colgroup><col class=\"c-axis\"></colgroup>\n<thead><tr><th scope=\"col\">Asse</th>"
    )?;
    for s in CardStatus::ALL {
        write!(
            out,
            "<th scope=\"col\" class=\"num\">{}</th>",
            escape(s.label())
        )?;
    }
    writeln!(
        out,
        "<th scope=\"col\" class=\"num\">Totale</th></tr></thead>\n<tbody>"
    )?;
    for (axis, row) in f.cards_by_axis.iter().zip(&f.cards_by_axis_and_status) {
        write!(out, "<tr><th scope=\"row\">{}</th>", escape(&axis.label))?;
        for n in row {
            write!(out, "<td class=\"num\">{}</td>", number(*n))?;
        }
        writeln!(out, "<td class=\"num\">{}</td></tr>", number(axis.count))?;
    }
    write!(out, "</tbody>\n<tfoot><tr><th scope=\"row\">Totale</th>")?;
    for s in &f.cards_by_status {
        write!(out, "<td class=\"num\">{}</td>", number(s.count))?;
    }
    writeln!(
        out,
        "<td class=\"num\">{}</td></tr></tfoot>\n</table>",
        number(f.cards)
    )?;
    chart(
        out,
        "grafico-schede-asse",
        "Grafico: schede per asse",
        &f.cards_by_axis,
    )?;
    chart(
        out,
        "grafico-schede-stato",
        "Grafico: schede per stato",
        &f.cards_by_status,
    )?;
    writeln!(out, "</section>")?;

    // 3. Responses, streamed.
    chapter_start(out, 2)?;
    writeln!(out, "<p>{}</p>", escape(prose::RESPONSES_INTRO))?;
    writeln!(
        out,
        "<table class=\"responses\">\n<caption>Esito di ogni contributo</caption>\n<colgroup><col class=\"c-ref\"><col class=\"c-title\"><col class=\"c-axes\"><col class=\"c-outcome\"><col class=\"c-reason\"><col class=\"c-card\"></colgroup>\n<thead><tr><th scope=\"col\">Riferimento</th><th scope=\"col\">Titolo</th><th scope=\"col\">Assi</th><th scope=\"col\">Esito</th><th scope=\"col\">Motivazione</th><th scope=\"col\">Scheda</th></tr></thead>\n<tbody>"
    )?;
    let n = g.responses.render(out, response_row)?;
    if n == 0 {
        writeln!(out, "<tr><td colspan=\"6\">Nessun contributo.</td></tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")?;

    // 4. The updated Agenda.
    chapter_start(out, 3)?;
    writeln!(out, "<p>{}</p>", escape(&prose::agenda_intro(r)))?;
    for section in &r.axes {
        writeln!(
            out,
            "<section class=\"axis-section\" aria-labelledby=\"asse-{0}\">\n<h3 id=\"asse-{0}\">Asse: {1}</h3>\n<p class=\"axis-description\">{2}</p>",
            section.axis.code(),
            escape(&section.label),
            escape(&section.description)
        )?;
        if section.cards.is_empty() {
            writeln!(out, "<p>Nessuna scheda in questo asse.</p>")?;
        }
        for entry in &section.cards {
            let c = &entry.card;
            writeln!(
                out,
                "<article class=\"card\" id=\"scheda-{0}\" aria-labelledby=\"h-scheda-{0}\">\n<h4 id=\"h-scheda-{0}\">{0} – {1}</h4>\n<dl>",
                escape(&c.code),
                escape(&c.title)
            )?;
            let item = |out: &mut dyn Write, term: &str, html: &str| -> Result<()> {
                writeln!(out, "<dt>{term}</dt><dd>{html}</dd>")?;
                Ok(())
            };
            item(
                out,
                "Stato",
                &format!(
                    "<span class=\"status\">{}</span>",
                    escape(&entry.status_label)
                ),
            )?;
            item(
                out,
                "Ufficio responsabile",
                &if c.office.trim().is_empty() {
                    "non indicato".to_string()
                } else {
                    escape(&c.office)
                },
            )?;
            if !c.partners.trim().is_empty() {
                item(out, "Partner", &escape(&c.partners))?;
            }
            item(out, "Tempi", &escape(&timing_label(c)))?;
            let resources = match (&entry.budget_label, c.funding.trim()) {
                (Some(b), "") => escape(b),
                (Some(b), funding) => format!("{} – {}", escape(b), escape(funding)),
                (None, "") => "da definire".to_string(),
                (None, funding) => escape(funding),
            };
            item(out, "Risorse", &resources)?;
            if !c.agid_refs.is_empty() {
                item(out, "Riferimenti AgID", &escape(&c.agid_refs.join("; ")))?;
            }
            if !c.description.trim().is_empty() {
                item(out, "Descrizione", &paragraphs(&c.description))?;
            }
            if !c.objectives.trim().is_empty() {
                item(out, "Obiettivi", &paragraphs(&c.objectives))?;
            }
            if !c.indicators.is_empty() {
                item(out, "Indicatori", &escape(&c.indicators.join("; ")))?;
            }
            let linked = entry.linked_label(
                |r| {
                    let r = escape(r);
                    format!("<a href=\"#contributo-{r}\">{r}</a>")
                },
                escape,
            );
            item(out, "Contributi collegati", &linked)?;
            writeln!(out, "</dl>\n</article>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</section>")?;

    // 5. Changes.
    chapter_start(out, 4)?;
    let ch = &r.changes;
    writeln!(out, "<p>{}</p>", escape(&prose::changes_intro(r)))?;
    card_list(out, "Nuove schede", &ch.new_cards)?;
    writeln!(out, "<h3>Cambi di stato ({})</h3>", ch.status_changes.len())?;
    if ch.status_changes.is_empty() {
        writeln!(out, "<p>{}</p>", prose::NONE)?;
    } else {
        writeln!(
            out,
            "<table class=\"changes\">\n<caption>Schede che hanno cambiato stato</caption>\n<colgroup><col class=\"c-code\"></colgroup>\n<thead><tr><th scope=\"col\">Scheda</th><th scope=\"col\">Titolo</th><th scope=\"col\">Prima</th><th scope=\"col\">Ora</th></tr></thead>\n<tbody>"
        )?;
        for s in &ch.status_changes {
            writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&s.code),
                escape(&s.title),
                escape(&s.from_label),
                escape(&s.to_label)
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }
    card_list(out, "Schede concluse", &ch.concluded)?;
    if ch.previous.is_some() {
        card_list(out, "Schede non più presenti", &ch.removed)?;
    }
    writeln!(out, "<h3>Altre modifiche ({})</h3>", ch.edited.len())?;
    if ch.edited.is_empty() {
        writeln!(out, "<p>{}</p>", prose::NONE)?;
    } else {
        writeln!(
            out,
            "<table class=\"changes\">\n<caption>Schede modificate</caption>\n<colgroup><col class=\"c-code\"></colgroup>\n<thead><tr><th scope=\"col\">Scheda</th><th scope=\"col\">Titolo</th><th scope=\"col\">Campi modificati</th></tr></thead>\n<tbody>"
        )?;
        for e in &ch.edited {
            writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                escape(&e.code),
                escape(&e.title),
                escape(&e.fields.join(", "))
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }
    writeln!(out, "</section>")?;

    // 6. Annexes.
    chapter_start(out, 5)?;
    writeln!(out, "<p>{}</p>\n<ul>", escape(prose::ANNEXES_INTRO))?;
    for a in &r.annexes {
        writeln!(
            out,
            "<li><code>{}</code>: {}</li>",
            escape(&a.file),
            escape(&a.description)
        )?;
    }
    writeln!(out, "</ul>\n</section>\n</main>")?;
    writeln!(
        out,
        "<footer>{} – {} – {}{}</footer>\n</div>\n</body>\n</html>",
        escape(&r.municipality),
        escape(&r.title),
        short_date(&r.date),
        if r.draft { " – BOZZA" } else { "" }
    )?;
    Ok(())
}

/// One row of the table of chapter 3.
fn response_row(row: &super::ResponseRow, out: &mut Vec<u8>) -> std::io::Result<()> {
    let reference = escape(&row.reference);
    write!(
        out,
        "<tr id=\"contributo-{reference}\"><th scope=\"row\">{reference}</th><td>{}",
        escape(&row.title)
    )?;
    if row.withdrawn {
        write!(out, " <span class=\"withdrawn\">(ritirato)</span>")?;
    }
    let card = match (&row.card, &row.duplicate_of) {
        (Some(code), _) => format!("<a href=\"#scheda-{0}\">{0}</a>", escape(code)),
        (None, Some(d)) => format!(
            "duplicato di <a href=\"#contributo-{0}\">{0}</a>",
            escape(d)
        ),
        (None, None) => escape(&row.card_label()),
    };
    writeln!(
        out,
        "</td><td>{}</td><td>{}</td><td>{}</td><td>{card}</td></tr>",
        escape(&row.axes_label(", ")),
        escape(row.outcome_label()),
        escape(row.reason.as_deref().unwrap_or("")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn paragraphs_keep_breaks() {
        assert_eq!(paragraphs("a\nb\n\nc<"), "<p>a<br>b</p><p>c&lt;</p>");
    }
}
