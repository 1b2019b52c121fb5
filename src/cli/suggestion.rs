//! `agenda suggestion …`

use std::io::IsTerminal;

use anyhow::Result;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::{self, say, Format, TableOrJson};
use super::Globals;
use crate::csvin::{DelimiterChoice, EncodingChoice};
use crate::domain::{Axis, Channel, Stakeholder, Term};
use crate::error::refused;
use crate::import::mapping::{Field, Settings};
use crate::import::{self, FileReport, SourceChoice};
use crate::storage::suggestions::{self as store, Filter};
use crate::storage::Db;
use crate::text::truncate;

#[derive(Debug, Subcommand)]
pub enum SuggestionCommand {
    /// Import suggestions: Decidim exports (CSV, JSON, Excel), office spreadsheets (CSV, .xlsx, .ods, .xls).
    Import(ImportArgs),
    /// List suggestions.
    List(ListArgs),
    /// Show one suggestion, by number or reference.
    Show(ShowArgs),
    /// The import batches: files, fingerprints, counts, rejected rows.
    Batches(BatchesArgs),
    /// Tag suggestions with axes: `tag 12 PO-PROP-2021-10-5101 competenze`.
    Tag(super::respond::TagArgs),
    /// Remove axes from suggestions.
    Untag(super::respond::TagArgs),
    /// Tag the untagged suggestions by the keyword rules (`agenda rule list`).
    Autotag(super::respond::AutotagArgs),
    /// Give a suggestion the title it is published with (the source's title is kept).
    Retitle(RetitleArgs),
    /// Link a suggestion to a card (the response does not change).
    Link(super::respond::LinkArgs),
    /// Remove the link between a suggestion and a card.
    Unlink(super::respond::LinkArgs),
    /// Record the administration's response, with its reason; or many from a spreadsheet.
    Respond(super::respond::RespondArgs),
    /// Write the responses as a file the platform imports (Decidim's bulk answers).
    ExportAnswers(super::respond::ExportAnswersArgs),
    /// The suggestions most like one, to spot duplicates.
    Similar(super::respond::SimilarArgs),
}

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

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only suggestions tagged with this axis.
    #[arg(long)]
    axis: Option<String>,
    /// Only suggestions without any axis.
    #[arg(long)]
    untagged: bool,
    /// Only suggestions without a response.
    #[arg(long)]
    unanswered: bool,
    /// Only suggestions with this outcome.
    #[arg(long)]
    outcome: Option<String>,
    /// Only suggestions linked to this card (or answered with it).
    #[arg(long)]
    card: Option<String>,
    /// Full-text search, accent-insensitive; results ranked, best first.
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
    /// Only suggestions with this state at the source (e.g. accepted, withdrawn; "none" for empty).
    #[arg(long)]
    source_state: Option<String>,
    /// Only suggestions from this stakeholder type.
    #[arg(long)]
    stakeholder: Option<String>,
    /// Only suggestions brought or changed by this import batch.
    #[arg(long)]
    batch: Option<i64>,
    /// At most this many.
    #[arg(long, value_parser = super::args::limit)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
