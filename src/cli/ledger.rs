//! `agenda card progress` and `agenda card milestone …`: the implementation ledger of a card.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::args;
use crate::cli::output::{self, say, TableOrJson};
use crate::cli::Globals;
use crate::csvin::Source;
use crate::domain::ledger::{Milestone, MilestoneState, Percent};
use crate::ledger::{self, MilestoneFields};
use crate::storage::Db;

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[arg(required_unless_present = "from", conflicts_with = "from")]
    code: Option<String>,
    #[arg(value_parser = percent, required_unless_present = "from", conflicts_with = "from")]
    percent: Option<Percent>,
    #[arg(long, value_name = "FILE")]
    from: Option<String>,
    #[arg(long, requires = "from")]
    dry_run: bool,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    date: Option<String>,
    #[arg(long)]
    note: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct ImportResultsArgs {
    /// The results export of the component (CSV, `-` for standard input).
    file: String,
    /// The component the file is of, when it has no component/id column.
    #[arg(long, value_name = "ID")]
    component: Option<String>,
    /// Which result stands for a card (SEM-01=70) or what a status means (conclusa=9), or a
    /// file of such lines; repeatable.
    #[arg(long = "map", value_name = "FILE|CARD=ID")]
    maps: Vec<String>,
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    csv: args::CsvArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct IndicatorArgs {
    code: String,
    name: String,
    #[arg(long)]
    unit: Option<String>,
    #[arg(long, value_parser = value)]
    baseline: Option<f64>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date, requires = "baseline")]
    baseline_date: Option<String>,
    #[arg(long, value_parser = value)]
    target: Option<f64>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date, requires = "target")]
    target_date: Option<String>,
    #[arg(long, value_parser = value)]
    measure: Option<f64>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date, requires = "measure")]
    date: Option<String>,
    #[arg(long, requires = "measure")]
    note: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

fn value(input: &str) -> Result<f64, String> {
    crate::domain::ledger::parse_value(input).map_err(|e| e.message)
}

fn percent(value: &str) -> Result<Percent, String> {
    Percent::parse(value).map_err(|e| e.message)
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    Add(AddArgs),
    List(ListArgs),
    Edit(EditArgs),
    Done(DoneArgs),
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    code: String,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    date: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    done: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    code: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    id: i64,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    date: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    description: Option<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    id: i64,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = args::date)]
    date: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    id: i64,
}

pub fn progress(globals: &Globals, args: ProgressArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    if let Some(file) = &args.from {
        return progress_from(globals, &mut db, file, args.dry_run, args.format);
    }
    let (Some(code), Some(percent)) = (&args.code, args.percent) else {
        unreachable!("clap requires CODE and PERCENT without --from");
    };
    let recorded = ledger::record_progress(
        &mut db,
        code,
        percent,
        args.date.as_deref(),
        args.note.as_deref(),
    )?;
    if args.format == TableOrJson::Json {
        output::print_json(&recorded)?;
    } else {
        say(crate::t!(
            "ledger-progress-recorded",
            card = recorded.card.as_str(),
            percent = recorded.percent,
            previous = recorded
                .previous
                .map(|p| p.to_string())
                .unwrap_or_else(|| "–".into()),
            date = recorded.date.as_str()
        ));
    }
    if recorded.offer_conclusa {
        offer_conclusa(globals, &mut db, &recorded.card)?;
    }
    Ok(())
}

pub fn indicator(globals: &Globals, args: IndicatorArgs) -> Result<()> {
    let figure = |value: Option<f64>, date: Option<String>| {
        value.map(|value| crate::domain::ledger::Figure { value, date })
    };
    let update = ledger::IndicatorUpdate {
        unit: args.unit,
        baseline: figure(args.baseline, args.baseline_date),
        target: figure(args.target, args.target_date),
        measure: args.measure.map(|v| (v, args.date, args.note)),
    };
    let mut db = Db::open(&globals.db)?;
    let indicator = ledger::record_indicator(&mut db, &args.code, &args.name, &update)?;
    match args.format {
        TableOrJson::Json => output::print_json(&indicator)?,
        TableOrJson::Table => say(crate::t!(
            "ledger-indicator-recorded",
            card = args.code.as_str(),
            indicator = indicator_line(&indicator)
        )),
    }
    Ok(())
}

