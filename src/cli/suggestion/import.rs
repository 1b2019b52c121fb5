//! `agenda suggestion import FILE…`, with its progress bar.

use crate::cli::args::{self, CsvArgs};
use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::mapping::{NamedColumn, Settings};
use crate::domain::{Channel, Stakeholder};
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
    #[arg(long, default_value = "auto", value_name = "auto|decidim|generic", value_parser = args::source)]
    source: SourceChoice,
    /// The locale of Decidim's title/body columns (falls back to the first one present).
    #[arg(long, default_value = "it")]
    locale: String,
    #[command(flatten)]
    csv: CsvArgs,
    /// Name the column of a field: --map title="Oggetto della proposta" (repeatable).
    /// Fields: title, body, date, stakeholder, author, nickname, email, axis, channel, reference, url, state.
    #[arg(long, value_name = "FIELD=HEADER", value_parser = args::column)]
    map: Vec<NamedColumn>,
    /// The channel of suggestions whose file does not say (default: piattaforma for Decidim, modulo otherwise).
    #[arg(long, value_parser = args::term::<Channel>)]
    channel: Option<Channel>,
    /// The stakeholder type of suggestions whose file does not say (default: altro).
    #[arg(long, value_parser = args::term::<Stakeholder>)]
    stakeholder: Option<Stakeholder>,
    /// Report what the import would do and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and record the invalid ones on the batch, instead of refusing the file.
    #[arg(long)]
    skip_invalid: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

impl ImportArgs {
    fn options(&self, globals: &Globals) -> import::Options {
        import::Options {
            source: self.source,
            csv: self.csv.options(),
            settings: Settings {
                locale: self.locale.clone(),
                maps: self.map.clone(),
                channel: self.channel,
                stakeholder: self.stakeholder,
            },
            dry_run: self.dry_run,
            skip_invalid: self.skip_invalid,
            sheet: self.sheet.clone(),
            named: globals.cycle,
        }
    }
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
            ProgressStyle::with_template(&format!(
                "{{spinner}} {{wide_bar}} {{bytes}}/{{total_bytes}} {{bytes_per_sec}} · {{msg}} · {}",
                crate::t!("sugg-import-progress-eta", eta = "{eta}")
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
        self.started = std::time::Instant::now();
    }
    fn update(&mut self, bytes: u64, rows: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            let secs = self.started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(crate::t!(
                "sugg-import-progress-rows",
                rows = rows,
                rate = (rows as f64 / secs).round()
            ));
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// `suggestion import --format json`: one object whatever the number of files, the totals at the
/// top level and each file's report in `files`.
#[derive(serde::Serialize)]
struct Summary<'a> {
    dry_run: bool,
    #[serde(flatten)]
    totals: crate::storage::imports::Counts,
    files: &'a [FileReport],
}

impl<'a> Summary<'a> {
    fn of(files: &'a [FileReport], dry_run: bool) -> Self {
        let mut totals = crate::storage::imports::Counts::default();
        for f in files {
            totals.read += f.counts.read;
            totals.inserted += f.counts.inserted;
            totals.updated += f.counts.updated;
            totals.unchanged += f.counts.unchanged;
            totals.rejected += f.counts.rejected;
        }
        Summary {
            dry_run,
            totals,
            files,
        }
    }
}

pub(crate) fn import_files(globals: &Globals, args: ImportArgs) -> Result<()> {
    let options = args.options(globals);
    let mut db = Db::open(&globals.db)?;
    let mut bar = Bar {
        bar: None,
        started: std::time::Instant::now(),
    };
    let reports = import::import(&mut db, &args.files, &options, &mut bar)?;
    match args.format {
        TableOrJson::Json => output::print_json(&Summary::of(&reports, args.dry_run)),
        TableOrJson::Table => print_reports(&reports, args.dry_run),
    }
}

pub(crate) fn print_reports(reports: &[FileReport], dry_run: bool) -> Result<()> {
    let header = [
        crate::t!("sugg-import-col-file"),
        crate::t!("sugg-import-col-batch"),
        crate::t!("sugg-import-col-format"),
        crate::t!("sugg-import-col-encoding"),
        crate::t!("sugg-import-col-delimiter"),
        crate::t!("sugg-import-col-read"),
        crate::t!("sugg-import-col-inserted"),
        crate::t!("sugg-import-col-updated"),
        crate::t!("sugg-import-col-unchanged"),
        crate::t!("sugg-import-col-rejected"),
    ];
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for r in reports {
        if let Some(previous) = &r.already_imported {
            say(crate::t!(
                "sugg-import-already-imported",
                file = r.file.as_str(),
                batch = previous.id.to_string(),
                name = previous.file_name.as_str(),
                at = super::list::italian_time(&previous.at).unwrap_or_else(|| previous.at.clone())
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
            super::list::count(r.counts.read),
            super::list::count(r.counts.inserted),
            super::list::count(r.counts.updated),
            super::list::count(r.counts.unchanged),
            super::list::count(r.counts.rejected),
        ]);
        for line in &r.rejected_rows {
            output::warn(crate::t!("sugg-import-rejected-row", row = line.as_str()));
        }
    }
    if reports.iter().any(|r| r.already_imported.is_none()) && !output::quiet() {
        output::print_table(&table)?;
    }
    if dry_run {
        say(crate::t!("sugg-import-dry-run"));
    }
    Ok(())
}
