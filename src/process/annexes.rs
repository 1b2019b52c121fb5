//! The annex as approved is kept: when the cycle closes with the Giunta's act, the files the
//! Giunta approved (`phase advance --act … --annex FILE…`) are checked against the cycle's data
//! and stored byte for byte, so that `report --approved` gives them back years later.
//!
//! A report carries a stamp of how it was made ([`Made`]): the tool makes it again with the
//! same options and compares the bytes. The CSV annexes carry none: they are recognised by
//! making them again, in both flavours, with the options of a stamped report given in the same
//! command, else as the final report dated the act's date. The check reads the state before
//! the closing (the report was made in Fase 3, before the act existed), in the closing's own
//! transaction.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use crate::domain::Cycle;
use crate::error::{invalid_input, refused, usage};
use crate::i18n::{tr_in, Args, Lang};
use crate::report::csv::Flavour;
use crate::report::made::{Made, VERSION};
use crate::report::{self, Format, Options};
use crate::storage::annexes::{self as store, NewAnnex};
use crate::storage::Handle;

/// The largest file an annex may be.
pub const MAX_ANNEX_BYTES: u64 = 64 << 20;

/// A file given with `--annex`, read whole.
#[derive(Debug, Clone)]
pub struct AnnexFile {
    /// The file's base name, as given: the name it is kept and given back under.
    pub name: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Reads the files given with `--annex`. A missing file, a folder, a file over 64 MiB or a name
/// that is not UTF-8 is refused (exit 3); two files of the same name are a usage error.
pub fn read_annexes(paths: &[PathBuf]) -> Result<Vec<AnnexFile>> {
    let mut files: Vec<AnnexFile> = Vec::with_capacity(paths.len());
    for path in paths {
        let file = read_one(path)?;
        if let Some(other) = files.iter().find(|f| f.name == file.name) {
            return Err(usage(t!(
                "process-annex-same-name",
                first = other.path.display().to_string(),
                second = path.display().to_string(),
                name = file.name.as_str()
            ))
            .hint(t!("process-annex-same-name-hint"))
            .into());
        }
        files.push(file);
    }
    Ok(files)
}

fn read_one(path: &Path) -> Result<AnnexFile> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => t!("process-annex-no-such-file"),
            std::io::ErrorKind::PermissionDenied => t!("process-annex-permission-denied"),
            _ => e.to_string(),
        };
        invalid_input(t!(
            "process-annex-unreadable",
            path = shown.as_str(),
            why = why
        ))
        .hint(t!("process-annex-unreadable-hint"))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(
            invalid_input(t!("process-annex-is-a-folder", path = shown.as_str()))
                .hint(t!("process-annex-is-a-folder-hint"))
                .into(),
        );
    }
    let too_large = || {
        invalid_input(t!(
            "process-annex-too-large",
            path = shown.as_str(),
            mib = MAX_ANNEX_BYTES >> 20
        ))
        .hint(t!("process-annex-too-large-hint"))
    };
    if meta.len() > MAX_ANNEX_BYTES {
        return Err(too_large().into());
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            invalid_input(t!("process-annex-bad-name", path = shown.as_str()))
                .hint(t!("process-annex-bad-name-hint"))
        })?
        .to_string();
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_ANNEX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_ANNEX_BYTES {
        return Err(too_large().into());
    }
    Ok(AnnexFile {
        name,
        path: path.to_path_buf(),
        bytes,
    })
}

/// How one annex fared against the cycle's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Its format, when it is a report (stamped) or a CSV annex.
    pub format: Option<Format>,
    /// The stamp line it carries.
    pub stamp: Option<String>,
    /// `None` when verified; else why it cannot be.
    pub unverified: Option<Unverified>,
}

/// Why an annex cannot be verified: as the database keeps it with the annex (in English,
/// whatever the language of the run, as it has always been stored), and as the person who runs
/// the command reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unverified {
    pub stored: String,
    pub shown: String,
}

/// An annex as stored with the closing: what the closing reports and audits.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub name: String,
    pub size: usize,
    pub sha256: String,
    pub verified: bool,
    /// Why it was stored as is, not checked (as stored: in English).
    pub as_is_reason: Option<String>,
    /// The same, in the run's language.
    #[serde(skip)]
    pub as_is_shown: Option<String>,
}

