//! `agenda suggestion list|show|batches`.

use crate::cli::args;
use crate::cli::output::{self, say, Format, TableOrJson};
use crate::cli::Globals;
use crate::domain::{Axis, Channel, Outcome, Stakeholder, Term};
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
    /// Only suggestions accepted with a card that is concluded (what was asked was delivered).
    #[arg(long, conflicts_with = "in_progress")]
    delivered: bool,
    /// Only suggestions accepted with a card that is not concluded yet.
    #[arg(long)]
    in_progress: bool,
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

/// The rows a table on a terminal shows when `--limit` is not given: one page.
const PAGE: usize = 50;

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
            say(crate::t!("sugg-search-indexed", count = indexed));
        }
    }
    // A person at a terminal gets one page, and is told how to see the rest; a pipe, CSV and
    // JSON get everything, and so does --quiet, which would silence the telling. One row past
    // the page says whether there is more.
    let paged = args.limit.is_none()
        && args.format == Format::Table
        && output::stdout_is_terminal()
        && !output::quiet();
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
        delivered: match (args.delivered, args.in_progress) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        limit: if paged { Some(PAGE + 1) } else { args.limit },
        ..Filter::default()
    };
    let (mut rows, windowed) = store::list_searched(db.conn(), &filter)?;
    if windowed {
        say(crate::t!(
            "sugg-search-windowed",
            window = store::SEARCH_WINDOW
        ));
    }
    let more = paged && rows.len() > PAGE;
    rows.truncate(if more { PAGE } else { rows.len() });
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => print_csv(&rows),
        Format::Table => print_rows(&rows, filter.search.as_deref(), more),
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

/// A count in a table for people: `1.300` in Italian, `1300` in English.
pub(super) fn count(n: impl TryInto<i64>) -> String {
    crate::i18n::numbers::count(n.try_into().unwrap_or(i64::MAX))
}

/// An outcome for people: the glossary's label (`già previsto`), the code if it is none.
pub(super) fn outcome_label(code: &str) -> String {
    Outcome::from_code(code)
        .map(|o| o.label().to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The day of a stored date or time (its first ten characters, as written), for people:
/// `05/10/2021` in Italian, `2021-10-05` in English.
fn day(value: &str) -> String {
    crate::i18n::iso_date(value.get(..10).unwrap_or(value))
}

/// A stored time (RFC 3339) for people in Italian: `03/12/2026 12:46`, in local time; a bare
/// date as `03/12/2026`. `None` in English, or when it does not parse: the caller shows it as
/// it always has.
pub(super) fn italian_time(value: &str) -> Option<String> {
    if crate::i18n::lang() != crate::i18n::Lang::It {
        return None;
    }
    let value = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(
            t.with_timezone(&chrono::Local)
                .format("%d/%m/%Y %H:%M")
                .to_string(),
        );
    }
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .map(crate::i18n::date)
}

/// A stored time for people: [`italian_time`] in Italian, as stored in English.
fn time(value: &str) -> String {
    italian_time(value).unwrap_or_else(|| value.to_string())
}

/// The list as a table; the words of a search are highlighted on a terminal. `more`: the
/// table is the first page of a longer list.
fn print_rows(rows: &[store::Summary], search: Option<&[String]>, more: bool) -> Result<()> {
    if rows.is_empty() {
        say(crate::t!("sugg-list-none"));
        return Ok(());
    }
    let header = [
        "#".to_string(),
        crate::t!("sugg-list-col-ref"),
        crate::t!("sugg-list-col-title"),
        crate::t!("sugg-list-col-date"),
        crate::t!("sugg-list-col-axes"),
        crate::t!("sugg-list-col-state"),
        crate::t!("sugg-list-col-outcome"),
    ];
    let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
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
            s.submitted_at.as_deref().map(day).unwrap_or_default(),
            s.axes.join(", "),
            if s.withdrawn {
                crate::t!("sugg-list-withdrawn")
            } else {
                s.source_state.clone().unwrap_or_default()
            },
            s.outcome.as_deref().map(outcome_label).unwrap_or_default(),
        ]);
    }
    // On a narrow terminal the title keeps room: the state at the source goes first, then the
    // reference (the number reaches the suggestion as well), then the date.
    output::print_list(&table, &[5, 1, 3])?;
    if more {
        say(crate::t!("sugg-list-page", count = rows.len()));
    } else {
        say(crate::t!("sugg-list-count", count = rows.len()));
    }
    Ok(())
}

