//! `agenda card …`

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::Cell;

use super::args::{self, CsvArgs, OrEmpty};
use super::output::{self, say, Format};
use super::Globals;
use crate::cards::{self, CardPatch};
use crate::domain::card::{format_euro, YearMonth};
use crate::domain::{Axis, Card, CardStatus, Term};
use crate::storage::{cards as store, Db};
use crate::text::truncate;

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Add a project card.
    Add(AddArgs),
    /// List the cards, axis by axis.
    List(ListArgs),
    /// Show one card with its history.
    Show(ShowArgs),
    /// Change some fields of a card; the old values stay in its history.
    Edit(EditArgs),
    /// Change the status of a card, with a note.
    Status(StatusArgs),
    /// Remove a card (refused when suggestions are linked to it).
    Remove(RemoveArgs),
    /// Create or update cards from a CSV file, by code; all or nothing.
    Import(ImportArgs),
    /// Write every card as CSV or JSON (the CSV reads back with `card import`).
    Export(ExportArgs),
    /// Record how far a card is (0–100 %), dated, with a note.
    Progress(super::ledger::ProgressArgs),
    /// The milestones of the cards: add, list, edit, done, remove.
    #[command(subcommand)]
    Milestone(super::ledger::MilestoneCommand),
    /// An indicator's figures: unit, baseline, target, and a measured value.
    Indicator(super::ledger::IndicatorArgs),
    /// Read a Decidim Accountability results export: result ids, statuses, progress.
    ImportResults(super::ledger::ImportResultsArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// A unique code that will stand for this card forever (e.g. SEM-01).
    #[arg(long)]
    code: String,
    #[arg(long)]
    title: String,
    /// The axis: a code (nuovi-servizi) or its Italian name ("Nuovi servizi").
    #[arg(long, value_parser = args::term::<Axis>)]
    axis: Axis,
    /// in-corso, programmata, breve-termine, pianificata, conclusa, sospesa (or the Italian names).
    #[arg(long, value_parser = args::term::<CardStatus>)]
    status: CardStatus,
    #[command(flatten)]
    fields: FieldArgs,
}

/// The optional fields shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct FieldArgs {
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    objectives: Option<String>,
    /// The office in charge (e.g. "Servizio Sistema Informativo").
    #[arg(long)]
    office: Option<String>,
    #[arg(long)]
    partners: Option<String>,
    /// Start month, YYYY-MM ("" clears it on edit).
    #[arg(long, value_name = "YYYY-MM", value_parser = args::month_or_empty)]
    start: Option<OrEmpty<YearMonth>>,
    /// End month, YYYY-MM ("" clears it on edit).
    #[arg(long, value_name = "YYYY-MM", value_parser = args::month_or_empty)]
    end: Option<OrEmpty<YearMonth>>,
    /// Budget in euro: 120000, 120000.50 or 120.000,50 ("" clears it on edit).
    #[arg(long, value_name = "EUR", value_parser = args::budget_or_empty)]
    budget: Option<OrEmpty<i64>>,
    /// Funding source, free text (e.g. "PNRR Misura 1.4.1").
    #[arg(long)]
    funding: Option<String>,
    /// A reference to the AGID Piano Triennale, with its edition (repeat for more).
    #[arg(long = "agid-ref", value_name = "TEXT")]
    agid_refs: Vec<String>,
    /// An indicator of progress (repeat for more).
    #[arg(long = "indicator", value_name = "TEXT")]
    indicators: Vec<String>,
}

