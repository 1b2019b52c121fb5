//! Issue 2, Foundation: the binary, its database, project cards, the audit log and the process
//! skeleton. Every test runs the real `agenda` binary in a temporary folder.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::Value;

use crate::common::{files_in, fixture, stderr, Env};

// ---------------------------------------------------------------------------------------------
// Helpers local to this module.

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

fn user_version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open the database");
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// Runs a command that must fail with `code`, and returns its stderr.
fn fails(env: &Env, args: &[&str], code: i32) -> String {
    let assert = env.run(args).code(code);
    stderr(&assert)
}

/// The arguments of a complete `card add`.
const FULL_ADD: &[&str] = &[
    "card",
    "add",
    "--code",
    "SEM-99",
    "--title",
    "Fascicolo del cittadino",
    "--axis",
    "Nuovi servizi",
    "--status",
    "Programmata, non avviata",
    "--description",
    "Un unico punto dove il cittadino vede pratiche, pagamenti e scadenze.",
    "--objectives",
    "Tutte le pratiche online visibili in un posto solo.",
    "--office",
    "Servizio Sistema Informativo",
    "--partners",
    "Regione Toscana",
    "--start",
    "2022-01",
    "--end",
    "2023-06",
    "--budget",
    "120.000,50",
    "--funding",
    "PNRR Misura 1.4.1",
    "--agid-ref",
    "2020-2022 CAP1.PA.LA01",
    "--agid-ref",
    "2024-2026 RA3.2.1",
    "--indicator",
    "Pratiche consultabili nel fascicolo",
];

fn add_simple(env: &Env, code: &str, axis: &str, status: &str) {
    env.run(&[
        "card",
        "add",
        "--code",
        code,
        "--title",
        &format!("Scheda {code}"),
        "--axis",
        axis,
        "--status",
        status,
    ])
    .success();
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_a_private_database_file() {
    let env = Env::empty();
    env.run(&["init"]).success();
    let meta = std::fs::metadata(env.db()).expect("agenda.db exists");
    assert!(meta.is_file());
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "the database must be readable and writable by its owner only"
    );
}

#[test]
fn init_records_the_default_municipality_first_cycle_and_phase() {
    let env = Env::new();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["municipality"], "Comune di Prato");
    assert_eq!(status["triennium"], "2021-2023");
    assert_eq!(status["phase"], 1);
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["triennium"], "2021-2023");
    assert_eq!(phase["phase"], 1);
}

#[test]
fn init_takes_municipality_and_triennium() {
    let env = Env::empty();
    env.run(&[
        "init",
        "--municipality",
        "Comune di Vaiano",
        "--triennium",
        "2022-2024",
    ])
    .success();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["municipality"], "Comune di Vaiano");
    assert_eq!(status["triennium"], "2022-2024");
    assert_eq!(status["phase"], 1);
}

#[test]
fn init_seeds_the_six_axes_in_order() {
    let env = Env::new();
    let axes = env.json(&["axis", "list", "--format", "json"]);
    let axes = axes.as_array().expect("an array of axes");
    let expected = [
        ("semplificazione", "Semplificazione"),
        ("promozione", "Promozione"),
        ("competenze", "Competenze"),
        ("nuovi-servizi", "Nuovi servizi"),
        ("infrastrutture", "Infrastrutture e piattaforme trasversali"),
        ("governance", "Governance"),
    ];
    assert_eq!(axes.len(), expected.len());
    for (axis, (code, name)) in axes.iter().zip(expected) {
        assert_eq!(axis["code"], code);
        assert_eq!(axis["name"], name);
        let description = axis["description"].as_str().expect("a description");
        assert!(
            description.trim().len() > 20,
            "axis {code} needs a real description, got {description:?}"
        );
    }
    // The table lists them too.
    let table = env.stdout(&["axis", "list"]);
    for (code, name) in expected {
        assert!(table.contains(code) && table.contains(name), "{table}");
    }
}

#[test]
fn init_without_a_triennium_opens_the_one_that_starts_in_the_year_of_its_date() {
    let env = Env::empty();
    env.run(&["init", "--date", "2024-03-01"]).success();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["triennium"], "2024-2026", "{status}");

    // Without --date, the year of today (the clock AGENDA_NOW stands for).
    let today = Env::empty();
    today
        .cmd(&["init"])
        .env("AGENDA_NOW", "2026-12-03T10:00:00Z")
        .assert()
        .success();
    let status = today.json(&["status", "--format", "json"]);
    assert_eq!(status["triennium"], "2026-2028", "{status}");

    // An Italian date works as well, and --triennium still wins.
    let given = Env::empty();
    given
        .run(&["init", "--date", "15/09/2021", "--triennium", "2022-2024"])
        .success();
    let status = given.json(&["status", "--format", "json"]);
    assert_eq!(status["triennium"], "2022-2024", "{status}");
}

#[test]
fn init_refuses_an_existing_file() {
    let env = Env::new();
    let before = std::fs::read(env.db()).unwrap();
    let err = fails(&env, &["init"], 4);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "the file changed");

    // Not even a file that is not a database is touched.
    let other = env.path("notes.db");
    std::fs::write(&other, b"not a database").unwrap();
    env.run(&["--db", "notes.db", "init"]).code(4);
    assert_eq!(std::fs::read(&other).unwrap(), b"not a database");
}

#[test]
fn init_refuses_a_bad_triennium_and_creates_no_file() {
    let env = Env::empty();
    let err = fails(&env, &["init", "--triennium", "2021-2022"], 2);
    assert!(err.contains("2021-2022"), "{err}");
    assert!(!env.db().exists(), "a bad triennium must not leave a file");
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 0);
}

