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
        TableOrJson::Json => output::print_json_run(&summary, args.dry_run)?,
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
        Some(t) => format!("{}: published as \"{t}\"", args.id),
        None => format!("{}: published with the source's title again", args.id),
    });
    Ok(())
}