impl FieldArgs {
    fn into_patch(self) -> CardPatch {
        let list = |v: Vec<String>| -> Option<Vec<String>> {
            if v.is_empty() {
                None
            } else {
                Some(
                    v.into_iter()
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
        };
        CardPatch {
            description: self.description,
            objectives: self.objectives,
            office: self.office,
            partners: self.partners,
            start: self.start.map(|m| m.0),
            end: self.end.map(|m| m.0),
            budget: self.budget.map(|b| b.0),
            funding: self.funding,
            agid_refs: list(self.agid_refs),
            indicators: list(self.indicators),
            ..CardPatch::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_parser = args::term::<Axis>)]
    axis: Option<Axis>,
    #[arg(long, value_parser = args::term::<CardStatus>)]
    status: Option<CardStatus>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    code: String,
    #[arg(long, value_enum, default_value = "table")]
    format: ShowFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ShowFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    code: String,
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_parser = args::term::<Axis>)]
    axis: Option<Axis>,
    #[arg(long, value_parser = args::term::<CardStatus>)]
    status: Option<CardStatus>,
    #[command(flatten)]
    fields: FieldArgs,
    /// Why the card changed; kept in its history.
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    code: String,
    #[arg(value_parser = args::term::<CardStatus>)]
    status: CardStatus,
    /// Why the status changed; kept in the card's history.
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    code: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file (`-` for standard input).
    file: String,
    /// Report what would change and write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    csv: CsvArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: output::TableOrJson,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// With decidim-accountability: the Accountability component the file is for.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// With decidim-accountability: the organisation's default locale on Decidim.
    #[arg(long, value_name = "LOCALE", default_value = "it")]
    locale: String,
    /// With decidim-accountability: only the cards whose result on Decidim is known.
    #[arg(long)]
    only_known: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
    /// The file Decidim's Accountability importer takes.
    DecidimAccountability,
}

pub fn run(globals: &Globals, command: CardCommand) -> Result<()> {
    match command {
        CardCommand::Add(args) => add(globals, args),
        CardCommand::List(args) => list(globals, args),
        CardCommand::Show(args) => show(globals, args),
        CardCommand::Edit(args) => edit(globals, args),
        CardCommand::Status(args) => status(globals, args),
        CardCommand::Remove(args) => remove(globals, args),
        CardCommand::Import(args) => import(globals, args),
        CardCommand::Export(args) => export(globals, args),
        CardCommand::ImportResults(args) => super::ledger::import_results(globals, args),
        CardCommand::Progress(args) => super::ledger::progress(globals, args),
        CardCommand::Milestone(command) => super::ledger::milestone(globals, command),
        CardCommand::Indicator(args) => super::ledger::indicator(globals, args),
    }
}

fn add(globals: &Globals, args: AddArgs) -> Result<()> {
    let patch = args.fields.into_patch();
    let base = Card::new(&args.code, &args.title, args.axis, args.status);
    let card = patch.apply(&base);
    let mut db = Db::open(&globals.db)?;
    cards::add(&mut db, &card)?;
    say(crate::t!(
        "cli-msg-card-added",
        code = card.code.as_str(),
        title = card.title.as_str(),
        axis = card.axis.label(),
        status = card.status.label()
    ));
    Ok(())
}

fn card_row(card: &Card) -> Vec<String> {
    vec![
        card.code.clone(),
        card.title.clone(),
        card.axis.code().to_string(),
        card.status.code().to_string(),
        card.office.clone(),
        card.start.map(|m| m.to_string()).unwrap_or_default(),
        card.end.map(|m| m.to_string()).unwrap_or_default(),
        card.budget
            .map(crate::domain::card::format_budget)
            .unwrap_or_default(),
    ]
}

fn list(globals: &Globals, args: ListArgs) -> Result<()> {
    let filter = store::Filter {
        axis: args.axis,
        status: args.status,
    };
    let db = Db::open(&globals.db)?;
    let list = store::list(db.conn(), &filter)?;
    match args.format {
        Format::Json => output::print_json(&list),
        Format::Csv => output::print_csv(
            &[
                "code", "title", "axis", "status", "office", "start", "end", "budget",
            ],
            list.iter().map(card_row),
        ),
        Format::Table => {
            if list.is_empty() {
                say(crate::t!("cli-msg-card-none"));
                return Ok(());
            }
            let mut table = output::table(&[
                &crate::t!("cli-msg-head-code"),
                &crate::t!("cli-msg-head-title"),
                &crate::t!("cli-msg-head-axis"),
                &crate::t!("cli-msg-head-status"),
                &crate::t!("cli-msg-card-head-office"),
                &crate::t!("cli-msg-card-head-timing"),
                &crate::t!("cli-msg-card-head-budget"),
            ]);
            for card in &list {
                table.add_row(vec![
                    Cell::new(&card.code),
                    Cell::new(truncate(&card.title, 60)),
                    Cell::new(card.axis.label()),
                    Cell::new(card.status.label()),
                    Cell::new(&card.office),
                    Cell::new(timing(card)),
                    Cell::new(card.budget.map(format_euro).unwrap_or_default()),
                ]);
            }
            // On a narrow terminal the office goes first, then the amount, then the dates
            // (`card show` has them all).
            output::print_list(&table, &[4, 6, 5])?;
            say(crate::t!("cli-msg-card-count", count = list.len()));
            Ok(())
        }
    }
}

