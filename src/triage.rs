//! Triage: tagging suggestions with axes (by hand and by rules), linking them to cards,
//! recording the administration's response with its reason, and sending the responses back
//! to the platform. Every change is audited; a closed cycle refuses them all.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::csvin::{CsvFile, Options as CsvOptions, Source};
use crate::domain::Cycle;
use crate::domain::{Axis, Outcome, Term};
use crate::error::{invalid_input, refused, usage, Failure};
use crate::rules::{self, Decision, Keyword, RuleSet};
use crate::storage::suggestions as sstore;
use crate::storage::suggestions::display_ref;
use crate::storage::triage as store;
use crate::storage::{cards as cstore, Db, Tx};
use crate::text::fold;

/// Loads the default keyword rules (from `fixtures/rules.csv`, embedded) into a new database.
pub fn load_default_rules(tx: &Tx) -> Result<usize> {
    let defaults = rules::default_rules()?;
    for (axis, keywords) in &defaults {
        store::add_rule(tx, axis.code(), keywords)?;
    }
    Ok(defaults.len())
}

/// Finds a suggestion by number or reference, or refuses naming it.
pub fn resolve(conn: &Connection, id_or_ref: &str, cycle: &Cycle) -> Result<i64> {
    sstore::resolve(conn, id_or_ref, cycle.id)?.ok_or_else(|| {
        refused(format!("there is no suggestion \"{id_or_ref}\""))
            .hint("`agenda suggestion list` shows numbers and references")
            .into()
    })
}

/// Refuses a change to a suggestion of a closed cycle.
pub fn ensure_changeable(conn: &Connection, suggestion: i64) -> Result<()> {
    let closed: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT c.triennium, c.act FROM suggestions s JOIN cycles c ON c.id = s.cycle_id
             WHERE s.id = ?1 AND c.closed_at IS NOT NULL",
            [suggestion],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((triennium, act)) = closed {
        return Err(refused(format!(
            "suggestion {} belongs to the cycle {triennium}, which is closed{}: its axes, links and responses are read-only",
            store::reference_of(conn, suggestion)?,
            act.map(|a| format!(" (approved with {a})")).unwrap_or_default()
        ))
        .hint("`agenda cycle list` shows the cycles; work goes on in the open one")
        .into());
    }
    Ok(())
}

/// Splits `tag`/`untag` arguments into suggestions and axes: what names an axis is an axis.
pub fn split_ids_and_axes(args: &[String]) -> Result<(Vec<String>, Vec<Axis>), Failure> {
    let mut ids = Vec::new();
    let mut axes = Vec::new();
    for a in args {
        match Axis::find(a) {
            Some(axis) => {
                if !axes.contains(&axis) {
                    axes.push(axis)
                }
            }
            None => ids.push(a.clone()),
        }
    }
    if ids.is_empty() || axes.is_empty() {
        return Err(usage(format!(
            "give one or more suggestions (numbers or references) and one or more axes ({})",
            Axis::valid_codes()
        )));
    }
    Ok((ids, axes))
}

#[derive(Debug, Default, Serialize)]
pub struct Changed {
    pub changed: u64,
    pub unchanged: u64,
}

/// Tags (or untags) suggestions with axes, by hand.
pub fn tag(
    db: &mut Db,
    cycle: &Cycle,
    ids: &[String],
    axes: &[Axis],
    remove: bool,
) -> Result<Changed> {
    db.write(|tx| {
        let mut out = Changed::default();
        for id in ids {
            let s = resolve(tx, id, cycle)?;
            ensure_changeable(tx, s)?;
            let reference = store::reference_of(tx, s)?;
            for axis in axes {
                let done = if remove {
                    store::remove_axis(tx, s, axis.code())?
                } else {
                    store::add_axis(tx, s, axis.code(), "person", None)?
                };
                if done {
                    out.changed += 1;
                    tx.audit(
                        if remove {
                            "suggestion.untag"
                        } else {
                            "suggestion.tag"
                        },
                        Some(&reference),
                        &format!(
                            "{} {}",
                            if remove { "removed axis" } else { "axis" },
                            axis.code()
                        ),
                    )?;
                } else {
                    out.unchanged += 1;
                }
            }
        }
        Ok(out)
    })
}

