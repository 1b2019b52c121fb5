//! The reading side of an import, on a thread of its own: records read, screened and mapped
//! (see [`fate::screen`]) while the caller writes, so that parsing and SQLite each get a core.
//!
//! [`Pipeline`] hides the thread, the channels, the row dictionary and the recycling of
//! allocations: what the writer is done with goes back to the reading thread, which made it,
//! because glibc's allocator locks the allocating thread's arena for every free made elsewhere.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};

use anyhow::Result;

use super::fate::{self, FileKeys, Keyed, LastRecord, Screened};
use crate::csvin::CsvFile;
use crate::domain::mapping::{Incoming, Mapping, Rejection};
use crate::domain::row_codec::row_dictionary;

/// What the reader hands to the writer, in the order of the file.
pub(crate) enum Item {
    /// A row mapped by the reader.
    Mapped(Box<Incoming>),
    /// A row to look up first, mapped only if new or changed; give it back with
    /// [`Pipeline::recycle`].
    Keyed(Box<Keyed>),
    /// A row the reader left out.
    Invalid(Rejection),
    /// Where the reading got to, for a progress bar.
    Progress { bytes: u64, rows: u64 },
    /// The end of the file, with its last record (for the unclosed-quote check).
    End(Option<LastRecord>),
}

/// Items travel this many at a time.
const CHUNK: usize = 256;

/// How many rows of a file make its dictionary (see `domain::row_codec::row_dictionary`).
const DICTIONARY_ROWS: usize = 8;

type Chunk = VecDeque<Item>;

/// What the writer hands back to the reader: an emptied chunk to fill again, and the rows it
/// is done with, to free.
struct Spent {
    chunk: Chunk,
    // The boxes themselves, as the reading thread made them: freeing them there is the point.
    #[allow(clippy::vec_box)]
    rows: Vec<Box<Incoming>>,
    #[allow(clippy::vec_box)]
    keyed: Vec<Box<Keyed>>,
}

/// A file being read on another thread, handed out item by item.
pub(crate) struct Pipeline<'scope> {
    name: String,
    reader: ScopedJoinHandle<'scope, ()>,
    chunks: mpsc::Receiver<Result<Chunk>>,
    spent: mpsc::Sender<Spent>,
    /// The chunk being handed out; `None` before the first.
    chunk: Option<Chunk>,
    #[allow(clippy::vec_box)]
    keyed: Vec<Box<Keyed>>,
    /// What stopped the reading, if anything did.
    failed: Option<anyhow::Error>,
}

impl<'scope> Pipeline<'scope> {
    /// Starts reading the records of `csv`, mapped by `mapping` (whose row dictionary the
    /// reader sets from the first rows, before mapping any). With `all_new`, the cycle holds
    /// no suggestion yet and every key is new.
    pub(crate) fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        mut csv: CsvFile,
        mapping: &'scope Mapping,
        all_new: bool,
    ) -> Pipeline<'scope> {
        let name = csv.name.clone();
        let (sender, chunks) = mpsc::sync_channel::<Result<Chunk>>(4);
        let (spent, spent_rx) = mpsc::channel::<Spent>();
        let reader = scope.spawn(move || {
            let channels = Channels {
                chunks: &sender,
                spent: &spent_rx,
            };
            if let Err(e) = read_rows(&mut csv, mapping, all_new, &channels) {
                let _ = sender.send(Err(e));
            }
        });
        Pipeline {
            name,
            reader,
            chunks,
            spent,
            chunk: None,
            keyed: Vec::new(),
            failed: None,
        }
    }

    /// The next item of the file; `None` at the end, or when the reading failed (see
    /// [`Pipeline::finish`]). When a chunk is done, `spent_rows` gives the rows the writer is
    /// done with, to be freed by the reader.
    #[allow(clippy::vec_box)]
    pub(crate) fn next(
        &mut self,
        spent_rows: &mut dyn FnMut() -> Vec<Box<Incoming>>,
    ) -> Option<Item> {
        loop {
            if let Some(item) = self.chunk.as_mut().and_then(VecDeque::pop_front) {
                return Some(item);
            }
            if let Some(chunk) = self.chunk.take() {
                let _ = self.spent.send(Spent {
                    chunk,
                    rows: spent_rows(),
                    keyed: std::mem::take(&mut self.keyed),
                });
            }
            match self.chunks.recv() {
                Ok(Ok(chunk)) => self.chunk = Some(chunk),
                Ok(Err(e)) => {
                    self.failed = Some(e);
                    return None;
                }
                Err(mpsc::RecvError) => return None,
            }
        }
    }

    /// Gives back a keyed row the writer is done with.
    pub(crate) fn recycle(&mut self, keyed: Box<Keyed>) {
        self.keyed.push(keyed);
    }

    /// Stops reading and waits for the reader: what stopped it, if anything did.
    pub(crate) fn finish(self) -> Result<()> {
        drop(self.chunks);
        if self.reader.join().is_err() {
            return Err(anyhow::anyhow!(crate::t!(
                "import-reader-thread-stopped",
                file = self.name.as_str()
            )));
        }
        match self.failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The reading thread's ends of the channels.
struct Channels<'a> {
    chunks: &'a mpsc::SyncSender<Result<Chunk>>,
    spent: &'a mpsc::Receiver<Spent>,
}