// ---------------------------------------------------------------------------------------------
// a missing, newer, foreign or older database

#[test]
fn a_missing_database_says_to_run_init_and_creates_nothing() {
    let env = Env::empty();
    for args in [&["status"][..], &["card", "list"], &["log"]] {
        let err = fails(&env, args, 1);
        assert!(err.contains("agenda init"), "{args:?}: {err}");
        assert!(!env.db().exists(), "{args:?} created the database");
    }
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 0);
}

#[test]
fn db_option_and_agenda_db_env_are_honoured() {
    let env = Env::empty();
    env.run(&[
        "--db",
        "other.db",
        "init",
        "--municipality",
        "Comune di Vaiano",
    ])
    .success();
    assert!(env.path("other.db").exists());
    assert!(!env.db().exists(), "--db was ignored by init");
    let status = env.json(&["status", "--db", "other.db", "--format", "json"]);
    assert_eq!(status["municipality"], "Comune di Vaiano");
    // The default path still has no database.
    env.run(&["status"]).code(1);

    // AGENDA_DB, for init and for the other commands.
    env.cmd(&["init", "--municipality", "Comune di Cantagallo"])
        .env("AGENDA_DB", "env.db")
        .assert()
        .success();
    assert!(env.path("env.db").exists());
    assert!(!env.db().exists());
    let out = env
        .cmd(&["status", "--format", "json"])
        .env("AGENDA_DB", "env.db")
        .assert()
        .success();
    let status: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(status["municipality"], "Comune di Cantagallo");
    // --db wins over the environment.
    let out = env
        .cmd(&["status", "--db", "other.db", "--format", "json"])
        .env("AGENDA_DB", "env.db")
        .assert()
        .success();
    let status: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(status["municipality"], "Comune di Vaiano");
}

#[test]
fn a_database_from_a_newer_agenda_is_refused_and_untouched() {
    let env = Env::with_cards();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    for args in [
        &["status"][..],
        &["card", "list"],
        &["log"],
        &["phase", "advance"],
        &[
            "card",
            "add",
            "--code",
            "X-1",
            "--title",
            "X",
            "--axis",
            "governance",
            "--status",
            "in-corso",
        ],
    ] {
        let err = fails(&env, args, 4);
        assert!(err.contains("newer agenda"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read(env.db()).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    assert_eq!(user_version(&env.db()), 999);
}

#[test]
fn a_sqlite_file_that_is_not_an_agenda_is_refused() {
    let env = Env::empty();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(
            "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Mario Rossi');",
        )
        .unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let err = stderr(&env.run(&["status"]).failure());
    assert!(err.contains("not an agenda database"), "{err}");
    env.run(&["card", "list"]).failure();
    assert_eq!(std::fs::read(env.db()).unwrap(), before);

    // And a file that is not SQLite at all.
    std::fs::write(env.path("garbage.db"), vec![0x5a; 4096]).unwrap();
    let err = stderr(&env.run(&["--db", "garbage.db", "status"]).code(1));
    assert!(err.contains("not a") && err.contains("database"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(env.path("garbage.db")).unwrap(),
        vec![0x5a; 4096]
    );
}

/// Builds a version-1 database by hand from `schema.sql`, as a first release would have left
/// it: the schema, the settings, the six axes and the first cycle, at user_version 1.
fn version_one_database(path: &std::path::Path) {
    let schema = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql"),
    )
    .unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&schema).unwrap();
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('municipality', 'Comune di Prato')",
        [],
    )
    .unwrap();
    let axes = [
        ("semplificazione", "Semplificazione"),
        ("promozione", "Promozione"),
        ("competenze", "Competenze"),
        ("nuovi-servizi", "Nuovi servizi"),
        ("infrastrutture", "Infrastrutture e piattaforme trasversali"),
        ("governance", "Governance"),
    ];
    for (i, (code, name)) in axes.iter().enumerate() {
        conn.execute(
            "INSERT INTO axes (code, name, description, position) VALUES (?1, ?2, ?3, ?4)",
            (code, name, format!("Asse {name}."), i as i64 + 1),
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO cycles (id, triennium, first_year, phase, phase_since, opened_at)
         VALUES (1, '2021-2023', 2021, 1, '2021-10-01', '2021-10-01T09:00:00Z')",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO phase_transitions (cycle_id, kind, to_phase, effective_date, at, user)
         VALUES (1, 'open', 1, '2021-10-01', '2021-10-01T09:00:00Z', 'collaudo')",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO cards (code, title, axis, status, created_at, updated_at)
         VALUES ('SEM-01', 'Accesso con SPID e CIE', 'semplificazione', 'in-corso',
                 '2021-10-01T09:00:00Z', '2021-10-01T09:00:00Z')",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn an_older_database_upgrades_and_upgrading_twice_is_harmless() {
    // The latest version is what a fresh `agenda init` writes.
    let fresh = Env::new();
    let latest = user_version(&fresh.db());
    assert!(latest >= 1);

    let env = Env::empty();
    version_one_database(&env.db());
    assert_eq!(user_version(&env.db()), 1);

    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["municipality"], "Comune di Prato");
    assert_eq!(status["cards"], 1);
    assert_eq!(
        user_version(&env.db()),
        latest,
        "status did not upgrade the schema"
    );

    // Opening again changes nothing.
    let once = env.snapshot();
    env.run(&["status"]).success();
    env.run(&["card", "list"]).success();
    assert_eq!(env.snapshot(), once, "a second open changed the database");
    assert_eq!(user_version(&env.db()), latest);

    // The upgraded database works for writes too.
    add_simple(&env, "GOV-09", "governance", "pianificata");
    let show = env.json(&["card", "show", "SEM-01", "--format", "json"]);
    assert_eq!(show["title"], "Accesso con SPID e CIE");
}

// ---------------------------------------------------------------------------------------------
// status

#[test]
fn status_table_shows_municipality_cycle_and_phase() {
    let env = Env::with_cards();
    let out = env.stdout(&["status"]);
    assert!(out.contains("Comune di Prato"), "{out}");
    assert!(out.contains("2021-2023"), "{out}");
    assert!(out.contains("Fase 1"), "{out}");
    assert!(out.contains("22"), "{out}");
}

#[test]
fn status_json_has_the_documented_keys() {
    let env = Env::with_cards();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["municipality"], "Comune di Prato");
    assert_eq!(status["triennium"], "2021-2023");
    assert!(status["phase"].is_u64());
    assert_eq!(status["phase"], 1);
    assert_eq!(status["cards"], 22);
    for key in ["suggestions", "untagged", "unanswered"] {
        assert!(status[key].is_i64(), "{key} is not a number: {status}");
        assert_eq!(status[key], 0, "{key}");
    }
    let by_status = status["cards_by_status"].as_object().expect("an object");
    let total: i64 = by_status.values().map(|v| v.as_i64().unwrap()).sum();
    assert_eq!(total, 22);
    assert_eq!(by_status["conclusa"], 1, "only SEM-02 is conclusa");
    assert_eq!(by_status["sospesa"], 1, "only COM-04 is sospesa");

    let empty = Env::new();
    let status = empty.json(&["status", "--format", "json"]);
    assert_eq!(status["cards"], 0);
}

// ---------------------------------------------------------------------------------------------
// cards

#[test]
fn card_add_with_every_flag_then_show_as_json() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    let card = env.json(&["card", "show", "SEM-99", "--format", "json"]);
    assert_eq!(card["code"], "SEM-99");
    assert_eq!(card["title"], "Fascicolo del cittadino");
    assert_eq!(card["axis"], "nuovi-servizi");
    assert_eq!(card["status"], "programmata");
    assert_eq!(
        card["description"],
        "Un unico punto dove il cittadino vede pratiche, pagamenti e scadenze."
    );
    assert_eq!(
        card["objectives"],
        "Tutte le pratiche online visibili in un posto solo."
    );
    assert_eq!(card["office"], "Servizio Sistema Informativo");
    assert_eq!(card["partners"], "Regione Toscana");
    assert_eq!(card["start"], "2022-01");
    assert_eq!(card["end"], "2023-06");
    assert_eq!(card["budget"].as_f64(), Some(120000.5));
    assert_eq!(card["funding"], "PNRR Misura 1.4.1");
    let refs = card["agid_refs"].as_array().expect("agid_refs is an array");
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[0], "2020-2022 CAP1.PA.LA01");
    assert_eq!(refs[1], "2024-2026 RA3.2.1");
    assert_eq!(
        card["indicators"],
        serde_json::json!(["Pratiche consultabili nel fascicolo"])
    );
    let history = card["history"].as_array().expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["field"], "created");

    // The table shows it too.
    let table = env.stdout(&["card", "show", "SEM-99"]);
    assert!(table.contains("Fascicolo del cittadino"), "{table}");
    assert!(table.contains("2024-2026 RA3.2.1"), "{table}");
}

