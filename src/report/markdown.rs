//! The report in Markdown: the same content as the HTML, readable as plain text (pipe tables,
//! bars drawn with characters) and rendered well by common viewers.

use std::io::Write;

use anyhow::Result;

use super::{
    act_line, long_date, number, percent, period_label, prose, short_date, timing_label, Count,
    Gathered, Report, CHAPTERS,
};
use crate::domain::{CardStatus, Term};

/// Escapes text from the data for Markdown: the characters that would start emphasis, links,
/// code, tables or raw HTML get a backslash (so `<script>` shows as text), and line breaks
/// become spaces so that a cell stays on its row.
pub fn escape(text: &str) -> String {
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

fn count_table(
    out: &mut dyn Write,
    heading: &str,
    counts: &[Count],
    total: Option<i64>,
) -> Result<()> {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0);
    writeln!(out, "| {heading} | Numero | % | Grafico |")?;
    writeln!(out, "|---|---:|---:|---|")?;
    let total = total.unwrap_or_else(|| counts.iter().map(|c| c.count).sum());
    for c in counts {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&c.label),
            number(c.count),
            percent(c.count, total),
            bar(c.count, max)
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn chapter(out: &mut dyn Write, report: &Report, index: usize) -> Result<()> {
    writeln!(out, "## {}. {}\n", index + 1, escape(CHAPTERS[index].1))?;
    if report.draft {
        writeln!(out, "> **BOZZA**\n")?;
    }
    Ok(())
}

pub fn write(g: &Gathered, out: &mut dyn Write) -> Result<()> {
    let r = &g.report;
    // Cover.
    writeln!(out, "# {}\n", escape(&r.title))?;
    if r.draft {
        writeln!(out, "> **{}**\n", escape(prose::DRAFT))?;
    }
    writeln!(out, "**{}**  ", escape(&r.municipality))?;
    writeln!(
        out,
        "Agenda Digitale – aggiornamento del triennio {}  ",
        r.triennium
    )?;
    writeln!(out, "{}  ", act_line(r, escape))?;
    writeln!(out, "Data: {}\n", long_date(&r.date))?;
    if r.draft {
        writeln!(out, "### {}\n", escape(prose::DRAFT_MISSING))?;
        if r.missing.is_empty() {
            writeln!(out, "{}\n", prose::NONE)?;
        }
        for m in &r.missing {
            writeln!(out, "- {}", escape(m))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "### Indice\n")?;
    for (i, (_, title)) in CHAPTERS.iter().enumerate() {
        writeln!(out, "{}. {}", i + 1, escape(title))?;
    }
    writeln!(out)?;

    // 1. The process.
    chapter(out, r, 0)?;
    writeln!(out, "{}\n", escape(&prose::process_intro(r)))?;
    writeln!(out, "| Fase | Periodo | Attività |")?;
    writeln!(out, "|---|---|---|")?;
    for p in &r.phases {
        writeln!(
            out,
            "| {} | {} | {} |",
            escape(&p.name),
            escape(&period_label(p)),
            escape(&p.description)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "### Canali utilizzati\n")?;
    writeln!(out, "{}\n", escape(&prose::channels_intro(r)))?;
    if !r.channels_used.is_empty() {
        writeln!(out, "| Canale | Contributi |")?;
        writeln!(out, "|---|---:|")?;
        for c in &r.channels_used {
            writeln!(out, "| {} | {} |", escape(&c.label), number(c.count))?;
        }
        writeln!(out)?;
    }

    // 2. Figures.
    chapter(out, r, 1)?;
    let f = &r.figures;
    writeln!(out, "{}\n", escape(&prose::figures_intro(r)))?;
    writeln!(out, "### Contributi per asse tematico\n")?;
    writeln!(out, "{}\n", escape(prose::AXES_NOTE))?;
    count_table(out, "Asse", &f.by_axis, Some(f.suggestions))?;
    writeln!(out, "### Contributi per tipologia di soggetto\n")?;
    count_table(out, "Tipologia", &f.by_stakeholder, None)?;
    writeln!(out, "### Contributi per canale\n")?;
    count_table(out, "Canale", &f.by_channel, None)?;
    writeln!(out, "### Contributi per esito\n")?;
    count_table(out, "Esito", &f.by_outcome, None)?;
    writeln!(out, "### Schede progetto per asse e stato\n")?;
    write!(out, "| Asse |")?;
    for s in CardStatus::ALL {
        write!(out, " {} |", escape(s.label()))?;
    }
    writeln!(out, " Totale |")?;
    write!(out, "|---|")?;
    for _ in CardStatus::ALL {
        write!(out, "---:|")?;
    }
    writeln!(out, "---:|")?;
    for (axis, row) in f.cards_by_axis.iter().zip(&f.cards_by_axis_and_status) {
        write!(out, "| {} |", escape(&axis.label))?;
        for n in row {
            write!(out, " {} |", number(*n))?;
        }
        writeln!(out, " {} |", number(axis.count))?;
    }
    write!(out, "| **Totale** |")?;
    for s in &f.cards_by_status {
        write!(out, " **{}** |", number(s.count))?;
    }
    writeln!(out, " **{}** |\n", number(f.cards))?;
    count_table(out, "Stato", &f.cards_by_status, None)?;

    // 3. Responses, streamed.
    chapter(out, r, 2)?;
    writeln!(out, "{}\n", escape(prose::RESPONSES_INTRO))?;
    writeln!(
        out,
        "| Riferimento | Titolo | Assi | Esito | Motivazione | Scheda |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    let n = g.responses.render(out, response_row)?;
    if n == 0 {
        writeln!(out, "| – | nessun contributo | | | | |")?;
    }
    writeln!(out)?;

    // 4. The updated Agenda.
    chapter(out, r, 3)?;
    writeln!(out, "{}\n", escape(&prose::agenda_intro(r)))?;
    for section in &r.axes {
        writeln!(out, "### Asse: {}\n", escape(&section.label))?;
        writeln!(out, "*{}*\n", escape(&section.description))?;
        if section.cards.is_empty() {
            writeln!(out, "Nessuna scheda in questo asse.\n")?;
        }
        for entry in &section.cards {
            let c = &entry.card;
            writeln!(out, "#### {} – {}\n", escape(&c.code), escape(&c.title))?;
            let or_dash = |s: &str| {
                if s.trim().is_empty() {
                    "non indicato".to_string()
                } else {
                    escape(s)
                }
            };
            writeln!(out, "- **Stato**: {}", escape(&entry.status_label))?;
            writeln!(out, "- **Ufficio responsabile**: {}", or_dash(&c.office))?;
            if !c.partners.trim().is_empty() {
                writeln!(out, "- **Partner**: {}", escape(&c.partners))?;
            }
            writeln!(out, "- **Tempi**: {}", escape(&timing_label(c)))?;
            let resources = match (&entry.budget_label, c.funding.trim()) {
                (Some(b), "") => escape(b),
                (Some(b), funding) => format!("{} – {}", escape(b), escape(funding)),
                (None, "") => "da definire".to_string(),
                (None, funding) => escape(funding),
            };
            writeln!(out, "- **Risorse**: {resources}")?;
            if !c.agid_refs.is_empty() {
                writeln!(
                    out,
                    "- **Riferimenti AgID**: {}",
                    escape(&c.agid_refs.join("; "))
                )?;
            }
            if !c.description.trim().is_empty() {
                writeln!(out, "- **Descrizione**: {}", escape(&c.description))?;
            }
            if !c.objectives.trim().is_empty() {
                writeln!(out, "- **Obiettivi**: {}", escape(&c.objectives))?;
            }
            if !c.indicators.is_empty() {
                writeln!(
                    out,
                    "- **Indicatori**: {}",
                    escape(&c.indicators.join("; "))
                )?;
            }
            let linked = entry.linked_label(escape, escape);
            writeln!(out, "- **Contributi collegati**: {linked}\n")?;
        }
    }

    // 5. Changes.
    chapter(out, r, 4)?;
    let ch = &r.changes;
    writeln!(out, "{}\n", escape(&prose::changes_intro(r)))?;
    let card_list = |out: &mut dyn Write, title: &str, cards: &[super::CardRef]| -> Result<()> {
        writeln!(out, "### {title} ({})\n", cards.len())?;
        if cards.is_empty() {
            writeln!(out, "{}\n", prose::NONE)?;
            return Ok(());
        }
        for c in cards {
            writeln!(out, "- {} – {}", escape(&c.code), escape(&c.title))?;
        }
        writeln!(out)?;
        Ok(())
    };
    card_list(out, "Nuove schede", &ch.new_cards)?;
    writeln!(out, "### Cambi di stato ({})\n", ch.status_changes.len())?;
    if ch.status_changes.is_empty() {
        writeln!(out, "{}\n", prose::NONE)?;
    } else {
        writeln!(out, "| Scheda | Titolo | Prima | Ora |")?;
        writeln!(out, "|---|---|---|---|")?;
        for s in &ch.status_changes {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&s.code),
                escape(&s.title),
                escape(&s.from_label),
                escape(&s.to_label)
            )?;
        }
        writeln!(out)?;
    }
    card_list(out, "Schede concluse", &ch.concluded)?;
    if ch.previous.is_some() {
        card_list(out, "Schede non più presenti", &ch.removed)?;
    }
    writeln!(out, "### Altre modifiche ({})\n", ch.edited.len())?;
    if ch.edited.is_empty() {
        writeln!(out, "{}\n", prose::NONE)?;
    } else {
        writeln!(out, "| Scheda | Titolo | Campi modificati |")?;
        writeln!(out, "|---|---|---|")?;
        for e in &ch.edited {
            writeln!(
                out,
                "| {} | {} | {} |",
                escape(&e.code),
                escape(&e.title),
                escape(&e.fields.join(", "))
            )?;
        }
        writeln!(out)?;
    }

    // 6. Annexes.
    chapter(out, r, 5)?;
    writeln!(out, "{}\n", escape(prose::ANNEXES_INTRO))?;
    for a in &r.annexes {
        writeln!(out, "- `{}`: {}", a.file, escape(&a.description))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "---\n\n{} – {} – {}{}",
        escape(&r.municipality),
        escape(&r.title),
        short_date(&r.date),
        if r.draft { " – BOZZA" } else { "" }
    )?;
    writeln!(out, "\n<!-- {} -->", r.made_by)?;
    Ok(())
}

/// One row of the table of chapter 3.
fn response_row(row: &super::ResponseRow, out: &mut Vec<u8>) -> std::io::Result<()> {
    let title = if row.withdrawn {
        format!("{} (ritirato)", row.title)
    } else {
        row.title.clone()
    };
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |",
        escape(&row.reference),
        escape(&title),
        escape(&row.axes_label(", ")),
        escape(row.outcome_label()),
        escape(row.reason.as_deref().unwrap_or("")),
        escape(&row.card_label())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_interpret() {
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("*bold* [link](u)"), "\\*bold\\* \\[link\\](u)");
        assert_eq!(escape("AT&T &amp;"), "AT\\&T \\&amp;");
        assert_eq!(escape("Tom & Jerry"), "Tom & Jerry");
    }
}