/// An indicator with its figures for people: "Accessi mensili: 12.500 accessi (30/06/2022);
/// base 8.000 (31/12/2021); obiettivo 20.000 entro 31/12/2023".
pub(crate) fn indicator_line(i: &crate::domain::ledger::Indicator) -> String {
    let unit = if i.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", i.unit)
    };
    let mut parts = Vec::new();
    match i.last() {
        Some(m) => parts.push(crate::t!(
            "ledger-indicator-last",
            value = m.value,
            unit = unit.as_str(),
            date = crate::i18n::iso_date(&m.date)
        )),
        None => parts.push(crate::t!("ledger-indicator-not-measured")),
    }
    if let Some(b) = &i.baseline {
        parts.push(crate::t!(
            "ledger-indicator-baseline",
            value = b.value,
            date = b
                .date
                .as_deref()
                .map(crate::i18n::iso_date)
                .unwrap_or("none".into())
        ));
    }
    if let Some(t) = &i.target {
        parts.push(crate::t!(
            "ledger-indicator-target",
            value = t.value,
            date = t
                .date
                .as_deref()
                .map(crate::i18n::iso_date)
                .unwrap_or("none".into())
        ));
    }
    format!("{}: {}", i.name, parts.join("; "))
}

/// `card progress --from FILE`: many cards at once, all or nothing; a Decidim results export
/// is read as `card import-results` reads it.
fn progress_from(
    globals: &Globals,
    db: &mut Db,
    file: &str,
    dry_run: bool,
    format: TableOrJson,
) -> Result<()> {
    let source = Source::new(file)?;
    let options = crate::csvin::Options::default();
    let headers = crate::csvin::CsvFile::open(&source, options)?.headers;
    if ledger::accountability::is_results_layout(&headers) {
        if !headers.iter().any(|h| h == "component/id") {
            return Err(crate::error::usage(crate::t!(
                "ledger-results-no-component",
                file = source.name.as_str()
            ))
            .hint(crate::t!("ledger-progress-from-results-hint", file = file))
            .into());
        }
        let options = ledger::accountability::ImportOptions {
            component: None,
            maps: &[],
            dry_run,
            csv: options,
        };
        return results_from(globals, db, &source, &options, format);
    }
    let summary = ledger::progress_file::record_from_file(db, &source, options, dry_run)?;
    if format == TableOrJson::Json {
        return output::print_json_run(&summary, dry_run);
    }
    say(crate::t!(
        "ledger-file-recorded",
        count = summary.recorded,
        file = file,
        dry_run = if dry_run { "yes" } else { "no" }
    ));
    if !summary.at_100.is_empty() {
        say(crate::t!(
            "ledger-file-at-100",
            count = summary.at_100.len(),
            cards = summary.at_100.join(", ")
        ));
    }
    Ok(())
}

/// A card at 100 % is offered `conclusa`: asked on a terminal, `--yes` answers yes, a script
/// without `--yes` gets the command to type.
fn offer_conclusa(globals: &Globals, db: &mut Db, code: &str) -> Result<()> {
    let ask = globals.yes || output::stdin_is_terminal();
    if ask && super::confirm(globals, &crate::t!("ledger-offer-conclusa", card = code))? {
        let patch = crate::cards::CardPatch {
            status: Some(crate::domain::CardStatus::Conclusa),
            ..Default::default()
        };
        let note = crate::t!("ledger-concluded-note");
        crate::cards::edit(db, code, &patch, Some(&note), "card.status")?;
        say(crate::t!("ledger-concluded", card = code));
    } else {
        say(crate::t!("ledger-offer-conclusa-hint", card = code));
    }
    Ok(())
}