#[test]
fn card_add_takes_italian_names_case_and_accent_insensitively() {
    let env = Env::new();
    add_simple(
        &env,
        "INF-09",
        "INFRASTRUTTURE E PIATTAFORME TRASVERSALI",
        "a breve termine",
    );
    add_simple(&env, "GOV-09", "Governance", "Pianificata nel triennio");
    let inf = env.json(&["card", "show", "INF-09", "--format", "json"]);
    assert_eq!(inf["axis"], "infrastrutture");
    assert_eq!(inf["status"], "breve-termine");
    let gov = env.json(&["card", "show", "GOV-09", "--format", "json"]);
    assert_eq!(gov["status"], "pianificata");
}

#[test]
fn card_add_refuses_an_unknown_axis_or_status_with_the_valid_values() {
    let env = Env::new();
    let before = env.snapshot();
    let err = fails(
        &env,
        &[
            "card", "add", "--code", "MOB-01", "--title", "Bus", "--axis", "mobilita", "--status",
            "in-corso",
        ],
        2,
    );
    assert!(err.contains("mobilita"), "{err}");
    for code in [
        "semplificazione",
        "promozione",
        "competenze",
        "nuovi-servizi",
        "infrastrutture",
        "governance",
    ] {
        assert!(
            err.contains(code),
            "the message does not list {code}: {err}"
        );
    }
    let err = fails(
        &env,
        &[
            "card",
            "add",
            "--code",
            "SEM-98",
            "--title",
            "X",
            "--axis",
            "semplificazione",
            "--status",
            "approvata",
        ],
        2,
    );
    assert!(err.contains("approvata"), "{err}");
    for code in [
        "in-corso",
        "programmata",
        "breve-termine",
        "pianificata",
        "conclusa",
        "sospesa",
    ] {
        assert!(
            err.contains(code),
            "the message does not list {code}: {err}"
        );
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn card_add_refuses_a_duplicate_code() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    let before = env.snapshot();
    let err = fails(
        &env,
        &[
            "card",
            "add",
            "--code",
            "SEM-99",
            "--title",
            "Altra",
            "--axis",
            "governance",
            "--status",
            "in-corso",
        ],
        4,
    );
    assert!(err.contains("SEM-99"), "{err}");
    assert_eq!(env.snapshot(), before);
    let card = env.json(&["card", "show", "SEM-99", "--format", "json"]);
    assert_eq!(card["title"], "Fascicolo del cittadino");
}

#[test]
fn card_list_filters_by_axis() {
    let env = Env::with_cards();
    let all = env.json(&["card", "list", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 22);
    let list = env.json(&["card", "list", "--axis", "competenze", "--format", "json"]);
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.len() < 22);
    for card in list {
        assert_eq!(card["axis"], "competenze", "{card}");
    }
    // The Italian name works as a filter too.
    let by_name = env.json(&[
        "card",
        "list",
        "--axis",
        "Infrastrutture e piattaforme trasversali",
        "--format",
        "json",
    ]);
    let by_name = by_name.as_array().unwrap();
    assert!(!by_name.is_empty());
    assert!(by_name.iter().all(|c| c["axis"] == "infrastrutture"));
    // An unknown axis is a usage error.
    fails(&env, &["card", "list", "--axis", "mobilita"], 2);
}

#[test]
fn card_list_filters_by_status() {
    let env = Env::with_cards();
    let list = env.json(&["card", "list", "--status", "conclusa", "--format", "json"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SEM-02"]);
    let list = env.json(&["card", "list", "--status", "sospesa", "--format", "json"]);
    assert_eq!(list[0]["code"], "COM-04");
    assert_eq!(list.as_array().unwrap().len(), 1);
    let both = env.json(&[
        "card",
        "list",
        "--axis",
        "semplificazione",
        "--status",
        "in-corso",
        "--format",
        "json",
    ]);
    for card in both.as_array().unwrap() {
        assert_eq!(card["axis"], "semplificazione");
        assert_eq!(card["status"], "in-corso");
    }
}

#[test]
fn card_list_as_csv_has_a_header_and_every_card() {
    let env = Env::with_cards();
    let out = env.stdout(&["card", "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for h in ["code", "title", "axis", "status"] {
        assert!(headers.iter().any(|x| x == h), "no {h} column: {headers:?}");
    }
    let code_at = headers.iter().position(|h| h == "code").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 22);
    assert!(rows.iter().any(|r| &r[code_at] == "SEM-03"));

    let table = env.stdout(&["card", "list"]);
    assert!(
        table.contains("SEM-01") && table.contains("GOV-02"),
        "{table}"
    );
}

#[test]
fn card_edit_changes_fields_and_keeps_history() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    env.run(&[
        "card",
        "edit",
        "SEM-99",
        "--title",
        "Fascicolo digitale del cittadino",
        "--office",
        "Servizio Anagrafe",
        "--budget",
        "130000",
        "--note",
        "revisione dopo la Fase 2",
    ])
    .success();
    let card = env.json(&["card", "show", "SEM-99", "--format", "json"]);
    assert_eq!(card["title"], "Fascicolo digitale del cittadino");
    assert_eq!(card["office"], "Servizio Anagrafe");
    assert_eq!(card["budget"].as_f64(), Some(130000.0));
    // Untouched fields stay.
    assert_eq!(card["axis"], "nuovi-servizi");
    assert_eq!(card["start"], "2022-01");
    assert_eq!(card["agid_refs"].as_array().unwrap().len(), 2);

    let history = card["history"].as_array().unwrap();
    let entry = |field: &str| {
        history
            .iter()
            .find(|e| e["field"] == field)
            .unwrap_or_else(|| panic!("no history entry for {field}: {history:?}"))
    };
    let title = entry("title");
    assert_eq!(title["old_value"], "Fascicolo del cittadino");
    assert_eq!(title["new_value"], "Fascicolo digitale del cittadino");
    assert_eq!(title["note"], "revisione dopo la Fase 2");
    let office = entry("office");
    assert_eq!(office["old_value"], "Servizio Sistema Informativo");
    assert_eq!(office["new_value"], "Servizio Anagrafe");
    assert_eq!(office["note"], "revisione dopo la Fase 2");
    assert!(history.iter().any(|e| e["field"] == "budget"));
    assert!(
        !history.iter().any(|e| e["field"] == "axis"),
        "an unchanged field got a history entry"
    );

    // The table prints the history.
    let table = env.stdout(&["card", "show", "SEM-99"]);
    assert!(table.contains("revisione dopo la Fase 2"), "{table}");

    // Editing an unknown card is refused; editing nothing is a usage error.
    fails(&env, &["card", "edit", "NOPE-1", "--title", "x"], 4);
    fails(&env, &["card", "edit", "SEM-99"], 2);
}

#[test]
fn card_status_is_recorded_in_history() {
    let env = Env::with_cards();
    env.run(&[
        "card",
        "status",
        "SEM-01",
        "conclusa",
        "--note",
        "tutti i servizi sono accessibili con SPID",
    ])
    .success();
    let card = env.json(&["card", "show", "SEM-01", "--format", "json"]);
    assert_eq!(card["status"], "conclusa");
    let history = card["history"].as_array().unwrap();
    let change = history
        .iter()
        .find(|e| e["field"] == "status")
        .expect("a status entry");
    assert_eq!(change["old_value"], "in-corso");
    assert_eq!(change["new_value"], "conclusa");
    assert_eq!(change["note"], "tutti i servizi sono accessibili con SPID");
    assert_eq!(change["user"], "collaudo");
    assert_eq!(change["triennium"], "2021-2023");

    fails(&env, &["card", "status", "SEM-01", "chiusa"], 2);
    fails(&env, &["card", "status", "NOPE-1", "conclusa"], 4);
}

#[test]
fn card_remove_needs_yes_without_a_terminal() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    let before = env.snapshot();
    let assert = env
        .cmd(&["card", "remove", "SEM-99"])
        .write_stdin("y\n")
        .assert()
        .code(2);
    let err = stderr(&assert);
    assert!(err.contains("--yes"), "the refusal must name --yes: {err}");
    assert_eq!(env.snapshot(), before);
    env.run(&["card", "show", "SEM-99"]).success();
}

#[test]
fn card_remove_with_yes_removes_it() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    add_simple(&env, "GOV-09", "governance", "in-corso");
    env.run(&["card", "remove", "SEM-99", "--yes"]).success();
    fails(&env, &["card", "show", "SEM-99"], 4);
    let list = env.json(&["card", "list", "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["code"], "GOV-09");
}

#[test]
fn agenda_yes_in_the_environment_confirms() {
    let env = Env::new();
    add_simple(&env, "GOV-09", "governance", "in-corso");
    // The refusal's own hint says "set AGENDA_YES=1".
    env.cmd(&["card", "remove", "GOV-09"])
        .env("AGENDA_YES", "1")
        .assert()
        .success();
    assert_eq!(
        env.json(&["card", "list", "--format", "json"]),
        serde_json::json!([])
    );
}

#[test]
fn card_remove_of_an_unknown_code_is_refused() {
    let env = Env::with_cards();
    let before = env.snapshot();
    let err = fails(&env, &["card", "remove", "NOPE-1", "--yes"], 4);
    assert!(err.contains("NOPE-1"), "{err}");
    assert_eq!(env.snapshot(), before);
}

// ---------------------------------------------------------------------------------------------
// CSV round trip

#[test]
fn card_export_and_import_round_trip_changes_nothing() {
    let env = Env::with_cards();
    let exported = env.stdout(&["card", "export"]);
    std::fs::write(env.path("export.csv"), &exported).unwrap();
    let before = env.snapshot();
    let assert = env.run(&["card", "import", "export.csv"]).success();
    let err = stderr(&assert);
    assert!(
        err.contains("0 created, 0 updated, 22 unchanged"),
        "unexpected summary: {err}"
    );
    assert_eq!(
        env.snapshot(),
        before,
        "re-importing the export changed the database"
    );

    // The JSON summary says the same.
    let summary = env.json(&["card", "import", "export.csv", "--format", "json"]);
    assert_eq!(summary["created"], 0);
    assert_eq!(summary["updated"], 0);
    assert_eq!(summary["unchanged"], 22);
    assert_eq!(env.snapshot(), before);

    // And a second export is byte-identical to the first.
    assert_eq!(env.stdout(&["card", "export"]), exported);

    // The export into a file via --out is the same as stdout.
    env.run(&["card", "export", "--out", "again.csv"]).success();
    assert_eq!(
        std::fs::read_to_string(env.path("again.csv")).unwrap(),
        exported
    );
}

#[test]
fn card_export_round_trips_into_a_fresh_database() {
    let env = Env::with_cards();
    let json_before = env.stdout(&["card", "export", "--format", "json"]);
    env.run(&["card", "export", "--out", "export.csv"])
        .success();
    let other = Env::new();
    let path = env.path("export.csv");
    other
        .run(&["card", "import", path.to_str().unwrap()])
        .success();
    assert_eq!(
        other.stdout(&["card", "export", "--format", "json"]),
        json_before,
        "the cards differ after export and import into a new database"
    );
}

#[test]
fn card_export_json_has_the_documented_keys() {
    let env = Env::with_cards();
    let cards = env.json(&["card", "export", "--format", "json"]);
    let cards = cards.as_array().expect("an array");
    assert_eq!(cards.len(), 22);
    for card in cards {
        for key in [
            "code",
            "title",
            "axis",
            "status",
            "office",
            "start",
            "end",
            "budget",
            "agid_refs",
        ] {
            assert!(card.get(key).is_some(), "no {key} in {card}");
        }
        assert!(card["agid_refs"].is_array(), "{card}");
    }
    let sem01 = cards.iter().find(|c| c["code"] == "SEM-01").unwrap();
    assert_eq!(sem01["budget"].as_f64(), Some(45000.0));
    assert_eq!(sem01["start"], "2021-03");
    assert_eq!(sem01["agid_refs"].as_array().unwrap().len(), 2);
    let sem03 = cards.iter().find(|c| c["code"] == "SEM-03").unwrap();
    assert!(
        sem03["description"].as_str().unwrap().contains('\n'),
        "the embedded newline of SEM-03 was lost"
    );
}

#[test]
fn card_import_dry_run_reports_and_writes_nothing() {
    let env = Env::with_cards();
    let exported = env.stdout(&["card", "export"]);
    let mut reader = csv::Reader::from_reader(exported.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let title_at = headers.iter().position(|h| h == "title").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    let mut first = true;
    for record in reader.records() {
        let record = record.unwrap();
        let mut fields: Vec<String> = record.iter().map(String::from).collect();
        if first {
            fields[title_at] = format!("{} (rivista)", fields[title_at]);
            first = false;
        }
        writer.write_record(&fields).unwrap();
    }
    let mut new_card: Vec<String> = vec![String::new(); headers.len()];
    for (h, v) in [
        ("code", "GOV-99"),
        ("title", "Nuova scheda"),
        ("axis", "governance"),
        ("status", "pianificata"),
    ] {
        new_card[headers.iter().position(|x| x == h).unwrap()] = v.into();
    }
    writer.write_record(&new_card).unwrap();
    std::fs::write(env.path("changed.csv"), writer.into_inner().unwrap()).unwrap();

    let before = env.snapshot();
    let assert = env
        .run(&["card", "import", "changed.csv", "--dry-run"])
        .success();
    let err = stderr(&assert);
    assert!(err.contains("1 would be created"), "{err}");
    assert!(err.contains("1 would be updated"), "{err}");
    assert!(err.contains("21 unchanged"), "{err}");
    assert_eq!(env.snapshot(), before, "a dry run wrote to the database");

    let summary = env.json(&[
        "card",
        "import",
        "changed.csv",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(summary["created"], 1);
    assert_eq!(summary["updated"], 1);
    assert_eq!(env.snapshot(), before);

    // The real import does what the dry run said.
    env.run(&["card", "import", "changed.csv"]).success();
    assert_ne!(env.snapshot(), before);
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["cards"], 23);
}

#[test]
fn a_bad_card_csv_names_file_and_line_and_writes_nothing() {
    let env = Env::with_cards();
    let before = env.snapshot();
    let path = fixture("bad/cards-bad-axis.csv");
    let err = fails(&env, &["card", "import", path.to_str().unwrap()], 3);
    assert!(err.contains("cards-bad-axis.csv:4:"), "{err}");
    assert!(err.contains("mobilita"), "{err}");
    assert_eq!(env.snapshot(), before, "a bad file changed the database");

    // On an empty database too: the good rows before and after the bad one are not written.
    let empty = Env::new();
    let before = empty.snapshot();
    fails(&empty, &["card", "import", path.to_str().unwrap()], 3);
    assert_eq!(empty.snapshot(), before);
    assert_eq!(empty.json(&["status", "--format", "json"])["cards"], 0);
}

#[test]
fn a_windows_1252_card_csv_with_italian_headers_imports() {
    let env = Env::new();
    let text = "Codice;Titolo;Asse;Stato;Ufficio responsabile;Inizio;Fine;Risorse;Riferimenti AGID\r\n\
                PRA-01;Città più vicina – sportello “digitale”;Nuovi servizi;In corso;Servizio Sistema Informativo;2022-02;2022-11;1.500,00;2020-2022 OB.1.1 | 2024-2026 RA3.2.1\r\n\
                PRA-02;Wi-Fi nei parchi: è gratuito;Infrastrutture e piattaforme trasversali;pianificata nel triennio;;;;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file must not be valid UTF-8"
    );
    std::fs::write(env.path("schede.csv"), &bytes).unwrap();
    env.run(&["card", "import", "schede.csv"]).success();
    let card = env.json(&["card", "show", "PRA-01", "--format", "json"]);
    assert_eq!(card["title"], "Città più vicina – sportello “digitale”");
    assert_eq!(card["axis"], "nuovi-servizi");
    assert_eq!(card["status"], "in-corso");
    assert_eq!(card["office"], "Servizio Sistema Informativo");
    assert_eq!(card["start"], "2022-02");
    assert_eq!(card["budget"].as_f64(), Some(1500.0));
    assert_eq!(card["agid_refs"].as_array().unwrap().len(), 2);
    let card = env.json(&["card", "show", "PRA-02", "--format", "json"]);
    assert_eq!(card["title"], "Wi-Fi nei parchi: è gratuito");
    assert_eq!(card["axis"], "infrastrutture");
    assert_eq!(card["status"], "pianificata");
    assert!(card["budget"].is_null());
}

// ---------------------------------------------------------------------------------------------
// audit log

#[test]
fn the_audit_log_records_card_changes_newest_first() {
    let env = Env::new();
    env.run(FULL_ADD).success();
    env.run(&["card", "edit", "SEM-99", "--office", "Servizio Anagrafe"])
        .success();
    env.run(&["card", "remove", "SEM-99", "--yes"]).success();
    // Reading changes nothing and is not logged.
    env.run(&["card", "list"]).success();

    let log = env.json(&["log", "--format", "json"]);
    let log = log.as_array().expect("an array");
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions[..3],
        ["card.remove", "card.edit", "card.add"],
        "{actions:?}"
    );
    assert_eq!(actions.last(), Some(&"init"));
    for entry in log {
        assert_eq!(entry["user"], "collaudo", "{entry}");
        assert!(!entry["at"].as_str().unwrap().is_empty());
        assert!(!entry["details"].as_str().unwrap().is_empty(), "{entry}");
    }
    let command = |i: usize| log[i]["command"].as_str().unwrap();
    assert!(command(0).contains("card remove SEM-99"), "{}", command(0));
    assert!(command(1).contains("card edit SEM-99"), "{}", command(1));
    assert!(command(1).contains("Servizio Anagrafe"), "{}", command(1));
    assert!(command(2).contains("card add"), "{}", command(2));
    assert!(command(2).contains("--code SEM-99"), "{}", command(2));
    assert_eq!(log[0]["target"], "SEM-99");
    assert!(log[1]["details"]
        .as_str()
        .unwrap()
        .contains("Servizio Anagrafe"));

    let two = env.json(&["log", "--limit", "2", "--format", "json"]);
    assert_eq!(two.as_array().unwrap().len(), 2);
    assert_eq!(two[0]["action"], "card.remove");

    let table = env.stdout(&["log"]);
    assert!(
        table.contains("card.edit") && table.contains("collaudo"),
        "{table}"
    );
}

#[test]
fn the_audit_log_records_status_changes_and_imports() {
    let env = Env::with_cards();
    env.run(&["card", "status", "SEM-01", "conclusa", "--note", "fatto"])
        .success();
    let log = env.json(&["log", "--format", "json"]);
    assert_eq!(log[0]["action"], "card.status");
    assert_eq!(log[0]["target"], "SEM-01");
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "card.import"));
}

