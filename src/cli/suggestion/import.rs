//! `agenda suggestion import FILE…`, with its progress bar.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::csvin::{DelimiterChoice, EncodingChoice};
use crate::domain::mapping::{Field, Settings};
use crate::domain::{Channel, Stakeholder, Term};
use crate::import::{self, FileReport, SourceChoice};
use crate::storage::Db;
use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files (CSV, JSON, .xlsx, .ods, .xls: told from their bytes); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// What the files are: auto (by their header), decidim, generic.
    #[arg(long, default_value = "auto", value_name = "auto|decidim|generic")]
    source: String,
    /// The locale of Decidim's title/body columns (falls back to the first one present).
    #[arg(long, default_value = "it")]
    locale: String,
    #[arg(long, default_value = "auto", value_name = "auto|utf-8|windows-1252")]
    encoding: String,
    #[arg(long, default_value = "auto", value_name = "auto|,|;|tab")]
    delimiter: String,
    /// Name the column of a field: --map title="Oggetto della proposta" (repeatable).
    /// Fields: title, body, date, stakeholder, author, nickname, email, axis, channel, reference, url, state.
    #[arg(long, value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// The channel of suggestions whose file does not say (default: piattaforma for Decidim, modulo otherwise).
    #[arg(long)]
    channel: Option<String>,
    /// The stakeholder type of suggestions whose file does not say (default: altro).
    #[arg(long)]
    stakeholder: Option<String>,
    /// Report what the import would do and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and record the invalid ones on the batch, instead of refusing the file.
    #[arg(long)]
    skip_invalid: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub(crate) fn import_options(args: &ImportArgs) -> Result<import::Options> {
    let source = match args.source.as_str() {
        "auto" => SourceChoice::Auto,
        "decidim" => SourceChoice::Decidim,
        "generic" => SourceChoice::Generic,
        other => {
            return Err(crate::error::usage(format!(
                "unknown --source \"{other}\"; valid values: auto, decidim, generic"
            ))
            .into())
        }
    };
    let mut maps = Vec::new();
    for m in &args.map {
        let (field, header) = m.split_once('=').ok_or_else(|| {
            crate::error::usage(format!(
                "--map \"{m}\": write it as FIELD=HEADER, e.g. --map title=\"Oggetto della proposta\""
            ))
        })?;
        maps.push((
            Field::parse(field)?,
            header.trim().trim_matches('"').to_string(),
        ));
    }
    Ok(import::Options {
        source,
        csv: crate::csvin::Options {
            encoding: EncodingChoice::parse(&args.encoding)?,
            delimiter: DelimiterChoice::parse(&args.delimiter)?,
        },
        settings: Settings {
            locale: args.locale.clone(),
            maps,
            channel: args.channel.as_deref().map(Channel::parse).transpose()?,
            stakeholder: args
                .stakeholder
                .as_deref()
                .map(Stakeholder::parse)
                .transpose()?,
        },
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        sheet: args.sheet.clone(),
    })
}

/// A progress bar on stderr with bytes and rows per second, only on a terminal.
pub(crate) struct Bar {
    bar: Option<ProgressBar>,
    started: std::time::Instant,
}

impl import::Progress for Bar {
    fn start(&mut self, total: u64) {
        if output::quiet() || !std::io::stderr().is_terminal() || total < (1 << 20) {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} · {msg} · {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
        self.started = std::time::Instant::now();
    }
    fn update(&mut self, bytes: u64, rows: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            let secs = self.started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / secs));
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

pub(crate) fn import_files(globals: &Globals, args: ImportArgs) -> Result<()> {
    let options = import_options(&args)?;
    let mut db = Db::open(&globals.db)?;
    // Suggestions always go to the open cycle; naming another one is a mistake worth a word.
    if globals.cycle.is_some() {
        let named = globals.cycle(&db)?;
        if named.is_closed() {
            named.ensure_open()?;
        }
    }
    let mut bar = Bar {
        bar: None,
        started: std::time::Instant::now(),
    };
    let reports = import::import(&mut db, &args.files, &options, &mut bar)?;
    match args.format {
        TableOrJson::Json => {
            if reports.len() == 1 {
                output::print_json(&reports[0])
            } else {
                output::print_json(&reports)
            }
        }
        TableOrJson::Table => print_reports(&reports, args.dry_run),
    }
}

pub(crate) fn print_reports(reports: &[FileReport], dry_run: bool) -> Result<()> {
    let mut table = output::table(&[
        "file",
        "batch",
        "format",
        "encoding",
        "delim.",
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
    ]);
    for r in reports {
        if let Some(previous) = &r.already_imported {
            say(format!(
                "{}: already imported as batch {} ({}, {}), nothing to do",
                r.file, previous.id, previous.file_name, previous.at
            ));
            continue;
        }
        let or_dash = |v: &str| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.to_string()
            }
        };
        table.add_row(vec![
            r.file.clone(),
            r.batch.map(|b| b.to_string()).unwrap_or_else(|| "—".into()),
            format!("{} {}", r.format, r.file_type),
            or_dash(&r.encoding),
            or_dash(&r.delimiter),
            r.counts.read.to_string(),
            r.counts.inserted.to_string(),
            r.counts.updated.to_string(),
            r.counts.unchanged.to_string(),
            r.counts.rejected.to_string(),
        ]);
        for line in &r.rejected_rows {
            output::warn(format!("rejected {line}"));
        }
    }
    if reports.iter().any(|r| r.already_imported.is_none()) && !output::quiet() {
        output::print_table(&table)?;
    }
    if dry_run {
        say("dry run: nothing was written");
    }
    Ok(())
}
