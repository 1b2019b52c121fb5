//! `agenda suggestion tag|untag|autotag|link|unlink|retitle`.

use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::domain::Term;
use crate::storage::Db;
use crate::{autotag, tagging};
use anyhow::Result;
use clap::Args;

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
    #[arg(long, value_parser = crate::cli::args::limit, default_value_t = 50)]
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

pub fn tag(globals: &Globals, args: TagArgs, remove: bool) -> Result<()> {
    let (ids, axes) = tagging::split_ids_and_axes(&args.items)?;
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let done = tagging::tag(&mut db, &cycle, &ids, &axes, remove)?;
    say(if remove {
        crate::t!(
            "sugg-untag-done",
            count = done.changed,
            unchanged = done.unchanged
        )
    } else {
        crate::t!(
            "sugg-tag-done",
            count = done.changed,
            unchanged = done.unchanged
        )
    });
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
        TableOrJson::Json => output::print_json_run(&summary, args.dry_run)?,
        TableOrJson::Table => {
            if !summary.suggestions.is_empty() {
                let header = [
                    "#".to_string(),
                    crate::t!("sugg-list-col-ref"),
                    crate::t!("sugg-autotag-col-axis"),
                    crate::t!("sugg-autotag-col-words"),
                ];
                let mut table =
                    output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
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
                say(crate::t!(
                    "sugg-autotag-more",
                    count = summary.tagged as usize - summary.suggestions.len()
                ));
            }
            let done = if args.dry_run {
                crate::t!(
                    "sugg-autotag-would",
                    tagged = summary.tagged,
                    examined = summary.examined,
                    tags = summary.tags
                )
            } else {
                crate::t!(
                    "sugg-autotag-done",
                    tagged = summary.tagged,
                    examined = summary.examined,
                    tags = summary.tags
                )
            };
            if args.dry_run {
                say(format!("{done}{}", crate::t!("sugg-dry-run-suffix")));
            } else {
                say(done);
            }
        }
    }
    Ok(())
}

pub fn link(globals: &Globals, args: LinkArgs, remove: bool) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let done = tagging::link(&mut db, &cycle, &args.id, &args.card, remove)?;
    let (id, card) = (args.id.as_str(), args.card.as_str());
    say(match (remove, done) {
        (false, true) => crate::t!("sugg-link-done", id = id, card = card),
        (false, false) => crate::t!("sugg-link-already", id = id, card = card),
        (true, true) => crate::t!("sugg-unlink-done", id = id, card = card),
        (true, false) => crate::t!("sugg-unlink-not-linked", id = id, card = card),
    });
    Ok(())
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

pub(crate) fn retitle(globals: &Globals, args: RetitleArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let before = crate::tagging::retitle(&mut db, &cycle, &args.id, args.title.as_deref())?;
    // Not the old title: it may be the one that held personal data.
    let _ = before;
    say(match &args.title {
        Some(t) => crate::t!(
            "sugg-retitle-done",
            id = args.id.as_str(),
            title = t.as_str()
        ),
        None => crate::t!("sugg-retitle-source", id = args.id.as_str()),
    });
    Ok(())
}