// ---------------------------------------------------------------------------------------------
// phase skeleton

/// A database made on 1 October 2021, so that the phase dates of the cycle 2021-2023 come
/// after the start of Fase 1.
fn env_in_2021() -> Env {
    let env = Env::empty();
    env.cmd(&["init"])
        .env("AGENDA_NOW", "2021-10-01T09:00:00Z")
        .assert()
        .success();
    env
}

#[test]
fn phase_shows_the_cycle_and_phase() {
    let env = Env::new();
    let out = env.stdout(&["phase"]);
    assert!(out.contains("Fase 1"), "{out}");
    assert!(out.contains("2021-2023"), "{out}");
}

#[test]
fn phase_advance_moves_one_two_three_and_stops() {
    let env = env_in_2021();
    env.run(&[
        "phase",
        "advance",
        "--note",
        "presentazione in Sala Consiliare",
        "--date",
        "2022-03-01",
    ])
    .success();
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["phase"], 2);
    assert_eq!(phase["since"], "2022-03-01");
    assert!(env.stdout(&["phase"]).contains("Fase 2"));
    assert_eq!(env.json(&["status", "--format", "json"])["phase"], 2);

    env.run(&["phase", "advance", "--date", "2022-05-02"])
        .success();
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["phase"], 3);

    let before = env.snapshot();
    let err = fails(&env, &["phase", "advance"], 4);
    assert!(err.contains("Fase 3"), "{err}");
    assert_eq!(env.snapshot(), before);
    assert_eq!(env.json(&["phase", "show", "--format", "json"])["phase"], 3);

    let log = env.json(&["log", "--format", "json"]);
    let advances: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "phase.advance")
        .collect();
    assert_eq!(advances.len(), 2);
    assert!(advances.iter().any(|e| e["details"]
        .as_str()
        .unwrap()
        .contains("presentazione in Sala Consiliare")));
    assert!(advances.iter().all(|e| e["user"] == "collaudo"));
}