pub(crate) fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    let id = store::resolve(db.conn(), &args.id, cycle.id)?.ok_or_else(|| {
        refused(crate::t!("sugg-show-unknown", id = args.id.as_str()))
            .hint(crate::t!("sugg-show-unknown-hint"))
    })?;
    let detail = store::detail(db.conn(), id)?.expect("resolved above");
    let people = store::people(db.conn(), id)?;
    let responses = crate::storage::responses::responses(db.conn(), id)?;
    let ending = crate::ledger::ending(db.conn(), responses.last())?;
    match args.format {
        TableOrJson::Json => {
            let mut value = serde_json::to_value(&detail)?;
            value["responses"] = serde_json::to_value(&responses)?;
            value["ending"] = serde_json::to_value(&ending)?;
            value["personal_data"] = serde_json::to_value(&people)?;
            output::print_json(&value)
        }
        TableOrJson::Table => print_detail(&detail, &responses, ending.as_ref(), people),
    }
}

/// One suggestion whole, as a table of its fields, its responses and (not for publication)
/// its people.
fn print_detail(
    detail: &store::Detail,
    responses: &[crate::storage::responses::Response],
    ending: Option<&crate::ledger::Ending>,
    people: Option<store::People>,
) -> Result<()> {
    let mut table = output::table(&[
        &crate::t!("sugg-show-col-field"),
        &crate::t!("sugg-show-col-value"),
    ]);
    let rows = fields(detail);
    for (k, v) in rows {
        table.add_row(vec![k, v]);
    }
    // The reason in force, then the responses it replaced, newest first.
    for r in responses.iter().rev() {
        table.add_row(vec![
            if r.current {
                crate::t!("sugg-show-reason")
            } else {
                crate::t!(
                    "sugg-show-earlier-response",
                    at = time(&r.at),
                    user = r.user.as_str()
                )
            },
            if r.current {
                r.reason.clone()
            } else {
                format!("{}: {}", outcome_label(&r.outcome), r.reason)
            },
        ]);
    }
    if let Some(ending) = ending {
        table.add_row(vec![
            crate::t!("ledger-ending-row"),
            crate::cli::ledger::ending_line(ending),
        ]);
    }
    if let Some(p) = people {
        let who = [p.author, p.nickname, p.email]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        table.add_row(vec![crate::t!("sugg-show-personal-data"), who]);
    }
    output::print_record(&table)
}

/// How an axis came to a suggestion (`source`, `rule`, `person`), for people.
fn axis_origin(origin: &str) -> String {
    match origin {
        "source" => crate::t!("sugg-show-axis-origin-source"),
        "rule" => crate::t!("sugg-show-axis-origin-rule"),
        "person" => crate::t!("sugg-show-axis-origin-person"),
        other => other.to_string(),
    }
}