/// Links (or unlinks) a suggestion and a card. A link never changes the response.
pub fn link(db: &mut Db, cycle: &Cycle, id: &str, card: &str, remove: bool) -> Result<bool> {
    db.write(|tx| {
        let s = resolve(tx, id, cycle)?;
        ensure_changeable(tx, s)?;
        let card_id = cstore::id_of(tx, card)?.ok_or_else(|| {
            refused(format!("there is no card with code \"{card}\""))
                .hint("`agenda card list` shows the codes")
        })?;
        let done = if remove {
            store::remove_link(tx, s, card_id)?
        } else {
            store::add_link(tx, s, card_id)?
        };
        if done {
            tx.audit(
                if remove {
                    "suggestion.unlink"
                } else {
                    "suggestion.link"
                },
                Some(&store::reference_of(tx, s)?),
                &format!("card {card}"),
            )?;
        }
        Ok(done)
    })
}

/// Gives a suggestion the title it is published with (the report, its annexes), in place of the
/// one the source gave — for a title cut from a body, or one holding personal data. `None`
/// goes back to the source's title. The source's title is kept, and a later import never
/// touches the published one. Returns the title the suggestion had before.
pub fn retitle(db: &mut Db, cycle: &Cycle, id: &str, title: Option<&str>) -> Result<String> {
    let title = title.map(str::trim);
    if title.is_some_and(str::is_empty) {
        return Err(crate::error::usage(
            "the title is empty: give the title to publish, or --source to go back to the source's",
        )
        .into());
    }
    db.write(|tx| {
        let s = resolve(tx, id, cycle)?;
        ensure_changeable(tx, s)?;
        let before = sstore::set_public_title(tx, s, title)?;
        tx.audit(
            "suggestion.retitle",
            Some(&store::reference_of(tx, s)?),
            &match title {
                Some(t) => format!("published title: {t}"),
                None => "back to the source's title".to_string(),
            },
        )?;
        Ok(before)
    })
}

/// A response as asked for, before it is checked against the database.
#[derive(Debug, Clone)]
pub struct ResponseRequest {
    pub outcome: Outcome,
    pub reason: String,
    pub card: Option<String>,
    pub duplicate_of: Option<String>,
}

impl ResponseRequest {
    /// The rules a response follows whatever the data: a reason always, a card for
    /// gia-previsto, the duplicated suggestion for duplicato (and only for it).
    pub fn check(&self) -> Result<(), Failure> {
        if self.reason.trim().is_empty() {
            return Err(usage(
                "a response needs a reason (--reason): giving account of every choice is the point of Fase 3",
            ));
        }
        if self.outcome == Outcome::GiaPrevisto && self.card.is_none() {
            return Err(usage(
                "gia-previsto needs the card that already covers the suggestion (--card CODE)",
            ));
        }
        if self.outcome == Outcome::Duplicato && self.duplicate_of.is_none() {
            return Err(usage(
                "duplicato needs the suggestion it duplicates (--duplicate-of ID)",
            ));
        }
        if self.outcome != Outcome::Duplicato && self.duplicate_of.is_some() {
            return Err(usage("--duplicate-of goes with the outcome duplicato"));
        }
        Ok(())
    }
}

#[derive(Debug, Default, Serialize)]
pub struct RespondSummary {
    pub responded: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub axes_added: u64,
}

