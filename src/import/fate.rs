//! What each row of a file becomes — new, changed, unchanged, rejected and why — and what
//! becomes of the file: the rules of an import, apart from the threads and the SQL that carry
//! them out (see `pipeline` and `storage::imports::Writer`).
//!
//! A row is decided in two steps, one on each side of the pipeline: the reader [`screen`]s a
//! record (its shape, its key, whether an earlier row of the file had the key), the writer asks
//! storage about the key and [`decide`]s.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use crate::csvin::Problems;
use crate::domain::mapping::{duplicate_key, Incoming, Mapping, Rejection};
use crate::error::{invalid_input, Failure};
use crate::storage::imports::{Counts, Stored};

/// A row read and keyed but not mapped: most rows of a later export are unchanged, and the
/// writer maps a row only once storage says it is new or changed.
pub(crate) struct Keyed {
    pub line: u64,
    pub key: String,
    /// The fingerprint of the row as read, compared with the stored one.
    pub fingerprint: i64,
    pub record: csv::StringRecord,
}

/// What the reader makes of a record, before storage is asked anything.
#[derive(Debug)]
pub(crate) enum Screened {
    /// Mapped already: its key is a fingerprint of its content, or the cycle held no
    /// suggestion before the import (then every row is mapped where it is read).
    Mapped(Box<Incoming>),
    /// Keyed by its reference or id, its fingerprint taken, left for the writer to map.
    Keyed { key: String, fingerprint: i64 },
    /// Left out, and why.
    Invalid(String),
}

/// The keys of a file seen so far, to refuse a row that repeats an earlier one.
pub(crate) struct FileKeys {
    /// The cycle held no suggestion before the import: the table's unique key does this job
    /// as the writer inserts (see `Writer::flush`), and memory stays flat whatever the size
    /// of the file.
    all_new: bool,
    /// As 64-bit hashes: 1M rows cost 16 MiB, not the keys themselves.
    seen: HashSet<u64>,
}

impl FileKeys {
    pub(crate) fn new(all_new: bool) -> FileKeys {
        FileKeys {
            all_new,
            seen: HashSet::new(),
        }
    }

    /// Whether no earlier row of the file had this key (as far as this check goes: see
    /// [`FileKeys::all_new`]).
    fn first(&mut self, key: &str) -> bool {
        if self.all_new {
            return true;
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        self.seen.insert(h.finish())
    }
}

/// Screens a record of the file at `line`: is it the header's shape, what is its key, did an
/// earlier row have it. The row is mapped here when its key needs the content, or when it is
/// certainly new.
pub(crate) fn screen(
    record: &csv::StringRecord,
    line: u64,
    mapping: &Mapping,
    keys: &mut FileKeys,
) -> Screened {
    if record.len() != mapping.columns {
        return Screened::Invalid(crate::t!(
            "import-wrong-field-count",
            count = record.len(),
            columns = mapping.columns
        ));
    }
    let Some(key) = mapping.fast_key(record) else {
        // Keyed by its content: mapped to be keyed.
        return match mapping.incoming(record, line) {
            Err(why) => Screened::Invalid(why),
            Ok(s) if !keys.first(&s.key) => Screened::Invalid(duplicate_key(&s.key, None)),
            Ok(s) => Screened::Mapped(Box::new(s)),
        };
    };
    if !keys.first(&key) {
        return Screened::Invalid(duplicate_key(&key, None));
    }
    if keys.all_new {
        // Into an empty cycle every row is new: map it here.
        return match mapping.incoming(record, line) {
            Ok(mut s) => {
                s.known_new = true;
                Screened::Mapped(Box::new(s))
            }
            Err(why) => Screened::Invalid(why),
        };
    }
    // The fingerprint only here: a mapped row computes its own.
    Screened::Keyed {
        fingerprint: mapping.raw_hash(record),
        key,
    }
}

/// How an import treats a file with problems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// `--skip-invalid`: the invalid rows are left out, the others imported.
    pub skip_invalid: bool,
    /// The cycle held no suggestion before the import.
    pub all_new: bool,
}

impl Policy {
    /// Whether the file, with the problems found so far, will be refused: then it is read on
    /// only to list its problems. Into an empty cycle its rows are still written, as that is
    /// where a key seen twice shows (the transaction is rolled back anyway).
    pub(crate) fn refuses(self, problems_found: bool) -> bool {
        problems_found && !self.skip_invalid && !self.all_new
    }
}