fn timing(card: &Card) -> String {
    match (card.start, card.end) {
        (Some(s), Some(e)) => crate::t!(
            "cli-msg-card-timing",
            start = s.to_string(),
            end = e.to_string()
        ),
        (Some(s), None) => crate::t!("cli-msg-card-timing-from", start = s.to_string()),
        (None, Some(e)) => crate::t!("cli-msg-card-timing-by", end = e.to_string()),
        (None, None) => String::new(),
    }
}

fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let card = store::require(db.conn(), &args.code)?;
    let history = store::history(db.conn(), &args.code)?;
    let linked = crate::cards::linked_suggestions(db.conn(), &args.code)?;
    let linked_list = crate::storage::tags::linked_to_card(db.conn(), &args.code)?;
    let ledger = crate::ledger::of_card(db.conn(), &card)?;
    match args.format {
        ShowFormat::Json => {
            let mut value = serde_json::to_value(&card)?;
            value["history"] = serde_json::to_value(&history)?;
            value["linked_suggestions"] = linked.into();
            value["linked"] = serde_json::to_value(&linked_list)?;
            let ledger = serde_json::to_value(&ledger)?;
            for key in [
                "progress",
                "progress_history",
                "milestones",
                "indicator_figures",
            ] {
                value[key] = ledger[key].clone();
            }
            output::print_json(&value)
        }
        ShowFormat::Table => {
            let mut table = output::table(&[
                &crate::t!("cli-msg-card-head-field"),
                &crate::t!("cli-msg-card-head-value"),
            ]);
            let rows: Vec<(String, String)> = vec![
                (crate::t!("cli-msg-head-code"), card.code.clone()),
                (crate::t!("cli-msg-head-title"), card.title.clone()),
                (
                    crate::t!("cli-msg-head-axis"),
                    card.axis.label().to_string(),
                ),
                (
                    crate::t!("cli-msg-head-status"),
                    card.status.label().to_string(),
                ),
                (
                    crate::t!("cli-msg-head-description"),
                    card.description.clone(),
                ),
                (
                    crate::t!("cli-msg-card-row-objectives"),
                    card.objectives.clone(),
                ),
                (crate::t!("cli-msg-card-head-office"), card.office.clone()),
                (
                    crate::t!("cli-msg-card-row-partners"),
                    card.partners.clone(),
                ),
                (crate::t!("cli-msg-card-head-timing"), timing(&card)),
                (
                    crate::t!("cli-msg-card-head-budget"),
                    card.budget.map(format_euro).unwrap_or_default(),
                ),
                (crate::t!("cli-msg-card-row-funding"), card.funding.clone()),
                (
                    crate::t!("cli-msg-card-row-agid"),
                    card.agid_refs.join("\n"),
                ),
                (
                    crate::t!("cli-msg-card-row-indicators"),
                    ledger
                        .indicator_figures
                        .iter()
                        .filter(|i| i.on_card)
                        .map(super::ledger::indicator_line)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                (
                    crate::t!("cli-msg-card-row-linked"),
                    crate::i18n::numbers::count(linked),
                ),
                (
                    crate::t!("ledger-row-progress"),
                    match &ledger.progress {
                        Some(p) => crate::t!(
                            "ledger-progress-shown",
                            percent = p.percent,
                            date = p.date.as_str()
                        ),
                        None => crate::t!("ledger-progress-none"),
                    },
                ),
            ];
            for (k, v) in rows {
                table.add_row(vec![k, v]);
            }
            output::print_record(&table)?;
            let mut h = output::table(&[
                &crate::t!("cli-msg-head-when"),
                &crate::t!("cli-msg-row-cycle"),
                &crate::t!("cli-msg-head-who"),
                &crate::t!("cli-msg-card-head-change"),
                &crate::t!("cli-msg-head-note"),
            ]);
            for e in &history {
                let change = if e.field == "created" {
                    crate::t!(
                        "cli-msg-card-created",
                        what = created_value(e.new_value.as_deref().unwrap_or_default())
                    )
                } else {
                    crate::t!(
                        "cli-msg-card-change",
                        field = crate::t!("cli-msg-card-field", field = e.field.as_str()),
                        before = show_value(&e.field, &e.old_value),
                        after = show_value(&e.field, &e.new_value)
                    )
                };
                h.add_row(vec![
                    e.at.clone(),
                    e.triennium.clone().unwrap_or_default(),
                    e.user.clone(),
                    change,
                    e.note.clone().unwrap_or_default(),
                ]);
            }
            output::print(&format!("\n{}\n", crate::t!("cli-msg-card-history")))?;
            output::print_table(&h)?;
            if !ledger.milestones.is_empty() {
                let today = crate::context::today();
                let mut m = output::table(&[
                    "#",
                    &crate::t!("ledger-head-date"),
                    &crate::t!("ledger-head-milestone"),
                    &crate::t!("ledger-head-state"),
                ]);
                for milestone in &ledger.milestones {
                    m.add_row(vec![
                        milestone.id.to_string(),
                        crate::i18n::iso_date(&milestone.date),
                        milestone.title.clone(),
                        super::ledger::state_label(milestone, &today),
                    ]);
                }
                output::print(&format!("\n{}\n", crate::t!("ledger-milestones")))?;
                output::print_table(&m)?;
            }
            if !linked_list.is_empty() {
                let mut l = output::table(&[
                    &crate::t!("cli-msg-head-ref"),
                    &crate::t!("cli-msg-head-title"),
                    &crate::t!("cli-msg-head-outcome"),
                ]);
                for s in &linked_list {
                    l.add_row(vec![
                        s.reference.clone(),
                        truncate(&s.title, 60),
                        s.outcome
                            .as_deref()
                            .and_then(crate::domain::Outcome::from_code)
                            .map(|o| o.label().to_string())
                            .unwrap_or_else(|| crate::t!("cli-msg-card-no-response")),
                    ]);
                }
                output::print(&format!("\n{}\n", crate::t!("cli-msg-card-linked")))?;
                output::print_table(&l)?;
            }
            Ok(())
        }
    }
}

