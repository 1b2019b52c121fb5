//! `agenda report`: the triennial update report, the annex of the Giunta's deliberation.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::output::say;
use super::Globals;
use crate::error::usage;
use crate::report::{self, csv::Flavour, Format};
use crate::storage::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown (the default).
    Md,
    /// One self-contained HTML file, for screen and A4 print.
    Html,
    /// The report's data, with the response to every suggestion.
    Json,
    /// The annexes for the open-data portal, one CSV file each, into the folder --out.
    Csv,
    /// PDF/A-2a, tagged, A4: the annex to attach to the deliberation.
    Pdf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// md, html, pdf, json, or csv (default: from the extension of --out, else md).
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// The file to write (default: standard output); for csv, the folder of the annexes.
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
    /// A draft: marked BOZZA on every page, with what is still missing; produced at any phase.
    #[arg(long)]
    draft: bool,
    /// The date the report bears (default: the date the cycle closed; today, for a draft).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::args::date)]
    date: Option<String>,
    /// The label of the annex on the cover and in the running header (default "Allegato A").
    #[arg(long, value_name = "LABEL", value_parser = annex_label)]
    annex_label: Option<String>,
    /// With --format csv: Excel flavour (`;`, UTF-8 with BOM, dd/mm/yyyy, decimal comma).
    #[arg(long)]
    excel: bool,
    /// The annexes as the Giunta approved them, kept when the cycle closed, byte for byte into
    /// the folder --out; prints each file's SHA-256 and path.
    #[arg(
        long,
        requires = "out",
        conflicts_with_all = ["format", "draft", "date", "excel", "annex_label"]
    )]
    approved: bool,
}

/// An annex label as the cover prints it: one short line of text.
fn annex_label(input: &str) -> Result<String, String> {
    let label = input.trim();
    if label.is_empty() || label.chars().count() > 40 {
        return Err(crate::t!("cli-msg-report-label-length"));
    }
    if label
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '"'))
    {
        return Err(crate::t!("cli-msg-report-label-chars"));
    }
    Ok(label.to_string())
}

fn format_of(args: &ReportArgs) -> Format {
    let format = args.format.unwrap_or_else(|| {
        let ext = args
            .out
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            Some("pdf") => ReportFormat::Pdf,
            _ => ReportFormat::Md,
        }
    });
    match format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Pdf => Format::Pdf,
    }
}

pub fn run(globals: &Globals, args: ReportArgs) -> Result<()> {
    if let (true, Some(dir)) = (args.approved, &args.out) {
        return approved(globals, dir);
    }
    let format = format_of(&args);
    if args.excel && format != Format::Csv {
        return Err(usage(crate::t!("cli-msg-report-excel-needs-csv")).into());
    }
    if format == Format::Csv && args.out.is_none() {
        return Err(usage(crate::t!("cli-msg-report-csv-needs-out")).into());
    }
    let db = Db::open(&globals.db)?;
    // One read transaction for the whole report: its figures and its table of responses
    // come from the same state, whatever another command writes meanwhile.
    db.begin_reading()?;
    let cycle = globals.cycle(&db)?;
    if format == Format::Pdf {
        report::pdf::check_cycle(db.conn(), &cycle)?;
    }
    let gathered = report::gather(
        db.conn(),
        &cycle,
        &report::Options {
            draft: args.draft,
            date: args.date.clone(),
            annex_label: args.annex_label.clone(),
        },
    )?;
    match (format, &args.out) {
        (Format::Csv, Some(dir)) => {
            let flavour = if args.excel {
                Flavour::Excel
            } else {
                Flavour::OpenData
            };
            for path in report::write_annexes(&gathered, flavour, dir)? {
                say(crate::t!(
                    "cli-msg-report-wrote-file",
                    path = path.display().to_string()
                ));
            }
        }
        (_, Some(path)) => {
            crate::outfile::ensure_not_a_database(path, &globals.db)?;
            report::write_file(path, |out| report::write_document(&gathered, format, out))?;
            let triennium = cycle.triennium.to_string();
            let path = path.display().to_string();
            say(if args.draft {
                crate::t!(
                    "cli-msg-report-wrote-draft",
                    triennium = triennium,
                    path = path
                )
            } else {
                crate::t!("cli-msg-report-wrote", triennium = triennium, path = path)
            });
        }
        (Format::Pdf, None) if super::output::stdout_is_terminal() => {
            return Err(usage(crate::t!("cli-msg-report-pdf-terminal")).into());
        }
        (_, None) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            report::write_document(&gathered, format, &mut out)?;
            out.flush()?;
        }
    }
    if args.draft && !gathered.report.missing.is_empty() {
        say(crate::t!("cli-msg-report-draft-missing"));
        for m in &gathered.report.missing {
            say(format!("  - {m}"));
        }
    }
    Ok(())
}

/// `report --approved --out DIR`: the stored annexes, byte for byte; on stdout, one line per
/// file as `sha256sum` writes them, so that `sha256sum -c` checks them.
fn approved(globals: &Globals, dir: &std::path::Path) -> Result<()> {
    let db = Db::open(&globals.db)?;
    db.begin_reading()?;
    let cycle = globals.cycle(&db)?;
    let written = crate::process::approved::write(db.conn(), &cycle, dir, &globals.db)?;
    let mut lines = String::new();
    for w in &written {
        lines.push_str(&format!("{}  {}\n", w.sha256, w.path.display()));
    }
    super::output::print(&lines)?;
    let unchecked = written.iter().filter(|w| !w.verified).count();
    say(crate::t!(
        "cli-msg-report-approved-written",
        count = written.len(),
        triennium = cycle.triennium.to_string(),
        unchecked = unchecked,
        dir = dir.display().to_string()
    ));
    Ok(())
}