/// Records one response for a suggestion already resolved; checks card and duplicate.
fn record_response(
    tx: &Tx,
    cycle: &Cycle,
    suggestion: i64,
    request: &ResponseRequest,
    summary: &mut RespondSummary,
) -> Result<()> {
    request.check()?;
    ensure_changeable(tx, suggestion)?;
    let card_id = match &request.card {
        Some(code) => Some(cstore::id_of(tx, code)?.ok_or_else(|| {
            refused(format!("there is no card with code \"{code}\""))
                .hint("`agenda card list` shows the codes")
        })?),
        None => None,
    };
    let duplicate_of = match &request.duplicate_of {
        Some(other) => {
            let d = resolve(tx, other, cycle)?;
            if d == suggestion {
                return Err(refused("a suggestion cannot duplicate itself").into());
            }
            Some(d)
        }
        None => None,
    };
    let reason = request.reason.trim();
    let current = store::current_response(tx, suggestion)?;
    let reference = store::reference_of(tx, suggestion)?;
    match &current {
        Some((o, r, c, d))
            if o == request.outcome.code()
                && r == reason
                && *c == card_id
                && *d == duplicate_of =>
        {
            summary.unchanged += 1;
            return Ok(());
        }
        Some(_) => summary.changed += 1,
        None => summary.responded += 1,
    }
    store::respond(
        tx,
        suggestion,
        request.outcome.code(),
        reason,
        card_id,
        duplicate_of,
    )?;
    if let Some(card_id) = card_id {
        store::add_link(tx, suggestion, card_id)?;
    }
    tx.audit(
        "suggestion.respond",
        Some(&reference),
        &format!(
            "{}{}{}: {}{}",
            request.outcome.code(),
            request
                .card
                .as_deref()
                .map(|c| format!(", card {c}"))
                .unwrap_or_default(),
            request
                .duplicate_of
                .as_deref()
                .map(|d| format!(", duplicate of {d}"))
                .unwrap_or_default(),
            reason,
            current
                .map(|(o, r, _, _)| format!(" (was {o}: {r})"))
                .unwrap_or_default()
        ),
    )?;
    Ok(())
}

/// Responds to suggestions, the same response for each.
pub fn respond(
    db: &mut Db,
    cycle: &Cycle,
    ids: &[String],
    request: &ResponseRequest,
) -> Result<RespondSummary> {
    request.check()?;
    db.write(|tx| {
        let mut summary = RespondSummary::default();
        for id in ids {
            let s = resolve(tx, id, cycle)?;
            record_response(tx, cycle, s, request, &mut summary)?;
        }
        Ok(summary)
    })
}

fn response_column(header: &str) -> Option<&'static str> {
    Some(match fold(header).as_str() {
        "id" | "numero" | "n" => "id",
        "ref" | "reference" | "riferimento" | "codice" => "ref",
        "outcome" | "esito" => "outcome",
        "reason" | "motivazione" | "motivo" | "risposta" => "reason",
        "card" | "scheda" | "codice scheda" => "card",
        "axes" | "axis" | "assi" | "asse" => "axes",
        "duplicate of" | "duplicato di" => "duplicate_of",
        _ => return None,
    })
}