/// A row as it reaches the writer.
pub(crate) enum Arrived<'a> {
    Mapped(Box<Incoming>),
    Keyed(&'a Keyed),
    /// Left out by the reader.
    Invalid(Rejection),
}

impl Arrived<'_> {
    pub(crate) fn line(&self) -> u64 {
        match self {
            Arrived::Mapped(s) => s.line,
            Arrived::Keyed(k) => k.line,
            Arrived::Invalid(r) => r.line,
        }
    }

    /// The key to ask storage about before deciding, if the decision needs the answer: not
    /// for a file that will be refused, nor for a row known to be new.
    pub(crate) fn key_to_look_up(&self, refusing: bool) -> Option<&str> {
        match self {
            _ if refusing => None,
            Arrived::Mapped(s) if s.known_new => None,
            Arrived::Mapped(s) => Some(&s.key),
            Arrived::Keyed(k) => Some(&k.key),
            Arrived::Invalid(_) => None,
        }
    }
}

/// What a row becomes.
#[derive(Debug)]
pub(crate) enum Fate {
    /// A suggestion to insert.
    New(Box<Incoming>),
    /// The stored suggestion `id`, to update with the row.
    Changed { id: i64, row: Box<Incoming> },
    /// The stored suggestion says the same: nothing to write. The row, if it was mapped, is
    /// only to be freed.
    Unchanged(Option<Box<Incoming>>),
    /// Left out, and why.
    Rejected { reason: String },
    /// Not written, as the file will be refused, nor wrong: nothing to list.
    Unwritten(Option<Box<Incoming>>),
}

/// Decides what a row becomes, with what storage said of its key (`stored`, asked as
/// [`Arrived::key_to_look_up`] says) and whether the file will be refused (see
/// [`Policy::refuses`]). A keyed row is mapped only when it is to be written, or to list what
/// is wrong with it.
pub(crate) fn decide(
    row: Arrived,
    stored: Option<Stored>,
    refusing: bool,
    mapping: &Mapping,
) -> Fate {
    match row {
        Arrived::Invalid(rejection) => Fate::Rejected {
            reason: rejection.reason,
        },
        Arrived::Mapped(s) if refusing => Fate::Unwritten(Some(s)),
        Arrived::Mapped(s) => against(stored, s),
        Arrived::Keyed(k) => match stored {
            Some(stored) if !refusing && stored.fingerprint == k.fingerprint => {
                Fate::Unchanged(None)
            }
            _ => match mapping.incoming(&k.record, k.line) {
                Err(reason) => Fate::Rejected { reason },
                Ok(_) if refusing => Fate::Unwritten(None),
                Ok(s) => against(stored, Box::new(s)),
            },
        },
    }
}

/// A mapped row against the stored suggestion with its key.
fn against(stored: Option<Stored>, s: Box<Incoming>) -> Fate {
    match stored {
        None => Fate::New(s),
        Some(stored) if stored.fingerprint == s.content_hash => Fate::Unchanged(Some(s)),
        Some(stored) => Fate::Changed {
            id: stored.id,
            row: s,
        },
    }
}

/// The last record of a file, as the reader saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LastRecord {
    pub line: u64,
    /// A field of it spans lines.
    pub multiline: bool,
    /// The reader left it out.
    pub rejected: bool,
}

/// Why the last record of a file whose quotes do not balance is wrong.
pub(crate) fn unclosed_quote_reason() -> String {
    crate::t!("import-unclosed-quote")
}

/// What a quote that never closes does to a file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum UnclosedQuote {
    /// Nothing: the quotes balance, or the last record spans no lines.
    None,
    /// The last record, already rejected, is rejected for this too.
    AlsoRejects,
    /// The last record is rejected (and taken out if it was written).
    Rejects { line: u64 },
}

/// A quote that never closes swallows the rest of the file into its last record.
pub(crate) fn unclosed_quote(quotes_unbalanced: bool, last: Option<LastRecord>) -> UnclosedQuote {
    match last {
        Some(last) if quotes_unbalanced && last.multiline => {
            if last.rejected {
                UnclosedQuote::AlsoRejects
            } else {
                UnclosedQuote::Rejects { line: last.line }
            }
        }
        _ => UnclosedQuote::None,
    }
}

