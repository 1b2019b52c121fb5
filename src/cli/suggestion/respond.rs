//! `agenda suggestion respond|export-answers|similar`.

use crate::answers;
use crate::cli::args::{self, CsvArgs};
use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::response::ResponseRequest;
use crate::domain::{Outcome, Term};
use crate::storage::suggestions::{self as sstore, Filter};
use crate::storage::{tags, Db};
use crate::text::truncate;
use crate::{responses, tagging};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RespondArgs {
    /// The suggestions (numbers or references) that get this response.
    ids: Vec<String>,
    /// accolto, parzialmente-accolto, gia-previsto, non-accolto, non-pertinente, duplicato.
    #[arg(long, value_parser = args::term::<Outcome>)]
    outcome: Option<Outcome>,
    /// Why: a response is never without its reason.
    #[arg(long)]
    reason: Option<String>,
    /// The card that covers the suggestion (required for gia-previsto).
    #[arg(long)]
    card: Option<String>,
    /// The suggestion this one duplicates (required for duplicato).
    #[arg(long, value_name = "ID")]
    duplicate_of: Option<String>,
    /// Responses from a spreadsheet: columns id or ref, outcome, reason, optional card, axes.
    #[arg(long, value_name = "FILE.csv", conflicts_with_all = ["ids", "outcome", "reason", "card", "duplicate_of"])]
    from: Option<String>,
    /// With --from: check the file and report what would change, writing nothing.
    #[arg(long, requires = "from")]
    dry_run: bool,
    #[command(flatten)]
    csv: CsvArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn respond(globals: &Globals, args: RespondArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let summary = if let Some(file) = &args.from {
        responses::respond_from_file(&mut db, &cycle, file, args.csv.options(), args.dry_run)?
    } else {
        // clap's `requires` does not fire for a flag that defaults to false.
        if args.dry_run {
            return Err(crate::error::usage(crate::t!("sugg-respond-dry-run-needs-from")).into());
        }
        if args.ids.is_empty() {
            return Err(crate::error::usage(crate::t!("sugg-respond-no-ids")).into());
        }
        let outcome = match args.outcome {
            Some(o) => o,
            None => {
                return Err(crate::error::usage(crate::t!(
                    "sugg-respond-no-outcome",
                    valid = Outcome::valid_codes()
                ))
                .into())
            }
        };
        let request = ResponseRequest {
            outcome,
            reason: args.reason.clone().unwrap_or_default(),
            card: args.card.clone(),
            duplicate_of: args.duplicate_of.clone(),
        };
        responses::respond(&mut db, &cycle, &args.ids, &request)?
    };
    match args.format {
        TableOrJson::Json => output::print_json_run(&summary, args.dry_run),
        TableOrJson::Table => {
            say(format!(
                "{}{}{}",
                crate::t!(
                    "sugg-respond-summary",
                    new = summary.responded,
                    changed = summary.changed,
                    unchanged = summary.unchanged
                ),
                if summary.axes_added > 0 {
                    crate::t!("sugg-respond-axes-added", count = summary.axes_added)
                } else {
                    String::new()
                },
                if args.dry_run {
                    crate::t!("sugg-dry-run-suffix")
                } else {
                    String::new()
                }
            ));
            Ok(())
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportAnswersArgs {
    /// The platform the file is for (with --history: table or json).
    #[arg(long, default_value = "decidim", value_parser = ["decidim", "table", "json"])]
    format: String,
    /// The organisation's default locale on Decidim: the answer goes in answer/<locale>.
    #[arg(long, default_value = "it")]
    locale: String,
    /// Write to this file (one component), or to this folder one file per component
    /// (an existing folder, or a path ending in /); default: standard output.
    #[arg(long, value_name = "FILE|FOLDER/")]
    out: Option<PathBuf>,
    /// Only the answers of this Decidim component (its id, as in component/id of the export).
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Every response in force, not only those new or changed since the last export.
    #[arg(long)]
    all: bool,
    /// Send an outcome as a custom state of the component (Decidim 0.29+), e.g.
    /// --state gia-previsto=gia_in_corso (repeatable).
    #[arg(long = "state", value_name = "OUTCOME=TOKEN")]
    states: Vec<String>,
    /// Say what would be written, write and record nothing.
    #[arg(long)]
    dry_run: bool,
    /// List the exports made so far: when, who, component, rows, file, SHA-256.
    #[arg(long, conflicts_with_all = ["out", "component", "all", "states", "dry_run"])]
    history: bool,
}

pub fn export_answers(globals: &Globals, args: ExportAnswersArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if args.history {
        return history(&db, &args.format);
    }
    if args.format != "decidim" {
        return Err(crate::error::usage(crate::t!(
            "sugg-answers-format-needs-history",
            format = args.format.as_str()
        ))
        .into());
    }
    let cycle = globals.cycle(&db)?;
    let options = answers::Options {
        locale: args.locale.clone(),
        component: args.component.clone(),
        every_response: args.all,
        states: answers::States::parse(&args.states)?,
        target: answers::Target::from_out(args.out.as_deref()),
        dry_run: args.dry_run,
    };
    let summary = answers::export(&mut db, &cycle, &options, &mut std::io::stdout().lock())?;
    for f in &summary.files {
        let component = f.component_id.to_string();
        say(match (&f.path, summary.dry_run) {
            (_, true) => crate::t!(
                "sugg-answers-would-write",
                count = f.rows,
                component = component
            ),
            (Some(p), false) => crate::t!(
                "sugg-answers-wrote-to",
                count = f.rows,
                component = component,
                path = p.to_string()
            ),
            (None, false) => crate::t!("sugg-answers-wrote", count = f.rows, component = component),
        });
    }
    for component in &summary.nothing_new {
        say(crate::t!(
            "sugg-answers-nothing-new",
            component = component.to_string()
        ));
    }
    let left = summary.left_out.total();
    if left > 0 {
        say(crate::t!(
            "sugg-answers-left-out",
            count = left,
            reasons = summary.left_out.reasons().join(", ")
        ));
    }
    if !summary.files.is_empty() && !summary.dry_run {
        say(crate::t!("sugg-answers-how-to-import"));
    }
    if summary.dry_run {
        say(crate::t!("sugg-answers-dry-run"));
    }
    Ok(())
}

/// `export-answers --history`: the exports made so far.
fn history(db: &Db, format: &str) -> Result<()> {
    let exports = crate::storage::answers::exports(db.conn())?;
    if format == "json" {
        return output::print_json(&exports);
    }
    if exports.is_empty() {
        say(crate::t!("sugg-answers-none-yet"));
        return Ok(());
    }
    // Narrow enough for a terminal of 80 columns: the file by its name (the JSON has the
    // path), the time to the minute, the start of the SHA-256.
    let header = [
        "#".to_string(),
        crate::t!("sugg-answers-col-cycle"),
        crate::t!("sugg-answers-col-when"),
        crate::t!("sugg-answers-col-who"),
        crate::t!("sugg-answers-col-component"),
        crate::t!("sugg-answers-col-rows"),
        crate::t!("sugg-answers-col-file"),
        "sha256".to_string(),
    ];
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for e in &exports {
        table.add_row(vec![
            e.id.to_string(),
            e.triennium.clone(),
            super::list::italian_time(&e.at)
                .unwrap_or_else(|| e.at.get(..16).unwrap_or(&e.at).replace('T', " ")),
            e.user.clone(),
            e.component_id.clone(),
            if e.every_response {
                crate::t!("sugg-answers-rows-all", rows = super::list::count(e.rows))
            } else {
                super::list::count(e.rows)
            },
            e.file
                .as_deref()
                .map(|f| {
                    std::path::Path::new(f)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| f.to_string())
                })
                .unwrap_or_else(|| crate::t!("sugg-answers-stdout")),
            e.sha256.get(..8).unwrap_or(&e.sha256).to_string(),
        ]);
    }
    output::print_table(&table)
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The suggestion (number or reference).
    id: String,
    /// How many.
    #[arg(long, value_parser = crate::cli::args::limit, default_value_t = 10)]
    limit: usize,
    /// Look in every cycle, not only the suggestion's own.
    #[arg(long)]
    all_cycles: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn similar(globals: &Globals, args: SimilarArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    crate::search::sync(&mut db)?;
    let cycle = globals.cycle(&db)?;
    let id = tagging::resolve(db.conn(), &args.id, &cycle)?;
    let own_cycle = tags::cycle_of(db.conn(), id)?;
    let found = crate::search::similar(
        db.conn(),
        id,
        (!args.all_cycles).then_some(own_cycle),
        args.limit,
    )?;
    let ids: Vec<i64> = found.iter().map(|f| f.id).collect();
    let mut rows = sstore::list(
        db.conn(),
        &Filter {
            ids: Some(ids.clone()),
            ..Filter::default()
        },
    )?;
    rows.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
    match args.format {
        TableOrJson::Json => {
            let out: Vec<serde_json::Value> = rows
                .iter()
                .zip(found.iter())
                .map(|(r, f)| {
                    let mut v = serde_json::to_value(r).unwrap_or_default();
                    v["score"] = f.score.into();
                    v
                })
                .collect();
            output::print_json(&out)
        }
        TableOrJson::Table => {
            if rows.is_empty() {
                say(crate::t!("sugg-similar-none"));
                return Ok(());
            }
            let header = [
                "#".to_string(),
                crate::t!("sugg-list-col-ref"),
                crate::t!("sugg-list-col-title"),
                crate::t!("sugg-similar-col-score"),
                crate::t!("sugg-list-col-outcome"),
            ];
            let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
            for (r, f) in rows.iter().zip(found.iter()) {
                table.add_row(vec![
                    r.id.to_string(),
                    r.reference.clone(),
                    truncate(&r.title, 60),
                    score(f.score),
                    r.outcome
                        .as_deref()
                        .map(super::list::outcome_label)
                        .unwrap_or_default(),
                ]);
            }
            output::print_table(&table)
        }
    }
}

/// A similarity score for people, with one decimal: `12.5`, `12,5` in Italian.
fn score(value: f64) -> String {
    let text = format!("{value:.1}");
    match crate::i18n::lang() {
        crate::i18n::Lang::It => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}