#[test]
fn phase_advance_refuses_a_bad_date() {
    let env = env_in_2021();
    let before = env.snapshot();
    for date in ["2022-02-30", "31/02/2022", "ieri", "2022/03/01"] {
        let err = fails(&env, &["phase", "advance", "--date", date], 2);
        assert!(err.contains(date), "{date}: {err}");
    }
    assert_eq!(env.snapshot(), before);
    assert_eq!(env.json(&["phase", "show", "--format", "json"])["phase"], 1);
}

// ---------------------------------------------------------------------------------------------
// demo

#[test]
fn demo_builds_a_database_with_the_fixture_cards() {
    let env = Env::empty();
    let assert = env.run(&["demo", "--dir", "D"]).success();
    let out = stdout_of(&assert);
    let db = env.path("D").join("agenda.db");
    assert!(db.exists(), "no D/agenda.db");
    assert!(
        out.contains("agenda.db"),
        "the demo does not say where: {out}"
    );
    assert!(out.contains("D"), "{out}");
    let status = env.json(&["status", "--db", db.to_str().unwrap(), "--format", "json"]);
    assert_eq!(status["cards"], 22);
    assert_eq!(status["municipality"], "Comune di Prato");
    assert!(!env.db().exists(), "the demo wrote to the default database");
}

