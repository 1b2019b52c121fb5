//! Scale benchmark: `cargo bench --bench scale [-- ROWS]`.
//!
//! Generates a Decidim-shaped proposals export of ROWS rows (default 1,000,000; realistic
//! Italian text, HTML bodies, about 650 bytes a row) deterministically, then measures in the
//! same run:
//! - `sqlite3`'s own `.import` of the file into a bare table (the yardstick),
//! - `agenda suggestion import` of the file into a fresh database,
//! - `agenda suggestion import` of a later export holding the same rows in another order
//!   (every row unchanged),
//!
//! printing wall time, rows/s and peak memory (max RSS of the child process) for each, and the
//! ratios to sqlite3; then, on the same database, the commands of Fase 3 (indexing for search, a
//! filtered page, a full-text search, autotag of every suggestion) and the report (Markdown
//! and HTML); last the PDF report: how long the benchmark's cycle takes to be refused when it
//! holds more suggestions than a PDF may (exit 4), and the PDF/A of a separate cycle of the
//! most a PDF holds (20,000 suggestions, every one answered). Each command starts after a
//! sync(2). With `BENCH_REPEAT=N` the two imports of the first file, the commands of Fase 3
//! but the indexing, and the reports are each the fastest of N runs (a shared VM slows single
//! runs by a third at times). Needs the `sqlite3` command (Debian: `apt-get install sqlite3`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const AXES: &[&str] = &[
    "Semplificazione",
    "Promozione",
    "Competenze",
    "Nuovi servizi",
    "Infrastrutture e piattaforme trasversali",
    "Governance",
    "Mobilità",
    "",
];
const STATES: &[&str] = &[
    "",
    "not_answered",
    "evaluating",
    "accepted",
    "rejected",
    "withdrawn",
];
const SUBJECTS: &[&str] = &[
    "Attivare lo SPID",
    "Prenotare gli appuntamenti all'anagrafe",
    "Pagare la mensa con pagoPA",
    "Wi-Fi gratuito nei parchi",
    "Corsi di informatica per anziani",
    "Un'app per la raccolta differenziata",
    "Dati aperti sul traffico",
    "Uno sportello virtuale per le pratiche edilizie",
    "La newsletter dei servizi online",
    "Fibra ottica nelle scuole",
    "Iscrizione online al nido",
    "Segnalare le buche con lo smartphone",
];
const PLACES: &[&str] = &[
    "al Macrolotto",
    "in Piazza Mercatale",
    "a San Paolo",
    "al Parco di Galceti",
    "in centro storico",
    "a Chiesanuova",
    "a Mezzana",
    "nelle frazioni",
];
const SENTENCES: &[&str] = &[
    "Molti cittadini, soprattutto le persone anziane, non riescono a completare la procedura da soli e rinunciano al servizio.",
    "Sarebbe utile un punto di assistenza con operatori formati, aperto anche il sabato mattina, vicino alle fermate dell&#39;autobus.",
    "Il servizio esiste gi&agrave; ma &egrave; poco conosciuto: andrebbe promosso con una campagna sui social e nelle biblioteche.",
    "Propongo di pubblicare i dati in formato aperto, aggiornati ogni mese, cos&igrave; che scuole e associazioni possano usarli.",
    "Le famiglie straniere hanno bisogno di istruzioni in pi&ugrave; lingue e di moduli semplici da compilare dal telefono.",
    "Chi lavora non pu&ograve; andare allo sportello negli orari d&#39;ufficio: la pratica online farebbe risparmiare tempo a tutti.",
    "La connessione &egrave; lenta e nelle ore di punta non funziona: serve una rete pi&ugrave; robusta &amp; affidabile.",
    "Un tavolo periodico con le associazioni del quartiere aiuterebbe a capire le priorit&agrave; reali.",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
}

const HEADER: &str = "id;category/id;category/name/it;scope/id;scope/name/it;participatory_space/id;participatory_space/url;component/id;title/it;body/it;address;latitude;longitude;state;reference;answer/it;supports;endorsements/total_count;endorsements/user_endorsements;comments;attachments;followers;published_at;url;meeting_urls;related_proposals;is_amend;original_proposal/title;original_proposal/url";