/// Records responses from a spreadsheet: columns `id` or `ref`, `outcome`, `reason`, and
/// optionally `card`, `axes` (separated by `|`) and `duplicate_of`. All or nothing.
pub fn respond_from_file(
    db: &mut Db,
    cycle: &Cycle,
    file: &str,
    options: CsvOptions,
    dry_run: bool,
) -> Result<RespondSummary> {
    let source = Source::new(file)?;
    let mut csv = CsvFile::open(&source, options)?;
    let name = csv.name.clone();
    let columns: Vec<Option<&'static str>> =
        csv.headers.iter().map(|h| response_column(h)).collect();
    let has = |c: &str| columns.contains(&Some(c));
    if !(has("id") || has("ref")) || !has("outcome") || !has("reason") {
        return Err(invalid_input(format!(
            "{}: a response file needs the columns id or ref, outcome and reason; its columns are: {}",
            csv.at(csv.header_at),
            crate::csvin::header_list(&csv.headers)
        ))
        .hint("optional columns: card, axes (separated by |), duplicate_of")
        .into());
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = csv.next_record(&mut record)? {
        let mut values: HashMap<&'static str, String> = HashMap::new();
        if record.len() != columns.len() {
            rows.push((
                line,
                Err(format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    columns.len()
                )),
            ));
            continue;
        }
        for (c, v) in columns.iter().zip(record.iter()) {
            if let Some(c) = c {
                values.insert(c, crate::csvout::unguard_formula(v.trim()).to_string());
            }
        }
        rows.push((line, Ok(values)));
    }
    if rows.is_empty() {
        return Err(invalid_input(format!("{name}: the file has a header but no rows")).into());
    }
    let mut problems = csv.problems();
    let result = db.write_or_rehearse(dry_run, |tx| {
        let mut summary = RespondSummary::default();
        let mut seen: HashMap<i64, u64> = HashMap::new();
        for (line, row) in &rows {
            let values = match row {
                Ok(v) => v,
                Err(why) => {
                    problems.add(*line, why.clone());
                    continue;
                }
            };
            let get = |k: &str| values.get(k).filter(|v| !v.is_empty()).cloned();
            let Some(id) = get("id").or_else(|| get("ref")) else {
                problems.add(*line, "no id or ref".into());
                continue;
            };
            let suggestion = match sstore::resolve(tx, &id, cycle.id)? {
                Some(s) => s,
                None => {
                    problems.add(*line, format!("there is no suggestion \"{id}\""));
                    continue;
                }
            };
            if let Some(first) = seen.insert(suggestion, *line) {
                problems.add(
                    *line,
                    format!("suggestion {id} appears again (first on line {first})"),
                );
                continue;
            }
            let outcome = match get("outcome").map(|o| Outcome::parse(&o)) {
                Some(Ok(o)) => o,
                Some(Err(e)) => {
                    problems.add(*line, e.message);
                    continue;
                }
                None => {
                    problems.add(*line, "the outcome is empty".into());
                    continue;
                }
            };
            let mut axes = Vec::new();
            let mut bad_axis = None;
            for a in get("axes")
                .unwrap_or_default()
                .split(['|', ',', ';'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                match Axis::parse(a) {
                    Ok(axis) => axes.push(axis),
                    Err(e) => bad_axis = Some(e.message),
                }
            }
            if let Some(why) = bad_axis {
                problems.add(*line, why);
                continue;
            }
            let request = ResponseRequest {
                outcome,
                reason: get("reason").unwrap_or_default(),
                card: get("card"),
                duplicate_of: get("duplicate_of"),
            };
            if !problems.is_empty() {
                // Refused anyway: check the rest without writing.
                if let Err(e) = request.check() {
                    problems.add(*line, e.message);
                }
                continue;
            }
            if let Err(e) = record_response(tx, cycle, suggestion, &request, &mut summary) {
                let (kind, _) = crate::error::classify(&e);
                if kind == crate::error::Kind::Failed {
                    return Err(e);
                }
                problems.add(*line, e.to_string());
                continue;
            }
            for axis in axes {
                if store::add_axis(tx, suggestion, axis.code(), "person", None)? {
                    summary.axes_added += 1;
                    tx.audit(
                        "suggestion.tag",
                        Some(&id),
                        &format!(
                            "axis {} (response file {})",
                            axis.code(),
                            source.file_name()
                        ),
                    )?;
                }
            }
        }
        problems.fail_if_any()?;
        Ok(summary)
    });
    result
}

/// What `autotag` did (or would do) to one suggestion.
#[derive(Debug, Serialize)]
pub struct Tagged {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub axes: Vec<TaggedAxis>,
}

#[derive(Debug, Serialize)]
pub struct TaggedAxis {
    pub axis: Axis,
    pub words: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct AutotagSummary {
    pub examined: u64,
    pub tagged: u64,
    pub tags: u64,
    pub by_axis: serde_json::Map<String, serde_json::Value>,
    pub suggestions: Vec<Tagged>,
}

/// Applies the rules to the untagged suggestions of a cycle; keeps up to `keep` of them for
/// printing (all when `None`). A second thread reads the suggestions and runs the rules while
/// this one writes the tags, many to a statement (see [`decide_reading_apart`]).
pub fn autotag(
    db: &mut Db,
    cycle: &Cycle,
    dry_run: bool,
    keep: Option<usize>,
) -> Result<AutotagSummary> {
    cycle.ensure_open()?;
    db.journal_statements_in_memory()?;
    let own_reader = db.in_wal()?.then(|| db.path().to_path_buf());
    db.unchecked_references(|db| {
        db.write_or_rehearse(dry_run, |tx| {
            let set = RuleSet::new(&store::rules(tx)?);
            if set.is_empty() {
                return Err(refused("there are no rules")
                    .hint("add one with `agenda rule add AXIS --keyword WORD`")
                    .into());
            }
            let mut summary = AutotagSummary::default();
            let mut by_axis: HashMap<Axis, u64> = HashMap::new();
            let mut tags = TagWriter::new(tx);
            let mut tagged: Vec<Tagged> = Vec::new();
            let mut record = |done: Done| -> Result<()> {
                for (id, reference, decisions) in done {
                    if decisions.is_empty() {
                        continue;
                    }
                    summary.tagged += 1;
                    for d in &decisions {
                        tags.add(id, d.axis, &d.words)?;
                        summary.tags += 1;
                        *by_axis.entry(d.axis).or_default() += 1;
                    }
                    if keep.is_none_or(|k| tagged.len() < k) {
                        tagged.push(Tagged {
                            id,
                            reference,
                            axes: decisions
                                .into_iter()
                                .map(|d| TaggedAxis {
                                    axis: d.axis,
                                    words: d.words,
                                })
                                .collect(),
                        });
                    }
                }
                Ok(())
            };
            let examined = match &own_reader {
                Some(path) => decide_reading_apart(path, cycle.id, &set, &mut record)?,
                None => decide_reading_here(tx, cycle.id, &set, &mut record)?,
            };
            summary.examined = examined;
            summary.suggestions = tagged;
            tags.flush()?;
            for axis in Axis::ALL {
                summary.by_axis.insert(
                    axis.code().to_string(),
                    by_axis.get(axis).copied().unwrap_or(0).into(),
                );
            }
            if summary.tags > 0 {
                tx.audit(
                    "suggestion.autotag",
                    Some(&cycle.triennium.to_string()),
                    &format!(
                        "tagged {} of {} untagged suggestions with {} axes by rule",
                        summary.tagged, summary.examined, summary.tags
                    ),
                )?;
            }
            Ok(summary)
        })
    })
}

/// The rules applied by a thread that reads the untagged suggestions with its own connection
/// (WAL mode only), begun after the caller's transaction took the write lock: it sees exactly
/// what that transaction does before its first tag, and reading and writing each get a core.
/// `record` gets the decisions in groups; returns how many suggestions were examined.
fn decide_reading_apart(
    path: &std::path::Path,
    cycle_id: i64,
    set: &RuleSet,
    record: &mut dyn FnMut(Done) -> Result<()>,
) -> Result<u64> {
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Result<Done>>(8);
        let reader = scope.spawn(move || -> u64 {
            let mut examined = 0;
            let result = (|| -> Result<()> {
                let conn = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.execute_batch("BEGIN")?;
                let mut buffer = String::new();
                let mut done: Done = Vec::with_capacity(512);
                for_each_untagged(&conn, cycle_id, |id, reference, text| {
                    examined += 1;
                    let decisions = set.decide_with(&text, &mut buffer);
                    if !decisions.is_empty() {
                        done.push((id, reference, decisions));
                    }
                    if done.len() == 512 {
                        let full = std::mem::replace(&mut done, Vec::with_capacity(512));
                        done_tx
                            .send(Ok(full))
                            .map_err(|_| anyhow::anyhow!("stopped"))?;
                    }
                    Ok(())
                })?;
                let _ = done_tx.send(Ok(done));
                Ok(())
            })();
            if let Err(e) = result {
                let _ = done_tx.send(Err(e));
            }
            examined
        });
        for done in done_rx.iter() {
            record(done?)?;
        }
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the rules thread stopped"))
    })
}

