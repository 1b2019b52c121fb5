//! Personal data: what the database holds, cycle by cycle, and its purge once a cycle closes.
//!
//! Personal data live in two places only: `suggestion_people` (author name, nickname, e-mail,
//! author url, kept to contact people) and the personal cells of the rows as read, in
//! `suggestion_sources` (the columns each import batch marked in `personal_columns`). A purge
//! erases the first and blanks the second, then rewrites the file (VACUUM) and empties the WAL,
//! so that the erased values linger neither in free pages nor in old WAL frames.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::domain::Cycle;
use crate::error::refused;
use crate::storage::privacy::{self as store, LoggedText, StoredRow};
use crate::storage::{settings, Db, Handle, Tx};

/// The personal data held for one cycle.
#[derive(Debug, Clone, Serialize)]
pub struct CycleData {
    pub triennium: String,
    pub closed: bool,
    pub suggestions: i64,
    /// Suggestions with a row in `suggestion_people`.
    pub people: i64,
    pub authors: i64,
    pub nicknames: i64,
    pub emails: i64,
    pub author_urls: i64,
    /// Rows as read whose personal cells are not blank.
    pub source_rows: i64,
    /// The personal cells of the rows as read that are not blank, by the column they are in
    /// ("author/name", "Telefono", "Codice fiscale" …).
    pub source_cells: std::collections::BTreeMap<String, i64>,
    /// When the cycle's personal data were last purged (from the audit log).
    pub purged_at: Option<String>,
    /// Suggestions whose title or reason held personal data: published as `[omissis]`.
    pub redacted: Vec<crate::storage::redactions::Redaction>,
    /// A purge of this cycle was committed but the file not yet rewritten: erased values may
    /// still be in free pages or in the WAL until `privacy purge` or `check` completes it.
    pub purge_unfinished: bool,
}

impl CycleData {
    pub fn holds_personal_data(&self) -> bool {
        self.people > 0 || self.source_rows > 0
    }
}

/// What personal data the database holds, cycle by cycle, oldest first.
pub fn report(conn: &Handle) -> Result<Vec<CycleData>> {
    let mut out = Vec::new();
    for cycle in crate::storage::cycles::all(conn)? {
        out.push(of_cycle(conn, &cycle)?);
    }
    Ok(out)
}

/// The personal data held for one cycle.
pub fn of_cycle(conn: &Handle, cycle: &Cycle) -> Result<CycleData> {
    let triennium = cycle.triennium.to_string();
    let suggestions = store::suggestions_in(conn, cycle.id)?;
    let people = store::people_counts(conn, cycle.id)?;
    let mut source_rows = 0;
    let mut source_cells = std::collections::BTreeMap::new();
    for_each_personal_row(conn, cycle.id, |_, headers, cells, personal| {
        let mut held = false;
        for &i in personal {
            if cells.get(i).is_some_and(|c| !c.trim().is_empty()) {
                held = true;
                let column = headers
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("column {}", i + 1));
                *source_cells.entry(column).or_insert(0) += 1;
            }
        }
        if held {
            source_rows += 1;
        }
        Ok(())
    })?;
    let purged_at = store::last_purge(conn, &triennium)?;
    let purge_unfinished = unfinished(conn)?.is_some_and(|u| u.split(", ").any(|t| t == triennium));
    Ok(CycleData {
        triennium,
        closed: cycle.is_closed(),
        suggestions,
        people: people.people,
        authors: people.authors,
        nicknames: people.nicknames,
        emails: people.emails,
        author_urls: people.author_urls,
        source_rows,
        source_cells,
        purged_at,
        redacted: crate::storage::redactions::of_cycle(conn, cycle.id)?,
        purge_unfinished,
    })
}

