//! Personal data, backups and restores, `agenda check`: the safety commands of issue 7.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{
    close_without_act, conn, contains, files_in, fixture_arg, stderr, tag_untagged, Env,
};

const MODULO: &str = "modulo-web-2022.csv";
const DECIDIM: &str = "decidim-2022-proposals-0.30.csv";
/// An e-mail and a name from the web-form fixture.
const EMAIL: &str = "m.tacconi@example.it";
const NAME: &str = "Marco Tacconi";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn count(env: &Env, sql: &str) -> i64 {
    conn(env).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The 2021-2023 cycle in Fase 2 with the web-form suggestions (names and e-mails) and the
/// Decidim ones (author names).
fn with_people() -> Env {
    let env = Env::collecting();
    for file in [MODULO, DECIDIM] {
        env.run(&["suggestion", "import", "--quiet", &fixture_arg(file)])
            .success();
    }
    env
}

/// Responds to every suggestion, tags the untagged ones and closes the cycle without an act,
/// on 2022-12-01: after the last proposal of the Decidim 2022 export (2022-11-25), since no
/// suggestion may be dated after the closing.
fn close_cycle(env: &Env) {
    tag_untagged(env);
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    conn(env)
        .execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
             SELECT id, 'non-accolto', 'Fuori dal perimetro del triennio.', 1, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions s
             WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current)",
            [],
        )
        .unwrap();
    close_without_act(env, "2022-12-01");
}

// ---------------------------------------------------------------------------------------------
// privacy report

#[test]
fn privacy_report_counts_the_personal_data_of_each_cycle() {
    let env = with_people();
    let report = env.json(&["privacy", "report", "--format", "json"]);
    let cycles = report.as_array().expect("an array of cycles");
    assert_eq!(cycles.len(), 1, "{report}");
    let cycle = &cycles[0];
    assert_eq!(cycle["triennium"], "2021-2023");
    assert_eq!(cycle["closed"], false);
    assert_eq!(
        cycle["emails"],
        count(
            &env,
            "SELECT count(*) FROM suggestion_people WHERE trim(coalesce(email, '')) <> ''"
        )
    );
    assert!(cycle["emails"].as_i64().unwrap() >= 10, "{cycle}");
    assert_eq!(
        cycle["authors"],
        count(
            &env,
            "SELECT count(*) FROM suggestion_people WHERE trim(coalesce(author, '')) <> ''"
        )
    );
    assert!(
        cycle["authors"].as_i64().unwrap() > cycle["emails"].as_i64().unwrap(),
        "the Decidim authors have names and no e-mail: {cycle}"
    );
    assert!(cycle["source_rows"].as_i64().unwrap() > 0, "{cycle}");
    assert_eq!(cycle["purged_at"], Value::Null);

    let table = env.stdout(&["privacy", "report"]);
    assert!(table.contains("2021-2023"), "{table}");
    assert!(table.contains("e-mails"), "{table}");
    assert!(
        !table.contains(EMAIL),
        "the report shows no personal data: {table}"
    );
}

// ---------------------------------------------------------------------------------------------
// privacy purge