/// Whether the file `name`, read to the end, is imported: it has rows, and no problem (or,
/// with `--skip-invalid`, a row without one).
pub(crate) fn accept(
    name: &str,
    counts: &Counts,
    problems: &Problems,
    skip_invalid: bool,
) -> Result<(), Failure> {
    if counts.read == 0 {
        return Err(invalid_input(crate::t!("import-no-rows", file = name)));
    }
    if !skip_invalid {
        problems.fail_if_any()?;
    } else if counts.read == counts.rejected {
        return Err(invalid_input(format!(
            "{}\n  {}",
            crate::t!("import-every-row-invalid", file = name),
            problems.lines().join("\n  ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mapping::{Format, Settings};

    fn mapping(headers: &str) -> Mapping {
        let headers: Vec<String> = headers.split(';').map(str::to_string).collect();
        let settings = Settings {
            locale: "it".into(),
            ..Settings::default()
        };
        Mapping::new("f.csv", "f.csv:1", &headers, Format::Generic, &settings).unwrap()
    }

    fn record(cells: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(cells.to_vec())
    }

    /// A row of a later export, keyed by its reference.
    fn keyed(mapping: &Mapping, cells: &[&str], line: u64) -> Keyed {
        let record = record(cells);
        match screen(&record, line, mapping, &mut FileKeys::new(false)) {
            Screened::Keyed { key, fingerprint } => Keyed {
                line,
                key,
                fingerprint,
                record,
            },
            other => panic!("not keyed: {other:?}"),
        }
    }

    const HEADER: &str = "Riferimento;Oggetto;Proposta;Data";
    const ROW: &[&str] = &["R-1", "Wi-Fi", "Wi-Fi nei parchi", "02/05/2022"];

    #[test]
    fn a_row_whose_key_is_not_stored_is_new() {
        let m = mapping(HEADER);
        let k = keyed(&m, ROW, 2);
        let arrived = Arrived::Keyed(&k);
        assert_eq!(arrived.key_to_look_up(false), Some("R-1"));
        match decide(arrived, None, false, &m) {
            Fate::New(s) => {
                assert_eq!(
                    (s.key.as_str(), s.title.as_str(), s.line),
                    ("R-1", "Wi-Fi", 2)
                );
                assert_eq!(s.content_hash, k.fingerprint);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_row_the_source_changed_updates_its_suggestion() {
        let m = mapping(HEADER);
        let k = keyed(&m, ROW, 2);
        let stored = Stored {
            id: 7,
            fingerprint: k.fingerprint ^ 1,
        };
        match decide(Arrived::Keyed(&k), Some(stored), false, &m) {
            Fate::Changed { id, row } => {
                assert_eq!((id, row.body.as_str()), (7, "Wi-Fi nei parchi"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_row_the_source_did_not_change_is_left_alone_without_being_mapped() {
        let m = mapping(HEADER);
        // Even a row that would not map is unchanged if its fingerprint is the stored one.
        let k = keyed(&m, &["R-1", "Wi-Fi", "Wi-Fi nei parchi", "Maria Rossi"], 2);
        let stored = Stored {
            id: 7,
            fingerprint: k.fingerprint,
        };
        assert!(matches!(
            decide(Arrived::Keyed(&k), Some(stored), false, &m),
            Fate::Unchanged(None)
        ));
        // A row mapped by the reader comes back, to be freed where it was made.
        let s = m.incoming(&record(ROW), 2).unwrap();
        let stored = Stored {
            id: 7,
            fingerprint: s.content_hash,
        };
        assert!(matches!(
            decide(Arrived::Mapped(Box::new(s)), Some(stored), false, &m),
            Fate::Unchanged(Some(_))
        ));
    }

    #[test]
    fn a_wrong_row_is_rejected_with_its_reason() {
        let m = mapping(HEADER);
        let k = keyed(&m, &["R-1", "Wi-Fi", "Wi-Fi nei parchi", "Maria Rossi"], 2);
        match decide(Arrived::Keyed(&k), None, false, &m) {
            Fate::Rejected { reason } => assert_eq!(
                reason,
                "the column \"Data\" does not hold a date (expected e.g. 02/05/2022, 2022-05-02 or 2022-05-02 15:44:00 +0100)"
            ),
            other => panic!("{other:?}"),
        }
        let mut keys = FileKeys::new(false);
        match screen(&record(&["R-2", "Wi-Fi"]), 3, &m, &mut keys) {
            Screened::Invalid(why) => assert_eq!(why, "2 fields, but the header has 4"),
            other => panic!("{other:?}"),
        }
        // What the reader left out stays out, with its reason.
        let rejection = Rejection {
            line: 3,
            reason: "2 fields, but the header has 4".into(),
        };
        let arrived = Arrived::Invalid(rejection);
        assert_eq!((arrived.line(), arrived.key_to_look_up(false)), (3, None));
        assert!(matches!(
            decide(arrived, None, false, &m),
            Fate::Rejected { reason } if reason == "2 fields, but the header has 4"
        ));
    }

    #[test]
    fn a_key_repeated_in_the_same_file_is_rejected_by_the_reader() {
        let m = mapping(HEADER);
        let mut keys = FileKeys::new(false);
        assert!(matches!(
            screen(&record(ROW), 2, &m, &mut keys),
            Screened::Keyed { .. }
        ));
        match screen(&record(ROW), 3, &m, &mut keys) {
            Screened::Invalid(why) => assert_eq!(
                why,
                "the key \"R-1\" appears again (an earlier row has it too): one suggestion per row"
            ),
            other => panic!("{other:?}"),
        }
        // Into an empty cycle the table's unique key finds it: the rows are mapped, known new.
        let mut keys = FileKeys::new(true);
        for line in [2, 3] {
            match screen(&record(ROW), line, &m, &mut keys) {
                Screened::Mapped(s) => assert!(s.known_new),
                other => panic!("{other:?}"),
            }
        }
        // Keyed by their content, the rows are mapped by the reader, and looked up.
        let m = mapping("Oggetto;Proposta");
        let mut keys = FileKeys::new(false);
        let row = record(&["Wi-Fi", "Wi-Fi nei parchi"]);
        let Screened::Mapped(s) = screen(&row, 2, &m, &mut keys) else {
            panic!("not mapped")
        };
        assert!(s.key.starts_with("fp:") && !s.known_new);
        assert!(matches!(
            screen(&row, 3, &m, &mut keys),
            Screened::Invalid(why) if why.contains("appears again")
        ));
    }

    #[test]
    fn with_skip_invalid_the_rows_are_written_after_a_problem() {
        let m = mapping(HEADER);
        let strict = Policy {
            skip_invalid: false,
            all_new: false,
        };
        let skipping = Policy {
            skip_invalid: true,
            ..strict
        };
        let into_empty = Policy {
            all_new: true,
            ..strict
        };
        assert!(!strict.refuses(false));
        assert!(strict.refuses(true));
        assert!(!skipping.refuses(true));
        assert!(!into_empty.refuses(true));

        // Once the file will be refused, a good row is neither looked up nor written...
        let k = keyed(&m, ROW, 4);
        assert_eq!(Arrived::Keyed(&k).key_to_look_up(true), None);
        assert!(matches!(
            decide(Arrived::Keyed(&k), None, true, &m),
            Fate::Unwritten(None)
        ));
        let s = Box::new(m.incoming(&record(ROW), 4).unwrap());
        assert!(matches!(
            decide(Arrived::Mapped(s), None, true, &m),
            Fate::Unwritten(Some(_))
        ));
        // ...and a wrong one still listed.
        let k = keyed(&m, &["R-1", "Wi-Fi", "Wi-Fi nei parchi", "Maria Rossi"], 5);
        assert!(matches!(
            decide(Arrived::Keyed(&k), None, true, &m),
            Fate::Rejected { .. }
        ));
        // With --skip-invalid the same good row is written.
        let k = keyed(&m, ROW, 4);
        let refusing = skipping.refuses(true);
        assert!(matches!(
            decide(Arrived::Keyed(&k), None, refusing, &m),
            Fate::New(_)
        ));
    }

    #[test]
    fn an_unclosed_quote_rejects_the_last_record_when_it_spans_lines() {
        let last = |multiline, rejected| {
            Some(LastRecord {
                line: 9,
                multiline,
                rejected,
            })
        };
        assert_eq!(
            unclosed_quote(false, last(true, false)),
            UnclosedQuote::None
        );
        assert_eq!(
            unclosed_quote(true, last(false, false)),
            UnclosedQuote::None
        );
        assert_eq!(unclosed_quote(true, None), UnclosedQuote::None);
        assert_eq!(
            unclosed_quote(true, last(true, false)),
            UnclosedQuote::Rejects { line: 9 }
        );
        assert_eq!(
            unclosed_quote(true, last(true, true)),
            UnclosedQuote::AlsoRejects
        );
    }
}
