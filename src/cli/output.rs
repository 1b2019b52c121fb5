//! Printing: tables for people, CSV and JSON for scripts. Data goes to stdout, messages to
//! stderr. Whether stdout is a terminal is decided once.

use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

impl From<TableOrJson> for Format {
    fn from(f: TableOrJson) -> Format {
        match f {
            TableOrJson::Table => Format::Table,
            TableOrJson::Json => Format::Json,
        }
    }
}

static STDOUT_TTY: OnceLock<bool> = OnceLock::new();
static QUIET: OnceLock<bool> = OnceLock::new();

pub fn stdout_is_terminal() -> bool {
    *STDOUT_TTY.get_or_init(|| io::stdout().is_terminal())
}

pub fn stdin_is_terminal() -> bool {
    io::stdin().is_terminal()
}

pub fn set_quiet(quiet: bool) {
    let _ = QUIET.set(quiet);
}

pub fn quiet() -> bool {
    QUIET.get().copied().unwrap_or(false)
}

/// A message for people on stderr; `--quiet` silences it.
pub fn say(message: impl AsRef<str>) {
    if !quiet() {
        eprintln!("{}", message.as_ref());
    }
}

/// A warning on stderr, shown even with `--quiet`.
pub fn warn(message: impl AsRef<str>) {
    eprintln!(
        "{} {}",
        console::style(crate::t!("warning-prefix")).yellow().bold(),
        message.as_ref()
    );
}

/// Writes text to stdout; a closed pipe comes back as an error that exits quietly.
pub fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print(&text)
}

/// The JSON of a command that can rehearse (`--dry-run`): the same object with `"dry_run"` first,
/// so that a script always knows whether anything was written.
pub fn print_json_run<T: Serialize + ?Sized>(value: &T, dry_run: bool) -> Result<()> {
    let mut object = serde_json::Map::new();
    object.insert("dry_run".into(), dry_run.into());
    match serde_json::to_value(value)? {
        serde_json::Value::Object(fields) => object.extend(fields),
        other => {
            object.insert("result".into(), other);
        }
    }
    print_json(&object)
}

/// A table for people: borders and wrapping to the terminal's width on a terminal, plain
/// aligned columns otherwise.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    if stdout_is_terminal() {
        table
            .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
            .set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(
            header
                .iter()
                .map(|h| Cell::new(h).add_attribute(comfy_table::Attribute::Bold)),
        );
    } else {
        table
            .load_style(presets::NOTHING)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(header.iter().map(Cell::new));
    }
    table
}

/// Prints a list: on a terminal every row is one line that fits the width — references, codes,
/// dates and amounts (columns without spaces, or short ones) keep their whole width, the long
/// texts (titles, reasons) are shortened with "…" (`show` has them in full).
pub fn print_table(table: &Table) -> Result<()> {
    print_list(table, &[])
}

/// Like [`print_table`], for a list with columns it can do without on a narrow terminal
/// (`dispensable`, the first to go first): they are hidden, and said so on stderr, when
/// keeping them would leave the texts narrower than [`TEXT_FLOOR`].
pub fn print_list(table: &Table, dispensable: &[usize]) -> Result<()> {
    print_fitted(table, Some(dispensable))
}

/// Prints a record (one field a line, as `show` does): on a terminal long values wrap, whole.
pub fn print_record(table: &Table) -> Result<()> {
    print_fitted(table, None)
}

/// The width a table may take: the terminal's, or 80 columns when it reports none (0).
fn terminal_width(table: &Table) -> u16 {
    table.width().filter(|w| *w > 0).unwrap_or(80)
}

fn print_fitted(table: &Table, list: Option<&[usize]>) -> Result<()> {
    let mut table = table.clone();
    let mut hidden = Vec::new();
    let mut text = if stdout_is_terminal() {
        let width = terminal_width(&table);
        table.set_width(width);
        if let Some(dispensable) = list {
            hidden = fit_columns(&mut table, width, dispensable);
            table.set_truncation_indicator("…");
            for row in table.row_iter_mut() {
                row.max_height(1);
            }
        }
        table.to_string()
    } else {
        // Plain tables pad the last column; trailing blanks only get in the way of scripts.
        table
            .to_string()
            .lines()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n")
    };
    text.push('\n');
    print(&text)?;
    if !hidden.is_empty() {
        say(crate::t!(
            "output-hidden-columns",
            count = hidden.len(),
            columns = hidden.join(", "),
            width = terminal_width(&table)
        ));
    }
    Ok(())
}