#[test]
fn purge_refuses_an_open_cycle_and_changes_nothing() {
    let env = with_people();
    let before = env.dump();
    let err = stderr(&env.run(&["privacy", "purge", "--yes"]).code(4));
    assert!(err.contains("2021-2023 is still open"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn purge_asks_for_confirmation_and_refuses_without_a_terminal() {
    let env = with_people();
    close_cycle(&env);
    let before = env.dump();
    let err = stderr(&env.run(&["privacy", "purge"]).code(2));
    assert!(err.contains("--yes"), "{err}");
    assert!(err.contains("Erase for ever"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn the_dictionaries_of_the_rows_as_read_hold_no_personal_data() {
    // A purge blanks the personal cells of the rows, never the dictionaries they are
    // compressed against: these must not hold any to begin with.
    let env = with_people();
    let c = conn(&env);
    let mut stmt = c
        .prepare("SELECT file_name, row_dictionary FROM import_batches")
        .unwrap();
    let dictionaries: Vec<(String, Option<Vec<u8>>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(dictionaries.len(), 2);
    for (file, dictionary) in &dictionaries {
        let dictionary = dictionary.as_deref().unwrap_or_default();
        assert!(!dictionary.is_empty(), "{file} has no dictionary");
        assert!(
            dictionary.len() <= 4096,
            "{file}: {} bytes",
            dictionary.len()
        );
        assert!(
            !contains(dictionary, EMAIL) && !contains(dictionary, NAME),
            "{file}: personal data in the dictionary"
        );
    }
}

#[test]
fn purge_erases_names_and_emails_from_every_byte_in_the_folder() {
    let env = with_people();
    close_cycle(&env);
    // The test means something only if the data are there to begin with.
    let before: Vec<_> = files_in(env.dir.path());
    assert!(
        before.iter().any(|(_, b)| contains(b, EMAIL)),
        "the e-mail is not in the database before the purge"
    );
    let suggestions_before = count(&env, "SELECT count(*) FROM suggestions");
    let responses_before = count(&env, "SELECT count(*) FROM responses");

    // An idle connection keeps the WAL file alive after the command ends, so the scan below
    // reads what the purge left in it rather than nothing.
    let idle = conn(&env);
    let _: i64 = idle
        .query_row("SELECT count(*) FROM cycles", [], |r| r.get(0))
        .unwrap();
    let assert = env
        .run(&["privacy", "purge", "--yes", "--cycle", "2021-2023"])
        .success();
    assert!(env.path("agenda.db-wal").exists());
    let err = stderr(&assert);
    assert!(err.contains("erased the personal data"), "{err}");

    assert_eq!(count(&env, "SELECT count(*) FROM suggestion_people"), 0);
    assert_eq!(
        count(&env, "SELECT count(*) FROM suggestions"),
        suggestions_before
    );
    assert_eq!(
        count(&env, "SELECT count(*) FROM responses"),
        responses_before
    );

    // The rows as read keep their other cells.
    let conn = conn(&env);
    let mut stmt = conn
        .prepare(
            "SELECT src.row, coalesce(b.row_dictionary, X'') FROM suggestion_sources src
             JOIN import_batches b ON b.id = src.batch_id",
        )
        .unwrap();
    let rows: Vec<Vec<String>> = stmt
        .query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
        })
        .unwrap()
        .map(|r| {
            let (row, dictionary) = r.unwrap();
            agenda::domain::row_codec::decode_row(&row, &dictionary)
        })
        .collect();
    // Every row decodes, against the dictionary of its batch.
    assert!(rows.iter().all(|cells| !cells.is_empty()));
    assert!(!rows.is_empty());
    let all: Vec<&String> = rows.iter().flatten().collect();
    assert!(
        all.iter().any(|c| c.contains("SPID")),
        "the proposals' text is kept"
    );
    assert!(!all.iter().any(|c| c.contains(EMAIL) || c.contains(NAME)));
    drop(stmt);
    drop(conn);

    // Nothing lingers: not in free pages of the database, not in its WAL, nowhere in the folder.
    let files = files_in(env.dir.path());
    assert!(
        files.len() >= 3,
        "the database, its -wal and -shm: {files:?}"
    );
    for (path, bytes) in files {
        for needle in [EMAIL, "silvia.nesti@posta.example.org", NAME] {
            assert!(
                !contains(&bytes, needle),
                "{needle} is still in {}",
                path.display()
            );
        }
    }
    drop(idle);

    let log = env.json(&["log", "--format", "json"]);
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "privacy.purge")
        .expect("the purge is in the audit log");
    assert_eq!(entry["target"], "2021-2023");
    assert!(
        entry["details"].as_str().unwrap().contains("suggestions"),
        "{entry}"
    );

    let report = env.json(&["privacy", "report", "--format", "json"]);
    let cycle = &report[0];
    assert_eq!(cycle["emails"], 0);
    assert_eq!(cycle["authors"], 0);
    assert_eq!(cycle["source_rows"], 0);
    assert!(cycle["purged_at"].is_string(), "{cycle}");

    // A second purge finds nothing and writes nothing.
    let before = env.dump();
    let err = stderr(&env.run(&["privacy", "purge", "--yes"]).success());
    assert!(err.contains("nothing to erase"), "{err}");
    assert_eq!(env.dump(), before);
    env.run(&["check"]).success();
}

#[test]
fn purge_warns_about_backups_that_still_hold_the_data() {
    let env = with_people();
    close_cycle(&env);
    std::fs::copy(
        env.db(),
        env.path("agenda.db.before-restore-20220101T000000Z"),
    )
    .unwrap();
    let err = stderr(&env.run(&["privacy", "purge", "--yes"]).success());
    assert!(
        err.contains("agenda.db.before-restore-20220101T000000Z"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// file modes

#[test]
fn the_database_its_wal_and_its_backups_are_private() {
    let env = Env::collecting();
    assert_eq!(mode(&env.db()), 0o600);
    // Keep a connection open so that the WAL outlives the command that writes it.
    let reader = conn(&env);
    let _: i64 = reader
        .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    env.run(&["suggestion", "import", "--quiet", &fixture_arg(MODULO)])
        .success();
    for suffix in ["-wal", "-shm"] {
        let path = env.path(&format!("agenda.db{suffix}"));
        assert!(path.exists(), "{} is missing", path.display());
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    drop(reader);

    env.run(&["backup", "copia.db"]).success();
    assert_eq!(mode(&env.path("copia.db")), 0o600);
    env.run(&["restore", "copia.db", "--yes"]).success();
    let safety = files_in(env.dir.path())
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("agenda.db.before-restore-")
        })
        .expect("a safety backup beside the database");
    assert_eq!(mode(&safety), 0o600);
}

// ---------------------------------------------------------------------------------------------
// backup

#[test]
fn backup_writes_a_complete_copy_and_never_overwrites() {
    let env = with_people();
    env.run(&["backup", "copia.db"]).success();
    let copy = env.path("copia.db");
    let copy_conn = rusqlite::Connection::open(&copy).unwrap();
    let n: i64 = copy_conn
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, count(&env, "SELECT count(*) FROM suggestions"));
    let mode_name: String = copy_conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode_name, "delete", "a backup is one self-contained file");
    drop(copy_conn);

    let bytes = std::fs::read(&copy).unwrap();
    let err = stderr(&env.run(&["backup", "copia.db", "--yes"]).code(4));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes, "the file was touched");
    let leftovers: Vec<_> = files_in(env.dir.path())
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "a partial file was left behind");
}

#[test]
fn backup_is_consistent_while_another_process_writes() {
    let env = with_people();
    let db = env.db();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut conn = rusqlite::Connection::open(&db).unwrap();
            conn.busy_timeout(std::time::Duration::from_secs(10))
                .unwrap();
            let mut pairs = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || pairs < 20 {
                // Two rows in one transaction: a consistent copy has them both or neither.
                let tx = conn.transaction().unwrap();
                for _ in 0..2 {
                    tx.execute(
                        "INSERT INTO audit_log (at, user, command, action, details)
                         VALUES ('2022-01-01T00:00:00Z', 'collaudo', 'test', 'test.pair', ?1)",
                        ["x".repeat(2000)],
                    )
                    .unwrap();
                }
                tx.commit().unwrap();
                pairs += 1;
            }
            pairs
        })
    };
    for i in 0..4 {
        let name = format!("copia-{i}.db");
        env.run(&["backup", &name]).success();
        let copy = rusqlite::Connection::open(env.path(&name)).unwrap();
        let check: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let rows: i64 = copy
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'test.pair'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows % 2, 0, "copy {i} caught a transaction half-way");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() >= 20);
}

