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

pub fn print_table(table: &Table) -> Result<()> {
    let mut text = table.to_string();
    // Plain tables pad the last column; trailing blanks only get in the way of scripts.
    if !stdout_is_terminal() {
        text = text
            .lines()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
    }
    text.push('\n');
    print(&text)
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
