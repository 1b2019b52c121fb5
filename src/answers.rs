//! The way back to the platform: the administration's responses as the files Decidim's
//! "Import answers from a file" takes — one per component, `id;state;answer/<locale>`, the
//! answer as the HTML Decidim's editor stores — holding only what the platform will accept and
//! only what changed since the last file sent for that component.
//!
//! What Decidim does with such a file (decidim-proposals' answer import): one row it cannot
//! take (an unknown id, a proposal of another component, an amendment, a state the component
//! does not define) and it refuses the whole file; every row it takes sets the proposal's
//! state, replaces its whole answer, sets `answered_at` to now and, when answers are published
//! at once, notifies the author. Hence the rules below: a row only for a proposal with a
//! response in force, never for an amendment or a withdrawn proposal, never twice the same.

mod select;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::Cycle;
use crate::domain::{Outcome, Term};
use crate::error::{refused, usage, Failure};
use crate::report::html::escape_exact as escape;
use crate::storage::answers::{self as store, NewExport, SentRow};
use crate::storage::Db;
use select::Selection;

/// The state a response goes back as, by outcome: Decidim's own `accepted` and `rejected`
/// unless `--state OUTCOME=TOKEN` names a custom state of the component (Decidim 0.29+).
#[derive(Debug, Clone, Default)]
pub struct States {
    custom: Vec<(Outcome, String)>,
}

impl States {
    /// Reads `OUTCOME=TOKEN` settings; the token is a Decidim state token (`gia_in_corso`).
    pub fn parse(settings: &[String]) -> Result<States, Failure> {
        let mut custom = Vec::new();
        for setting in settings {
            let (outcome, token) = setting
                .split_once('=')
                .ok_or_else(|| usage(t!("app-answers-state-syntax", setting = setting.as_str())))?;
            let outcome = Outcome::parse(outcome.trim())?;
            let token = token.trim();
            let valid = !token.is_empty()
                && token
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid {
                return Err(usage(t!(
                    "app-answers-state-token",
                    setting = setting.as_str(),
                    token = token
                )));
            }
            custom.retain(|(o, _)| *o != outcome);
            custom.push((outcome, token.to_string()));
        }
        Ok(States { custom })
    }

    pub fn state(&self, outcome: Outcome) -> &str {
        if let Some((_, token)) = self.custom.iter().find(|(o, _)| *o == outcome) {
            return token;
        }
        match outcome {
            Outcome::Accolto | Outcome::ParzialmenteAccolto | Outcome::GiaPrevisto => "accepted",
            Outcome::NonAccolto | Outcome::NonPertinente | Outcome::Duplicato => "rejected",
        }
    }
}

/// Where the files go.
#[derive(Debug, Clone)]
pub enum Target {
    /// Standard output: one component only.
    Stdout,
    /// One file: one component only.
    File(PathBuf),
    /// A folder: one file per component, named after it.
    Folder(PathBuf),
}