/// The rules applied when the database is not in WAL mode: this thread reads the untagged
/// suggestions in `conn`'s transaction, and a second one decides.
fn decide_reading_here(
    conn: &Connection,
    cycle_id: i64,
    set: &RuleSet,
    record: &mut dyn FnMut(Done) -> Result<()>,
) -> Result<u64> {
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Result<Done>>(8);
        let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<Work>(4);
        scope.spawn(move || {
            let mut buffer = String::new();
            for chunk in work_rx {
                let done: Done = chunk
                    .into_iter()
                    .map(|(id, reference, text)| {
                        let decisions = set.decide_with(&text, &mut buffer);
                        (id, reference, decisions)
                    })
                    .collect();
                if done_tx.send(Ok(done)).is_err() {
                    break;
                }
            }
        });
        let mut examined = 0;
        let mut chunk: Work = Vec::with_capacity(512);
        for_each_untagged(conn, cycle_id, |id, reference, text| {
            examined += 1;
            chunk.push((id, reference, text));
            if chunk.len() == 512 {
                work_tx
                    .send(std::mem::replace(&mut chunk, Vec::with_capacity(512)))
                    .map_err(|_| anyhow::anyhow!("the rules thread stopped"))?;
                while let Ok(done) = done_rx.try_recv() {
                    record(done?)?;
                }
            }
            Ok(())
        })?;
        work_tx
            .send(chunk)
            .map_err(|_| anyhow::anyhow!("the rules thread stopped"))?;
        drop(work_tx);
        for done in done_rx.iter() {
            record(done?)?;
        }
        Ok(examined)
    })
}

