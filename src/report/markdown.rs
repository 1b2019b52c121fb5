//! The report in Markdown: the same content as the HTML, readable as plain text (pipe tables,
//! bars drawn with characters) and rendered well by common viewers.

use std::io::Write;

use anyhow::Result;

use super::document::{keep_edges, Block, CardBlock, Counts, Document, Span, Table, Value};
use super::{number, outline, percent, progress_label, prose, Gathered};
use crate::domain::Term;
use crate::text::capitalised;

/// Escapes text from the data for Markdown: the characters that would start emphasis, links,
/// code, tables or raw HTML get a backslash (so `<script>` shows as text), and line breaks
/// become spaces so that a cell stays on its row.
pub fn escape(text: &str) -> String {
    let text = crate::text::apostrophes(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A bar of block characters for a share of the largest value, 20 characters at most.
fn bar(value: i64, max: i64) -> String {
    if max <= 0 || value <= 0 {
        return String::new();
    }
    let n = ((value * 20 + max / 2) / max).max(1);
    "█".repeat(n as usize)
}

/// A progress as ten cells, full (█) and empty (░), that survives plain text and black and
/// white: `████░░░░░░`. Floored, so that a bar looks full only at 100 %.
fn text_bar(percent: u8) -> String {
    let full = usize::from(percent.min(100) / 10);
    format!("{}{}", "█".repeat(full), "░".repeat(10 - full))
}

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => keep_edges(t, escape(t)),
            Span::Code(t) => format!("`{}`", t.replace('`', "'")),
            Span::Link(t, _) => escape(t),
            Span::Bar(p) => format!("{} {}", text_bar(*p), progress_label(*p)),
        })
        .collect()
}

/// A URL as the target of a Markdown link: what would end it or break the line, encoded.
fn link_url(url: &str) -> String {
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
}