/// The narrowest a column of text is made while a dispensable column could give way instead.
pub const TEXT_FLOOR: u16 = 20;
/// The same for the widest text of a list (its title).
pub const WIDEST_TEXT_FLOOR: u16 = 32;

/// Shares the terminal's width among the columns of a list. A column of values — no spaces:
/// references, codes, dates, numbers — keeps its whole width; the columns of text share what
/// is left, the narrow ones whole, the wide ones (titles, reasons) equally, never narrower
/// than their heading. When values and texts of at least [`TEXT_FLOOR`] cannot all fit, the
/// dispensable columns are hidden, in their order, until they do; their headings are returned.
fn fit_columns(table: &mut Table, width: u16, dispensable: &[usize]) -> Vec<String> {
    let count = table.column_count();
    if count == 0 {
        return Vec::new();
    }
    let widths = table.column_max_content_widths();
    let headings: Vec<String> = table
        .header()
        .map(|h| h.cell_iter().map(|c| c.content()).collect())
        .unwrap_or_default();
    // Borders, separators and one blank either side of every cell; a table that does not fit
    // whole drops its borders (one blank either side is left) and shortens its texts.
    let boxed = 3 * count as u16 + 1;
    if widths.iter().sum::<u16>() <= width.saturating_sub(boxed) {
        return Vec::new();
    }
    table.load_style(presets::NOTHING);
    let values: Vec<bool> = (0..count)
        .map(|i| {
            table
                .column_cells_iter(i)
                .flatten()
                .all(|cell| is_value(&cell.content()))
        })
        .collect();
    let mut shown: Vec<bool> = vec![true; count];
    let mut hidden = Vec::new();
    // One column short of the edge: a line as wide as the terminal wraps on some of them.
    let available = |shown: &[bool]| {
        let n = shown.iter().filter(|s| **s).count() as u16;
        width.saturating_sub(2 * n + 1)
    };
    // The widest text (the title, in a list) asks for more room than the others.
    let widest = (0..count)
        .filter(|&i| !values[i])
        .max_by_key(|&i| widths[i]);
    // A text's floor when the widest asks for `wide`.
    let floor = |i: usize, wide: u16| -> u16 {
        widths[i].min(if Some(i) == widest { wide } else { TEXT_FLOOR })
    };
    let needed = |shown: &[bool]| -> u16 {
        (0..count)
            .filter(|&i| shown[i])
            .map(|i| {
                if values[i] {
                    widths[i]
                } else {
                    floor(i, WIDEST_TEXT_FLOOR)
                }
            })
            .sum()
    };
    for &i in dispensable {
        if i >= count || needed(&shown) <= available(&shown) {
            break;
        }
        shown[i] = false;
        hidden.push(headings.get(i).cloned().unwrap_or_default());
    }
    let mut share = vec![0u16; count];
    let mut left = available(&shown);
    let mut texts = Vec::new();
    for i in (0..count).filter(|&i| shown[i]) {
        if values[i] {
            share[i] = widths[i];
            left = left.saturating_sub(widths[i]);
        } else {
            texts.push(i);
        }
    }
    // The widest text's floor as asked, else as the others', else (below) none.
    let title_floor = [WIDEST_TEXT_FLOOR, TEXT_FLOOR]
        .into_iter()
        .find(|&wide| texts.iter().map(|&i| floor(i, wide)).sum::<u16>() <= left);
    if let Some(wide) = title_floor {
        // Every text gets its floor, and what is left goes to the widest first (the title).
        for &i in &texts {
            share[i] = floor(i, wide);
        }
        let mut rest = left - texts.iter().map(|&i| share[i]).sum::<u16>();
        texts.sort_by_key(|&i| std::cmp::Reverse(widths[i]));
        for &i in &texts {
            let give = (widths[i] - share[i]).min(rest);
            share[i] += give;
            rest -= give;
        }
    } else {
        // Too narrow even so: the narrowest texts first, whole while they are narrower than an
        // equal share, none narrower than its heading.
        texts.sort_by_key(|&i| widths[i]);
        let mut remaining = texts.len() as u16;
        for &i in &texts {
            let equal = left / remaining.max(1);
            let heading = headings
                .get(i)
                .map(|h| measure(h))
                .unwrap_or(1)
                .clamp(1, widths[i].max(1));
            share[i] = widths[i].min(equal).max(heading);
            left = left.saturating_sub(share[i]);
            remaining -= 1;
        }
    }
    // Texts are shortened here, letter by letter (colour codes kept whole), rather than by the
    // table's wrapping, which would stop at the last whole word and leave the rest blank.
    *table = shortened(table, &share, &values);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_constraint(if shown[i] {
            comfy_table::ColumnConstraint::Absolute(comfy_table::Width::Fixed(
                share[i] + column.padding_width(),
            ))
        } else {
            comfy_table::ColumnConstraint::Hidden
        });
    }
    hidden
}