/// Calls `visit` with (suggestion id, the header of its batch, its cells, the personal column
/// indexes) for every row as read of the cycle.
fn for_each_personal_row(
    conn: &Handle,
    cycle_id: i64,
    mut visit: impl FnMut(i64, &[String], Vec<String>, &[usize]) -> Result<()>,
) -> Result<()> {
    // What each batch says of its rows, read once.
    let mut batches: std::collections::HashMap<i64, BatchRows> = std::collections::HashMap::new();
    store::for_each_row_as_read(conn, cycle_id, |id, batch, row| {
        let rules = match batches.entry(batch) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let stored = store::batch_of_rows(conn, batch)?;
                let headers: Vec<String> =
                    serde_json::from_str(&stored.headers).unwrap_or_default();
                let personal = personal_columns_of_batch(
                    &stored.personal_columns,
                    &headers,
                    &stored.format,
                )
                .with_context(|| t!("app-privacy-batch-columns", batch = batch.to_string()))?;
                e.insert(BatchRows {
                    headers,
                    personal,
                    dictionary: stored.dictionary,
                })
            }
        };
        let BatchRows {
            headers,
            personal,
            dictionary,
        } = &*rules;
        visit(id, headers, row.cells(dictionary), personal)
    })
}

/// What the rows of one batch are read with: its header, its personal columns, its dictionary.
struct BatchRows {
    headers: Vec<String>,
    personal: Vec<usize>,
    dictionary: Vec<u8>,
}

/// The personal columns of a batch: those it recorded, and those today's rules count as
/// personal in its header (a batch imported before an unknown column counted as personal is
/// read, and purged, as if imported today). Sorted.
fn personal_columns_of_batch(
    recorded: &str,
    headers: &[String],
    format: &str,
) -> Result<Vec<usize>> {
    let mut personal: Vec<usize> = serde_json::from_str(recorded)?;
    personal.extend(crate::domain::mapping::personal_columns(headers, format));
    personal.sort_unstable();
    personal.dedup();
    Ok(personal)
}

/// What a purge erased.
#[derive(Debug, Clone, Serialize)]
pub struct Purged {
    pub triennium: String,
    /// Rows of `suggestion_people` deleted.
    pub people: usize,
    /// Rows as read whose personal cells were blanked.
    pub source_rows: usize,
    /// False when another command kept reading for longer than `AGENDA_BUSY_TIMEOUT` and the
    /// WAL could not be emptied: the purge stays recorded as unfinished.
    pub wal_emptied: bool,
}

/// The setting that records a purge whose commit is done but whose rewrite of the file
/// (VACUUM, then emptying the WAL) is not: until it is, erased values may survive in free
/// pages or in old WAL frames.
const UNFINISHED: &str = "purge_unfinished";

/// The cycles whose purge is committed but not yet rewritten out of the file, if any.
pub fn unfinished(conn: &Handle) -> Result<Option<String>> {
    settings::get(conn, UNFINISHED)
}

/// Completes a purge left unfinished (killed during the VACUUM, or kept from emptying the WAL
/// by a reader); returns the cycles it was for, or `None` when there was nothing to complete.
pub fn complete_unfinished(db: &mut Db) -> Result<Option<String>> {
    let Some(cycles) = unfinished(db.conn())? else {
        return Ok(None);
    };
    store::secure_delete(db.conn())?;
    if finish_rewrite(db)? {
        Ok(Some(cycles))
    } else {
        Err(crate::error::Failure::new(
            crate::error::Kind::Busy,
            t!(
                "app-privacy-unfinished",
                cycles = cycles.as_str(),
                path = db.path().display().to_string(),
                seconds = crate::storage::busy_timeout().as_secs()
            ),
        )
        .hint(t!("app-privacy-unfinished-hint"))
        .into())
    }
}

/// Rewrites the file and empties the WAL, waiting for readers; clears the unfinished mark when
/// done. Returns false when a reader outlasted the timeout.
fn finish_rewrite(db: &mut Db) -> Result<bool> {
    if !compact(db)? {
        return Ok(false);
    }
    settings::remove(db.conn(), UNFINISHED)?;
    // That last write went to the WAL: empty it again. It holds nothing personal (the erased
    // values were checkpointed out above), so a reader that keeps it is no reason to say the
    // purge is unfinished.
    let _ = checkpoint_waiting(db.conn(), db.path())?;
    Ok(true)
}

/// Refuses a purge of a cycle still open: its people may still need an answer.
pub fn check_purgeable(cycle: &Cycle) -> Result<()> {
    if !cycle.is_closed() {
        return Err(refused(t!(
            "app-privacy-open",
            triennium = cycle.triennium.to_string()
        ))
        .hint(t!("app-privacy-open-hint"))
        .into());
    }
    Ok(())
}