fn count_table(out: &mut dyn Write, c: &Counts) -> Result<()> {
    let max = c.counts.iter().map(|c| c.count).max().unwrap_or(0);
    writeln!(out, "| {} | Numero | % | Grafico |", escape(&c.heading))?;
    writeln!(out, "|---|---:|---:|---|")?;
    let total = c
        .total
        .unwrap_or_else(|| c.counts.iter().map(|c| c.count).sum());
    for n in &c.counts {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&capitalised(&n.label)),
            number(n.count),
            percent(n.count, total),
            bar(n.count, max)
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn table(out: &mut dyn Write, t: &Table) -> Result<()> {
    let heads: Vec<String> = t.columns.iter().map(|c| escape(&c.title)).collect();
    writeln!(out, "| {} |", heads.join(" | "))?;
    let rules: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rules.join("|"))?;
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| inline(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if let Some(total) = &t.total {
        let cells: Vec<String> = total.iter().map(|c| format!("**{}**", inline(c))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)?;
    Ok(())
}

fn card(out: &mut dyn Write, c: &CardBlock) -> Result<()> {
    writeln!(out, "#### {} – {}\n", escape(&c.code), escape(&c.title))?;
    for f in &c.fields {
        match &f.value {
            Value::Inline(v) => writeln!(out, "- **{}**: {}", f.label, inline(v))?,
            Value::Status(v) | Value::Prose(v) => {
                writeln!(out, "- **{}**: {}", f.label, escape(v))?
            }
            Value::List(items) => {
                writeln!(out, "- **{}**:", f.label)?;
                for item in items {
                    writeln!(out, "  - {}", inline(item))?;
                }
            }
        }
    }
    writeln!(out)?;
    Ok(())
}

fn cover(out: &mut dyn Write, d: &Document) -> Result<()> {
    let c = &d.cover;
    writeln!(out, "# {}\n", escape(&c.title))?;
    if let Some(draft) = &c.draft {
        writeln!(out, "> **{}**\n", escape(&draft.warning))?;
    }
    writeln!(
        out,
        "**{}** {}  ",
        escape(&c.annex_label),
        escape(&c.deliberation)
    )?;
    writeln!(out, "**{}**  ", escape(&c.municipality))?;
    if let Some(office) = &c.office {
        writeln!(out, "{}  ", escape(office))?;
    }
    writeln!(out, "{}\n", escape(&c.place_and_date))?;
    if let Some(copy) = &c.copy {
        writeln!(out, "> {}\n", escape(copy))?;
    }
    if let Some(draft) = &c.draft {
        writeln!(out, "### {}\n", escape(&draft.heading))?;
        if draft.missing.is_empty() {
            writeln!(out, "{}\n", prose::NONE)?;
        }
        for m in &draft.missing {
            writeln!(out, "- {}", escape(m))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "### Indice\n")?;
    for chapter in &d.chapters {
        writeln!(out, "- {}", escape(&chapter.heading()))?;
    }
    writeln!(out)?;
    Ok(())
}

fn block(out: &mut dyn Write, b: &Block, g: &Gathered) -> Result<()> {
    match b {
        Block::Paragraph(p) => writeln!(out, "{}\n", inline(p))?,
        Block::Note(n) => writeln!(out, "*{}*\n", escape(n))?,
        Block::Section { title, .. } => writeln!(out, "### {}\n", escape(title))?,
        Block::List(items) => {
            for item in items {
                writeln!(out, "- {}", inline(item))?;
            }
            writeln!(out)?;
        }
        Block::Table(t) => table(out, t)?,
        Block::Counts(c) => {
            writeln!(out, "### {}\n", escape(&c.title))?;
            if let Some(note) = &c.note {
                writeln!(out, "{}\n", escape(note))?;
            }
            count_table(out, c)?;
        }
        Block::Card(c) => card(out, c)?,
        Block::Responses => {
            let n = g.responses.render(out, response_row)?;
            if n == 0 {
                writeln!(out, "Nessun contributo.")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

pub fn write(g: &Gathered, out: &mut dyn Write) -> Result<()> {
    let d = outline::document(&g.report);
    cover(out, &d)?;
    for chapter in &d.chapters {
        writeln!(out, "## {}\n", escape(&chapter.heading()))?;
        if d.draft {
            writeln!(out, "> **BOZZA**\n")?;
        }
        for b in &chapter.blocks {
            block(out, b, g)?;
        }
    }
    writeln!(out, "---\n\n{}", escape(&d.colophon))?;
    writeln!(out, "\n<!-- {} -->", d.made_by)?;
    Ok(())
}

/// One row of the table of chapter 3, after the heading and the table's head when it opens a
/// group.
fn response_row(row: &super::ResponseRow, out: &mut Vec<u8>) -> std::io::Result<()> {
    if row.first_of_group {
        if row.group_index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "### {}\n", escape(&row.group_title()))?;
        writeln!(
            out,
            "| Riferimento | Data | Canale | Titolo | Esito | Motivazione | Scheda |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|")?;
    }
    let reference = match &row.url {
        Some(url) => format!("[{}]({})", escape(&row.reference), link_url(url)),
        None => escape(&row.reference),
    };
    let mut title = escape(&row.title);
    for note in row.notes() {
        title.push_str(&format!(" *({})*", escape(&note)));
    }
    let mut card = escape(&row.card_label());
    if let Some(progress) = row.card_progress_label() {
        card.push_str(&format!(" ({progress})"));
    }
    writeln!(
        out,
        "| {reference} | {} | {} | {title} | {} | {} | {card} |",
        row.date_label(),
        escape(&capitalised(row.channel.label())),
        escape(&capitalised(row.outcome_label())),
        escape(row.reason.as_deref().unwrap_or("–")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_bar_has_ten_cells_full_only_at_100() {
        assert_eq!(text_bar(0), "░░░░░░░░░░");
        assert_eq!(text_bar(65), "██████░░░░");
        assert_eq!(text_bar(99), "█████████░");
        assert_eq!(text_bar(100), "██████████");
    }

    #[test]
    fn escapes_what_markdown_would_interpret() {
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("*bold* [link](u)"), "\\*bold\\* \\[link\\](u)");
        assert_eq!(escape("AT&T &amp;"), "AT\\&T \\&amp;");
        assert_eq!(escape("Tom & Jerry"), "Tom & Jerry");
    }
}