fn row(i: u64) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1));
    for _ in 0..3 {
        rng.next();
    }
    let id = 100_000 + i;
    let axis = rng.pick(AXES);
    let title = format!("{} {} ({})", rng.pick(SUBJECTS), rng.pick(PLACES), id);
    let body = format!(
        "<p>{}</p>\n<p>{} {}</p>",
        rng.pick(SENTENCES),
        rng.pick(SENTENCES),
        rng.pick(SENTENCES)
    );
    let day = 1 + rng.next() % 28;
    let month = 10 + rng.next() % 2;
    format!(
        "{id};{cat};{axis};;;14;https://partecipo.comune.prato.it/processes/agenda-digitale;82;{title};\"{body}\";;;;{state};PO-PROP-2021-10-{id};;{sup};{end};;{com};0;{fol};2021-{month:02}-{day:02} {h:02}:{m:02}:{s:02} +0200;https://partecipo.comune.prato.it/processes/agenda-digitale/f/82/proposals/{id};;;false;;\n",
        cat = 40 + axis.len() % 7,
        state = rng.pick(STATES),
        sup = rng.next() % 200,
        end = rng.next() % 40,
        com = rng.next() % 15,
        fol = rng.next() % 30,
        h = rng.next() % 24,
        m = rng.next() % 60,
        s = rng.next() % 60,
    )
}

fn generate(path: &Path, rows: u64, rotated: bool) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    let mut bytes = 0;
    for k in 0..rows {
        let i = if rotated { (k + rows / 2) % rows } else { k };
        let r = row(i);
        bytes += r.len() as u64;
        out.write_all(r.as_bytes())?;
    }
    out.flush()?;
    Ok(bytes)
}

struct Measure {
    seconds: f64,
    peak_mib: f64,
}

/// Runs a command and measures its wall time and peak resident memory. Dirty pages of the
/// previous steps are written out first, so that no command pays for another's writes.
fn measure(cmd: &mut Command) -> Measure {
    measure_exit(cmd, 0)
}