impl Kept {
    /// "verified", or "as is, not checked: why", in the run's language.
    pub fn flag(&self) -> String {
        match self.as_is_shown.as_ref().or(self.as_is_reason.as_ref()) {
            None => t!("process-annex-verified"),
            Some(why) => t!("process-annex-as-is", why = why.as_str()),
        }
    }

    /// The flag as the audit entry stores it, in English.
    fn stored_flag(&self) -> String {
        match &self.as_is_reason {
            None => "verified".to_string(),
            Some(why) => format!("as is, not checked: {why}"),
        }
    }
}

/// Checks the annexes against the cycle's data as they stand, and stores them. A file that
/// cannot be verified is refused (exit 4, nothing stored), unless `as_is`: then it is stored
/// flagged "as is, not checked" with the reason. Runs in the closing's transaction, before
/// the closing is recorded.
pub fn check_and_store(
    conn: &Handle,
    cycle: &Cycle,
    act_date: &str,
    files: &[AnnexFile],
    as_is: bool,
) -> Result<Vec<Kept>> {
    let checked = check(conn, cycle, act_date, files)?;
    let failed: Vec<String> = files
        .iter()
        .zip(&checked)
        .filter_map(|(f, c)| {
            c.unverified
                .as_ref()
                .map(|why| format!("{}: {}", f.name, why.shown))
        })
        .collect();
    if !failed.is_empty() && !as_is {
        return Err(refused(t!(
            "process-annex-unverified",
            count = failed.len(),
            triennium = cycle.triennium.to_string(),
            failed = failed.join("; ")
        ))
        .hint(t!("process-annex-unverified-hint"))
        .into());
    }
    let mut kept = Vec::with_capacity(files.len());
    for (position, (file, c)) in files.iter().zip(&checked).enumerate() {
        let sha256 = store::sha256_hex(&file.bytes);
        store::insert(
            conn,
            cycle.id,
            position,
            &NewAnnex {
                name: &file.name,
                format: c.format.map(format_code).unwrap_or(""),
                bytes: &file.bytes,
                sha256: &sha256,
                as_is_reason: c.unverified.as_ref().map(|u| u.stored.as_str()),
                stamp: c.stamp.as_deref(),
            },
        )?;
        kept.push(Kept {
            name: file.name.clone(),
            size: file.bytes.len(),
            sha256,
            verified: c.unverified.is_none(),
            as_is_reason: c.unverified.as_ref().map(|u| u.stored.clone()),
            as_is_shown: c.unverified.as_ref().map(|u| u.shown.clone()),
        });
    }
    Ok(kept)
}

/// What the closing's audit entry says of the annexes: each with its SHA-256 and flag.
pub fn audit_text(kept: &[Kept]) -> String {
    if kept.is_empty() {
        return String::new();
    }
    let each: Vec<String> = kept
        .iter()
        .map(|k| format!("{} (sha256 {}, {})", k.name, k.sha256, k.stored_flag()))
        .collect();
    format!("; annexes as approved: {}", each.join(", "))
}

/// The code a format is stored under.
pub fn format_code(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Pdf => "pdf",
    }
}

/// Checks each file against the cycle's data; see the module's documentation.
pub fn check(
    conn: &Handle,
    cycle: &Cycle,
    act_date: &str,
    files: &[AnnexFile],
) -> Result<Vec<Checked>> {
    let stamps: Vec<Option<(Format, Made)>> = files.iter().map(|f| Made::find(&f.bytes)).collect();
    let mut csv_options: Vec<Options> = Vec::new();
    let stamped = stamps
        .iter()
        .flatten()
        .filter(|(_, m)| stamp_problem(cycle, m).is_none());
    let candidates = stamped.map(|(_, m)| m.options()).chain([Options {
        draft: false,
        date: Some(act_date.to_string()),
        annex_label: None,
    }]);
    for options in candidates {
        if !csv_options.iter().any(|o| same_options(o, &options)) {
            csv_options.push(options);
        }
    }
    let mut made = Renders::new(conn, cycle);
    files
        .iter()
        .zip(stamps)
        .map(|(file, stamp)| made.check_one(&file.bytes, stamp, &csv_options))
        .collect()
}