// ---------------------------------------------------------------------------------------------
// restore

#[test]
fn restore_brings_the_data_back_after_a_safety_backup() {
    let env = Env::with_cards();
    env.run(&["backup", "copia.db"]).success();
    let saved = env.dump();
    env.run(&[
        "card",
        "add",
        "--code",
        "GOV-99",
        "--title",
        "Dopo il backup",
        "--axis",
        "governance",
        "--status",
        "pianificata",
    ])
    .success();
    let changed = env.dump();
    assert_ne!(changed, saved);

    // Without --yes and without a terminal: refused, nothing touched.
    let err = stderr(&env.run(&["restore", "copia.db"]).code(2));
    assert!(err.contains("--yes"), "{err}");
    assert!(
        err.contains("22 cards"),
        "the question says what comes back: {err}"
    );
    assert_eq!(env.dump(), changed);

    let err = stderr(&env.run(&["restore", "copia.db", "--yes"]).success());
    assert!(err.contains("before-restore"), "{err}");
    assert_eq!(
        count(&env, "SELECT count(*) FROM cards WHERE code = 'GOV-99'"),
        0
    );
    assert_eq!(count(&env, "SELECT count(*) FROM cards"), 22);
    let restored = count(
        &env,
        "SELECT count(*) FROM audit_log WHERE action = 'backup.restore'",
    );
    assert_eq!(restored, 1, "the restore is in the audit log");

    // The data before the restore are beside the database.
    let safety = files_in(env.dir.path())
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.to_string_lossy().contains("agenda.db.before-restore-"))
        .expect("a safety backup");
    let n: i64 = rusqlite::Connection::open(&safety)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM cards WHERE code = 'GOV-99'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    env.run(&["check"]).success();
    // The temporary copy the checks read is gone.
    assert!(!files_in(env.dir.path())
        .iter()
        .any(|(p, _)| p.to_string_lossy().contains(".agenda-restore-")));
}