/// A value of the history as people read it: the glossary's label for an axis or a status, an
/// amount in euro, the text (shortened) for the rest.
fn show_value(field: &str, v: &Option<String>) -> String {
    match v.as_deref() {
        None | Some("") => crate::t!("cli-msg-card-empty"),
        Some(s) => match field {
            "axis" => Axis::from_code(s).map(|a| a.label().to_string()),
            "status" => CardStatus::from_code(s).map(|c| c.label().to_string()),
            "budget" => crate::domain::card::parse_budget(s).ok().map(format_euro),
            _ => None,
        }
        .unwrap_or_else(|| truncate(s, 50)),
    }
}

/// What the history keeps of a new card, "nuovi-servizi – in-corso", with the glossary's labels.
fn created_value(stored: &str) -> String {
    match stored.split_once(" – ") {
        Some((axis, status)) => format!(
            "{} – {}",
            Axis::from_code(axis).map(|a| a.label()).unwrap_or(axis),
            CardStatus::from_code(status)
                .map(|s| s.label())
                .unwrap_or(status)
        ),
        None => stored.to_string(),
    }
}

fn edit(globals: &Globals, args: EditArgs) -> Result<()> {
    let mut patch = args.fields.into_patch();
    patch.title = args.title.map(|t| t.trim().to_string());
    patch.axis = args.axis;
    patch.status = args.status;
    if patch.is_empty() {
        return Err(crate::error::usage(crate::t!("cli-msg-card-edit-nothing")).into());
    }
    let mut db = Db::open(&globals.db)?;
    let changes = cards::edit(
        &mut db,
        &args.code,
        &patch,
        args.note.as_deref(),
        "card.edit",
    )?;
    report_changes(&args.code, &changes);
    Ok(())
}

