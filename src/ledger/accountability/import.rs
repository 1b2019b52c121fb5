//! `card import-results FILE`: a results export of a Decidim Accountability component read
//! back. Each row is matched to a card — by `--map`, by the result id learned before, by the
//! card code in `external_id` (agenda's own export writes it; Decidim's export never does), or
//! by the title — and from it the tool learns the result's id (and its parent, category and
//! status, written back unchanged by the next export), the component's statuses, and takes the
//! progress. All or nothing: one bad row and nothing is written, every problem as `FILE:LINE`.
//! A row that is no card's result is listed and left alone: a component may hold results the
//! office keeps only on Decidim.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use serde::Serialize;

use super::map::Map;
use super::{is_id, parse_progress, whole};
use crate::context;
use crate::csvin::{CsvFile, Options, Source};
use crate::csvout::unguard_formula;
use crate::domain::ledger::{self as rule, Follows, Percent};
use crate::domain::{CardStatus, Term};
use crate::error::{invalid_input, usage};
use crate::storage::accountability::{self as store, KnownResult, KnownStatus};
use crate::storage::{cards, ledger, Handle};
use crate::text::fold;

pub struct ImportOptions<'a> {
    /// The component the file is of, when it has no `component/id` column (or to check it).
    pub component: Option<&'a str>,
    /// `--map` values: files or `LEFT=ID`.
    pub maps: &'a [String],
    pub dry_run: bool,
    pub csv: Options,
}

/// What an import did (or, rehearsed, would do).
#[derive(Debug, Default, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub components: Vec<String>,
    pub read: u64,
    pub matched: u64,
    /// Cards whose result id was learned or changed.
    pub ids_learned: u64,
    pub progress_recorded: u64,
    pub rows: Vec<RowOutcome>,
    pub statuses: Vec<StatusOutcome>,
    /// Cards the file brings to 100 % that are not `conclusa`: offered to conclude.
    pub at_100: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The progress was taken into the card's ledger.
    Recorded,
    /// The card's progress is already the file's.
    Unchanged,
    /// The row has no progress.
    NoProgress,
    /// The card keeps its own progress (a later figure, or the rule: conclusa, sospesa).
    Kept,
    /// No card stands for this result.
    NotMatched,
}

#[derive(Debug, Serialize)]
pub struct RowOutcome {
    pub line: u64,
    pub result_id: Option<String>,
    pub card: Option<String>,
    /// map, id, external_id or title.
    pub matched_by: Option<&'static str>,
    pub decidim_progress: Option<f64>,
    /// The card's progress before the import.
    pub card_progress: Option<u8>,
    pub outcome: Outcome,
    pub reason: Option<String>,
}