pub fn milestone(globals: &Globals, command: MilestoneCommand) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    match command {
        MilestoneCommand::Add(a) => {
            let fields = MilestoneFields {
                date: Some(a.date),
                title: Some(a.title),
                description: a.description,
            };
            let m = ledger::add_milestone(&mut db, &a.code, &fields, a.done)?;
            say(crate::t!(
                "ledger-milestone-added",
                id = m.id,
                card = m.card.as_str(),
                title = m.title.as_str(),
                date = m.date.as_str(),
                reached = if m.done_on.is_some() { "yes" } else { "no" }
            ));
        }
        MilestoneCommand::List(a) => {
            if let Some(code) = &a.code {
                crate::storage::cards::require(db.conn(), code)?;
            }
            let list = crate::storage::ledger::milestones(db.conn(), a.code.as_deref())?;
            match a.format {
                TableOrJson::Json => output::print_json(&with_state(&list))?,
                TableOrJson::Table => print_milestones(&list)?,
            }
        }
        MilestoneCommand::Edit(a) => {
            let fields = MilestoneFields {
                date: a.date,
                title: a.title,
                description: a.description,
            };
            let (m, changed) = ledger::edit_milestone(&mut db, a.id, &fields)?;
            say(if changed {
                crate::t!("ledger-milestone-edited", id = m.id, card = m.card.as_str())
            } else {
                crate::t!("ledger-milestone-unchanged", id = m.id)
            });
        }
        MilestoneCommand::Done(a) => {
            let m = ledger::milestone_done(&mut db, a.id, a.date.as_deref())?;
            say(crate::t!(
                "ledger-milestone-reached",
                id = m.id,
                card = m.card.as_str(),
                title = m.title.as_str(),
                date = m.done_on.as_deref().unwrap_or_default()
            ));
        }
        MilestoneCommand::Remove(a) => {
            let m = ledger::remove_milestone(&mut db, a.id)?;
            say(crate::t!(
                "ledger-milestone-removed",
                id = m.id,
                card = m.card.as_str(),
                title = m.title.as_str()
            ));
        }
    }
    Ok(())
}

/// The milestones for scripts, each with where it stands today.
fn with_state(list: &[Milestone]) -> Vec<serde_json::Value> {
    let today = crate::context::today();
    list.iter()
        .map(|m| {
            let mut v = serde_json::to_value(m).unwrap_or_default();
            v["state"] = serde_json::to_value(m.state(&today)).unwrap_or_default();
            v
        })
        .collect()
}

/// Where a milestone stands, for people: "raggiunta il 03/07/2022", "prevista", "in ritardo".
pub(crate) fn state_label(m: &Milestone, today: &str) -> String {
    match m.state(today) {
        MilestoneState::Reached => crate::t!(
            "ledger-milestone-state-reached",
            date = m.done_on.as_deref().unwrap_or_default()
        ),
        MilestoneState::Planned => crate::t!("ledger-milestone-state-planned"),
        MilestoneState::Late => crate::t!("ledger-milestone-state-late"),
    }
}

fn print_milestones(list: &[Milestone]) -> Result<()> {
    if list.is_empty() {
        say(crate::t!("ledger-milestone-none"));
        return Ok(());
    }
    let today = crate::context::today();
    let mut table = output::table(&[
        "#",
        &crate::t!("ledger-head-card"),
        &crate::t!("ledger-head-date"),
        &crate::t!("ledger-head-milestone"),
        &crate::t!("ledger-head-state"),
    ]);
    for m in list {
        table.add_row(vec![
            m.id.to_string(),
            m.card.clone(),
            crate::i18n::iso_date(&m.date),
            m.title.clone(),
            state_label(m, &today),
        ]);
    }
    output::print_table(&table)?;
    say(crate::t!("ledger-milestone-count", count = list.len()));
    Ok(())
}