impl Target {
    /// A path that is an existing folder, or ends with `/`, is a folder.
    pub fn from_out(out: Option<&Path>) -> Target {
        match out {
            None => Target::Stdout,
            Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => {
                Target::Folder(p.to_path_buf())
            }
            Some(p) => Target::File(p.to_path_buf()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub locale: String,
    pub component: Option<String>,
    /// Every response in force, not only what changed since the last export.
    pub every_response: bool,
    pub states: States,
    pub target: Target,
    pub dry_run: bool,
}

/// The name of the file of a component in a folder.
pub fn file_name(component: &str) -> String {
    format!("risposte-decidim-componente-{component}.csv")
}

/// How many suggestions from Decidim got no row, and why.
#[derive(Debug, Default, Clone, Serialize)]
pub struct LeftOut {
    /// No response recorded locally: a row would wipe the platform's own answer.
    pub without_response: u64,
    /// Amendments: Decidim takes no answer for them.
    pub amendments: u64,
    /// Withdrawn by their authors.
    pub withdrawn: u64,
    /// The export they came from did not say their component.
    pub without_component: u64,
    /// Sent already, as they are now, in an earlier export of their component.
    pub unchanged: u64,
    /// Of another component than `--component`.
    pub other_components: u64,
}

impl LeftOut {
    pub fn total(&self) -> u64 {
        self.without_response
            + self.amendments
            + self.withdrawn
            + self.without_component
            + self.unchanged
            + self.other_components
    }

    /// The reasons, one phrase each, for a message.
    pub fn reasons(&self) -> Vec<String> {
        let reason = |count: u64, say: fn(u64) -> String| (count > 0).then(|| say(count));
        [
            reason(self.without_response, |count| {
                t!("app-answers-left-without-response", count = count)
            }),
            reason(self.amendments, |count| {
                t!("app-answers-left-amendments", count = count)
            }),
            reason(self.withdrawn, |count| {
                t!("app-answers-left-withdrawn", count = count)
            }),
            reason(self.without_component, |count| {
                t!("app-answers-left-without-component", count = count)
            }),
            reason(self.unchanged, |count| {
                t!("app-answers-left-unchanged", count = count)
            }),
            reason(self.other_components, |count| {
                t!("app-answers-left-other-components", count = count)
            }),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// One row of a file of answers.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    pub suggestion_id: i64,
    pub proposal_id: String,
    pub response_id: i64,
    pub state: String,
    pub answer: String,
}

/// The file of one component.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentFile {
    pub component_id: String,
    /// The path written; null for standard output or a dry run.
    pub path: Option<String>,
    /// The export's number in the history; null for a dry run.
    pub export: Option<i64>,
    pub rows: usize,
    pub sha256: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub files: Vec<ComponentFile>,
    pub left_out: LeftOut,
    /// Components whose responses were all sent already: no file for them.
    pub nothing_new: Vec<String>,
    pub dry_run: bool,
}

/// Builds the files of answers of a cycle, writes them (to `options.target`; standard output
/// is `stdout`) and records them — only once written: a file that could not be written whole
/// (a full disk, a closed pipe) is not recorded as sent. A dry run writes to `stdout` the file
/// it would send there, and records nothing.
pub fn export(
    db: &mut Db,
    cycle: &Cycle,
    options: &Options,
    stdout: &mut dyn std::io::Write,
) -> Result<Summary> {
    let candidates = store::candidates(db.conn(), cycle.id)?;
    let selection = Selection::of(candidates, options);
    let nothing_new = selection.nothing_new();
    check_component(cycle, options, &selection.known_components)?;
    check_one_file(options, &selection.by_component)?;
    if let Target::File(path) = &options.target {
        crate::outfile::ensure_not_a_database(path, db.path())?;
    }
    let Selection {
        by_component,
        left_out,
        ..
    } = selection;
    let mut files = component_files(options, &by_component)?;
    if let (Target::Stdout, Some(file)) = (&options.target, files.first()) {
        stdout.write_all(&file.bytes)?;
        stdout.flush()?;
    }
    if options.dry_run {
        for f in &mut files {
            f.path = None;
        }
        return Ok(Summary {
            files,
            left_out,
            nothing_new,
            dry_run: true,
        });
    }
    // Write every file, then record them all: a file that could not be written is not
    // recorded as sent.
    write_files(db.path(), options, &files)?;
    let numbers = record(db, cycle.id, options, &files, &by_component)?;
    for (f, n) in files.iter_mut().zip(numbers) {
        f.export = Some(n);
    }
    Ok(Summary {
        files,
        left_out,
        nothing_new,
        dry_run: false,
    })
}

/// Refuses a `--component` that none of the cycle's suggestions comes from.
fn check_component(cycle: &Cycle, options: &Options, known: &BTreeSet<String>) -> Result<()> {
    let Some(wanted) = &options.component else {
        return Ok(());
    };
    if known.contains(wanted) {
        return Ok(());
    }
    Err(refused(t!(
        "app-answers-unknown-component",
        triennium = cycle.triennium.to_string(),
        component = wanted.as_str(),
        components = if known.is_empty() {
            t!("app-answers-no-components")
        } else {
            known.iter().cloned().collect::<Vec<_>>().join(", ")
        }
    ))
    .hint(t!("app-answers-unknown-component-hint"))
    .into())
}

/// Refuses answers of several components for one file: Decidim takes one component per file.
fn check_one_file(
    options: &Options,
    by_component: &BTreeMap<String, Vec<AnswerRow>>,
) -> Result<()> {
    let single = matches!(options.target, Target::Stdout | Target::File(_));
    if single && by_component.len() > 1 {
        let names: Vec<&str> = by_component.keys().map(String::as_str).collect();
        return Err(refused(t!(
            "app-answers-several-components",
            count = names.len(),
            names = names.join(", ")
        ))
        .hint(t!("app-answers-several-components-hint", first = names[0]))
        .into());
    }
    Ok(())
}

/// The file of each component, in memory, with the path it goes to.
fn component_files(
    options: &Options,
    by_component: &BTreeMap<String, Vec<AnswerRow>>,
) -> Result<Vec<ComponentFile>> {
    let mut files = Vec::new();
    for (component, rows) in by_component {
        let bytes = write_csv(&options.locale, rows)?;
        let sha256 = crate::csvin::scan::hex(&Sha256::digest(&bytes));
        let path = match &options.target {
            Target::Stdout => None,
            Target::File(p) => Some(p.clone()),
            Target::Folder(dir) => Some(dir.join(file_name(component))),
        };
        files.push(ComponentFile {
            component_id: component.clone(),
            path: path.map(|p| p.display().to_string()),
            export: None,
            rows: rows.len(),
            sha256,
            bytes,
        });
    }
    Ok(files)
}

/// Writes each file that has a path, whole, never over the database `db`.
fn write_files(db: &Path, options: &Options, files: &[ComponentFile]) -> Result<()> {
    if let (Target::Folder(dir), false) = (&options.target, files.is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            anyhow::Error::new(e).context(t!(
                "app-answers-creating-folder",
                path = dir.display().to_string()
            ))
        })?;
    }
    for f in files {
        if let Some(path) = &f.path {
            let path = Path::new(path);
            crate::outfile::ensure_not_a_database(path, db)?;
            crate::outfile::write_whole(path, &f.bytes)?;
        }
    }
    Ok(())
}

/// Records the files written as exports, with what each row sent; returns their numbers.
fn record(
    db: &mut Db,
    cycle_id: i64,
    options: &Options,
    files: &[ComponentFile],
    by_component: &BTreeMap<String, Vec<AnswerRow>>,
) -> Result<Vec<i64>> {
    db.write(|tx| {
        let mut numbers = Vec::new();
        for f in files {
            let rows = &by_component[&f.component_id];
            let hashes: Vec<String> = rows
                .iter()
                .map(|r| answer_sha256(&r.state, &r.answer))
                .collect();
            let sent: Vec<SentRow> = rows
                .iter()
                .zip(&hashes)
                .map(|(r, h)| SentRow {
                    suggestion_id: r.suggestion_id,
                    response_id: r.response_id,
                    state: &r.state,
                    answer_sha256: h,
                })
                .collect();
            let id = store::record_export(
                tx,
                &NewExport {
                    cycle_id,
                    component_id: &f.component_id,
                    file: f.path.as_deref(),
                    sha256: &f.sha256,
                    every_response: options.every_response,
                    locale: &options.locale,
                    rows: &sent,
                },
            )?;
            tx.audit(
                "suggestion.export-answers",
                Some(&f.component_id),
                &format!(
                    "export {id}: {} answer(s) for Decidim component {} to {}; sha256 {}",
                    f.rows,
                    f.component_id,
                    f.path.as_deref().unwrap_or("standard output"),
                    f.sha256
                ),
            )?;
            numbers.push(id);
        }
        Ok(numbers)
    })
}

/// `;`-separated, UTF-8 without BOM, LF line ends, quoted only where needed: what both
/// Decidim 0.27's reader (`CSV.read(file, col_sep: ";")`) and 0.28+'s (`BOM|UTF-8` with the
/// configured separator) take. No spreadsheet formula guard: Decidim would publish the `'`.
fn write_csv(locale: &str, rows: &[AnswerRow]) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(["id", "state", &format!("answer/{locale}")])?;
    for r in rows {
        writer.write_record([r.proposal_id.as_str(), r.state.as_str(), r.answer.as_str()])?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The fingerprint of what a row says: the same state and answer are not sent twice.
fn answer_sha256(state: &str, answer: &str) -> String {
    let mut h = Sha256::new();
    h.update(state.as_bytes());
    h.update([0x1f]);
    h.update(answer.as_bytes());
    crate::csvin::scan::hex(&h.finalize())
}

/// The answer as Decidim's rich-text editor stores it: one `<p>` per paragraph of the reason
/// (lines within a paragraph broken with `<br>`), the text escaped, then the card that carries
/// the suggestion and, for a duplicate, the suggestion it repeats when the reason does not
/// name it.
pub fn answer_html(reason: &str, card: Option<(&str, &str)>, duplicate_of: Option<&str>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    // Lines trimmed first, so that a line of spaces still separates two paragraphs.
    let normalised = reason
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n");
    for block in normalised.split("\n\n") {
        let lines: Vec<String> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(escape)
            .collect();
        if !lines.is_empty() {
            paragraphs.push(lines.join("<br>"));
        }
    }
    if let Some((code, title)) = card {
        paragraphs.push(escape(&format!("Scheda {code} – {title}")));
    }
    if let Some(dup) = duplicate_of.filter(|d| !reason.contains(d)) {
        paragraphs.push(escape(&format!("Duplicato del contributo {dup}.")));
    }
    paragraphs
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_is_the_html_decidims_editor_stores() {
        assert_eq!(
            answer_html("Accolta: l'assistenza <SPID> & CIE.", None, None),
            "<p>Accolta: l&#39;assistenza &lt;SPID&gt; &amp; CIE.</p>"
        );
        assert_eq!(
            answer_html(
                "Prima riga\nseconda riga\n\nSecondo paragrafo",
                Some(("SEM-04", "Punti Digitale Facile")),
                None
            ),
            "<p>Prima riga<br>seconda riga</p><p>Secondo paragrafo</p><p>Scheda SEM-04 – Punti Digitale Facile</p>"
        );
        assert_eq!(
            answer_html("Ripete un altro contributo.", None, Some("PO-PROP-2021-10-5101")),
            "<p>Ripete un altro contributo.</p><p>Duplicato del contributo PO-PROP-2021-10-5101.</p>"
        );
        assert_eq!(
            answer_html(
                "Duplicato di PO-PROP-2021-10-5101.",
                None,
                Some("PO-PROP-2021-10-5101")
            ),
            "<p>Duplicato di PO-PROP-2021-10-5101.</p>"
        );
        // A formula-looking reason is published as typed: no `'` before it.
        assert_eq!(answer_html("=1+1", None, None), "<p>=1+1</p>");
    }

    #[test]
    fn outcomes_go_back_as_decidims_states_or_the_custom_ones() {
        let states = States::parse(&[]).unwrap();
        assert_eq!(states.state(Outcome::GiaPrevisto), "accepted");
        assert_eq!(states.state(Outcome::ParzialmenteAccolto), "accepted");
        assert_eq!(states.state(Outcome::Duplicato), "rejected");
        assert_eq!(states.state(Outcome::NonPertinente), "rejected");
        let custom = States::parse(&["gia-previsto=gia_in_corso".into()]).unwrap();
        assert_eq!(custom.state(Outcome::GiaPrevisto), "gia_in_corso");
        assert_eq!(custom.state(Outcome::Accolto), "accepted");
        for bad in [
            "gia-previsto",
            "gia-previsto=Già in corso",
            "approvato=accepted",
            "accolto=",
        ] {
            assert!(States::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_file_has_no_bom_lf_line_ends_and_no_formula_guard() {
        let rows = vec![AnswerRow {
            suggestion_id: 1,
            proposal_id: "5101".into(),
            response_id: 1,
            state: "accepted".into(),
            answer: "<p>=SOMMA; \"sì\"</p>".into(),
        }];
        let bytes = write_csv("it", &rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "id;state;answer/it\n5101;accepted;\"<p>=SOMMA; \"\"sì\"\"</p>\"\n"
        );
    }
}