impl RowOutcome {
    /// The row as read, no card yet.
    fn of(line: u64, row: &Row, outcome: Outcome) -> RowOutcome {
        RowOutcome {
            line,
            result_id: row.id.clone(),
            card: None,
            matched_by: None,
            decidim_progress: row.progress,
            card_progress: None,
            outcome,
            reason: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct StatusOutcome {
    pub component: String,
    pub status_id: String,
    pub key: Option<String>,
    pub name: Option<String>,
    pub card_status: Option<CardStatus>,
    /// key, name, map or known: how the card status was told.
    pub told_by: Option<&'static str>,
}

/// The columns of a results file that the tool reads, by position.
struct Columns {
    id: usize,
    external_id: Option<usize>,
    component: Option<usize>,
    parent: Option<usize>,
    category: Option<usize>,
    status_id: Option<usize>,
    status_key: Option<usize>,
    /// status/name/<locale>, Italian first.
    status_names: Vec<usize>,
    /// title/<locale>, Italian first.
    titles: Vec<usize>,
    progress: Option<usize>,
    updated_at: Option<usize>,
    /// The columns written back where the card has nothing to say: `title/<l>`,
    /// `description/<l>`, `start_date`, `end_date`, by name.
    texts: Vec<(String, usize)>,
    count: usize,
}

impl Columns {
    fn of(headers: &[String]) -> Columns {
        let at = |name: &str| headers.iter().position(|h| h == name);
        let localised = |prefix: &str| {
            let mut list: Vec<(bool, usize)> = headers
                .iter()
                .enumerate()
                .filter_map(|(i, h)| {
                    let locale = h.strip_prefix(prefix)?;
                    // title/machine_translations/<l> is a machine's guess: not the result's title.
                    (!locale.contains('/')).then_some((locale != "it", i))
                })
                .collect();
            list.sort();
            list.into_iter().map(|(_, i)| i).collect()
        };
        Columns {
            id: at("id").expect("the layout has an id"),
            external_id: at("external_id"),
            component: at("component/id"),
            parent: at("parent/id"),
            category: at("category/id"),
            status_id: at("status/id"),
            status_key: at("status/key"),
            status_names: localised("status/name/"),
            titles: localised("title/"),
            progress: at("progress"),
            updated_at: at("updated_at"),
            texts: headers
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    let localised = ["title/", "description/"].iter().any(|p| {
                        h.strip_prefix(p)
                            .is_some_and(|l| !l.is_empty() && !l.contains('/'))
                    });
                    localised || *h == "start_date" || *h == "end_date"
                })
                .map(|(i, h)| (h.clone(), i))
                .collect(),
            count: headers.len(),
        }
    }
}

/// A row as read: its cells, unguarded (Decidim's exporter puts `'` before `= + - @`).
#[derive(Debug)]
struct Row {
    id: Option<String>,
    external_id: Option<String>,
    component: Option<String>,
    parent: Option<String>,
    category: Option<String>,
    status_id: Option<String>,
    status_key: Option<String>,
    status_name: Option<String>,
    titles: Vec<String>,
    progress: Option<f64>,
    /// The day Decidim last changed the result (0.30+), which dates the progress taken.
    updated_on: Option<String>,
    /// The text columns' non-empty cells.
    texts: BTreeMap<String, String>,
}

fn read_row(c: &Columns, record: &csv::StringRecord) -> Result<Row, String> {
    if record.len() != c.count {
        return Err(crate::t!(
            "app-fields-mismatch",
            fields = record.len(),
            header = c.count
        ));
    }
    let cell = |i: Option<usize>| {
        i.and_then(|i| record.get(i))
            .map(|v| unguard_formula(v.trim()).to_string())
            .filter(|v| !v.is_empty())
    };
    let id_cell = |i: Option<usize>, what: &str| -> Result<Option<String>, String> {
        match cell(i) {
            Some(v) if !is_id(&v) => Err(crate::t!(
                "ledger-results-id-bad",
                column = what,
                value = v.as_str()
            )),
            v => Ok(v),
        }
    };
    let progress = cell(c.progress).map(|v| parse_progress(&v)).transpose()?;
    let updated_on = match cell(c.updated_at) {
        None => None,
        Some(v) => Some(
            v.get(..10)
                .and_then(crate::text::parse_day)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .ok_or_else(|| crate::t!("ledger-results-updated-bad", value = v.as_str()))?,
        ),
    };
    Ok(Row {
        id: id_cell(Some(c.id), "id")?,
        external_id: cell(c.external_id),
        component: id_cell(c.component, "component/id")?,
        parent: id_cell(c.parent, "parent/id")?,
        category: id_cell(c.category, "category/id")?,
        status_id: id_cell(c.status_id, "status/id")?,
        status_key: cell(c.status_key),
        status_name: c.status_names.iter().find_map(|&i| cell(Some(i))),
        titles: c.titles.iter().filter_map(|&i| cell(Some(i))).collect(),
        progress,
        updated_on,
        texts: c
            .texts
            .iter()
            .filter_map(|(name, i)| Some((name.clone(), cell(Some(*i))?)))
            .collect(),
    })
}

/// The cards by folded title, for matching a row by its title (only a title no other card has).
struct Titles(HashMap<String, Option<String>>);

impl Titles {
    fn of(conn: &Handle) -> Result<Titles> {
        let mut by_title: HashMap<String, Option<String>> = HashMap::new();
        for card in cards::list(conn, &cards::Filter::default())? {
            by_title
                .entry(fold(&card.title))
                .and_modify(|c| *c = None)
                .or_insert(Some(card.code));
        }
        Ok(Titles(by_title))
    }

