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
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
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
    }
}

fn add(globals: &Globals, args: AddArgs) -> Result<()> {
    let patch = args.fields.into_patch();
    let base = Card::new(&args.code, &args.title, args.axis, args.status);
    let card = patch.apply(&base);
    let mut db = Db::open(&globals.db)?;
    cards::add(&mut db, &card)?;
    say(format!(
        "added card {} – {} ({}, {})",
        card.code,
        card.title,
        card.axis.label(),
        card.status.label()
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
                say("no cards");
                return Ok(());
            }
            let mut table = output::table(&[
                "code", "title", "axis", "status", "office", "timing", "budget",
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
            output::print_table(&table)?;
            say(format!("{} card(s)", list.len()));
            Ok(())
        }
    }
}

fn timing(card: &Card) -> String {
    match (card.start, card.end) {
        (Some(s), Some(e)) => format!("{s} → {e}"),
        (Some(s), None) => format!("da {s}"),
        (None, Some(e)) => format!("entro {e}"),
        (None, None) => String::new(),
    }
}

fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let card = store::require(db.conn(), &args.code)?;
    let history = store::history(db.conn(), &args.code)?;
    let linked = crate::cards::linked_suggestions(db.conn(), &args.code)?;
    let linked_list = crate::storage::tags::linked_to_card(db.conn(), &args.code)?;
    match args.format {
        ShowFormat::Json => {
            let mut value = serde_json::to_value(&card)?;
            value["history"] = serde_json::to_value(&history)?;
            value["linked_suggestions"] = linked.into();
            value["linked"] = serde_json::to_value(&linked_list)?;
            output::print_json(&value)
        }
        ShowFormat::Table => {
            let mut table = output::table(&["field", "value"]);
            let rows: Vec<(&str, String)> = vec![
                ("code", card.code.clone()),
                ("title", card.title.clone()),
                ("axis", card.axis.label().to_string()),
                ("status", card.status.label().to_string()),
                ("description", card.description.clone()),
                ("objectives", card.objectives.clone()),
                ("office", card.office.clone()),
                ("partners", card.partners.clone()),
                ("timing", timing(&card)),
                ("budget", card.budget.map(format_euro).unwrap_or_default()),
                ("funding", card.funding.clone()),
                ("AGID references", card.agid_refs.join("\n")),
                ("indicators", card.indicators.join("\n")),
                ("linked suggestions", linked.to_string()),
            ];
            for (k, v) in rows {
                table.add_row(vec![k.to_string(), v]);
            }
            output::print_record(&table)?;
            let mut h = output::table(&["when", "cycle", "who", "change", "note"]);
            for e in &history {
                let change = if e.field == "created" {
                    format!("created ({})", e.new_value.clone().unwrap_or_default())
                } else {
                    format!(
                        "{}: {} → {}",
                        e.field,
                        show_value(&e.old_value),
                        show_value(&e.new_value)
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
            output::print("\nHistory\n")?;
            output::print_table(&h)?;
            if !linked_list.is_empty() {
                let mut l = output::table(&["ref", "title", "outcome"]);
                for s in &linked_list {
                    l.add_row(vec![
                        s.reference.clone(),
                        truncate(&s.title, 60),
                        s.outcome
                            .as_deref()
                            .and_then(crate::domain::Outcome::from_code)
                            .map(|o| o.label().to_string())
                            .unwrap_or_else(|| "no response yet".into()),
                    ]);
                }
                output::print("\nLinked suggestions\n")?;
                output::print_table(&l)?;
            }
            Ok(())
        }
    }
}

fn show_value(v: &Option<String>) -> String {
    match v.as_deref() {
        None | Some("") => "(vuoto)".into(),
        Some(s) => truncate(s, 50),
    }
}

fn edit(globals: &Globals, args: EditArgs) -> Result<()> {
    let mut patch = args.fields.into_patch();
    patch.title = args.title.map(|t| t.trim().to_string());
    patch.axis = args.axis;
    patch.status = args.status;
    if patch.is_empty() {
        return Err(crate::error::usage(
            "nothing to change: give at least one field, e.g. --title or --office",
        )
        .into());
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
        say(format!("card {code}: nothing changed"));
    } else {
        say(format!("card {code}: {}", cards::describe_changes(changes)));
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
        &format!("remove card {} – {}?", card.code, card.title),
    )? {
        say("nothing removed");
        return Err(crate::error::refused("cancelled: the card was not removed").into());
    }
    cards::remove(&mut db, &args.code)?;
    say(format!("removed card {}", args.code));
    Ok(())
}

fn import(globals: &Globals, args: ImportArgs) -> Result<()> {
    let options = args.csv.options();
    let mut db = Db::open(&globals.db)?;
    let summary = cards::import(&mut db, &args.file, options, args.dry_run)?;
    match Format::from(args.format) {
        Format::Json => output::print_json_run(&summary, args.dry_run)?,
        _ => {
            let verb = if args.dry_run { "would be" } else { "" };
            say(format!(
                "{}: {} card(s) read; {} {verb} created, {} {verb} updated, {} unchanged{}",
                args.file,
                summary.read,
                summary.created,
                summary.updated,
                summary.unchanged,
                if args.dry_run {
                    " (dry run: nothing written)"
                } else {
                    ""
                }
            )
            .replace("  ", " "));
        }
    }
    Ok(())
}

fn export(globals: &Globals, args: ExportArgs) -> Result<()> {
    let db = Db::open(&globals.db)?;
    let list = store::list(db.conn(), &store::Filter::default())?;
    let mut buffer = Vec::new();
    match args.format {
        ExportFormat::Csv => cards::export_csv(&list, &mut buffer)?,
        ExportFormat::Json => {
            buffer = serde_json::to_vec_pretty(&list)?;
            buffer.push(b'\n');
        }
    }
    match args.out {
        Some(path) => {
            crate::outfile::ensure_not_a_database(&path, &globals.db)?;
            crate::outfile::write_whole(&path, &buffer)?;
            say(format!(
                "{} card(s) written to {}",
                list.len(),
                path.display()
            ));
            Ok(())
        }
        None => output::print(&String::from_utf8_lossy(&buffer)),
    }
}