/// Why a stamped report cannot be verified before making it again: another cycle, a draft,
/// another version of agenda.
pub fn stamp_problem(cycle: &Cycle, made: &Made) -> Option<Unverified> {
    if made.triennium != cycle.triennium {
        let mut args = Args::new();
        args.set("stamp", made.triennium.to_string());
        args.set("cycle", cycle.triennium.to_string());
        Some(Unverified {
            stored: tr_in(Lang::En, "process-annex-other-cycle", Some(&args)),
            shown: t!(
                "process-annex-other-cycle",
                stamp = made.triennium.to_string(),
                cycle = cycle.triennium.to_string()
            ),
        })
    } else if made.draft {
        Some(Unverified {
            stored: tr_in(Lang::En, "process-annex-draft", None),
            shown: t!("process-annex-draft"),
        })
    } else if made.version != VERSION {
        let mut args = Args::new();
        args.set("made", made.version.as_str());
        args.set("current", VERSION);
        Some(Unverified {
            stored: tr_in(Lang::En, "process-annex-other-version", Some(&args)),
            shown: t!(
                "process-annex-other-version",
                made = made.version.as_str(),
                current = VERSION
            ),
        })
    } else {
        None
    }
}

fn same_options(a: &Options, b: &Options) -> bool {
    a.draft == b.draft && a.date == b.date && a.annex_label() == b.annex_label()
}

/// A report whose bytes are not those its stamp's options give.
fn changed() -> Unverified {
    Unverified {
        stored: tr_in(Lang::En, "process-annex-changed", None),
        shown: t!("process-annex-changed"),
    }
}

/// A file that is neither a stamped report nor one of the CSV annexes.
fn foreign() -> Unverified {
    Unverified {
        stored: tr_in(Lang::En, "process-annex-foreign", None),
        shown: t!("process-annex-foreign"),
    }
}

/// The documents and CSV annexes made again so far, so that each is made once per command.
struct Renders<'c> {
    conn: &'c Handle,
    cycle: &'c Cycle,
    documents: Vec<(Options, Format, Vec<u8>)>,
    csv: Vec<(Options, Flavour, Vec<Vec<u8>>)>,
}