#[test]
fn a_missing_database_is_named_with_what_to_do_in_both_languages() {
    let env = Env::empty();
    let assert = env.run(&["status"]).code(1);
    let err = stderr(&assert);
    assert!(
        err.contains("there is no agenda database at agenda.db") && err.contains("agenda init"),
        "{err}"
    );
    let assert = env
        .cmd(&["status"])
        .env("AGENDA_LANG", "it")
        .assert()
        .code(1);
    let err = stderr(&assert);
    assert!(
        err.contains("non c'è un database dell'agenda in agenda.db")
            && err.contains("crealo con `agenda init`"),
        "{err}"
    );
    let assert = env.cmd(&["--lang", "it", "status"]).assert().code(1);
    assert!(stderr(&assert).contains("non c'è un database"));
    assert!(!env.db().exists(), "a missing database was created");
}

#[test]
fn demo_refuses_a_folder_that_is_not_empty_and_leaves_it_as_it_was() {
    let env = Env::empty();
    env.run(&["demo", "--dir", "D"]).success();
    let sorted = |dir| {
        let mut files = files_in(&env.path(dir));
        files.sort();
        files
    };
    let before = sorted("D");
    let assert = env.run(&["demo", "--dir", "D"]).code(4);
    let err = stderr(&assert);
    assert!(err.contains("D") && err.contains("not empty"), "{err}");
    assert!(err.contains("--dir"), "no hint on what to do: {err}");
    assert_eq!(sorted("D"), before, "the demo touched D");

    // In Italian, as the office reads it.
    let assert = env
        .cmd(&["demo", "--dir", "D"])
        .env("AGENDA_LANG", "it")
        .assert()
        .code(4);
    let err = stderr(&assert);
    assert!(err.contains("non è vuota"), "{err}");

    // An empty folder that exists is fine.
    std::fs::create_dir(env.path("E")).unwrap();
    env.run(&["demo", "--dir", "E"]).success();
    assert!(env.path("E").join("agenda.db").exists());
}