/// The table with every text cell cut to its column's share, with "…".
fn shortened(table: &Table, share: &[u16], values: &[bool]) -> Table {
    let mut out = Table::new();
    out.load_style(presets::NOTHING)
        .set_content_arrangement(table.content_arrangement());
    if let Some(width) = table.width() {
        out.set_width(width);
    }
    if let Some(header) = table.header() {
        out.set_header(header.clone());
    }
    for row in table.row_iter() {
        out.add_row(
            row.cell_iter()
                .enumerate()
                .map(|(i, cell)| {
                    let content = cell.content();
                    let fits = measure(&content) <= share.get(i).copied().unwrap_or(u16::MAX);
                    if values.get(i).copied().unwrap_or(true) || fits {
                        cell.clone()
                    } else {
                        let single: String = content
                            .chars()
                            .map(|c| if c == '\n' { ' ' } else { c })
                            .collect();
                        Cell::new(console::truncate_str(&single, share[i] as usize, "…"))
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    out
}

/// A reference, code, date, amount or number: no spaces, or no word of three letters or more
/// ("€ 45.000,00", "2021-03 → 2022-12", "da 2021-04").
fn is_value(text: &str) -> bool {
    let text = text.trim();
    !text.contains(' ')
        || text
            .split_whitespace()
            .all(|word| word.chars().filter(|c| c.is_alphabetic()).count() < 3)
}

fn measure(text: &str) -> u16 {
    u16::try_from(console::measure_text_width(text)).unwrap_or(u16::MAX)
}

/// Writes rows as CSV to stdout (`,`, UTF-8, header first), with cells that a spreadsheet would
/// run as a formula neutralised.
pub fn print_csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<()> {
    let mut writer = csv::Writer::from_writer(io::stdout().lock());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(
            row.iter()
                .map(|c| crate::csvout::guard_formula(c).into_owned()),
        )?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Table {
        let mut table = Table::new();
        table.set_header(vec![
            "#", "ref", "title", "date", "axes", "state", "outcome",
        ]);
        for i in 0..3 {
            table.add_row(vec![
                format!("{}", 5100 + i),
                format!("PO-PROP-2021-10-{}", 5100 + i),
                "Sportello unico digitale per le pratiche edilizie con firma e pagamento online"
                    .to_string(),
                "2021-10-14".to_string(),
                "competenze, semplificazione".to_string(),
                "evaluating".to_string(),
                "gia-previsto".to_string(),
            ]);
        }
        table
    }

    fn lines(table: &mut Table, width: u16) -> Vec<String> {
        table.set_width(width);
        table.set_truncation_indicator("…");
        for row in table.row_iter_mut() {
            row.max_height(1);
        }
        table.to_string().lines().map(str::to_string).collect()
    }

    #[test]
    fn at_80_columns_the_dispensable_columns_give_way_to_the_title() {
        let mut table = list();
        let hidden = fit_columns(&mut table, 80, &[5, 1]);
        assert_eq!(hidden, ["state", "ref"]);
        let lines = lines(&mut table, 80);
        assert_eq!(
            lines.len(),
            4,
            "one line for the header, one per row: {lines:#?}"
        );
        for line in &lines {
            assert!(measure(line) < 80, "{line:?} is {} wide", measure(line));
        }
        // The values whole, the title shortened but readable.
        assert!(lines[1].contains("2021-10-14") && lines[1].contains("gia-previsto"));
        // Cut at a word within its share (at least TEXT_FLOOR), with the ellipsis.
        let title = lines[1]
            .split("  ")
            .find(|c| c.contains("Sportello"))
            .unwrap();
        assert!(title.trim().ends_with('…'), "{title:?}");
        assert!(measure(title.trim()) >= 15, "{title:?}");
        assert!(!lines[1].contains("PO-PROP"), "the reference gave way");
    }

    #[test]
    fn a_wide_terminal_hides_nothing_and_a_narrow_list_without_dispensable_columns_keeps_all() {
        let mut wide = list();
        assert!(fit_columns(&mut wide, 200, &[5, 1]).is_empty());
        let mut kept = list();
        assert!(fit_columns(&mut kept, 80, &[]).is_empty());
        let lines = lines(&mut kept, 80);
        assert!(lines[1].contains("PO-PROP-2021-10-5100") && lines[1].contains("evaluating"));
    }
}