/// Where the card of an accepted suggestion stands, for people: "SEM-04 – in corso, 60 %
/// (30/06/2022); ultimo traguardo: App IO attiva (15/02/2022); prossimo: Collaudo (30/06/2023)".
pub(crate) fn ending_line(e: &crate::ledger::Ending) -> String {
    use crate::domain::Term;
    let mut parts = vec![match &e.progress {
        Some(p) => crate::t!(
            "ledger-ending-card",
            card = e.card.as_str(),
            status = e.status.label(),
            percent = p.percent,
            date = crate::i18n::iso_date(&p.date)
        ),
        None => crate::t!(
            "ledger-ending-card-no-progress",
            card = e.card.as_str(),
            status = e.status.label()
        ),
    }];
    if let Some(m) = &e.last_milestone {
        parts.push(crate::t!(
            "ledger-ending-last",
            title = m.title.as_str(),
            date = crate::i18n::iso_date(m.done_on.as_deref().unwrap_or_default())
        ));
    }
    if let Some(m) = &e.next_milestone {
        parts.push(crate::t!(
            "ledger-ending-next",
            title = m.title.as_str(),
            date = crate::i18n::iso_date(&m.date)
        ));
    }
    parts.join("; ")
}

/// `card import-results FILE`: a Decidim Accountability results export read back.
pub fn import_results(globals: &Globals, args: ImportResultsArgs) -> Result<()> {
    let mut db = Db::open(&globals.db)?;
    let source = Source::new(&args.file)?;
    let options = ledger::accountability::ImportOptions {
        component: args.component.as_deref(),
        maps: &args.maps,
        dry_run: args.dry_run,
        csv: args.csv.options(),
    };
    results_from(globals, &mut db, &source, &options, args.format)
}

fn results_from(
    globals: &Globals,
    db: &mut Db,
    source: &Source,
    options: &ledger::accountability::ImportOptions,
    format: TableOrJson,
) -> Result<()> {
    use ledger::accountability::import::Outcome;
    let summary = ledger::accountability::import(db, source, options)?;
    if format == TableOrJson::Json {
        return output::print_json_run(&summary, options.dry_run);
    }
    let dash = || "–".to_string();
    let mut table = output::table(&[
        &crate::t!("ledger-head-line"),
        &crate::t!("ledger-head-result"),
        &crate::t!("ledger-head-card"),
        &crate::t!("ledger-head-matched-by"),
        &crate::t!("ledger-head-progress-change"),
        &crate::t!("ledger-head-outcome"),
    ]);
    let percent = |p: Option<f64>| {
        p.map(|p| crate::t!("ledger-percent", value = p))
            .unwrap_or_else(dash)
    };
    for r in &summary.rows {
        let outcome = match r.outcome {
            Outcome::Recorded => crate::t!("ledger-results-recorded"),
            Outcome::Unchanged => crate::t!("ledger-results-unchanged"),
            Outcome::NoProgress => crate::t!("ledger-results-no-progress"),
            Outcome::Kept => crate::t!("ledger-results-kept"),
            Outcome::NotMatched => crate::t!("ledger-results-not-matched"),
        };
        table.add_row(vec![
            r.line.to_string(),
            r.result_id.clone().unwrap_or_else(dash),
            r.card.clone().unwrap_or_else(dash),
            r.matched_by
                .map(|by| crate::t!("ledger-matched-by", by = by))
                .unwrap_or_else(dash),
            format!(
                "{} → {}",
                percent(r.card_progress.map(f64::from)),
                percent(r.decidim_progress)
            ),
            outcome,
        ]);
    }
    output::print_table(&table)?;
    for r in &summary.rows {
        if let (Some(card), Some(reason)) = (&r.card, &r.reason) {
            say(crate::t!(
                "ledger-results-kept-why",
                line = r.line,
                card = card.as_str(),
                reason = reason.as_str()
            ));
        }
    }
    say(crate::t!(
        "ledger-results-summary",
        file = summary.file.as_str(),
        read = summary.read,
        matched = summary.matched,
        learned = summary.ids_learned,
        recorded = summary.progress_recorded,
        dry_run = if options.dry_run { "yes" } else { "no" }
    ));
    let unmatched: Vec<String> = summary
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::NotMatched)
        .map(|r| r.line.to_string())
        .collect();
    if !unmatched.is_empty() {
        say(crate::t!(
            "ledger-results-unmatched",
            count = unmatched.len(),
            lines = unmatched.join(", ")
        ));
    }
    for s in &summary.statuses {
        let named = s.key.clone().or(s.name.clone()).unwrap_or_default();
        match s.card_status {
            Some(status) => say(crate::t!(
                "ledger-results-status",
                component = s.component.as_str(),
                id = s.status_id.as_str(),
                named = named,
                status = crate::domain::Term::label(status),
                by = s.told_by.unwrap_or("")
            )),
            None => say(crate::t!(
                "ledger-results-status-unknown",
                component = s.component.as_str(),
                id = s.status_id.as_str(),
                named = named
            )),
        }
    }
    if !summary.at_100.is_empty() {
        say(crate::t!(
            "ledger-file-at-100",
            count = summary.at_100.len(),
            cards = summary.at_100.join(", ")
        ));
        if !options.dry_run && summary.at_100.len() == 1 {
            offer_conclusa(globals, db, &summary.at_100[0])?;
        }
    }
    Ok(())
}