impl Channels<'_> {
    /// Sends a full chunk; returns the one to fill next (the last one given back, if any), or
    /// `None` when the writer has stopped listening.
    fn send(&self, full: Chunk) -> Option<Chunk> {
        let mut next = None;
        while let Ok(spent) = self.spent.try_recv() {
            drop(spent.rows);
            drop(spent.keyed);
            next = Some(spent.chunk);
        }
        let next = next.unwrap_or_else(|| VecDeque::with_capacity(CHUNK + 2));
        self.chunks.send(Ok(full)).ok()?;
        Some(next)
    }
}

/// The first rows of the file, read ahead: they make the dictionary the rows as read are
/// compressed against, set on `mapping` before any row is mapped.
fn read_ahead(
    csv: &mut CsvFile,
    mapping: &Mapping,
    record: &mut csv::StringRecord,
) -> Result<Vec<(u64, csv::StringRecord)>> {
    let mut ahead = Vec::new();
    while ahead.len() < DICTIONARY_ROWS {
        match csv.next_record(record)? {
            Some(line) => ahead.push((line, record.clone())),
            None => break,
        }
    }
    let _ = mapping.dictionary.set(row_dictionary(
        ahead
            .iter()
            .filter(|(_, r)| r.len() == mapping.columns)
            .map(|(_, r)| r),
        &mapping.personal,
    ));
    Ok(ahead)
}

/// The reading side: records from the file, screened, in chunks.
fn read_rows(
    csv: &mut CsvFile,
    mapping: &Mapping,
    all_new: bool,
    channels: &Channels,
) -> Result<()> {
    let bytes = csv.bytes_read();
    let mut keys = FileKeys::new(all_new);
    let mut record = csv::StringRecord::new();
    let mut chunk = VecDeque::with_capacity(CHUNK + 2);
    let mut rows = 0u64;
    let mut last = None;
    // The rows read ahead first, then the others.
    let mut ahead = read_ahead(csv, mapping, &mut record)?.into_iter();
    loop {
        let line = match ahead.next() {
            Some((line, read)) => {
                record = read;
                line
            }
            None => match csv.next_record(&mut record)? {
                Some(line) => line,
                None => break,
            },
        };
        rows += 1;
        let multiline = record.iter().any(|f| f.contains('\n'));
        let item = match fate::screen(&record, line, mapping, &mut keys) {
            Screened::Mapped(s) => Item::Mapped(s),
            Screened::Keyed { key, fingerprint } => Item::Keyed(Box::new(Keyed {
                line,
                key,
                fingerprint,
                record: record.clone(),
            })),
            Screened::Invalid(reason) => Item::Invalid(Rejection { line, reason }),
        };
        last = Some(LastRecord {
            line,
            multiline,
            rejected: matches!(item, Item::Invalid(_)),
        });
        chunk.push_back(item);
        if chunk.len() == CHUNK {
            chunk.push_back(Item::Progress {
                bytes: bytes.load(Ordering::Relaxed),
                rows,
            });
            let full = std::mem::take(&mut chunk);
            match channels.send(full) {
                Some(next) => chunk = next,
                None => return Ok(()),
            }
        }
    }
    chunk.push_back(Item::End(last));
    let _ = channels.chunks.send(Ok(chunk));
    Ok(())
}