    fn card(&self, titles: &[String]) -> Option<String> {
        titles
            .iter()
            .find_map(|t| self.0.get(&fold(t)).cloned().flatten())
    }
}

/// What the statuses of a file say, gathered row by row and told at the end.
#[derive(Default)]
struct SeenStatus {
    key: Option<String>,
    name: Option<String>,
}

pub fn import(
    db: &mut crate::storage::Db,
    source: &Source,
    options: &ImportOptions,
) -> Result<ImportSummary> {
    let mut csv = CsvFile::open(source, options.csv)?;
    if !super::is_results_layout(&csv.headers) {
        return Err(invalid_input(crate::t!(
            "ledger-results-not-results",
            at = csv.at(csv.header_at),
            columns = crate::csvin::header_list(&csv.headers)
        ))
        .hint(crate::t!("ledger-results-not-results-hint"))
        .into());
    }
    let columns = Columns::of(&csv.headers);
    if columns.component.is_none() && options.component.is_none() {
        return Err(usage(crate::t!(
            "ledger-results-no-component",
            file = csv.name.as_str()
        ))
        .hint(crate::t!("ledger-results-no-component-hint"))
        .into());
    }
    let mut problems = csv.problems();
    let today = context::today();
    let file_name = source.file_name();
    let mut summary = ImportSummary {
        file: csv.name.clone(),
        ..Default::default()
    };
    db.write_or_rehearse(options.dry_run, |tx| {
        let cycle = crate::cards::working_cycle(tx)?;
        let map = Map::read(tx, options.maps)?;
        let titles = Titles::of(tx)?;
        // (component, card) → the line that matched it: a card is one result of a component.
        let mut matched_at: HashMap<(String, String), u64> = HashMap::new();
        let mut seen: BTreeMap<(String, String), SeenStatus> = BTreeMap::new();
        let mut record = csv::StringRecord::new();
        while let Some(line) = csv.next_record(&mut record)? {
            summary.read += 1;
            let row = match read_row(&columns, &record) {
                Ok(row) => row,
                Err(problem) => {
                    problems.add(line, problem);
                    continue;
                }
            };
            let component = match (&row.component, options.component) {
                (Some(c), Some(given)) if c != given => {
                    problems.add(
                        line,
                        crate::t!(
                            "ledger-results-other-component",
                            row = c.as_str(),
                            given = given
                        ),
                    );
                    continue;
                }
                (Some(c), _) => c.clone(),
                (None, Some(given)) => given.to_string(),
                (None, None) => {
                    problems.add(line, crate::t!("ledger-results-row-no-component"));
                    continue;
                }
            };
            if !summary.components.contains(&component) {
                summary.components.push(component.clone());
            }
            let found = match matched_card(tx, &map, &titles, &component, &row)? {
                Ok(found) => found,
                Err(problem) => {
                    problems.add(line, problem);
                    continue;
                }
            };
            if let Some(status_id) = &row.status_id {
                let s = seen
                    .entry((component.clone(), status_id.clone()))
                    .or_default();
                s.key = s.key.take().or(row.status_key.clone());
                s.name = s.name.take().or(row.status_name.clone());
            }
            let Some((code, matched_by)) = found else {
                summary
                    .rows
                    .push(RowOutcome::of(line, &row, Outcome::NotMatched));
                continue;
            };
            if let Some(first) = matched_at.insert((component.clone(), code.clone()), line) {
                problems.add(
                    line,
                    crate::t!(
                        "ledger-results-card-twice",
                        card = code.as_str(),
                        line = first
                    ),
                );
                continue;
            }
            summary.matched += 1;
            let card = cards::require(tx, &code)?;
            let card_id = cards::id_of(tx, &code)?.expect("the card exists");
            let last = ledger::last_progress(tx, card_id)?;
            let mut outcome = RowOutcome {
                card: Some(code.clone()),
                matched_by: Some(matched_by),
                card_progress: last.as_ref().map(|p| p.percent),
                ..RowOutcome::of(line, &row, Outcome::NoProgress)
            };
            if !problems.is_empty() {
                summary.rows.push(outcome);
                continue;
            }
            let before = store::result_of(tx, card_id, &component)?;
            if let Some(result_id) = &row.id {
                let same = before.as_ref().filter(|b| b.result_id == *result_id);
                // A column the file does not have leaves what was read before as it was.
                let kept = |present: bool, read: &Option<String>, old: Option<&Option<String>>| {
                    if present {
                        read.clone()
                    } else {
                        old.cloned().flatten()
                    }
                };
                let mut texts = same.map(|b| b.texts.clone()).unwrap_or_default();
                for (name, _) in &columns.texts {
                    texts.remove(name);
                }
                texts.extend(row.texts.clone());
                let known = KnownResult {
                    result_id: result_id.clone(),
                    parent_id: kept(
                        columns.parent.is_some(),
                        &row.parent,
                        same.map(|b| &b.parent_id),
                    ),
                    category_id: kept(
                        columns.category.is_some(),
                        &row.category,
                        same.map(|b| &b.category_id),
                    ),
                    status_id: kept(
                        columns.status_id.is_some(),
                        &row.status_id,
                        same.map(|b| &b.status_id),
                    ),
                    progress: if columns.progress.is_some() {
                        row.progress
                    } else {
                        same.and_then(|b| b.progress)
                    },
                    texts,
                };
                if same.is_none() {
                    summary.ids_learned += 1;
                }
                if same != Some(&known) {
                    store::learn_result(tx, card_id, &component, &known)?;
                }
            }
            if let Some(progress) = row.progress {
                let percent = whole(progress);
                let date = row
                    .updated_on
                    .clone()
                    .filter(|d| *d <= today)
                    .unwrap_or_else(|| today.clone());
                // Without updated_at (Decidim up to 0.29) the export does not say when its figure
                // was set: it is taken when the card has none, or when Decidim moved since it was
                // last read; else the card's own figure may be the newer one.
                let decidim_moved = before
                    .as_ref()
                    .filter(|b| Some(&b.result_id) == row.id.as_ref())
                    .and_then(|b| b.progress)
                    .is_some_and(|read| whole(read) != percent);
                outcome.outcome = if last.as_ref().map(|p| p.percent) == Some(percent) {
                    Outcome::Unchanged
                } else if row.updated_on.is_none() && last.is_some() && !decidim_moved {
                    outcome.reason = Some(crate::t!(
                        "ledger-results-kept-undated",
                        percent = last.as_ref().map(|p| p.percent).unwrap_or(0),
                        date = last.as_ref().map(|p| p.date.clone()).unwrap_or_default()
                    ));
                    Outcome::Kept
                } else if let Some(newer) = last.as_ref().filter(|p| p.date > date) {
                    outcome.reason = Some(crate::t!(
                        "ledger-results-kept-newer",
                        percent = newer.percent,
                        date = newer.date.as_str()
                    ));
                    Outcome::Kept
                } else {
                    match rule::progress_allowed(
                        &code,
                        card.status,
                        last.as_ref().map(|p| p.percent),
                        Percent::new(percent).expect("0–100"),
                    ) {
                        Err(refusal) => {
                            outcome.reason = Some(refusal.message);
                            Outcome::Kept
                        }
                        Ok(follows) => {
                            let note = crate::t!(
                                "ledger-results-note",
                                component = component.as_str(),
                                id = row.id.clone().unwrap_or_default()
                            );
                            ledger::insert_progress(
                                tx,
                                card_id,
                                cycle.id,
                                percent,
                                &date,
                                Some(&note),
                            )?;
                            summary.progress_recorded += 1;
                            if follows == Follows::OfferConclusa && !summary.at_100.contains(&code)
                            {
                                summary.at_100.push(code.clone());
                            }
                            Outcome::Recorded
                        }
                    }
                };
            }
            summary.rows.push(outcome);
        }
        if summary.read == 0 {
            return Err(
                invalid_input(crate::t!("app-card-file-empty", file = csv.name.as_str())).into(),
            );
        }
        problems.fail_if_any()?;
        // Results the office named with --map that the file does not carry: learned as said.
        for (result_id, code) in &map.results {
            let carried = summary
                .rows
                .iter()
                .any(|r| r.result_id.as_ref() == Some(result_id));
            if carried || summary.components.len() != 1 {
                continue;
            }
            let component = &summary.components[0];
            let card_id = cards::id_of(tx, code)?.expect("a mapped card exists");
            let before = store::result_of(tx, card_id, component)?;
            if before.as_ref().map(|b| &b.result_id) != Some(result_id) {
                store::learn_result(
                    tx,
                    card_id,
                    component,
                    &KnownResult {
                        result_id: result_id.clone(),
                        ..Default::default()
                    },
                )?;
                summary.ids_learned += 1;
            }
        }
        if let [component] = summary.components.as_slice() {
            for status_id in map.statuses.keys() {
                seen.entry((component.clone(), status_id.clone()))
                    .or_default();
            }
        }
        summary.statuses = learn_statuses(tx, &map, seen)?;
        if summary.ids_learned > 0 || summary.progress_recorded > 0 {
            tx.audit(
                "card.import-results",
                None,
                &format!(
                    "{} result ids learned, {} progress from {file_name}",
                    summary.ids_learned, summary.progress_recorded
                ),
            )?;
        }
        Ok(())
    })?;
    Ok(summary)
}

/// The card a row is the result of, and how it was told; `Ok(None)` when it is no card's;
/// the inner error is the row's problem.
fn matched_card(
    tx: &Handle,
    map: &Map,
    titles: &Titles,
    component: &str,
    row: &Row,
) -> Result<Result<Option<(String, &'static str)>, String>> {
    if let Some(code) = row.id.as_ref().and_then(|id| map.results.get(id)) {
        return Ok(Ok(Some((code.clone(), "map"))));
    }
    // A card --map gives another result is that result only: it matches no other row.
    let free = |code: &String| !map.results.values().any(|mapped| mapped == code);
    let learned = match &row.id {
        Some(id) => store::card_of(tx, component, id)?
            .map(|(_, code)| code)
            .filter(free),
        None => None,
    };
    let by_code = match &row.external_id {
        Some(code) => cards::get_as_written(tx, code)?
            .map(|c| c.code)
            .filter(free),
        None => None,
    };
    match (learned, by_code) {
        (Some(learned), Some(by_code)) if learned != by_code => Ok(Err(crate::t!(
            "ledger-results-conflict",
            id = row.id.clone().unwrap_or_default(),
            learned = learned.as_str(),
            code = by_code.as_str()
        ))),
        (Some(learned), _) => Ok(Ok(Some((learned, "id")))),
        (None, Some(by_code)) => Ok(Ok(Some((by_code, "external_id")))),
        (None, None) => {
            let Some(code) = titles.card(&row.titles).filter(free) else {
                return Ok(Ok(None));
            };
            // A card that is already another result of the component is not this one: two
            // results with one title are a result and its part, or a copy.
            let card_id = cards::id_of(tx, &code)?.expect("the card exists");
            match store::result_of(tx, card_id, component)? {
                Some(known) if Some(&known.result_id) != row.id.as_ref() => Ok(Ok(None)),
                _ => Ok(Ok(Some((code, "title")))),
            }
        }
    }
}

/// Tells and stores the card status each status of the file means: what --map says, else its
/// key or name read as a card status ("in_corso", "Conclusa", "completed"), else what was
/// known. Never guessed from the cards that carry it: Decidim and the office may disagree on
/// where a project stands, and an unknown status is kept on its results, not replaced.
fn learn_statuses(
    tx: &Handle,
    map: &Map,
    seen: BTreeMap<(String, String), SeenStatus>,
) -> Result<Vec<StatusOutcome>> {
    let mut told = Vec::new();
    for ((component, status_id), s) in seen {
        let known = store::statuses(tx, &component)?
            .into_iter()
            .find(|k| k.status_id == status_id);
        let said = known
            .as_ref()
            .filter(|k| k.told_by.as_deref() == Some("map"))
            .and_then(|k| k.card_status);
        let (card_status, told_by) = if let Some(status) = map.statuses.get(&status_id) {
            (Some(*status), Some("map"))
        } else if let Some(status) = said {
            (Some(status), Some("map"))
        } else if let Some(status) = s.key.as_deref().and_then(CardStatus::find) {
            (Some(status), Some("key"))
        } else if let Some(status) = s.name.as_deref().and_then(CardStatus::find) {
            (Some(status), Some("name"))
        } else if let Some(status) = known.as_ref().and_then(|k| k.card_status) {
            (Some(status), Some("known"))
        } else {
            (None, None)
        };
        let status = KnownStatus {
            status_id: status_id.clone(),
            key: s.key.or(known.as_ref().and_then(|k| k.key.clone())),
            name: s.name.or(known.as_ref().and_then(|k| k.name.clone())),
            card_status,
            told_by: match told_by {
                Some("known") => known.as_ref().and_then(|k| k.told_by.clone()),
                other => other.map(str::to_string),
            },
        };
        if known.as_ref() != Some(&status) {
            store::learn_status(tx, &component, &status)?;
        }
        told.push(StatusOutcome {
            component,
            status_id,
            key: status.key,
            name: status.name,
            card_status: status.card_status,
            told_by,
        });
    }
    Ok(told)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(';').map(str::to_string).collect()
    }

