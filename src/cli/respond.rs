//! `agenda suggestion tag|untag|autotag|link|unlink|respond|export-answers|similar` and
//! `agenda rule …`: the non-interactive side of triage.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, say, TableOrJson};
use super::Globals;
use crate::answers;
use crate::csvin::{DelimiterChoice, EncodingChoice};
use crate::domain::response::ResponseRequest;
use crate::domain::{Axis, Outcome, Term};
use crate::storage::suggestions::{self as sstore, Filter};
use crate::storage::{rules as store, tags, Db};
use crate::text::truncate;
use crate::{autotag, responses, tagging};

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Suggestions (numbers or references) and axes (codes or Italian names), in any order.
    #[arg(required = true, num_args = 2..)]
    items: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AutotagArgs {
    /// Show what the rules would tag, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// How many tagged suggestions to list in the table (all of them with --format json).
    #[arg(long, value_parser = super::args::limit, default_value_t = 50)]
    limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The suggestion (number or reference).
    id: String,
    /// The card's code.
    card: String,
}

#[derive(Debug, Args)]
pub struct RespondArgs {
    /// The suggestions (numbers or references) that get this response.
    ids: Vec<String>,
    /// accolto, parzialmente-accolto, gia-previsto, non-accolto, non-pertinente, duplicato.
    #[arg(long)]
    outcome: Option<String>,
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
    #[arg(long, default_value = "auto", value_name = "auto|utf-8|windows-1252")]
    encoding: String,
    #[arg(long, default_value = "auto", value_name = "auto|,|;|tab")]
    delimiter: String,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
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

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The suggestion (number or reference).
    id: String,
    /// How many.
    #[arg(long, value_parser = super::args::limit, default_value_t = 10)]
    limit: usize,
    /// Look in every cycle, not only the suggestion's own.
    #[arg(long)]
    all_cycles: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

pub fn tag(globals: &Globals, args: TagArgs, remove: bool) -> Result<()> {
    let (ids, axes) = tagging::split_ids_and_axes(&args.items)?;
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let done = tagging::tag(&mut db, &cycle, &ids, &axes, remove)?;
    say(format!(
        "{} {} ({} already {})",
        done.changed,
        if remove {
            "tag(s) removed"
        } else {
            "tag(s) added"
        },
        done.unchanged,
        if remove { "absent" } else { "there" }
    ));
    Ok(())
}

pub fn autotag(globals: &Globals, args: AutotagArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let keep = match args.format {
        TableOrJson::Json => None,
        TableOrJson::Table => Some(args.limit),
    };
    let summary = autotag::autotag(&mut db, &cycle, args.dry_run, keep)?;
    match args.format {
        TableOrJson::Json => output::print_json(&summary)?,
        TableOrJson::Table => {
            if !summary.suggestions.is_empty() {
                let mut table = output::table(&["#", "ref", "axis", "decided by"]);
                for t in &summary.suggestions {
                    for a in &t.axes {
                        table.add_row(vec![
                            t.id.to_string(),
                            t.reference.clone(),
                            a.axis.label().to_string(),
                            a.words.join(", "),
                        ]);
                    }
                }
                output::print_table(&table)?;
            }
            if summary.tagged as usize > summary.suggestions.len() {
                say(format!(
                    "… and {} more (--limit, or --format json for all)",
                    summary.tagged as usize - summary.suggestions.len()
                ));
            }
            say(format!(
                "{} {} of {} untagged suggestions ({} tags){}",
                if args.dry_run { "would tag" } else { "tagged" },
                summary.tagged,
                summary.examined,
                summary.tags,
                if args.dry_run {
                    "; dry run: nothing written"
                } else {
                    ""
                }
            ));
        }
    }
    Ok(())
}

pub fn link(globals: &Globals, args: LinkArgs, remove: bool) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let done = tagging::link(&mut db, &cycle, &args.id, &args.card, remove)?;
    say(match (remove, done) {
        (false, true) => format!("linked {} to card {}", args.id, args.card),
        (false, false) => format!("{} was already linked to card {}", args.id, args.card),
        (true, true) => format!("unlinked {} from card {}", args.id, args.card),
        (true, false) => format!("{} was not linked to card {}", args.id, args.card),
    });
    Ok(())
}

