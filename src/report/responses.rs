//! The responses of a cycle, streamed from the database: chapter 3 and the annexes read them
//! one at a time, so that a million suggestions never sit in memory.

use anyhow::Result;

use super::ResponseRow;
use crate::domain::{Axis, Channel, Outcome, Stakeholder, Term};
use crate::storage::report::{self as store, StoredResponse, CARD_SEPARATOR};
use crate::storage::Handle;
/// The responses of a cycle, streamed from the database in the order of their references.
pub struct Responses<'c> {
    pub(super) conn: &'c Handle,
    pub(super) cycle_id: i64,
    /// After this day a suggestion is late.
    pub(super) collection_closed_on: Option<String>,
    /// Each card's progress, for the suggestions accepted with it.
    pub(super) progress: std::collections::BTreeMap<String, super::ProgressFigure>,
}

/// Turns one response into the bytes of a document: a row of a table.
pub type RenderRow = fn(&ResponseRow, &mut Vec<u8>) -> std::io::Result<()>;

impl Responses<'_> {
    /// Calls `f` with each response in turn, in the order of their references (the data for
    /// other tools); returns how many there were.
    pub fn for_each(&self, mut f: impl FnMut(&ResponseRow) -> Result<()>) -> Result<u64> {
        self.each(false, |row| f(&row))
    }

    /// Calls `f` with each response grouped as chapter 3 lists them (see [`ResponseRow::group`]).
    pub fn for_each_grouped(&self, mut f: impl FnMut(&ResponseRow) -> Result<()>) -> Result<u64> {
        self.each(true, |row| f(&row))
    }

    /// Writes every response to `out` as `render` makes it, grouped as chapter 3 lists them;
    /// returns how many there
    /// were. A second thread escapes and formats the rows while this one reads them: on a
    /// million suggestions each side is about half the work. Memory stays bounded: a few
    /// groups of rows are in flight at a time.
    pub fn render(&self, out: &mut dyn std::io::Write, render: RenderRow) -> Result<u64> {
        const GROUP: usize = 512;
        let (rows_tx, rows_rx) = std::sync::mpsc::sync_channel::<Vec<ResponseRow>>(4);
        // Unbounded, but never long: this thread drains it after each group it sends.
        let (bytes_tx, bytes_rx) = std::sync::mpsc::channel::<std::io::Result<Vec<u8>>>();
        std::thread::scope(|scope| -> Result<u64> {
            scope.spawn(move || {
                for group in rows_rx {
                    let mut bytes = Vec::with_capacity(group.len() * 256);
                    let rendered = group
                        .iter()
                        .try_for_each(|row| render(row, &mut bytes))
                        .map(|()| bytes);
                    if bytes_tx.send(rendered).is_err() {
                        break;
                    }
                }
            });
            let mut write = |bytes: std::io::Result<Vec<u8>>| -> Result<()> {
                out.write_all(&bytes?)?;
                Ok(())
            };
            let mut group = Vec::with_capacity(GROUP);
            let n = self.each(true, |row| {
                group.push(row);
                if group.len() == GROUP {
                    let full = std::mem::replace(&mut group, Vec::with_capacity(GROUP));
                    rows_tx
                        .send(full)
                        .map_err(|_| anyhow::anyhow!(t!("report-thread-stopped")))?;
                    while let Ok(bytes) = bytes_rx.try_recv() {
                        write(bytes)?;
                    }
                }
                Ok(())
            })?;
            if !group.is_empty() {
                rows_tx
                    .send(group)
                    .map_err(|_| anyhow::anyhow!(t!("report-thread-stopped")))?;
            }
            drop(rows_tx);
            for bytes in bytes_rx.iter() {
                write(bytes)?;
            }
            Ok(n)
        })
    }

    /// Calls `f` with each response in turn, owned, marked with its group and whether it came
    /// late; returns how many there were.
    fn each(&self, by_axis: bool, mut f: impl FnMut(ResponseRow) -> Result<()>) -> Result<u64> {
        let mut previous: Option<Option<Axis>> = None;
        let mut group_index = 0;
        store::for_each_response(self.conn, self.cycle_id, by_axis, |stored| {
            let mut row = published(stored);
            row.late = match (&self.collection_closed_on, &row.submitted_on) {
                (Some(closed), Some(on)) => on.as_str() > closed.as_str(),
                _ => false,
            };
            row.group = row.axes.first().copied();
            if row.accepted_with_card() {
                row.card_progress = row
                    .card
                    .as_ref()
                    .and_then(|c| self.progress.get(c))
                    .cloned();
            }
            match previous {
                Some(group) if group == row.group => {}
                Some(_) => {
                    group_index += 1;
                    row.first_of_group = true;
                }
                None => row.first_of_group = true,
            }
            previous = Some(row.group);
            row.group_index = group_index;
            f(row)
        })
    }
}

/// A response as the report publishes it: the title and the reason without personal data, the
/// axes in their order and the card codes sorted.
fn published(stored: StoredResponse) -> ResponseRow {
    let names = crate::redact::names(&stored.people);
    ResponseRow {
        reference: stored.reference,
        title: crate::redact::redact(&stored.title, &names).text,
        submitted_on: stored.submitted_on.filter(|d| !d.is_empty()),
        stakeholder: Stakeholder::from_code(&stored.stakeholder).unwrap_or(Stakeholder::Altro),
        channel: Channel::from_code(&stored.channel).unwrap_or(Channel::Altro),
        withdrawn: stored.withdrawn,
        // Sorted here, in the order of the axes and of the card codes: a sort per row in SQL
        // cost a fifth of the report.
        axes: stored
            .axes
            .map(|a| {
                let mut axes: Vec<Axis> = a.split(',').filter_map(Axis::from_code).collect();
                axes.sort_by_key(|a| Axis::ALL.iter().position(|x| x == a));
                axes
            })
            .unwrap_or_default(),
        outcome: stored.outcome.as_deref().and_then(Outcome::from_code),
        reason: stored
            .reason
            .map(|r| crate::redact::redact(&r, &names).text),
        card: stored.card,
        duplicate_of: stored.duplicate_of,
        linked_cards: stored
            .linked_cards
            .map(|l| {
                let mut codes: Vec<String> = l.split(CARD_SEPARATOR).map(str::to_string).collect();
                codes.sort();
                codes
            })
            .unwrap_or_default(),
        url: stored
            .url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .filter(|u| !u.chars().any(|c| c.is_whitespace() || c.is_control())),
        card_progress: None,
        late: false,
        group: None,
        group_index: 0,
        first_of_group: false,
    }
}