#[test]
fn restore_refuses_files_that_are_not_agenda_databases() {
    let env = Env::with_cards();
    let before = env.dump();

    env.write("testo.db", "non sono un database\n".repeat(100));
    let err = stderr(&env.run(&["restore", "testo.db", "--yes"]).code(3));
    assert!(err.contains("not an SQLite database"), "{err}");

    let other = env.path("altro.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
        .unwrap();
    let err = stderr(&env.run(&["restore", "altro.db", "--yes"]).code(3));
    assert!(err.contains("not an agenda database"), "{err}");
    assert_eq!(env.dump(), before, "a refused restore changed the database");

    env.run(&["backup", "futuro.db"]).success();
    // The backup is recorded: what follows must change nothing more.
    let before = env.dump();
    rusqlite::Connection::open(env.path("futuro.db"))
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let err = stderr(&env.run(&["restore", "futuro.db", "--yes"]).code(4));
    assert!(err.contains("newer agenda"), "{err}");

    let err = stderr(&env.run(&["restore", "manca.db", "--yes"]).code(3));
    assert!(err.contains("manca.db"), "{err}");

    assert_eq!(env.dump(), before, "a refused restore changed the database");
    assert!(!files_in(env.dir.path())
        .iter()
        .any(|(p, _)| p.to_string_lossy().contains("before-restore")));
}

// ---------------------------------------------------------------------------------------------
// backup before a schema upgrade

/// A database as the first release wrote it: schema version 1.
fn version_one_database(path: &Path) {
    let schema =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql")).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&schema).unwrap();
    conn.execute_batch(
        "INSERT INTO settings (key, value) VALUES ('municipality', 'Comune di Prato');
         INSERT INTO axes (code, name, description, position) VALUES
             ('semplificazione', 'Semplificazione', '.', 1), ('promozione', 'Promozione', '.', 2),
             ('competenze', 'Competenze', '.', 3), ('nuovi-servizi', 'Nuovi servizi', '.', 4),
             ('infrastrutture', 'Infrastrutture e piattaforme trasversali', '.', 5),
             ('governance', 'Governance', '.', 6);
         INSERT INTO cycles (id, triennium, first_year, phase, phase_since, opened_at)
             VALUES (1, '2021-2023', 2021, 1, '2021-10-01', '2021-10-01T09:00:00Z');
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn an_upgrade_first_writes_a_private_backup_of_the_old_version() {
    let env = Env::empty();
    version_one_database(&env.db());
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();

    let err = stderr(&env.run(&["status"]).success());
    assert!(err.contains("schema version 1"), "{err}");
    let backups: Vec<PathBuf> = files_in(env.dir.path())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("agenda.db.backup-v1-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "{err}");
    let backup = &backups[0];
    assert!(
        err.contains(&*backup.file_name().unwrap().to_string_lossy()),
        "{err}"
    );
    assert_eq!(mode(backup), 0o600);
    assert_eq!(user_version(backup), 1);
    assert!(user_version(&env.db()) > 1);

    // The next command has nothing to upgrade and writes no backup.
    let err = stderr(&env.run(&["status"]).success());
    assert!(!err.contains("schema version"), "{err}");
    assert_eq!(
        files_in(env.dir.path())
            .iter()
            .filter(|(p, _)| p.to_string_lossy().contains("backup-v"))
            .count(),
        1
    );
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_passes_on_a_clean_database() {
    let env = with_people();
    close_cycle(&env);
    env.run(&["suggestion", "list", "--search", "SPID"])
        .success();
    let out = env.json(&["check", "--format", "json"]);
    assert_eq!(out["ok"], true, "{out}");
    assert_eq!(out["problems"], Value::Array(vec![]));
    assert!(out["checks"].as_array().unwrap().len() > 10, "{out}");
    let err = stderr(&env.run(&["check"]).success());
    assert!(err.contains("passed"), "{err}");
}

/// Breaks the database with `sql` (foreign keys and CHECK constraints off), then expects
/// `agenda check` to exit 6 and name the problem.
fn check_finds(env: &Env, sql: &str, expected: &str) {
    {
        let conn = conn(env);
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
            .unwrap();
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("corrupting with {sql}: {e}"));
    }
    let assert = env.run(&["check", "--format", "json"]).code(6);
    let out: Value = serde_json::from_slice(&assert.get_output().stdout).expect("JSON on stdout");
    assert_eq!(out["ok"], false);
    let problems: Vec<(String, String)> = out["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["location"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let found = problems
        .iter()
        .find(|(location, message)| format!("{location}: {message}").contains(expected))
        .unwrap_or_else(|| panic!("expected a problem with {expected:?}, got {problems:#?}"));
    let err = stderr(&assert);
    assert!(err.contains("problem"), "{err}");
    // The table says it too, with where.
    let table = env.run(&["check"]).code(6);
    let text = String::from_utf8_lossy(&table.get_output().stdout).into_owned();
    assert!(text.contains(&found.0) && text.contains(&found.1), "{text}");
}

/// A database with suggestions, every one answered; responses #1.. are theirs.
fn answered() -> Env {
    let env = with_people();
    conn(&env)
        .execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
             SELECT id, 'non-accolto', 'Fuori dal perimetro.', 1, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions",
            [],
        )
        .unwrap();
    env.run(&["check"]).success();
    env
}

/// The label `agenda check` gives suggestion `id`: its reference, or its source id.
fn label(env: &Env, id: i64) -> String {
    conn(env)
        .query_row(
            "SELECT coalesce(reference, source_id, '#' || id) FROM suggestions WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn check_finds_a_response_without_a_reason() {
    let env = answered();
    let expected = format!(
        "responses #3: suggestion {} has a response with an empty reason",
        label(&env, 3)
    );
    check_finds(
        &env,
        "UPDATE responses SET reason = '  ' WHERE id = 3",
        &expected,
    );
}

#[test]
fn check_finds_two_current_responses() {
    let env = answered();
    let expected = format!("suggestion {} has 2 current responses", label(&env, 2));
    check_finds(
        &env,
        "DROP INDEX responses_current;
         INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
         VALUES (2, 'accolto', 'Sì.', 1, 'collaudo', '2021-12-16T10:00:00Z');",
        &expected,
    );
}

#[test]
fn check_finds_gia_previsto_without_a_card() {
    let env = answered();
    check_finds(
        &env,
        "UPDATE responses SET outcome = 'gia-previsto', card_id = NULL WHERE id = 4",
        "responses #4: suggestion #4 is gia-previsto but its response names no card",
    );
}

#[test]
fn check_finds_bad_duplicates() {
    let env = answered();
    check_finds(
        &env,
        "UPDATE responses SET outcome = 'duplicato', duplicate_of = suggestion_id WHERE id = 5",
        "is recorded as a duplicate of itself",
    );
    let env = answered();
    check_finds(
        &env,
        "UPDATE responses SET outcome = 'duplicato', duplicate_of = 99999 WHERE id = 5",
        "is a duplicate of suggestion #99999, which does not exist",
    );
    let env = answered();
    check_finds(
        &env,
        "UPDATE responses SET outcome = 'duplicato', duplicate_of = NULL WHERE id = 5",
        "is a duplicato but its response names no suggestion",
    );
}

#[test]
fn check_finds_links_to_missing_cards_and_suggestions() {
    let env = answered();
    let expected = format!(
        "suggestion {} is linked to card #4242, which does not exist",
        label(&env, 1)
    );
    check_finds(
        &env,
        "INSERT INTO suggestion_cards (suggestion_id, card_id, user, at)
         VALUES (1, 4242, 'collaudo', '2021-12-01T00:00:00Z')",
        &expected,
    );
    let env = answered();
    check_finds(
        &env,
        "INSERT INTO suggestion_cards (suggestion_id, card_id, user, at)
         VALUES (777777, 1, 'collaudo', '2021-12-01T00:00:00Z')",
        "is linked to suggestion #777777, which does not exist",
    );
}

#[test]
fn check_finds_a_tag_on_an_unknown_axis() {
    let env = answered();
    let expected = format!(
        "suggestion {} is tagged with 'turismo', which is not an axis",
        label(&env, 1)
    );
    check_finds(
        &env,
        "INSERT INTO suggestion_axes (suggestion_id, axis, origin, user, at)
         VALUES (1, 'turismo', 'person', 'collaudo', '2021-12-01T00:00:00Z')",
        &expected,
    );
}

#[test]
fn check_finds_cards_with_a_bad_axis_or_status() {
    let env = answered();
    check_finds(
        &env,
        "UPDATE cards SET status = 'forse' WHERE code = 'SEM-01'",
        "card SEM-01 has the status 'forse', which is not one of in-corso",
    );
    let env = answered();
    check_finds(
        &env,
        "UPDATE cards SET axis = 'turismo' WHERE code = 'SEM-01'",
        "card SEM-01 has the axis 'turismo', which does not exist",
    );
}

#[test]
fn check_finds_a_suggestion_of_a_missing_cycle() {
    let env = answered();
    let expected = format!(
        "suggestion {} belongs to cycle #9, which does not exist",
        label(&env, 6)
    );
    check_finds(
        &env,
        "UPDATE suggestions SET cycle_id = 9 WHERE id = 6",
        &expected,
    );
}

#[test]
fn check_finds_two_open_cycles_and_a_bad_phase() {
    let env = answered();
    check_finds(
        &env,
        "DROP INDEX cycles_one_open;
         INSERT INTO cycles (triennium, first_year, phase, phase_since, opened_at)
         VALUES ('2022-2024', 2022, 1, '2022-01-01', '2022-01-01T00:00:00Z');",
        "2 cycles are open (2021-2023, 2022-2024); at most one may be",
    );
    let env = answered();
    check_finds(
        &env,
        "UPDATE cycles SET phase = 7",
        "cycle 2021-2023 is in phase 7; phases are 1, 2 and 3",
    );
}

#[test]
fn check_finds_a_closed_cycle_without_a_card_snapshot() {
    let env = answered();
    check_finds(
        &env,
        "UPDATE cycles SET closed_at = '2030-01-01T00:00:00Z', closed_on = '2030-01-01'",
        "cycle 2021-2023 is closed but has no snapshot of the cards",
    );
}

#[test]
fn check_finds_a_search_index_ahead_of_the_suggestions() {
    let env = answered();
    env.run(&["suggestion", "list", "--search", "SPID"])
        .success();
    env.run(&["check"]).success();
    check_finds(
        &env,
        "INSERT INTO suggestions_fts (rowid, title, body) VALUES (888888, 'fantasma', 'fantasma')",
        "entries of the search index belong to no suggestion (first: #888888)",
    );
}

#[test]
fn check_finds_a_broken_foreign_key_and_a_damaged_index() {
    let env = answered();
    check_finds(
        &env,
        "INSERT INTO phase_transitions (cycle_id, kind, to_phase, effective_date, at, user)
         VALUES (55, 'open', 1, '2021-10-01', '2021-10-01T09:00:00Z', 'collaudo')",
        "cycle_id points to a row of cycles that does not exist",
    );
    let env = answered();
    // An index whose definition no longer matches its content: what a damaged file looks like
    // to SQLite's integrity check.
    check_finds(
        &env,
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX cards_axis ON cards (title, code)'
         WHERE name = 'cards_axis';",
        "cards_axis",
    );
}