pub struct RetitleArgs {
    /// The suggestion (number or reference).
    id: String,
    /// The title to publish in the report and its annexes.
    #[arg(required_unless_present = "source", conflicts_with = "source")]
    title: Option<String>,
    /// Publish the source's own title again.
    #[arg(long)]
    source: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The suggestion's number, or its reference (e.g. PO-PROP-2021-10-5101).
    id: String,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct BatchesArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn run(globals: &Globals, command: SuggestionCommand) -> Result<()> {
    match command {
        SuggestionCommand::Import(args) => import_files(globals, args),
        SuggestionCommand::List(args) => list(globals, args),
        SuggestionCommand::Show(args) => show(globals, args),
        SuggestionCommand::Batches(args) => batches(globals, args),
        SuggestionCommand::Tag(args) => super::respond::tag(globals, args, false),
        SuggestionCommand::Untag(args) => super::respond::tag(globals, args, true),
        SuggestionCommand::Autotag(args) => super::respond::autotag(globals, args),
        SuggestionCommand::Retitle(args) => retitle(globals, args),
        SuggestionCommand::Link(args) => super::respond::link(globals, args, false),
        SuggestionCommand::Unlink(args) => super::respond::link(globals, args, true),
        SuggestionCommand::Respond(args) => super::respond::respond(globals, args),
        SuggestionCommand::ExportAnswers(args) => super::respond::export_answers(globals, args),
        SuggestionCommand::Similar(args) => super::respond::similar(globals, args),
    }
}

fn import_options(args: &ImportArgs) -> Result<import::Options> {
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
struct Bar {
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

fn import_files(globals: &Globals, args: ImportArgs) -> Result<()> {
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

fn print_reports(reports: &[FileReport], dry_run: bool) -> Result<()> {
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

fn list(globals: &Globals, args: ListArgs) -> Result<()> {
    // A search without a word is refused before anything is written (the index is synced).
    let search = args
        .search
        .as_deref()
        .map(crate::search::checked_terms)
        .transpose()?;
    let mut db = Db::open(&globals.db)?;
    if args.search.is_some() {
        let indexed = crate::search::sync(&mut db)?;
        if indexed > 1000 {
            say(format!("indexed {indexed} suggestions for search"));
        }
    }
    let filter = Filter {
        cycle_id: Some(globals.cycle(&db)?.id),
        axis: args.axis.as_deref().map(Axis::parse).transpose()?,
        untagged: args.untagged,
        unanswered: args.unanswered,
        outcome: args
            .outcome
            .as_deref()
            .map(|o| crate::domain::Outcome::parse(o).map(|o| o.code().to_string()))
            .transpose()?,
        card: args.card.clone(),
        search,
        source_state: args.source_state.clone(),
        stakeholder: args
            .stakeholder
            .as_deref()
            .map(|s| Stakeholder::parse(s).map(|s| s.code().to_string()))
            .transpose()?,
        batch: args.batch,
        limit: args.limit,
        ..Filter::default()
    };
    let (rows, windowed) = store::list_searched(db.conn(), &filter)?;
    if windowed {
        say(format!(
            "more than {} suggestions match: the best shown are those of the {} most recent; add a word to narrow the search",
            store::SEARCH_WINDOW, store::SEARCH_WINDOW
        ));
    }
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &[
                "id",
                "ref",
                "title",
                "stakeholder",
                "channel",
                "submitted_at",
                "axes",
                "source_state",
                "outcome",
                "cards",
            ],
            rows.iter().map(|s| {
                vec![
                    s.id.to_string(),
                    s.reference.clone(),
                    s.title.clone(),
                    s.stakeholder.clone(),
                    s.channel.clone(),
                    s.submitted_at.clone().unwrap_or_default(),
                    s.axes.join("|"),
                    s.source_state.clone().unwrap_or_default(),
                    s.outcome.clone().unwrap_or_default(),
                    s.cards.join("|"),
                ]
            }),
        ),
        Format::Table => {
            if rows.is_empty() {
                say("no suggestions match");
                return Ok(());
            }
            let mut table =
                output::table(&["#", "ref", "title", "date", "axes", "state", "outcome"]);
            for s in &rows {
                table.add_row(vec![
                    s.id.to_string(),
                    s.reference.clone(),
                    match &filter.search {
                        Some(terms) if output::stdout_is_terminal() => crate::search::highlight(
                            &truncate(&s.title, 50),
                            terms,
                            "\x1b[1;33m",
                            "\x1b[0m",
                        ),
                        _ => truncate(&s.title, 50),
                    },
                    s.submitted_at
                        .as_deref()
                        .map(|d| d[..10.min(d.len())].to_string())
                        .unwrap_or_default(),
                    s.axes.join(", "),
                    if s.withdrawn {
                        "withdrawn".into()
                    } else {
                        s.source_state.clone().unwrap_or_default()
                    },
                    s.outcome.clone().unwrap_or_default(),
                ]);
            }
            output::print_table(&table)?;
            say(format!("{} suggestion(s)", rows.len()));
            Ok(())
        }
    }
}

fn retitle(globals: &Globals, args: RetitleArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let before = crate::tagging::retitle(&mut db, &cycle, &args.id, args.title.as_deref())?;
    // Not the old title: it may be the one that held personal data.
    let _ = before;
    say(match &args.title {
        Some(t) => format!("{}: published as \"{t}\"", args.id),
        None => format!("{}: published with the source's title again", args.id),
    });
    Ok(())
}

fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let id = store::resolve(db.conn(), &args.id, cycle.id)?.ok_or_else(|| {
        refused(format!("there is no suggestion \"{}\"", args.id))
            .hint("`agenda suggestion list` shows numbers and references")
    })?;
    let detail = store::detail(db.conn(), id)?.expect("resolved above");
    let people = store::people(db.conn(), id)?;
    let responses = crate::storage::responses::responses(db.conn(), id)?;
    match args.format {
        TableOrJson::Json => {
            let mut value = serde_json::to_value(&detail)?;
            value["responses"] = serde_json::to_value(&responses)?;
            value["personal_data"] = serde_json::to_value(&people)?;
            output::print_json(&value)
        }
        TableOrJson::Table => {
            let s = &detail.summary;
            let mut table = output::table(&["field", "value"]);
            let axes = detail
                .axes_detail
                .iter()
                .map(|a| {
                    format!(
                        "{} ({}{})",
                        Axis::from_code(&a.axis)
                            .map(|x| x.label())
                            .unwrap_or(&a.axis),
                        a.origin,
                        a.detail
                            .as_deref()
                            .map(|d| format!(": {d}"))
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            let rows: Vec<(&str, String)> = vec![
                ("number", s.id.to_string()),
                ("reference", s.reference.clone()),
                ("cycle", s.triennium.clone()),
                ("title", s.title.clone()),
                (
                    "published title",
                    detail
                        .public_title
                        .clone()
                        .unwrap_or_else(|| "the title above".into()),
                ),
                ("body", s.body.clone()),
                ("stakeholder", s.stakeholder.clone()),
                ("channel", s.channel.clone()),
                ("submitted", s.submitted_at.clone().unwrap_or_default()),
                ("axes", axes),
                (
                    "state at the source",
                    s.source_state.clone().unwrap_or_default(),
                ),
                (
                    "withdrawn",
                    if s.withdrawn {
                        detail.withdrawn_at.clone().unwrap_or_else(|| "yes".into())
                    } else {
                        "no".into()
                    },
                ),
                (
                    "supports / endorsements / comments",
                    format!(
                        "{} / {} / {}",
                        detail.supports.map(|v| v.to_string()).unwrap_or("–".into()),
                        detail
                            .endorsements
                            .map(|v| v.to_string())
                            .unwrap_or("–".into()),
                        detail.comments.map(|v| v.to_string()).unwrap_or("–".into())
                    ),
                ),
                ("url", detail.url.clone().unwrap_or_default()),
                (
                    "Decidim id / component",
                    match (&detail.source_id, &detail.component_id) {
                        (None, None) => String::new(),
                        (id, component) => format!(
                            "{} / {}",
                            id.as_deref().unwrap_or("–"),
                            component.as_deref().unwrap_or("–")
                        ),
                    },
                ),
                (
                    "amendment",
                    if detail.is_amend {
                        match (&detail.amends_ref, &detail.amends) {
                            (Some(r), _) => format!("yes, of {r}"),
                            (None, Some(a)) => format!("yes, of {a}"),
                            (None, None) => "yes".into(),
                        }
                    } else {
                        "no".into()
                    },
                ),
                (
                    "outcome",
                    s.outcome
                        .clone()
                        .unwrap_or_else(|| "no response yet".into()),
                ),
                ("cards", s.cards.join(", ")),
                (
                    "imported from",
                    format!("{}:{} (batch {})", detail.file, detail.line, s.batch),
                ),
            ];
            for (k, v) in rows {
                table.add_row(vec![k.to_string(), v]);
            }
            // The reason in force, then the responses it replaced, newest first.
            for r in responses.iter().rev() {
                table.add_row(vec![
                    if r.current {
                        "reason".to_string()
                    } else {
                        format!("earlier response ({}, {})", r.at, r.user)
                    },
                    if r.current {
                        r.reason.clone()
                    } else {
                        format!("{}: {}", r.outcome, r.reason)
                    },
                ]);
            }
            if let Some(p) = people {
                let who = [p.author, p.nickname, p.email]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                table.add_row(vec!["personal data (not for publication)".to_string(), who]);
            }
            output::print_table(&table)
        }
    }
}

fn batches(globals: &Globals, args: BatchesArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let list = store::batches(db.conn())?;
    match args.format {
        TableOrJson::Json => output::print_json(&list),
        TableOrJson::Table => {
            let mut table = output::table(&[
                "batch", "cycle", "file", "when", "who", "format", "encoding", "read", "ins.",
                "upd.", "same", "rej.", "sha256",
            ]);
            for b in &list {
                table.add_row(vec![
                    b.id.to_string(),
                    b.triennium.clone(),
                    b.file_name.clone(),
                    b.at.clone(),
                    b.user.clone(),
                    format!("{} {}", b.format, b.file_type),
                    b.encoding.clone(),
                    b.read.to_string(),
                    b.inserted.to_string(),
                    b.updated.to_string(),
                    b.unchanged.to_string(),
                    b.rejected.to_string(),
                    b.sha256[..12].to_string(),
                ]);
            }
            output::print_table(&table)?;
            for b in &list {
                for r in &b.rejections {
                    say(format!(
                        "batch {}: {}:{}: {}",
                        b.id, b.file_name, r.line, r.reason
                    ));
                }
            }
            Ok(())
        }
    }
}
