//! `agenda suggestion list|show|batches`.

use crate::cli::args;
use crate::cli::output::{self, say, Format, TableOrJson};
use crate::cli::Globals;
use crate::domain::{Axis, Outcome, Stakeholder, Term};
use crate::error::refused;
use crate::storage::suggestions::{self as store, Filter};
use crate::storage::Db;
use crate::text::truncate;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only suggestions tagged with this axis.
    #[arg(long, value_parser = args::term::<Axis>)]
    axis: Option<Axis>,
    /// Only suggestions without any axis.
    #[arg(long)]
    untagged: bool,
    /// Only suggestions without a response.
    #[arg(long)]
    unanswered: bool,
    /// Only suggestions with this outcome.
    #[arg(long, value_parser = args::term::<Outcome>)]
    outcome: Option<Outcome>,
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
    #[arg(long, value_parser = args::term::<Stakeholder>)]
    stakeholder: Option<Stakeholder>,
    /// Only suggestions brought or changed by this import batch.
    #[arg(long)]
    batch: Option<i64>,
    /// At most this many.
    #[arg(long, value_parser = args::limit)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
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

pub(crate) fn list(globals: &Globals, args: ListArgs) -> Result<()> {
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
        axis: args.axis,
        untagged: args.untagged,
        unanswered: args.unanswered,
        outcome: args.outcome.map(|o| o.code().to_string()),
        card: args.card.clone(),
        search,
        source_state: args.source_state.clone(),
        stakeholder: args.stakeholder.map(|s| s.code().to_string()),
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
        Format::Csv => print_csv(&rows),
        Format::Table => print_rows(&rows, filter.search.as_deref()),
    }
}

/// The list as CSV, for a spreadsheet.
fn print_csv(rows: &[store::Summary]) -> Result<()> {
    output::print_csv(
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
    )
}

/// The list as a table; the words of a search are highlighted on a terminal.
fn print_rows(rows: &[store::Summary], search: Option<&[String]>) -> Result<()> {
    if rows.is_empty() {
        say("no suggestions match");
        return Ok(());
    }
    let mut table = output::table(&["#", "ref", "title", "date", "axes", "state", "outcome"]);
    for s in rows {
        table.add_row(vec![
            s.id.to_string(),
            s.reference.clone(),
            match search {
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

pub(crate) fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
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
        TableOrJson::Table => print_detail(&detail, &responses, people),
    }
}

/// One suggestion whole, as a table of its fields, its responses and (not for publication)
/// its people.
fn print_detail(
    detail: &store::Detail,
    responses: &[crate::storage::responses::Response],
    people: Option<store::People>,
) -> Result<()> {
    let mut table = output::table(&["field", "value"]);
    let rows = fields(detail);
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
    output::print_record(&table)
}

/// The fields of a suggestion, as `show` lists them.
fn fields(detail: &store::Detail) -> Vec<(&'static str, String)> {
    let s = &detail.summary;
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
    vec![
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
    ]
}

pub(crate) fn batches(globals: &Globals, args: BatchesArgs) -> Result<()> {
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