fn report_changes(code: &str, changes: &[crate::domain::card::FieldChange]) {
    if changes.is_empty() {
        say(crate::t!("cli-msg-card-unchanged", code = code));
    } else {
        // For people: the field's name and its values as `card show` writes them (the audit log
        // keeps `describe_changes`, the codes).
        let shown = changes
            .iter()
            .map(|c| {
                let value = |v: &str| show_value(c.field, &Some(v.to_string()));
                format!(
                    "{}: \"{}\" → \"{}\"",
                    crate::t!("cli-msg-card-field", field = c.field),
                    value(&c.before),
                    value(&c.after)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        say(crate::t!(
            "cli-msg-card-changed",
            code = code,
            changes = shown
        ));
    }
}

fn status(globals: &Globals, args: StatusArgs) -> Result<()> {
    let patch = CardPatch {
        status: Some(args.status),
        ..CardPatch::default()
    };
    let mut db = Db::open(&globals.db)?;
    let changes = cards::edit(
        &mut db,
        &args.code,
        &patch,
        args.note.as_deref(),
        "card.status",
    )?;
    report_changes(&args.code, &changes);
    Ok(())
}

fn remove(globals: &Globals, args: RemoveArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let card = cards::check_removable(db.conn(), &args.code)?;
    if !super::confirm(
        globals,
        &crate::t!(
            "cli-msg-card-remove-question",
            code = card.code.as_str(),
            title = card.title.as_str()
        ),
    )? {
        say(crate::t!("cli-msg-card-remove-nothing"));
        return Err(crate::error::refused(crate::t!("cli-msg-card-remove-cancelled")).into());
    }
    cards::remove(&mut db, &args.code)?;
    say(crate::t!("cli-msg-card-removed", code = args.code.as_str()));
    Ok(())
}

fn import(globals: &Globals, args: ImportArgs) -> Result<()> {
    let options = args.csv.options();
    let mut db = Db::open(&globals.db)?;
    let summary = cards::import(&mut db, &args.file, options, args.dry_run)?;
    match Format::from(args.format) {
        Format::Json => output::print_json_run(&summary, args.dry_run)?,
        _ => {
            let (file, read) = (args.file.as_str(), summary.read);
            let (created, updated, unchanged) =
                (summary.created, summary.updated, summary.unchanged);
            say(if args.dry_run {
                crate::t!(
                    "cli-msg-card-import-dry-run",
                    file = file,
                    read = read,
                    created = created,
                    updated = updated,
                    unchanged = unchanged
                )
            } else {
                crate::t!(
                    "cli-msg-card-imported",
                    file = file,
                    read = read,
                    created = created,
                    updated = updated,
                    unchanged = unchanged
                )
            });
        }
    }
    Ok(())
}

fn export(globals: &Globals, args: ExportArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    if args.format == ExportFormat::DecidimAccountability {
        let options = crate::ledger::accountability::ExportOptions {
            component: args.component.as_deref(),
            locale: &args.locale,
            only_known: args.only_known,
        };
        return super::ledger::export_results(globals, &db, &options, args.out.as_deref());
    }
    if args.component.is_some() || args.only_known {
        return Err(
            crate::error::usage(crate::t!("cli-msg-card-export-component-needs-decidim")).into(),
        );
    }
    let list = store::list(db.conn(), &store::Filter::default())?;
    let mut buffer = Vec::new();
    match args.format {
        ExportFormat::Csv => cards::export_csv(&list, &mut buffer)?,
        ExportFormat::Json => {
            buffer = serde_json::to_vec_pretty(&list)?;
            buffer.push(b'\n');
        }
        ExportFormat::DecidimAccountability => unreachable!("written above"),
    }
    match args.out {
        Some(path) => {
            crate::outfile::ensure_not_a_database(&path, &globals.db)?;
            crate::outfile::write_whole(&path, &buffer)?;
            say(crate::t!(
                "cli-msg-card-exported",
                count = list.len(),
                path = path.display().to_string()
            ));
            Ok(())
        }
        None => output::print(&String::from_utf8_lossy(&buffer)),
    }
}