// ---------------------------------------------------------------------------------------------
// concurrency

const ADD_GOV: &[&str] = &[
    "card",
    "add",
    "--code",
    "GOV-77",
    "--title",
    "Tavolo permanente",
    "--axis",
    "governance",
    "--status",
    "in-corso",
];

#[test]
fn a_busy_database_gives_a_clear_message_after_the_timeout() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let assert = env
        .cmd(ADD_GOV)
        .env("AGENDA_BUSY_TIMEOUT", "1")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(5);
    let err = stderr(&assert);
    assert!(
        err.contains("waiting"),
        "it did not say it was waiting: {err}"
    );
    let error_line = err
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line: {err}"));
    assert!(error_line.contains("busy"), "{err}");
    assert!(!error_line.contains("database is locked"), "{err}");
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    fails(&env, &["card", "show", "GOV-77"], 4);
}

#[test]
fn a_command_waits_for_another_writer_and_then_succeeds() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let output = std::thread::scope(|scope| {
        let cmd = scope.spawn(|| {
            env.cmd(ADD_GOV)
                .env("AGENDA_BUSY_TIMEOUT", "30")
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap()
        });
        std::thread::sleep(Duration::from_millis(1500));
        conn.execute_batch("COMMIT").unwrap();
        cmd.join().unwrap()
    });
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("waiting"),
        "it did not say it was waiting: {err}"
    );
    drop(conn);
    let card = env.json(&["card", "show", "GOV-77", "--format", "json"]);
    assert_eq!(card["title"], "Tavolo permanente");
}