impl<'c> Renders<'c> {
    fn new(conn: &'c Handle, cycle: &'c Cycle) -> Renders<'c> {
        Renders {
            conn,
            cycle,
            documents: Vec::new(),
            csv: Vec::new(),
        }
    }

    fn check_one(
        &mut self,
        bytes: &[u8],
        stamp: Option<(Format, Made)>,
        csv_options: &[Options],
    ) -> Result<Checked> {
        let Some((format, made)) = stamp else {
            let csv = self.is_csv_annex(bytes, csv_options)?;
            return Ok(Checked {
                format: csv.then_some(Format::Csv),
                stamp: None,
                unverified: (!csv).then(foreign),
            });
        };
        let unverified = match stamp_problem(self.cycle, &made) {
            Some(problem) => Some(problem),
            None if self.document(&made.options(), format)? == bytes => None,
            None => Some(changed()),
        };
        Ok(Checked {
            format: Some(format),
            stamp: Some(made.line()),
            unverified,
        })
    }

    fn document(&mut self, options: &Options, format: Format) -> Result<&[u8]> {
        let at = match self
            .documents
            .iter()
            .position(|(o, f, _)| *f == format && same_options(o, options))
        {
            Some(at) => at,
            None => {
                let bytes = report::render(self.conn, self.cycle, options, format)?;
                self.documents.push((options.clone(), format, bytes));
                self.documents.len() - 1
            }
        };
        Ok(&self.documents[at].2)
    }

    fn is_csv_annex(&mut self, bytes: &[u8], csv_options: &[Options]) -> Result<bool> {
        for options in csv_options {
            for flavour in [Flavour::OpenData, Flavour::Excel] {
                if self.annexes(options, flavour)?.iter().any(|a| a == bytes) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    fn annexes(&mut self, options: &Options, flavour: Flavour) -> Result<&[Vec<u8>]> {
        let at = match self
            .csv
            .iter()
            .position(|(o, f, _)| *f == flavour && same_options(o, options))
        {
            Some(at) => at,
            None => {
                let files = report::render_annexes(self.conn, self.cycle, options, flavour)?;
                let bytes = files.into_iter().map(|(_, b)| b).collect();
                self.csv.push((options.clone(), flavour, bytes));
                self.csv.len() - 1
            }
        };
        Ok(&self.csv[at].2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Phase, Triennium};

    fn cycle() -> Cycle {
        Cycle {
            id: 1,
            triennium: Triennium::parse("2021-2023").unwrap(),
            phase: Phase::Aggiornamento,
            phase_since: "2021-11-20".into(),
            opened_at: "2021-09-01T09:00:00Z".into(),
            closed_at: None,
            closed_on: None,
            act: None,
            act_date: None,
        }
    }

    fn made(triennium: &str, draft: bool, version: &str) -> Made {
        Made {
            version: version.into(),
            triennium: Triennium::parse(triennium).unwrap(),
            date: "2022-01-15".into(),
            draft,
            annex_label: "Allegato A".into(),
        }
    }

    #[test]
    fn a_stamp_is_checked_for_cycle_draft_and_version_in_that_order() {
        let c = cycle();
        assert_eq!(stamp_problem(&c, &made("2021-2023", false, VERSION)), None);
        let other = stamp_problem(&c, &made("2022-2024", true, "0.0.1"))
            .unwrap()
            .stored;
        assert!(
            other.contains("cycle 2022-2024, not of the cycle 2021-2023"),
            "{other}"
        );
        let draft = stamp_problem(&c, &made("2021-2023", true, "0.0.1"))
            .unwrap()
            .stored;
        assert!(draft.contains("draft (BOZZA)"), "{draft}");
        let old = stamp_problem(&c, &made("2021-2023", false, "0.0.1"))
            .unwrap()
            .stored;
        assert!(
            old.contains("agenda 0.0.1") && old.contains(&format!("this is agenda {VERSION}")),
            "{old}"
        );
    }

    #[test]
    fn the_audit_names_each_annex_with_its_hash_and_flag() {
        let kept = [
            Kept {
                name: "relazione.pdf".into(),
                size: 3,
                sha256: "ab".repeat(32),
                verified: true,
                as_is_reason: None,
                as_is_shown: None,
            },
            Kept {
                name: "firmata.pdf".into(),
                size: 3,
                sha256: "cd".repeat(32),
                verified: false,
                as_is_reason: Some("not a report made by agenda".into()),
                as_is_shown: Some("non è una relazione fatta da agenda".into()),
            },
        ];
        let text = audit_text(&kept);
        assert_eq!(
            text,
            format!(
                "; annexes as approved: relazione.pdf (sha256 {}, verified), firmata.pdf (sha256 {}, as is, not checked: not a report made by agenda)",
                "ab".repeat(32),
                "cd".repeat(32)
            )
        );
        assert_eq!(audit_text(&[]), "");
    }

    #[test]
    fn options_compare_by_what_changes_the_bytes() {
        let a = Options {
            draft: false,
            date: Some("2022-01-20".into()),
            annex_label: None,
        };
        let b = Options {
            annex_label: Some("Allegato A".into()),
            ..a.clone()
        };
        assert!(same_options(&a, &b));
        let c = Options {
            date: Some("2022-01-21".into()),
            ..a.clone()
        };
        assert!(!same_options(&a, &c));
    }

    #[test]
    fn a_folder_a_missing_file_and_two_files_of_one_name_are_refused() {
        use crate::error::{classify, Kind};
        let dir = tempfile::tempdir().unwrap();
        let kind = |paths: &[PathBuf]| classify(&read_annexes(paths).unwrap_err()).0;
        assert_eq!(kind(&[dir.path().to_path_buf()]), Kind::InvalidInput);
        assert_eq!(kind(&[dir.path().join("manca.pdf")]), Kind::InvalidInput);
        std::fs::create_dir(dir.path().join("b")).unwrap();
        let a = dir.path().join("relazione.md");
        let b = dir.path().join("b").join("relazione.md");
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "y").unwrap();
        assert_eq!(kind(&[a.clone(), b]), Kind::Usage);
        let read = read_annexes(std::slice::from_ref(&a)).unwrap();
        assert_eq!(read[0].name, "relazione.md");
        assert_eq!(read[0].bytes, b"x");
    }
}
