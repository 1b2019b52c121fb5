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
        return Err(
            "write the label of the annex in 1 to 40 characters, e.g. \"Allegato A\"".into(),
        );
    }
    if label
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '"'))
    {
        return Err("the label of the annex is one line of text, without < > or \"".into());
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
        return Err(
            usage("--excel is the flavour of the CSV annexes: use it with --format csv").into(),
        );
    }
    if format == Format::Csv && args.out.is_none() {
        return Err(
            usage("--format csv writes several files: name their folder with --out DIR").into(),
        );
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
    let kind = if args.draft { "draft report" } else { "report" };
    match (format, &args.out) {
        (Format::Csv, Some(dir)) => {
            let flavour = if args.excel {
                Flavour::Excel
            } else {
                Flavour::OpenData
            };
            for path in report::write_annexes(&gathered, flavour, dir)? {
                say(format!("wrote {}", path.display()));
            }
        }
        (_, Some(path)) => {
            crate::outfile::ensure_not_a_database(path, &globals.db)?;
            report::write_file(path, |out| report::write_document(&gathered, format, out))?;
            say(format!(
                "wrote the {kind} of the cycle {} to {}",
                cycle.triennium,
                path.display()
            ));
        }
        (Format::Pdf, None) if super::output::stdout_is_terminal() => {
            return Err(usage(
                "a PDF is not for a terminal: name the file with --out relazione.pdf, or send it to a file or a pipe",
            )
            .into());
        }
        (_, None) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            report::write_document(&gathered, format, &mut out)?;
            out.flush()?;
        }
    }
    if args.draft && !gathered.report.missing.is_empty() {
        say("the draft lists what is missing before the final report:");
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
    say(format!(
        "wrote the {} annexes as approved of the cycle {}{} to {}",
        written.len(),
        cycle.triennium,
        if unchecked > 0 {
            format!(" ({unchecked} stored as is, not checked)")
        } else {
            String::new()
        },
        dir.display()
    ));
    Ok(())
}