/// Erases the personal data of a closed cycle, records it in the audit log, then rewrites the
/// database file and empties the WAL so that nothing of it is left on disk.
pub fn purge(db: &mut Db, cycle: &Cycle) -> Result<Purged> {
    check_purgeable(cycle)?;
    let triennium = cycle.triennium.to_string();
    // Deleted content is overwritten with zeros, in the WAL frames too.
    store::secure_delete(db.conn())?;
    let (people, source_rows) = db.write(|tx| {
        // The names a suggestion's people table holds also stand in texts (a title cut from
        // the body, a reason that thanks the author): they go with the table, or a report
        // written after the purge would have nothing left to recognise them by.
        let names = erase_personal_data_in_texts(tx, cycle.id)?;
        let blanked = blank_rows_as_read(tx, cycle.id, &names)?;
        let people = store::delete_people(tx, cycle.id)?;
        // Recorded with the erasure itself: if the command dies before the file is rewritten,
        // the next `privacy purge` or `check` finishes the job.
        let marked: Option<String> = unfinished(tx)?;
        let mark = match marked {
            Some(m) if m.split(", ").any(|t| t == triennium) => m,
            Some(m) => format!("{m}, {triennium}"),
            None => triennium.clone(),
        };
        settings::set(tx, UNFINISHED, &mark)?;
        tx.audit(
            "privacy.purge",
            Some(&triennium),
            &format!(
                "erased the personal data of {people} suggestions (names, nicknames, e-mails, author urls, the names in their texts) and blanked the personal cells of {blanked} rows as read",
            ),
        )?;
        Ok((people, blanked))
    })?;
    let wal_emptied = finish_rewrite(db)?;
    Ok(Purged {
        triennium,
        people,
        source_rows,
        wal_emptied,
    })
}

/// Replaces, in the texts of the cycle's suggestions (title, published title, body, every
/// reason of their responses), every personal datum the scan finds — e-mails, phones,
/// codici fiscali, IBANs, the names their people table holds — by `[omissis]`; the search
/// index and the audit log follow. Returns each suggestion's names, for the rows as read.
fn erase_personal_data_in_texts(
    tx: &Tx,
    cycle_id: i64,
) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let indexed_up_to: i64 = settings::get(tx, "fts_synced")?
        .and_then(|v| v.split(' ').next().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    let mut all_names: Vec<String> = Vec::new();
    let mut by_suggestion = std::collections::HashMap::new();
    for texts in store::texts_of_cycle(tx, cycle_id)? {
        all_names.extend(texts.people.iter().flatten().cloned());
        let names = crate::redact::names(&texts.people);
        if !names.is_empty() {
            by_suggestion.insert(texts.id, names.iter().map(|n| n.to_string()).collect());
        }
        let clean = |t: &str| crate::redact::redact(t, &names).text;
        let cleaned = store::Texts {
            title: clean(&texts.title),
            public_title: texts.public_title.as_deref().map(clean),
            body: clean(&texts.body),
            ..texts.clone()
        };
        if cleaned.title != texts.title
            || cleaned.public_title != texts.public_title
            || cleaned.body != texts.body
        {
            // An indexed suggestion is indexed again; one not yet indexed will be, as it is now.
            store::set_texts(tx, &cleaned, texts.id <= indexed_up_to)?;
        }
        for r in store::reasons_of(tx, texts.id)? {
            let new_reason = clean(&r.reason);
            if new_reason != r.reason {
                store::set_reason(tx, r.response, &new_reason)?;
            }
        }
    }
    erase_names_in_audit_log(tx, &all_names)?;
    Ok(by_suggestion)
}

/// The audit log records command lines and what changed: a reason typed with the author's
/// name is there too. Each entry that holds one of `names` loses it.
fn erase_names_in_audit_log(tx: &Tx, names: &[String]) -> Result<()> {
    let mut names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Ok(());
    }
    // Any word of a name, in any case, finds the entries worth a closer look.
    let words: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == ','))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    let finder = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)?;
    for entry in store::audit_texts(tx)? {
        let hit = |t: &str| finder.is_match(&t.to_lowercase());
        if !(hit(&entry.command) || entry.target.as_deref().is_some_and(hit) || hit(&entry.details))
        {
            continue;
        }
        let clean = |t: &str| crate::redact::redact_names(t, &names);
        let cleaned = LoggedText {
            id: entry.id,
            command: clean(&entry.command),
            target: entry.target.as_deref().map(clean),
            details: clean(&entry.details),
        };
        if cleaned != entry {
            store::set_audit_text(tx, &cleaned)?;
        }
    }
    Ok(())
}