/// A bad value on the command line is refused by the parser itself (exit 2), before any work:
/// no database is opened or created, and the sentence names the flag and the valid values.
#[test]
fn bad_values_are_refused_before_any_work() {
    let env = Env::empty();
    let cases: &[(&[&str], &str)] = &[
        (&["--cycle", "2021", "status"], "is not a triennium"),
        (
            &[
                "card", "add", "--code", "X-1", "--title", "t", "--axis", "mobilita", "--status",
                "in-corso",
            ],
            "unknown axis \"mobilita\"",
        ),
        (&["card", "list", "--status", "finita"], "unknown status"),
        (&["card", "edit", "X-1", "--start", "2022-13"], "--start"),
        (
            &["card", "edit", "X-1", "--budget", "tanti"],
            "not an amount in euro",
        ),
        (
            &["card", "import", "x.csv", "--encoding", "latin9"],
            "unknown encoding \"latin9\"",
        ),
        (
            &["suggestion", "import", "x.csv", "--delimiter", "|"],
            "unknown delimiter",
        ),
        (
            &["suggestion", "import", "x.csv", "--source", "excel"],
            "unknown --source \"excel\"",
        ),
        (
            &["suggestion", "import", "x.csv", "--map", "title"],
            "write it as FIELD=HEADER",
        ),
        (
            &["suggestion", "import", "x.csv", "--map", "colore=Colore"],
            "unknown field \"colore\"",
        ),
        (
            &["suggestion", "import", "x.csv", "--channel", "piccione"],
            "unknown channel",
        ),
        (
            &["suggestion", "list", "--outcome", "forse"],
            "unknown outcome \"forse\"",
        ),
        (
            &[
                "suggestion",
                "respond",
                "1",
                "--outcome",
                "forse",
                "--reason",
                "r",
            ],
            "unknown outcome",
        ),
        (
            &["rule", "add", "mobilita", "--keyword", "bus"],
            "unknown axis",
        ),
        (&["phase", "advance", "--date", "20.01.22"], "is not a date"),
        (&["cycle", "show", "2021-2022"], "is not a triennium"),
    ];
    for (args, says) in cases {
        let out = env.cmd(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("invalid value"), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!env.db().exists(), "{args:?} created the database");
    }
}

// ---------------------------------------------------------------------------------------------
// completions and the manual page

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_in_its_language() {
    let env = Env::empty();
    let bash = env.stdout(&["completions", "bash"]);
    assert!(bash.contains("_agenda()"), "{bash}");
    assert!(
        bash.contains("export-answers") && bash.contains("--dry-run"),
        "{bash}"
    );
    let zsh = env.stdout(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef agenda"), "{zsh}");
    let fish = env.stdout(&["completions", "fish"]);
    assert!(fish.contains("complete -c agenda"), "{fish}");
    let ps = env.stdout(&["completions", "powershell"]);
    assert!(ps.contains("Register-ArgumentCompleter"), "{ps}");
    // fish carries the help texts: English here, Italian by default.
    assert!(fish.contains("Where the process stands"), "{fish}");
    let out = env
        .cmd(&["completions", "fish"])
        .env("AGENDA_LANG", "it")
        .assert()
        .success();
    let fish_it = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(fish_it.contains("A che punto è il processo"), "{fish_it}");

    let man = env.stdout(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH agenda"),
        "{man}"
    );
    assert!(man.contains("completions"), "{man}");
    let out = env
        .cmd(&["man"])
        .env("AGENDA_LANG", "it")
        .assert()
        .success();
    let man_it = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(man_it.contains("schede progetto"), "{man_it}");

    let assert = env.run(&["completions", "tcsh"]).code(2);
    assert!(stderr(&assert).contains("tcsh"));
    assert!(!env.db().exists(), "completions opened a database");
}