/// Rows of untagged suggestions, for the rules thread.
type Work = Vec<(i64, String, String)>;
/// What the rules decided: (id, reference, decisions).
type Done = Vec<(i64, String, Vec<Decision>)>;

/// Calls `visit` with (id, reference, title and body) for each untagged suggestion of the cycle.
fn for_each_untagged(
    conn: &Connection,
    cycle_id: i64,
    mut visit: impl FnMut(i64, String, String) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(concat!(
        "SELECT s.id, ",
        display_ref!("s"),
        ", s.title || char(10) || s.body FROM suggestions s
         WHERE s.cycle_id = ?1 AND NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)
         ORDER BY s.id"
    ))?;
    let mut rows = stmt.query([cycle_id])?;
    while let Some(row) = rows.next()? {
        visit(row.get(0)?, row.get(1)?, row.get(2)?)?;
    }
    Ok(())
}

/// Writes rule tags many to a statement.
struct TagWriter<'c> {
    conn: &'c Connection,
    /// (suggestion, axis, the words that decided it).
    pending: Vec<(i64, Axis, String)>,
    user: String,
    now: String,
    /// The statement for a full group, built once.
    full_sql: String,
}

impl<'c> TagWriter<'c> {
    const BATCH: usize = 64;

    fn new(conn: &'c Connection) -> TagWriter<'c> {
        TagWriter {
            conn,
            pending: Vec::with_capacity(Self::BATCH),
            user: crate::context::user(),
            now: crate::context::timestamp(),
            full_sql: Self::sql(Self::BATCH),
        }
    }

    /// `INSERT` of `rows` tags: three parameters each, then the user and the time.
    fn sql(rows: usize) -> String {
        let mut sql = String::from(
            "INSERT OR IGNORE INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at) VALUES ",
        );
        let (user, at) = (rows * 3 + 1, rows * 3 + 2);
        for k in 0..rows {
            if k > 0 {
                sql.push_str(", ");
            }
            let b = k * 3;
            sql.push_str(&format!(
                "(?{}, ?{}, 'rule', ?{}, ?{user}, ?{at})",
                b + 1,
                b + 2,
                b + 3
            ));
        }
        sql
    }

    fn add(&mut self, id: i64, axis: Axis, words: &[String]) -> Result<()> {
        self.pending.push((id, axis, words.join(", ")));
        if self.pending.len() == Self::BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        let rows = self.pending.len();
        let mut values: Vec<ToSqlOutput> = Vec::with_capacity(rows * 3 + 2);
        for (id, axis, words) in &self.pending {
            values.push(ToSqlOutput::Owned(Value::Integer(*id)));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(
                axis.code().as_bytes(),
            )));
            values.push(ToSqlOutput::Borrowed(ValueRef::Text(words.as_bytes())));
        }
        values.push(ToSqlOutput::Borrowed(ValueRef::Text(self.user.as_bytes())));
        values.push(ToSqlOutput::Borrowed(ValueRef::Text(self.now.as_bytes())));
        let mut stmt = if rows == Self::BATCH {
            self.conn.prepare_cached(&self.full_sql)?
        } else {
            self.conn.prepare_cached(&Self::sql(rows))?
        };
        stmt.execute(rusqlite::params_from_iter(values.iter()))?;
        drop(stmt);
        drop(values);
        self.pending.clear();
        Ok(())
    }
}