pub fn respond(globals: &Globals, args: RespondArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let summary = if let Some(file) = &args.from {
        let options = crate::csvin::Options {
            encoding: EncodingChoice::parse(&args.encoding)?,
            delimiter: DelimiterChoice::parse(&args.delimiter)?,
        };
        responses::respond_from_file(&mut db, &cycle, file, options, args.dry_run)?
    } else {
        // clap's `requires` does not fire for a flag that defaults to false.
        if args.dry_run {
            return Err(crate::error::usage(
                "--dry-run goes with --from FILE.csv: a response given on the command line is written at once",
            )
            .into());
        }
        if args.ids.is_empty() {
            return Err(crate::error::usage(
                "give the suggestions to respond to (numbers or references), or --from FILE.csv",
            )
            .into());
        }
        let outcome = match &args.outcome {
            Some(o) => Outcome::parse(o)?,
            None => {
                return Err(crate::error::usage(format!(
                    "a response needs --outcome ({})",
                    Outcome::valid_codes()
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
        TableOrJson::Json => output::print_json(&summary),
        TableOrJson::Table => {
            say(format!(
                "{} new response(s), {} changed (the old ones stay in the history), {} unchanged{}{}",
                summary.responded,
                summary.changed,
                summary.unchanged,
                if summary.axes_added > 0 {
                    format!(", {} axes added", summary.axes_added)
                } else {
                    String::new()
                },
                if args.dry_run { "; dry run: nothing written" } else { "" }
            ));
            Ok(())
        }
    }
}

pub fn export_answers(globals: &Globals, args: ExportAnswersArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if args.history {
        let exports = crate::storage::answers::exports(db.conn())?;
        if args.format == "json" {
            return output::print_json(&exports);
        }
        if exports.is_empty() {
            say("no answers exported yet: `agenda suggestion export-answers --out FOLDER/` writes them");
            return Ok(());
        }
        // Narrow enough for a terminal of 80 columns: the file by its name (the JSON has the
        // path), the time to the minute, the start of the SHA-256.
        let mut table = output::table(&[
            "#", "cycle", "when", "who", "comp.", "rows", "file", "sha256",
        ]);
        for e in &exports {
            table.add_row(vec![
                e.id.to_string(),
                e.triennium.clone(),
                e.at.get(..16).unwrap_or(&e.at).replace('T', " "),
                e.user.clone(),
                e.component_id.clone(),
                format!("{}{}", e.rows, if e.every_response { " all" } else { "" }),
                e.file
                    .as_deref()
                    .map(|f| {
                        std::path::Path::new(f)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| f.to_string())
                    })
                    .unwrap_or_else(|| "stdout".into()),
                e.sha256.get(..8).unwrap_or(&e.sha256).to_string(),
            ]);
        }
        return output::print_table(&table);
    }
    if args.format != "decidim" {
        return Err(crate::error::usage(format!(
            "--format {} lists the history: add --history, or leave --format decidim for the answers",
            args.format
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
        let verb = if summary.dry_run {
            "would write"
        } else {
            "wrote"
        };
        say(format!(
            "{verb} {} answer(s) for Decidim component {}{}",
            f.rows,
            f.component_id,
            match (&f.path, summary.dry_run) {
                (Some(p), false) => format!(" to {p}"),
                _ => String::new(),
            }
        ));
    }
    for component in &summary.nothing_new {
        say(format!(
            "component {component}: every response was sent already, as it is now; --all sends them again"
        ));
    }
    let left = summary.left_out.total();
    if left > 0 {
        say(format!(
            "{left} suggestion(s) from Decidim left out: {}",
            summary.left_out.reasons().join(", ")
        ));
    }
    if !summary.files.is_empty() && !summary.dry_run {
        say("import each file in Decidim from its proposals component: Proposals → Import → \"Import answers from a file\"");
    }
    if summary.dry_run {
        say("dry run: nothing was written or recorded");
    }
    Ok(())
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
                say("no similar suggestions");
                return Ok(());
            }
            let mut table = output::table(&["#", "ref", "title", "score", "outcome"]);
            for (r, f) in rows.iter().zip(found.iter()) {
                table.add_row(vec![
                    r.id.to_string(),
                    r.reference.clone(),
                    truncate(&r.title, 60),
                    format!("{:.1}", f.score),
                    r.outcome.clone().unwrap_or_default(),
                ]);
            }
            output::print_table(&table)
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Add a rule: suggestions whose text holds one of the keywords get the axis.
    Add {
        /// The axis (code or Italian name).
        axis: String,
        /// A word, a phrase ("open data") or a stem (anzian*); repeat or list several.
        #[arg(long = "keyword", required = true, num_args = 1..)]
        keywords: Vec<String>,
    },
    /// The rules, axis by axis.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: TableOrJson,
    },
    /// Remove a rule by its number.
    Remove { id: i64 },
}

pub fn rule(globals: &Globals, command: RuleCommand) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    match command {
        RuleCommand::Add { axis, keywords } => {
            let axis = Axis::parse(&axis)?;
            let id = autotag::add_rule(&mut db, axis, &keywords)?;
            say(format!(
                "rule {id}: {} ← {}",
                axis.label(),
                keywords.join(" | ")
            ));
            Ok(())
        }
        RuleCommand::List { format } => {
            let rules = store::rules(db.conn())?;
            match format {
                TableOrJson::Json => output::print_json(&rules),
                TableOrJson::Table => {
                    let mut table = output::table(&["#", "axis", "keywords"]);
                    for r in &rules {
                        table.add_row(vec![
                            r.id.to_string(),
                            Axis::from_code(&r.axis)
                                .map(|a| a.label())
                                .unwrap_or(&r.axis)
                                .to_string(),
                            r.keywords.join(" | "),
                        ]);
                    }
                    output::print_table(&table)
                }
            }
        }
        RuleCommand::Remove { id } => {
            autotag::remove_rule(&mut db, id)?;
            say(format!("rule {id} removed"));
            Ok(())
        }
    }
}