/// The fields of a suggestion, as `show` lists them: the glossary's labels for stakeholder
/// type, channel and outcome (the JSON keeps the codes).
fn fields(detail: &store::Detail) -> Vec<(String, String)> {
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
                axis_origin(&a.origin),
                a.detail
                    .as_deref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let yes = || crate::t!("sugg-show-yes");
    let no = || crate::t!("sugg-show-no");
    vec![
        (crate::t!("sugg-show-number"), s.id.to_string()),
        (crate::t!("sugg-show-reference"), s.reference.clone()),
        (crate::t!("sugg-show-cycle"), s.triennium.clone()),
        (crate::t!("sugg-show-title"), s.title.clone()),
        (
            crate::t!("sugg-show-published-title"),
            detail
                .public_title
                .clone()
                .unwrap_or_else(|| crate::t!("sugg-show-title-above")),
        ),
        (crate::t!("sugg-show-body"), s.body.clone()),
        (
            crate::t!("sugg-show-stakeholder"),
            Stakeholder::from_code(&s.stakeholder)
                .map(|x| x.label().to_string())
                .unwrap_or_else(|| s.stakeholder.clone()),
        ),
        (
            crate::t!("sugg-show-channel"),
            Channel::from_code(&s.channel)
                .map(|x| x.label().to_string())
                .unwrap_or_else(|| s.channel.clone()),
        ),
        (
            crate::t!("sugg-show-submitted"),
            s.submitted_at.as_deref().map(time).unwrap_or_default(),
        ),
        (crate::t!("sugg-show-axes"), axes),
        (
            crate::t!("sugg-show-source-state"),
            s.source_state.clone().unwrap_or_default(),
        ),
        (
            crate::t!("sugg-show-withdrawn"),
            if s.withdrawn {
                detail.withdrawn_at.as_deref().map(time).unwrap_or_else(yes)
            } else {
                no()
            },
        ),
        (
            crate::t!("sugg-show-supports"),
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
        (
            crate::t!("sugg-show-url"),
            detail.url.clone().unwrap_or_default(),
        ),
        (
            crate::t!("sugg-show-decidim-id"),
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
            crate::t!("sugg-show-amendment"),
            if detail.is_amend {
                match (&detail.amends_ref, &detail.amends) {
                    (Some(r), _) => crate::t!("sugg-show-amendment-of", of = r.as_str()),
                    (None, Some(a)) => crate::t!("sugg-show-amendment-of", of = a.to_string()),
                    (None, None) => yes(),
                }
            } else {
                no()
            },
        ),
        (
            crate::t!("sugg-show-outcome"),
            s.outcome
                .as_deref()
                .map(outcome_label)
                .unwrap_or_else(|| crate::t!("sugg-show-no-response")),
        ),
        (crate::t!("sugg-show-cards"), s.cards.join(", ")),
        (
            crate::t!("sugg-show-imported-from"),
            crate::t!(
                "sugg-show-imported-from-value",
                file = detail.file.as_str(),
                line = detail.line.to_string(),
                batch = s.batch.to_string()
            ),
        ),
    ]
}

pub(crate) fn batches(globals: &Globals, args: BatchesArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let list = store::batches(db.conn())?;
    match args.format {
        TableOrJson::Json => output::print_json(&list),
        TableOrJson::Table => {
            let header = [
                crate::t!("sugg-batches-col-batch"),
                crate::t!("sugg-batches-col-cycle"),
                crate::t!("sugg-batches-col-file"),
                crate::t!("sugg-batches-col-when"),
                crate::t!("sugg-batches-col-who"),
                crate::t!("sugg-batches-col-format"),
                crate::t!("sugg-batches-col-encoding"),
                crate::t!("sugg-batches-col-read"),
                crate::t!("sugg-batches-col-inserted"),
                crate::t!("sugg-batches-col-updated"),
                crate::t!("sugg-batches-col-unchanged"),
                crate::t!("sugg-batches-col-rejected"),
                "sha256".to_string(),
            ];
            let mut table = output::table(&header.iter().map(String::as_str).collect::<Vec<_>>());
            for b in &list {
                table.add_row(vec![
                    b.id.to_string(),
                    b.triennium.clone(),
                    b.file_name.clone(),
                    time(&b.at),
                    b.user.clone(),
                    format!("{} {}", b.format, b.file_type),
                    b.encoding.clone(),
                    count(b.read),
                    count(b.inserted),
                    count(b.updated),
                    count(b.unchanged),
                    count(b.rejected),
                    b.sha256[..12].to_string(),
                ]);
            }
            output::print_table(&table)?;
            for b in &list {
                for r in &b.rejections {
                    say(crate::t!(
                        "sugg-batches-rejected-row",
                        batch = b.id.to_string(),
                        file = b.file_name.as_str(),
                        line = r.line.to_string(),
                        reason = r.reason.as_str()
                    ));
                }
            }
            Ok(())
        }
    }
}