/// Like [`measure`], for a command that must end with exit code `code`.
fn measure_exit(cmd: &mut Command, code: i32) -> Measure {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let start = Instant::now();
    let child = cmd.spawn().expect("start the command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child, with valid pointers to locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert!(r == pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == code,
        "the command did not exit with {code}: {cmd:?}"
    );
    std::mem::forget(child);
    Measure {
        seconds,
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// The faster of a measure and the best one so far.
fn fastest(a: Measure, b: Option<Measure>) -> Measure {
    match b {
        Some(b) if b.seconds <= a.seconds => b,
        _ => a,
    }
}

fn main() {
    let rows: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .or_else(|| {
            std::env::var("BENCH_ROWS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(1_000_000);
    let agenda = PathBuf::from(env!("CARGO_BIN_EXE_agenda"));
    // BENCH_DIR keeps the generated files and databases there, for profiling.
    let kept = std::env::var_os("BENCH_DIR").map(PathBuf::from);
    let temp = tempfile::tempdir().expect("temporary folder");
    let dir = match &kept {
        Some(d) => {
            let _ = std::fs::remove_dir_all(d);
            std::fs::create_dir_all(d).expect("create BENCH_DIR");
            d.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let export = dir.join("proposte.csv");
    let later = dir.join("proposte-successive.csv");
    eprintln!("generating {rows} rows …");
    let bytes = generate(&export, rows, false).expect("write the export");
    generate(&later, rows, true).expect("write the later export");
    let size = std::fs::metadata(&export).unwrap().len();
    println!(
        "export: {rows} rows, {:.0} MiB, {:.0} bytes a row",
        size as f64 / 1048576.0,
        bytes as f64 / rows as f64
    );

    // BENCH_REPEAT=N runs the two imports N times, alternately, and keeps the fastest of
    // each: on a shared VM a single run can be slowed by its neighbours.
    let repeat: usize = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let db = dir.join("agenda.db");
    let run = |args: &[&str]| {
        let status = Command::new(&agenda)
            .arg("--db")
            .arg(&db)
            .arg("--quiet")
            .args(args)
            .status()
            .expect("run agenda");
        assert!(status.success(), "agenda {args:?} failed");
    };
    let mut sqlite: Option<Measure> = None;
    let mut first: Option<Measure> = None;
    for _ in 0..repeat {
        let bare = dir.join("bare.db");
        let _ = std::fs::remove_file(&bare);
        let m = measure(
            Command::new("sqlite3")
                .arg(&bare)
                .arg(".mode csv")
                .arg(".separator ;")
                .arg(format!(".import {} proposte", export.display())),
        );
        sqlite = Some(fastest(m, sqlite));
        for suffix in ["", "-wal", "-shm"] {
            let mut p = db.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        run(&["init", "--date", "2021-09-01"]);
        run(&["phase", "advance", "--date", "2021-10-01"]);
        let m = measure(
            Command::new(&agenda)
                .arg("--db")
                .arg(&db)
                .args(["--quiet", "suggestion", "import"])
                .arg(&export),
        );
        first = Some(fastest(m, first));
    }
    let (sqlite, first) = (sqlite.unwrap(), first.unwrap());
    if repeat > 1 {
        println!("fastest of {repeat} runs of each import:");
    }
    let again = measure(
        Command::new(&agenda)
            .arg("--db")
            .arg(&db)
            .args(["--quiet", "suggestion", "import"])
            .arg(&later),
    );

    let line = |name: &str, m: &Measure| {
        println!(
            "{name:<44} {:>8.2} s {:>12.0} rows/s {:>8.1} MiB peak {:>6.2}× sqlite3",
            m.seconds,
            rows as f64 / m.seconds,
            m.peak_mib,
            m.seconds / sqlite.seconds
        );
    };
    line("sqlite3 .import into a bare table", &sqlite);
    line("agenda suggestion import (new database)", &first);
    line("agenda suggestion import (later export, same rows)", &again);
    println!(
        "targets: import ≤ 1.5× sqlite3 (now {:.2}×), re-import < 0.5× (now {:.2}×), peak < 64 MiB (now {:.1} and {:.1} MiB)",
        first.seconds / sqlite.seconds,
        again.seconds / sqlite.seconds,
        first.peak_mib,
        again.peak_mib
    );

    // Triage on the same database: the first search indexes everything, then the timings.
    // Runs a command `runs` times (after `prepare` each time) and keeps the fastest run.
    let timed_runs = |label: &str, args: &[&str], runs: usize, prepare: &dyn Fn()| -> Measure {
        let mut best: Option<Measure> = None;
        for _ in 0..runs {
            prepare();
            let m = measure(
                Command::new(&agenda)
                    .arg("--db")
                    .arg(&db)
                    .arg("--quiet")
                    .args(args)
                    .stdout(std::process::Stdio::null()),
            );
            best = Some(fastest(m, best));
        }
        let m = best.expect("at least one run");
        println!(
            "{label:<52} {:>9.3} s {:>8.1} MiB peak",
            m.seconds, m.peak_mib
        );
        m
    };
    let timed = |label: &str, args: &[&str]| timed_runs(label, args, repeat, &|| ());
    println!();
    if repeat > 1 {
        println!("fastest of {repeat} runs of each command but the first:");
    }
    let index = timed_runs(
        "search index, built once (1st search)",
        &["suggestion", "list", "--search", "spid", "--limit", "1"],
        1,
        &|| (),
    );
    let page = timed(
        "filtered page (--axis --unanswered --limit 50)",
        &[
            "suggestion",
            "list",
            "--axis",
            "competenze",
            "--unanswered",
            "--limit",
            "50",
        ],
    );
    let search = timed(
        "full-text search (\"corsi anziani\", --limit 50)",
        &[
            "suggestion",
            "list",
            "--search",
            "corsi anziani",
            "--limit",
            "50",
        ],
    );
    // Autotag needs untagged suggestions: take away the axes the export's categories (or
    // the previous run) gave.
    let untag = || {
        let status = Command::new("sqlite3")
            .arg(&db)
            .arg("DELETE FROM suggestion_axes;")
            .status()
            .expect("run sqlite3");
        assert!(status.success());
    };
    let autotag = timed_runs(
        "autotag of every suggestion",
        &["suggestion", "autotag"],
        repeat,
        &untag,
    );
    let md = timed(
        "report, Markdown (draft)",
        &[
            "report",
            "--draft",
            "--date",
            "2022-01-31",
            "--format",
            "md",
            "--out",
            dir.join("report.md").to_str().unwrap(),
        ],
    );
    let html = timed(
        "report, HTML (draft)",
        &[
            "report",
            "--draft",
            "--date",
            "2022-01-31",
            "--format",
            "html",
            "--out",
            dir.join("report.html").to_str().unwrap(),
        ],
    );
    println!(
        "targets: page < 0.050 s (now {:.3}), search < 0.100 s (now {:.3}), autotag < 10 s (now {:.1}), reports < 10 s and < 200 MiB (now {:.1} s/{:.0} MiB and {:.1} s/{:.0} MiB); indexing took {:.1} s",
        page.seconds, search.seconds, autotag.seconds, md.seconds, md.peak_mib, html.seconds, html.peak_mib, index.seconds
    );
    pdf_measures(&agenda, &dir, &db, rows, repeat);
}

/// The most suggestions a PDF report holds: `report::pdf::MAX_SUGGESTIONS`, which the crate
/// keeps to itself. The PDF's cycle has exactly as many (and fails loudly if the limit drops).
const PDF_MAX: u64 = 20_000;

/// Reasons as the office writes them for outcomes that need no card (no `;`: the response
/// file is written unquoted).
const REASONS: &[&str] = &[
    "La proposta non rientra tra le competenze del Comune: è stata inoltrata alla Regione Toscana, che gestisce il servizio.",
    "Il servizio richiesto è già disponibile sul portale del Comune e sarà promosso meglio con la campagna di comunicazione del prossimo anno.",
    "Le risorse del triennio sono destinate ai progetti finanziati dal PNRR: la proposta sarà riconsiderata nel prossimo aggiornamento dell'Agenda.",
    "La richiesta riguarda un singolo ufficio e non un servizio digitale: è stata trasmessa al settore competente per una risposta diretta.",
    "La soluzione proposta richiede un'infrastruttura che il Comune non gestisce: la rete regionale ne valuterà la fattibilità.",
];

/// A response file answering every suggestion of `generate(.., rows, false)` with an outcome
/// that needs no card and a reason, as the office records them before the report is final.
fn responses(path: &Path, rows: u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, "ref;outcome;reason")?;
    for i in 0..rows {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ (i + 1));
        rng.next();
        let outcome = if i % 3 == 0 {
            "non-pertinente"
        } else {
            "non-accolto"
        };
        let reason = rng.pick(REASONS);
        writeln!(out, "PO-PROP-2021-10-{};{outcome};{reason}", 100_000 + i)?;
    }
    out.flush()
}

/// The PDF report. On the benchmark's database, when it holds more suggestions than a PDF
/// may, how long the refusal (exit 4) takes; then, on a database of its own with exactly
/// [`PDF_MAX`] suggestions (the same generator), every one answered, the final PDF/A report.
fn pdf_measures(agenda: &Path, dir: &Path, db: &Path, rows: u64, repeat: usize) {
    let print = |label: &str, m: &Measure| {
        println!(
            "{label:<52} {:>9.3} s {:>8.1} MiB peak",
            m.seconds, m.peak_mib
        );
    };
    println!();
    let refused = (rows > PDF_MAX).then(|| {
        let out = dir.join("report.pdf");
        let mut best = None;
        for _ in 0..repeat {
            let m = measure_exit(
                Command::new(agenda)
                    .arg("--db")
                    .arg(db)
                    .args(["--quiet", "report", "--draft", "--date", "2022-01-31"])
                    .arg("--out")
                    .arg(&out)
                    .stderr(std::process::Stdio::null()),
                4,
            );
            best = Some(fastest(m, best));
        }
        assert!(!out.exists(), "a refused PDF left a file");
        let m = best.unwrap();
        print(&format!("report, PDF of {rows} suggestions, refused"), &m);
        m
    });
    let (own, pdf_db) = pdf_cycle(agenda, dir);
    let pdf = own.join("relazione.pdf");
    let mut best = None;
    for _ in 0..repeat {
        let m = measure(
            Command::new(agenda)
                .arg("--db")
                .arg(&pdf_db)
                .args(["--quiet", "report", "--date", "2022-01-31", "--out"])
                .arg(&pdf),
        );
        best = Some(fastest(m, best));
    }
    let m = best.unwrap();
    let size = std::fs::metadata(&pdf).unwrap().len() as f64 / 1048576.0;
    let pages = lopdf::Document::load(&pdf)
        .map(|d| d.get_pages().len())
        .expect("lopdf reads the PDF");
    print(
        &format!("report, PDF/A of {PDF_MAX} suggestions ({pages} pages)"),
        &m,
    );
    println!(
        "targets: the PDF of {PDF_MAX} suggestions written (now {:.1} s, {:.0} MiB peak, a file of {size:.0} MiB), a larger cycle refused before it is typeset{}",
        m.seconds,
        m.peak_mib,
        refused.map_or(String::new(), |r| format!(" (now {:.3} s)", r.seconds))
    );
}

/// The PDF's own database in `dir/pdf`: [`PDF_MAX`] suggestions from the benchmark's generator,
/// in Fase 3, every one answered. Returns the folder and the database.
fn pdf_cycle(agenda: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let own = dir.join("pdf");
    std::fs::create_dir_all(&own).expect("create the PDF's folder");
    let (export, answers, pdf_db) = (
        own.join("proposte.csv"),
        own.join("risposte.csv"),
        own.join("agenda.db"),
    );
    eprintln!("generating {PDF_MAX} rows and their responses for the PDF …");
    generate(&export, PDF_MAX, false).expect("write the PDF's export");
    responses(&answers, PDF_MAX).expect("write the PDF's responses");
    let run = |args: &[&str]| {
        let status = Command::new(agenda)
            .arg("--db")
            .arg(&pdf_db)
            .arg("--quiet")
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run agenda");
        assert!(status.success(), "agenda {args:?} failed");
    };
    run(&["init", "--date", "2021-09-01"]);
    run(&["phase", "advance", "--date", "2021-10-01"]);
    run(&["suggestion", "import", export.to_str().unwrap()]);
    run(&["phase", "advance", "--date", "2021-12-01"]);
    run(&["suggestion", "respond", "--from", answers.to_str().unwrap()]);
    (own, pdf_db)
}