/// `card export --format decidim-accountability`: the file on stdout or `--out`, and on stderr
/// what Decidim will do with it that the office should know.
pub fn export_results(
    globals: &Globals,
    db: &Db,
    options: &ledger::accountability::ExportOptions,
    out: Option<&std::path::Path>,
) -> Result<()> {
    let exported = ledger::accountability::export(db.conn(), options)?;
    match out {
        Some(path) => {
            crate::outfile::ensure_not_a_database(path, &globals.db)?;
            crate::outfile::write_whole(path, &exported.bytes)?;
            say(crate::t!(
                "ledger-export-written",
                count = exported.rows,
                path = path.display().to_string(),
                component = exported.component.clone().unwrap_or("none".into())
            ));
        }
        None => output::print(&String::from_utf8_lossy(&exported.bytes))?,
    }
    if !exported.to_create.is_empty() {
        output::warn(crate::t!(
            "ledger-export-to-create",
            count = exported.to_create.len(),
            cards = exported.to_create.join(", ")
        ));
        say(crate::t!("ledger-export-to-create-hint"));
    }
    let mut unknown: Vec<(crate::domain::CardStatus, Vec<&str>)> = Vec::new();
    for s in &exported.status_unknown {
        match unknown.iter_mut().find(|(status, _)| *status == s.status) {
            Some((_, cards)) => cards.push(&s.card),
            None => unknown.push((s.status, vec![&s.card])),
        }
    }
    for (status, cards) in &unknown {
        output::warn(crate::t!(
            "ledger-export-status-unknown",
            status = crate::domain::Term::label(*status),
            count = cards.len(),
            cards = cards.join(", ")
        ));
    }
    if !unknown.is_empty() {
        say(crate::t!("ledger-export-status-hint"));
    }
    if !exported.weights_reset.is_empty() {
        output::warn(crate::t!(
            "ledger-export-weights-reset",
            count = exported.weights_reset.len(),
            cards = exported.weights_reset.join(", ")
        ));
    }
    if !exported.proposals_cut.is_empty() {
        let others: Vec<String> = exported
            .proposals_cut
            .iter()
            .map(|p| format!("{} → {}", p.card, p.proposal_ids[1..].join(", ")))
            .collect();
        output::warn(crate::t!(
            "ledger-export-proposals-cut",
            count = exported.proposals_cut.len(),
            others = others.join("; ")
        ));
    }
    Ok(())
}