    #[test]
    fn titles_and_status_names_are_read_italian_first() {
        let c = Columns::of(&headers(
            "id;title/en;title/it;title/machine_translations/es;status/id;status/name/en;status/name/it;progress",
        ));
        assert_eq!(c.titles, vec![2, 1]);
        assert_eq!(c.status_names, vec![6, 5]);
        assert_eq!(c.progress, Some(7));
        assert_eq!(c.component, None);
    }

    #[test]
    fn a_row_is_read_as_decidim_wrote_it() {
        let c = Columns::of(&headers(
            "id;parent/id;title/it;status/id;status/key;progress;updated_at;component/id",
        ));
        let record = csv::StringRecord::from(vec![
            "70",
            "",
            "'-Sportello",
            "7",
            "in_corso",
            "46.33",
            "2024-11-18 10:02:11 UTC",
            "16",
        ]);
        let row = read_row(&c, &record).unwrap();
        assert_eq!(row.id.as_deref(), Some("70"));
        assert_eq!(row.parent, None);
        assert_eq!(row.titles, vec!["-Sportello".to_string()]);
        assert_eq!(row.progress, Some(46.33));
        assert_eq!(row.updated_on.as_deref(), Some("2024-11-18"));
        assert_eq!(row.component.as_deref(), Some("16"));
        let bad = csv::StringRecord::from(vec!["7a", "", "x", "", "", "", "", "16"]);
        assert!(read_row(&c, &bad).unwrap_err().contains("7a"));
    }
}