/// Adds a rule after checking its keywords.
pub fn add_rule(db: &mut Db, axis: Axis, keywords: &[String]) -> Result<i64> {
    if keywords.is_empty() {
        return Err(usage("a rule needs at least one --keyword").into());
    }
    let checked: Vec<String> = keywords
        .iter()
        .map(|k| Keyword::parse(k).map(|k| k.written))
        .collect::<Result<_, _>>()?;
    db.write(|tx| {
        let id = store::add_rule(tx, axis.code(), &checked)?;
        tx.audit(
            "rule.add",
            Some(&id.to_string()),
            &format!("{}: {}", axis.code(), checked.join(" | ")),
        )?;
        Ok(id)
    })
}

pub fn remove_rule(db: &mut Db, id: i64) -> Result<()> {
    db.write(|tx| {
        let rule = store::remove_rule(tx, id)?.ok_or_else(|| {
            refused(format!("there is no rule {id}")).hint("`agenda rule list` shows them")
        })?;
        tx.audit(
            "rule.remove",
            Some(&id.to_string()),
            &format!("{}: {}", rule.axis, rule.keywords.join(" | ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two ways of reading and deciding give the same decisions, in the same order.
    #[test]
    fn reading_apart_and_reading_here_decide_alike() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE suggestions (id INTEGER PRIMARY KEY, cycle_id INTEGER, source_key TEXT,
                 reference TEXT, title TEXT, body TEXT);
             CREATE TABLE suggestion_axes (suggestion_id INTEGER, axis TEXT);
             INSERT INTO suggestions VALUES
                 (1, 1, 'fp:a', NULL, 'Corsi per anziani', 'In biblioteca'),
                 (2, 1, 'PO-2', 'PO-2', 'Wi-Fi nei parchi', 'Anche la fibra'),
                 (3, 1, 'PO-3', 'PO-3', 'Niente di utile', 'Davvero niente'),
                 (4, 2, 'PO-4', 'PO-4', 'Corsi', 'Altro ciclo'),
                 (5, 1, 'PO-5', 'PO-5', 'Corsi di SPID', 'Già taggato');
             INSERT INTO suggestion_axes VALUES (5, 'competenze');",
        )
        .unwrap();
        let rule = |axis: &str, words: &[&str]| crate::storage::triage::Rule {
            id: 0,
            axis: axis.into(),
            keywords: words.iter().map(|w| w.to_string()).collect(),
            created_at: String::new(),
            user: String::new(),
        };
        let set = RuleSet::new(&[
            rule("competenze", &["corsi", "anzian*"]),
            rule("infrastrutture", &["wi-fi", "fibra"]),
        ]);
        let run = |apart: bool| -> (u64, Vec<(i64, String, Vec<Axis>)>) {
            let mut seen = Vec::new();
            let mut record = |done: Done| -> Result<()> {
                for (id, reference, decisions) in done {
                    seen.push((id, reference, decisions.iter().map(|d| d.axis).collect()));
                }
                Ok(())
            };
            let examined = if apart {
                decide_reading_apart(&path, 1, &set, &mut record).unwrap()
            } else {
                decide_reading_here(&conn, 1, &set, &mut record).unwrap()
            };
            (examined, seen)
        };
        let apart = run(true);
        let here = run(false);
        assert_eq!(apart.0, 3);
        assert_eq!(
            apart.1,
            [
                (1, "C-000001".to_string(), vec![Axis::Competenze]),
                (2, "PO-2".to_string(), vec![Axis::Infrastrutture]),
            ]
        );
        // Reading here passes on the suggestions no rule matched too: the same once those
        // are left out.
        assert_eq!(here.0, apart.0);
        let decided: Vec<_> = here
            .1
            .into_iter()
            .filter(|(_, _, a)| !a.is_empty())
            .collect();
        assert_eq!(decided, apart.1);
    }
}