/// Blanks every personal cell of the rows as read of a cycle, by the personal columns of
/// their batches recomputed with today's rules (a batch imported before an unknown column
/// counted as personal is purged as if imported today), and rebuilds each batch's dictionary
/// from the blanked rows, so that no personal cell survives in it either. Returns how many
/// rows changed.
fn blank_rows_as_read(
    tx: &Tx,
    cycle_id: i64,
    names: &std::collections::HashMap<i64, Vec<String>>,
) -> Result<usize> {
    let mut changed_rows = 0;
    for batch in store::batches_of_cycle(tx, cycle_id)? {
        let headers: Vec<String> = serde_json::from_str(&batch.headers).unwrap_or_default();
        let personal = personal_columns_of_batch(&batch.personal_columns, &headers, &batch.format)
            .with_context(|| t!("app-privacy-batch-columns", batch = batch.id.to_string()))?;
        let old_dictionary = &batch.dictionary;
        // The rows of the batch, blanked, encoded against a dictionary made of the first of
        // them blanked (the old one held the cells of the first rows as they were); a chunk
        // at a time, so that a batch of a million rows is not held in memory.
        let ids = store::suggestions_of_batch(tx, batch.id)?;
        let read = |ids: &[i64]| -> Result<Vec<(i64, StoredRow, Vec<String>)>> {
            let mut out = Vec::with_capacity(ids.len());
            for &id in ids {
                let row = store::row_as_read(tx, id)?;
                let own: Vec<&str> = names
                    .get(&id)
                    .map(|n| n.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                let cells = blanked(row.cells(old_dictionary), &personal, &own);
                out.push((id, row, cells));
            }
            Ok(out)
        };
        let dictionary = if old_dictionary.is_empty() {
            Vec::new()
        } else {
            let first: Vec<csv::StringRecord> = read(&ids[..ids.len().min(8)])?
                .into_iter()
                .map(|(_, _, cells)| csv::StringRecord::from(cells))
                .collect();
            crate::domain::row_codec::row_dictionary(first.iter(), &personal)
        };
        for chunk in ids.chunks(1024) {
            for (id, row, cells) in read(chunk)? {
                let encoded = row.like(&dictionary, &cells);
                if encoded != row || dictionary != *old_dictionary {
                    store::set_row_as_read(tx, id, &encoded)?;
                    changed_rows += 1;
                }
            }
        }
        let kept = !(dictionary.is_empty() && old_dictionary.is_empty());
        store::set_batch_rows(tx, batch.id, &personal, kept.then_some(&dictionary[..]))?;
    }
    Ok(changed_rows)
}

/// A row as read with its personal cells emptied, and the cells that stay (a body, a title)
/// without what the scan finds in them (`own`: the suggestion's own names).
fn blanked(mut cells: Vec<String>, personal: &[usize], own: &[&str]) -> Vec<String> {
    for &i in personal {
        if let Some(cell) = cells.get_mut(i) {
            cell.clear();
        }
    }
    for cell in cells.iter_mut().filter(|c| !c.is_empty()) {
        *cell = crate::redact::redact(cell, own).text;
    }
    cells
}

/// Rewrites the database without free pages, then copies the WAL into it and truncates it,
/// waiting for readers up to `AGENDA_BUSY_TIMEOUT`. Returns false when a reader outlasted it.
pub fn compact(db: &Db) -> Result<bool> {
    store::vacuum(db.conn())?;
    checkpoint_waiting(db.conn(), db.path())
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`, again and again while another connection is reading
/// (a checkpoint cannot pass a reader), saying once that it waits.
fn checkpoint_waiting(conn: &Handle, path: &std::path::Path) -> Result<bool> {
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        if store::checkpoint_truncate(conn)? {
            return Ok(true);
        }
        if started.elapsed() >= crate::storage::busy_timeout() {
            return Ok(false);
        }
        if !said {
            eprintln!(
                "{}",
                t!(
                    "app-privacy-waiting",
                    path = path.display().to_string(),
                    seconds = crate::storage::busy_timeout().as_secs()
                )
            );
            said = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
