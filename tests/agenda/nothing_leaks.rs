//! Issue "Nothing leaks, nothing is destroyed": personal data kept out of every public output,
//! columns the import does not know treated as personal, a purge that finishes even when
//! someone is reading, backups and working copies accounted for, `--out` that never writes over
//! the database, errors that say what really happened, usage errors for what would be misread,
//! budgets and AGID references read one way only, and a closing that is deliberate.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::Value;

use crate::common::{
    close_without_act, conn, contains, files_in, fixture_arg, refused, stderr, tag_untagged, Env,
};

// ---------------------------------------------------------------------------------------------
// Helpers local to this module.

/// A name, an e-mail and a telephone number, as a citizen writes them into a body.
const NAME: &str = "Maria Rossi";
const EMAIL: &str = "maria.rossi@example.it";
const PHONE: &str = "333 1234567";
/// The textbook codice fiscale and the Bank of Italy's example IBAN: both pass their checks.
const CF: &str = "RSSMRA85T10A562S";
const IBAN: &str = "IT60 X054 2811 1010 0000 0123 456";

/// What must never be in a public output (compared in lower case).
const PERSONAL: &[&str] = &[
    "maria rossi",
    "rossi",
    "maria.rossi",
    "example.it",
    "333 1234567",
    "1234567",
    "mrossi",
    "rssmra85t10a562s",
    "it60 x054",
    "0123 456",
];

fn assert_no_personal_data(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for needle in PERSONAL {
        assert!(
            !lower.contains(needle),
            "{what} holds {needle:?}:\n{}",
            text.chars().take(4000).collect::<String>()
        );
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn count(env: &Env, sql: &str) -> i64 {
    conn(env).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The names of the files in the folder.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether this process can write where permissions say it cannot (root can): then a test of
/// a read-only file or folder proves nothing.
fn permissions_are_not_enforced(dir: &Path) -> bool {
    let probe_dir = dir.join("probe-readonly");
    std::fs::create_dir(&probe_dir).unwrap();
    std::fs::set_permissions(&probe_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::write(probe_dir.join("x"), b"x").is_ok();
    std::fs::set_permissions(&probe_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_file(probe_dir.join("x"));
    std::fs::remove_dir(&probe_dir).unwrap();
    writable
}

/// A process id that does not run (Linux: no entry in /proc).
fn dead_pid() -> u32 {
    (999_999..)
        .find(|pid| !Path::new(&format!("/proc/{pid}")).exists())
        .unwrap()
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The generic office file of point 1: no title column, so the title is cut from the body,
/// whose first words are the citizen's name, e-mail and telephone; a second row whose title
/// holds a codice fiscale and an IBAN.
fn office_file_with_people(env: &Env) -> String {
    env.write(
        "modulo.csv",
        format!(
            "Data invio;Nome e cognome;Proposta\n\
             03/10/2021;{NAME};Sono {NAME}, scrivetemi a {EMAIL} o al {PHONE} per il Wi-Fi gratuito nei parchi\n\
             04/10/2021;Luca Bini;CF {CF} e IBAN {IBAN} per il rimborso\n"
        ),
    )
}

/// The 2021-2023 cycle in Fase 3 with the two suggestions of [`office_file_with_people`], the
/// first answered with a reason that names its author.
fn answered_with_people() -> (Env, String, String) {
    let env = Env::collecting();
    let file = office_file_with_people(&env);
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "1",
        "--outcome",
        "accolto",
        "--reason",
        &format!("Grazie {NAME}: il Wi-Fi arriverà nei parchi nel 2022."),
    ])
    .success();
    env.run(&[
        "suggestion",
        "respond",
        "2",
        "--outcome",
        "non-pertinente",
        "--reason",
        "La richiesta non riguarda l'Agenda digitale.",
    ])
    .success();
    let reference = |id: &str| {
        env.json(&["suggestion", "show", id, "--format", "json"])["ref"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (first, second) = (reference("1"), reference("2"));
    (env, first, second)
}

/// Every public output of the draft report: Markdown, HTML, JSON and the CSV annexes.
fn public_outputs(env: &Env) -> Vec<(String, String)> {
    let mut out = vec![
        (
            "report --draft".to_string(),
            env.stdout(&["report", "--draft"]),
        ),
        (
            "report --draft --format html".to_string(),
            env.stdout(&["report", "--draft", "--format", "html"]),
        ),
        (
            "report --draft --format json".to_string(),
            env.stdout(&["report", "--draft", "--format", "json"]),
        ),
    ];
    let annexes = env.path("annessi");
    let _ = std::fs::remove_dir_all(&annexes);
    env.run(&[
        "report",
        "--draft",
        "--format",
        "csv",
        "--out",
        annexes.to_str().unwrap(),
    ])
    .success();
    let files = files_in(&annexes);
    assert!(files.len() >= 2, "{files:?}");
    for (path, bytes) in files {
        out.push((
            path.display().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    out
}

/// The draft's sentence on the suggestions published with `[omissis]`.
fn redaction_sentence(env: &Env) -> String {
    let report = env.json(&["report", "--draft", "--format", "json"]);
    let missing: Vec<String> = report["missing"]
        .as_array()
        .unwrap_or_else(|| panic!("no missing in {report}"))
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    missing
        .into_iter()
        .find(|m| m.contains("dati personali"))
        .unwrap_or_default()
}

fn redaction_of<'a>(privacy: &'a Value, reference: &str) -> Option<&'a Value> {
    privacy[0]["redacted"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == reference)
}

fn kinds(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Personal data never reaches a public output.

#[test]
fn regression_a_title_cut_from_a_body_reaches_no_public_output_with_the_authors_data() {
    let (env, first, second) = answered_with_people();
    let source_title = env.json(&["suggestion", "show", "1", "--format", "json"])["title"]
        .as_str()
        .unwrap()
        .to_string();
    // The test means something only if the title does hold the data.
    assert!(
        source_title.starts_with(&format!("Sono {NAME}, scrivetemi a {EMAIL} o al {PHONE}")),
        "{source_title}"
    );

    for (what, text) in public_outputs(&env) {
        assert_no_personal_data(&what, &text);
        if !what.ends_with("cifre.csv")
            && !what.ends_with("schede.csv")
            && !what.ends_with("stato-attuazione.csv")
        {
            assert!(text.contains("omissis"), "{what} has no [omissis]:\n{text}");
        }
    }

    // The draft says which suggestions were redacted, and what was taken out.
    let sentence = redaction_sentence(&env);
    assert!(sentence.contains("[omissis]"), "{sentence}");
    assert!(sentence.contains("suggestion retitle"), "{sentence}");
    let at = sentence
        .find(&format!("{first} ("))
        .unwrap_or_else(|| panic!("{first} is not listed: {sentence}"));
    let listed = &sentence[at..];
    let listed = &listed[..listed.find(')').unwrap()];
    assert!(listed.contains("titolo e motivazione"), "{listed}");
    for kind in ["indirizzo e-mail", "numero di telefono", "nome dell'autore"] {
        assert!(listed.contains(kind), "{kind} missing in {listed}");
    }
    let at = sentence
        .find(&format!("{second} ("))
        .unwrap_or_else(|| panic!("{second} is not listed: {sentence}"));
    let listed = &sentence[at..];
    let listed = &listed[..listed.find(')').unwrap()];
    assert!(
        listed.contains("codice fiscale") && listed.contains("IBAN"),
        "{listed}"
    );

    // privacy report says it too: a line to retitle, and the list in JSON.
    let err = stderr(&env.run(&["privacy", "report"]).success());
    let line = err
        .lines()
        .find(|l| l.contains(&first))
        .unwrap_or_else(|| panic!("{first} not in privacy report:\n{err}"));
    assert!(line.contains("retitle"), "{line}");
    assert_no_personal_data("privacy report", &err);
    let privacy = env.json(&["privacy", "report", "--format", "json"]);
    let entry = redaction_of(&privacy, &first).expect("the first suggestion is listed");
    let title = kinds(&entry["title"]);
    for kind in ["email", "phone", "name"] {
        assert!(title.contains(&kind.to_string()), "{entry}");
    }
    assert_eq!(kinds(&entry["reason"]), ["name"], "{entry}");
    let entry = redaction_of(&privacy, &second).expect("the second suggestion is listed");
    let title = kinds(&entry["title"]);
    assert!(
        title.contains(&"codice-fiscale".to_string()) && title.contains(&"iban".to_string()),
        "{entry}"
    );

    // The database keeps the title as the source gave it.
    let shown = env.json(&["suggestion", "show", "1", "--format", "json"]);
    assert_eq!(shown["title"], source_title.as_str());

    // A title of staff's own: published instead, and no longer listed as redacted.
    env.run(&["suggestion", "retitle", "1", "Un titolo adatto"])
        .success();
    let report = env.stdout(&["report", "--draft"]);
    assert!(report.contains("Un titolo adatto"), "{report}");
    assert_no_personal_data("report after retitle", &report);
    let sentence = redaction_sentence(&env);
    let at = sentence.find(&format!("{first} (")).unwrap();
    let listed = &sentence[at..];
    let listed = &listed[..listed.find(')').unwrap()];
    assert!(
        listed.contains("motivazione: nome dell'autore") && !listed.contains("titolo"),
        "the reason still names the author, the title no longer counts: {listed}"
    );
    let privacy = env.json(&["privacy", "report", "--format", "json"]);
    let entry = redaction_of(&privacy, &first).unwrap();
    assert_eq!(entry["title"], Value::Array(vec![]), "{entry}");
    let shown = env.json(&["suggestion", "show", "1", "--format", "json"]);
    assert_eq!(shown["title"], source_title.as_str());
    assert_eq!(shown["public_title"], "Un titolo adatto");

    // --source goes back to the source's title, redacted again.
    env.run(&["suggestion", "retitle", "1", "--source"])
        .success();
    let report = env.stdout(&["report", "--draft"]);
    assert!(!report.contains("Un titolo adatto"), "{report}");
    assert_no_personal_data("report after retitle --source", &report);
    let privacy = env.json(&["privacy", "report", "--format", "json"]);
    let entry = redaction_of(&privacy, &first).unwrap();
    assert!(kinds(&entry["title"]).contains(&"email".to_string()));
    assert_eq!(
        env.json(&["suggestion", "show", "1", "--format", "json"])["public_title"],
        Value::Null
    );
}

#[test]
fn regression_the_answers_for_decidim_leave_without_the_authors_data() {
    let env = Env::collecting();
    let file = env.write(
        "decidim.csv",
        format!(
            "id,author/name,author/nickname,component/id,title/it,body/it,state,reference,published_at\n\
             9101,{NAME},mrossi,82,Wi-Fi nei parchi,\"<p>Sono {NAME}, scrivetemi a {EMAIL} o al {PHONE}</p>\",evaluating,PO-PROP-2021-10-9101,2021-10-05 10:00:00 +0200\n"
        ),
    );
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "PO-PROP-2021-10-9101",
        "--outcome",
        "accolto",
        "--reason",
        &format!("Grazie {NAME} (mrossi): la ricontatteremo a {EMAIL} o al {PHONE}."),
    ])
    .success();
    let preview = env.stdout(&["suggestion", "export-answers", "--dry-run"]);
    assert!(preview.contains("9101;accepted;"), "{preview}");
    assert_no_personal_data("export-answers --dry-run", &preview);
    assert!(preview.contains("[omissis]"), "{preview}");
    env.run(&["suggestion", "export-answers", "--out", "risposte.csv"])
        .success();
    let written = std::fs::read_to_string(env.path("risposte.csv")).unwrap();
    assert!(written.contains("9101;accepted;"), "{written}");
    assert_no_personal_data("export-answers --out", &written);
    assert!(written.contains("[omissis]"), "{written}");
    // The database keeps the reason as written.
    let shown = env.json(&["suggestion", "show", "1", "--format", "json"]);
    assert!(
        shown["responses"].to_string().contains(EMAIL),
        "the reason is kept whole: {shown}"
    );
}

#[test]
fn regression_an_email_cut_by_the_title_of_80_characters_is_still_omitted() {
    let env = Env::collecting();
    let file = env.write(
        "modulo.csv",
        "Data invio;Nome e cognome;Proposta\n\
         03/10/2021;Anna Neri;Ciao sono Anna e vorrei segnalare un problema, scrivetemi qui a annaneri@example.it grazie\n",
    );
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    let title = env.json(&["suggestion", "show", "1", "--format", "json"])["title"]
        .as_str()
        .unwrap()
        .to_string();
    // The title is cut between words: never inside the address.
    assert!(
        title.ends_with('…') && !title.contains("annaneri"),
        "{title}"
    );
    let report = env.stdout(&["report", "--draft"]);
    assert!(
        !report.contains("annaneri"),
        "a truncated e-mail is published: {}",
        report
            .lines()
            .find(|l| l.contains("annaneri"))
            .unwrap_or_default()
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Rejected rows never quote a cell.

#[test]
fn regression_a_rejected_row_names_the_column_never_the_cell() {
    let env = Env::collecting();
    let file = env.write(
        "spostato.csv",
        format!(
            "Data invio;Nome e cognome;Oggetto;Proposta\n\
             03/10/2021;Luca Bini;Wi-Fi;Wi-Fi nei parchi\n\
             {NAME};;Corsi;Corsi SPID per anziani\n"
        ),
    );
    // Refused without --skip-invalid: the error names the column, not the name in it.
    let err = refused(&env, &["suggestion", "import", &file], 3);
    assert!(err.contains("spostato.csv:3"), "{err}");
    assert!(err.contains("\"Data invio\""), "{err}");
    assert!(!err.contains(NAME), "{err}");

    let assert = env
        .run(&["suggestion", "import", "--skip-invalid", &file])
        .success();
    let err = stderr(&assert);
    assert!(!err.contains(NAME), "{err}");
    let batches = env.json(&["suggestion", "batches", "--format", "json"]);
    let rejections = batches[0]["rejections"].as_array().unwrap();
    assert_eq!(rejections.len(), 1, "{batches}");
    assert_eq!(rejections[0]["line"], 3);
    let reason = rejections[0]["reason"].as_str().unwrap();
    assert!(reason.contains("Data invio"), "{reason}");
    assert!(!reason.contains(NAME), "{reason}");
    // Nowhere in the database either, but in the people of the row that was taken.
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM batch_rejections WHERE reason LIKE '%Maria%'"
        ),
        0
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Unknown columns are personal.

const OFFICE_PERSONAL: &[&str] = &[
    "Nome",
    "Cognome",
    "Telefono",
    "Cellulare",
    "Codice fiscale",
    "Indirizzo",
    "PEC",
    "E-mail",
    "E-mail alternativa",
];
const DECIDIM_PERSONAL: &[&str] = &[
    "author/id",
    "author/name",
    "address",
    "latitude",
    "longitude",
    "endorsements/user_endorsements",
];

#[test]
fn regression_columns_the_import_does_not_know_are_blanked_by_the_purge() {
    let env = Env::collecting();
    let office = env.write(
        "ufficio.csv",
        format!(
            "Data;Nome;Cognome;Telefono;Cellulare;Codice fiscale;Indirizzo;PEC;E-mail;E-mail alternativa;Oggetto;Proposta\n\
             03/10/2021;Maria;Rossi;0574 123456;{PHONE};{CF};Via Roma 1, Prato;maria.rossi@pec.example.it;{EMAIL};mr@altro.example.org;Wi-Fi nei parchi;Vorrei il Wi-Fi gratuito nei parchi\n"
        ),
    );
    let decidim = env.write(
        "decidim.csv",
        "id,author/id,author/name,component/id,title/it,body/it,address,latitude,longitude,state,reference,endorsements/total_count,endorsements/user_endorsements,published_at\n\
         9201,4411,Giulia Bettazzi,82,Corsi SPID,\"<p>Corsi SPID in biblioteca</p>\",Via Pistoiese 12,43.88,11.09,evaluating,PO-PROP-2021-10-9201,2,\"Anna Neri, Luca Bini\",2021-10-05 10:00:00 +0200\n",
    );
    env.run(&["suggestion", "import", "--quiet", &office, &decidim])
        .success();

    // Before the purge: every personal cell counted by its column, the known ones not.
    let privacy = env.json(&["privacy", "report", "--format", "json"]);
    let cells = privacy[0]["source_cells"].as_object().unwrap();
    let mut expected: Vec<&str> = OFFICE_PERSONAL
        .iter()
        .chain(DECIDIM_PERSONAL)
        .copied()
        .collect();
    expected.sort();
    let mut columns: Vec<&str> = cells.keys().map(String::as_str).collect();
    columns.sort();
    assert_eq!(columns, expected, "{privacy}");
    assert!(cells.values().all(|n| n == 1), "{privacy}");

    // Close the cycle, purge.
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "1",
        "2",
        "--outcome",
        "accolto",
        "--reason",
        "Accolta nel triennio.",
    ])
    .success();
    tag_untagged(&env);
    close_without_act(&env, "2022-01-20");
    env.run(&["privacy", "purge", "--yes"]).success();

    let check = |id: &str, personal: &[&str]| {
        let shown = env.json(&["suggestion", "show", id, "--format", "json"]);
        let original = shown["original"].as_object().unwrap();
        assert!(!original.is_empty(), "{shown}");
        for (column, value) in original {
            let value = value.as_str().unwrap();
            if personal.contains(&column.as_str()) {
                assert_eq!(value, "", "{column} kept {value:?} after the purge");
            } else {
                assert_ne!(value, "", "{column}, not personal, was blanked");
            }
        }
        for column in personal {
            assert!(original.contains_key(*column), "{column} missing: {shown}");
        }
    };
    check("1", OFFICE_PERSONAL);
    check("2", DECIDIM_PERSONAL);
    let privacy = env.json(&["privacy", "report", "--format", "json"]);
    assert_eq!(privacy[0]["source_cells"], serde_json::json!({}));
    assert_eq!(privacy[0]["source_rows"], 0);
}

// ---------------------------------------------------------------------------------------------
// 4 and 5. A purge that finishes.

const MODULO: &str = "modulo-web-2022.csv";
/// An e-mail from the web-form fixture.
const FIXTURE_EMAIL: &str = "m.tacconi@example.it";

/// The 2021-2023 cycle closed without an act, with the web-form suggestions (names and
/// e-mails), every one answered.
fn closed_with_people() -> Env {
    let env = Env::collecting();
    env.run(&["suggestion", "import", "--quiet", &fixture_arg(MODULO)])
        .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    answer_all_and_close(&env);
    env
}

/// Answers and tags every suggestion of the cycle (in Fase 3) and closes it without an act.
fn answer_all_and_close(env: &Env) {
    tag_untagged(env);
    conn(env)
        .execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
             SELECT id, 'non-accolto', 'Fuori dal perimetro del triennio.', 1, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions",
            [],
        )
        .unwrap();
    close_without_act(env, "2022-01-20");
}

fn purge_unfinished(env: &Env) -> Value {
    env.json(&["privacy", "report", "--format", "json"])[0]["purge_unfinished"].clone()
}

#[test]
fn regression_a_purge_kept_from_emptying_the_wal_by_a_reader_is_finished_by_check() {
    let env = closed_with_people();
    assert!(files_in(env.dir.path())
        .iter()
        .any(|(_, b)| contains(b, FIXTURE_EMAIL)));

    // Another command in the middle of a read: its snapshot pins the WAL.
    let reader = conn(&env);
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();

    let started = std::time::Instant::now();
    let assert = env
        .cmd(&["privacy", "purge", "--yes"])
        .env("AGENDA_BUSY_TIMEOUT", "2")
        .assert()
        .success();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "the purge waited {:?}",
        started.elapsed()
    );
    let err = stderr(&assert);
    assert!(err.contains("waiting:"), "{err}");
    assert!(err.contains("erased the personal data"), "{err}");
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("unfinished"))
        .unwrap_or_else(|| panic!("no warning that the purge is unfinished:\n{err}"));
    assert!(warning.contains("agenda check"), "{warning}");
    assert_eq!(purge_unfinished(&env), true);
    let err = stderr(&env.run(&["privacy", "report"]).success());
    assert!(
        err.contains("the purge of 2021-2023 is unfinished"),
        "{err}"
    );

    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    // An idle connection keeps the WAL file after the command, so the scan reads it.
    let idle = conn(&env);
    let _: i64 = idle
        .query_row("SELECT count(*) FROM cycles", [], |r| r.get(0))
        .unwrap();
    let err = stderr(&env.run(&["check"]).success());
    assert!(err.contains("completed the purge of 2021-2023"), "{err}");
    assert_eq!(purge_unfinished(&env), false);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM settings WHERE key = 'purge_unfinished'"
        ),
        0
    );
    for (path, bytes) in files_in(env.dir.path()) {
        assert!(
            !contains(&bytes, FIXTURE_EMAIL),
            "{FIXTURE_EMAIL} is still in {}",
            path.display()
        );
    }
    drop(idle);
    // Nothing left to complete: check says nothing of it the next time.
    let err = stderr(&env.run(&["check"]).success());
    assert!(!err.contains("completed the purge"), "{err}");
}

#[test]
fn regression_an_unfinished_purge_is_reported_and_completed_by_check() {
    let env = Env::collecting();
    conn(&env)
        .execute(
            "INSERT INTO settings VALUES ('purge_unfinished', '2021-2023')",
            [],
        )
        .unwrap();
    assert_eq!(purge_unfinished(&env), true);
    let err = stderr(&env.run(&["privacy", "report"]).success());
    assert!(
        err.contains("the purge of 2021-2023 is unfinished")
            && err.contains("agenda privacy purge")
            && err.contains("agenda check"),
        "{err}"
    );
    let err = stderr(&env.run(&["check"]).success());
    assert!(err.contains("completed the purge of 2021-2023"), "{err}");
    assert_eq!(purge_unfinished(&env), false);
    let err = stderr(&env.run(&["privacy", "report"]).success());
    assert!(!err.contains("unfinished"), "{err}");
}

#[test]
fn regression_an_unfinished_purge_is_completed_by_the_next_purge() {
    let env = Env::collecting();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    close_without_act(&env, "2022-01-20");
    conn(&env)
        .execute(
            "INSERT INTO settings VALUES ('purge_unfinished', '2021-2023')",
            [],
        )
        .unwrap();
    assert_eq!(purge_unfinished(&env), true);
    let err = stderr(&env.run(&["privacy", "purge", "--yes"]).success());
    assert!(err.contains("completed the purge of 2021-2023"), "{err}");
    assert!(err.contains("nothing to erase"), "{err}");
    assert_eq!(purge_unfinished(&env), false);
}

// ---------------------------------------------------------------------------------------------
// 6. Backups are recorded; working copies never linger.

#[test]
fn regression_backups_are_recorded_and_the_purge_names_them() {
    let env = closed_with_people();
    env.run(&["backup", "b1.db"]).success();
    let err = stderr(&env.run(&["privacy", "report"]).success());
    let line = err
        .lines()
        .find(|l| l.contains("backups written by agenda"))
        .unwrap_or_else(|| panic!("no backups listed:\n{err}"));
    assert!(line.contains("b1.db"), "{line}");
    let err = stderr(&env.run(&["privacy", "purge", "--yes"]).success());
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("still hold the personal data"))
        .unwrap_or_else(|| panic!("no warning about the backups:\n{err}"));
    assert!(warning.contains("b1.db"), "{warning}");
    // The backup does hold them: the warning is true.
    assert!(contains(
        &std::fs::read(env.path("b1.db")).unwrap(),
        FIXTURE_EMAIL
    ));
}

#[test]
fn regression_a_backup_named_like_a_companion_file_is_refused() {
    let env = Env::with_cards();
    for name in ["x.db-wal", "x-shm", "x-journal"] {
        let err = refused(&env, &["backup", name], 4);
        assert!(err.contains("companion"), "{name}: {err}");
        assert!(!env.path(name).exists(), "{name} was written");
    }
    assert!(!names_in(env.dir.path())
        .iter()
        .any(|n| n.contains("partial")));
}

#[test]
fn regression_restore_leaves_no_working_copy_and_a_private_safety_backup() {
    let env = Env::with_cards();
    env.run(&["backup", "copia.db"]).success();
    // A backup someone made readable by others: the copies the tool makes stay private.
    std::fs::set_permissions(env.path("copia.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let working = |env: &Env| -> Vec<String> {
        names_in(env.dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".agenda-restore-"))
            .collect()
    };

    // Refused (no --yes, no terminal): no working copy left.
    refused(&env, &["restore", "copia.db"], 2);
    assert_eq!(working(&env), Vec::<String>::new());
    // Refused (not an agenda database): none either.
    env.write("testo.db", "non sono un database\n".repeat(50));
    refused(&env, &["restore", "testo.db", "--yes"], 3);
    assert_eq!(working(&env), Vec::<String>::new());

    env.run(&["restore", "copia.db", "--yes"]).success();
    assert_eq!(working(&env), Vec::<String>::new());
    let safety: Vec<String> = names_in(env.dir.path())
        .into_iter()
        .filter(|n| n.starts_with("agenda.db.before-restore-"))
        .collect();
    assert_eq!(safety.len(), 1, "{safety:?}");
    assert_eq!(mode(&env.path(&safety[0])), 0o600);
    assert_eq!(
        mode(&env.path("copia.db")),
        0o644,
        "the backup is not touched"
    );
    env.run(&["check"]).success();
}

#[test]
fn regression_copies_left_by_a_killed_backup_or_restore_go_with_the_next_command() {
    let env = Env::with_cards();
    let pid = dead_pid();
    let stale_restore = format!(".agenda-restore-{pid}-abc");
    env.write(&stale_restore, "SQLite format 3\0 a copy half made");
    // A copy of a process that runs (this one) is left alone.
    let live_restore = format!(".agenda-restore-{}-live", std::process::id());
    env.write(&live_restore, "in use");
    // A backup's .partial, registered by a process that is gone.
    let partial = env.path(&format!("vecchio.db.partial-{pid}"));
    std::fs::write(&partial, b"SQLite format 3\0 half a backup").unwrap();
    let journal = env.path(&format!("vecchio.db.partial-{pid}-journal"));
    std::fs::write(&journal, b"j").unwrap();
    let key = format!("copy:{pid}:0");
    conn(&env)
        .execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            [&key, &partial.display().to_string()],
        )
        .unwrap();

    let err = stderr(&env.run(&["status"]).success());
    let removed: Vec<&str> = err.lines().filter(|l| l.starts_with("removed ")).collect();
    assert_eq!(removed.len(), 2, "{err}");
    assert!(removed.iter().any(|l| l.contains(&stale_restore)), "{err}");
    assert!(
        removed
            .iter()
            .any(|l| l.contains(&format!("vecchio.db.partial-{pid}"))),
        "{err}"
    );
    assert!(
        removed.iter().all(|l| l.contains("did not finish")),
        "{err}"
    );
    assert!(!env.path(&stale_restore).exists());
    assert!(!partial.exists());
    assert!(!journal.exists(), "the partial's journal is left");
    assert!(env.path(&live_restore).exists(), "a live copy was removed");
    assert_eq!(
        count(
            &env,
            &format!("SELECT count(*) FROM settings WHERE key = '{key}'")
        ),
        0
    );
    // Said once: the next command finds nothing.
    let err = stderr(&env.run(&["status"]).success());
    assert!(!err.contains("removed"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 7. --out never names the database.

#[test]
fn regression_out_never_names_the_database_its_companions_or_an_sqlite_file() {
    let env = Env::with_cards();
    env.run(&["backup", "other.sqlite"]).success();
    let other = std::fs::read(env.path("other.sqlite")).unwrap();
    let db_bytes = std::fs::read(env.db()).unwrap();
    for args in [
        &["card", "export", "--out", "agenda.db"][..],
        &["card", "export", "--out", "./agenda.db"],
        &["card", "export", "--out", "agenda.db-wal"],
        &["card", "export", "--out", "other.sqlite"],
        &["report", "--draft", "--out", "agenda.db-shm"],
        &["report", "--draft", "--out", "agenda.db"],
        &["suggestion", "export-answers", "--out", "agenda.db"],
        &["suggestion", "export-answers", "--out", "other.sqlite"],
    ] {
        let err = refused(&env, args, 4);
        assert!(err.contains("never writes over it"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read(env.db()).unwrap(),
            db_bytes,
            "{args:?} touched the database file"
        );
    }
    assert_eq!(std::fs::read(env.path("other.sqlite")).unwrap(), other);
    let err = refused(&env, &["card", "export", "--out", "./agenda.db-journal"], 4);
    assert!(err.contains("never writes over it"), "{err}");
    assert!(!env.path("agenda.db-journal").exists());
    // Through another path to the same file too.
    let absolute = env.db().display().to_string();
    refused(&env, &["card", "export", "--out", &absolute], 4);
}

#[test]
fn regression_out_never_names_a_companion_that_does_not_exist_yet() {
    let env = Env::with_cards();
    for args in [
        &["card", "export", "--out", "agenda.db-journal"][..],
        &["report", "--draft", "--out", "agenda.db-journal"],
        &["suggestion", "export-answers", "--out", "agenda.db-journal"],
    ] {
        let err = refused(&env, args, 4);
        assert!(err.contains("never writes over it"), "{args:?}: {err}");
        assert!(!env.path("agenda.db-journal").exists(), "{args:?} wrote it");
    }
}

#[test]
fn regression_out_is_never_written_through_a_symbolic_link() {
    let env = Env::with_cards();
    let target = env.write("bersaglio.txt", "da non toccare\n");
    std::os::unix::fs::symlink(&target, env.path("schede.csv")).unwrap();
    let err = refused(&env, &["card", "export", "--out", "schede.csv"], 4);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "da non toccare\n"
    );
    assert!(std::fs::symlink_metadata(env.path("schede.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    refused(&env, &["report", "--draft", "--out", "schede.csv"], 4);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "da non toccare\n"
    );
    // A link to the database: refused, the database whole.
    std::os::unix::fs::symlink(env.db(), env.path("copia.md")).unwrap();
    refused(&env, &["report", "--draft", "--out", "copia.md"], 4);
}

#[test]
fn regression_out_in_a_missing_folder_fails_naming_the_file() {
    let env = Env::with_cards();
    for args in [
        &["card", "export", "--out", "manca/schede.csv"][..],
        &["report", "--draft", "--out", "manca/relazione.md"],
    ] {
        let assert = env.run(args).failure();
        let err = stderr(&assert);
        let file = args[args.len() - 1];
        assert!(err.contains(file), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(!env.path("manca").exists());
}

/// Runs `agenda ARGS` in the folder with the largest file it may write capped at `limit`
/// bytes (RLIMIT_FSIZE, SIGXFSZ ignored so a write fails with EFBIG instead of killing it):
/// a write that fails half-way, whoever runs the test, root included.
fn run_with_file_size_limit(env: &Env, args: &[&str], limit: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_agenda"));
    cmd.current_dir(env.dir.path())
        .env_remove("AGENDA_DB")
        .env("AGENDA_LANG", "en")
        .env_remove("AGENDA_YES")
        .env_remove("AGENDA_NOW")
        .env_remove("AGENDA_BUSY_TIMEOUT")
        .env("AGENDA_USER", "collaudo")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .args(args);
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit).
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let rlimit = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run agenda")
}

#[test]
fn regression_an_existing_out_file_is_left_whole_when_the_write_fails() {
    let env = Env::with_cards();
    // The whole report is larger than the cap (the database's -shm is 32 KiB, under it).
    const LIMIT: u64 = 40 * 1024;
    env.run(&[
        "report",
        "--draft",
        "--format",
        "html",
        "--out",
        "intera.html",
    ])
    .success();
    let size = std::fs::metadata(env.path("intera.html")).unwrap().len();
    assert!(
        size > LIMIT,
        "the report is {size} bytes: the test needs more"
    );

    let old = "la relazione di prima\n";
    env.write("relazione.html", old);
    let out = run_with_file_size_limit(
        &env,
        &[
            "report",
            "--draft",
            "--format",
            "html",
            "--out",
            "relazione.html",
        ],
        LIMIT,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "the write was expected to fail: {err}"
    );
    assert!(err.contains("relazione.html"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("relazione.html")).unwrap(),
        old,
        "the old file was damaged"
    );
    assert!(
        !names_in(env.dir.path())
            .iter()
            .any(|n| n.ends_with(".partial")),
        "{:?}",
        names_in(env.dir.path())
    );

    // A folder that cannot be written: only where permissions hold (not for root).
    if permissions_are_not_enforced(env.dir.path()) {
        eprintln!("skipped the read-only folder: permissions are not enforced for this user");
        return;
    }
    let folder = env.path("sola-lettura");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("schede.csv"), old).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let assert = env
        .run(&["card", "export", "--out", "sola-lettura/schede.csv"])
        .failure();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&assert);
    assert!(err.contains("sola-lettura/schede.csv"), "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("schede.csv")).unwrap(),
        old
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Errors tell the truth.

#[test]
fn regression_a_locked_database_is_busy_not_foreign() {
    let env = Env::with_cards();
    // What a bulk load does: a rollback journal and an exclusive lock, so nobody reads.
    let holder = conn(&env);
    let _: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    for command in ["status", "check"] {
        let started = std::time::Instant::now();
        let assert = env
            .cmd(&[command])
            .env("AGENDA_BUSY_TIMEOUT", "1")
            .assert()
            .code(5);
        let waited = started.elapsed();
        let err = stderr(&assert);
        assert!(err.contains("waiting:"), "{command}: {err}");
        assert!(err.contains("busy"), "{command}: {err}");
        assert!(!err.contains("not an agenda database"), "{command}: {err}");
        assert!(
            waited < std::time::Duration::from_secs(4),
            "{command} waited {waited:?} with AGENDA_BUSY_TIMEOUT=1"
        );
    }
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    env.run(&["status"]).success();
}

#[test]
fn regression_a_database_path_that_is_a_folder_says_so() {
    let env = Env::with_cards();
    std::fs::create_dir(env.path("cartella")).unwrap();
    let err = stderr(&env.run(&["--db", "cartella", "status"]).failure());
    assert!(err.contains("cartella is a folder"), "{err}");
    assert!(!err.contains("not an agenda database"), "{err}");
}

#[test]
fn regression_a_negative_schema_version_is_a_foreign_file_and_gets_no_backup() {
    let env = Env::empty();
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.execute_batch(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
             PRAGMA user_version = -1;",
        )
        .unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let err = stderr(&env.run(&["status"]).failure());
    assert!(err.contains("not an agenda database"), "{err}");
    assert_eq!(names_in(env.dir.path()), ["agenda.db"], "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn regression_importing_a_folder_or_a_named_pipe_says_what_it_is() {
    let env = Env::collecting();
    std::fs::create_dir(env.path("cartella")).unwrap();
    let err = refused(&env, &["suggestion", "import", "cartella"], 3);
    assert!(err.contains("cartella: is a folder, not a file"), "{err}");

    let fifo = env.path("tubo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let err = refused(&env, &["suggestion", "import", "tubo"], 3);
    assert!(err.contains("named pipe"), "{err}");
}

#[test]
fn regression_a_read_only_database_says_it_is_read_only() {
    let env = Env::with_cards();
    if permissions_are_not_enforced(env.dir.path()) {
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
    // Reading works, or says read-only: never "not an agenda database".
    let out = env.run(&["status"]);
    let err = stderr(&out);
    assert!(!err.contains("not an agenda database"), "{err}");
    let err = stderr(
        &env.run(&[
            "card",
            "add",
            "--code",
            "GOV-99",
            "--title",
            "In sola lettura",
            "--axis",
            "governance",
            "--status",
            "pianificata",
        ])
        .failure(),
    );
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(err.contains("read-only"), "{err}");
    assert!(!err.contains("not an agenda database"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 9. What would be misread is a usage error.

#[test]
fn regression_a_search_without_a_word_is_a_usage_error() {
    let env = Env::collecting();
    env.run(&["suggestion", "import", "--quiet", &fixture_arg(MODULO)])
        .success();
    for query in ["\"", "*", "😀", " \" * "] {
        let assert = env.run(&["suggestion", "list", "--search", query]).code(2);
        let err = stderr(&assert);
        assert!(err.contains("holds no word"), "{query:?}: {err}");
        assert!(err.contains("--search"), "{query:?}: {err}");
        assert!(stdout_of(&assert).is_empty(), "{query:?}");
    }
    // A word among them still searches.
    env.run(&["suggestion", "list", "--search", "\"SPID*"])
        .success();
}

#[test]
fn regression_a_limit_beyond_what_the_database_counts_is_a_usage_error() {
    let env = Env::collecting();
    for limit in ["99999999999999999999", "9223372036854775808"] {
        let err = refused(&env, &["suggestion", "list", "--limit", limit], 2);
        assert!(err.contains("--limit"), "{limit}: {err}");
        assert!(err.contains(limit), "{limit}: {err}");
    }
    let err = refused(
        &env,
        &["suggestion", "list", "--limit", "9223372036854775808"],
        2,
    );
    assert!(err.contains("more than the database can count"), "{err}");
    env.run(&["suggestion", "list", "--limit", "9223372036854775807"])
        .success();
}

#[test]
fn regression_settings_in_the_environment_that_would_be_misread_are_usage_errors() {
    let env = Env::with_cards();
    let before = env.dump();
    for (variable, value) in [
        ("AGENDA_USER", "a\nb"),
        ("AGENDA_USER", "a\u{1b}[31mb"),
        ("AGENDA_BUSY_TIMEOUT", "abc"),
        ("AGENDA_BUSY_TIMEOUT", "-1"),
        ("AGENDA_NOW", "ieri"),
    ] {
        let assert = env
            .cmd(&[
                "card",
                "add",
                "--code",
                "GOV-99",
                "--title",
                "Mai scritta",
                "--axis",
                "governance",
                "--status",
                "pianificata",
            ])
            .env(variable, value)
            .assert()
            .code(2);
        let err = stderr(&assert);
        assert!(err.contains(variable), "{variable}={value:?}: {err}");
        assert_eq!(
            env.dump(),
            before,
            "{variable}={value:?} changed the database"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 10 and 11. Budgets and AGID references.

fn card_add(code: &str, budget: &str) -> Vec<String> {
    [
        "card",
        "add",
        "--code",
        code,
        "--title",
        "Scheda di prova",
        "--axis",
        "governance",
        "--status",
        "pianificata",
        "--budget",
        budget,
    ]
    .map(str::to_string)
    .to_vec()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn regression_budgets_are_read_by_one_strict_grammar() {
    let env = Env::new();
    for budget in ["0,005", "12,3,4", "1.2.3", "12.3456", "1.2,3.4"] {
        let err = refused(&env, &args(&card_add("GOV-99", budget)), 2);
        assert!(err.contains("is not an amount in euro"), "{budget}: {err}");
        assert!(err.contains(budget), "{budget}: {err}");
    }
    for (code, budget, stored) in [
        ("GOV-91", "120.000,50", 120000.5),
        ("GOV-92", "€ 1.500,00", 1500.0),
        ("GOV-93", "1,500.00", 1500.0),
    ] {
        env.run(&args(&card_add(code, budget))).success();
        let card = env.json(&["card", "show", code, "--format", "json"]);
        assert_eq!(card["budget"].as_f64(), Some(stored), "{budget}: {card}");
    }

    let file = env.write(
        "schede.csv",
        "code,title,axis,status,budget\n\
         GOV-81,Una,governance,pianificata,\"120.000,50\"\n\
         GOV-82,Due,governance,pianificata,\"12,3,4\"\n",
    );
    let err = refused(&env, &["card", "import", &file], 3);
    assert!(err.contains("schede.csv:3"), "{err}");
    assert!(err.contains("12,3,4"), "{err}");
    assert!(!err.contains("schede.csv:2"), "{err}");
}

fn agid_refs(env: &Env, code: &str) -> Value {
    env.json(&["card", "show", code, "--format", "json"])["agid_refs"].clone()
}

#[test]
fn regression_an_agid_reference_holding_a_bar_survives_export_and_import() {
    let env = Env::new();
    env.run(&[
        "card",
        "add",
        "--code",
        "GOV-09",
        "--title",
        "Riferimenti",
        "--axis",
        "governance",
        "--status",
        "pianificata",
        "--agid-ref",
        "2024-2026 RA3.2.1 | nota",
        "--agid-ref",
        "2024-2026 OB.1.1",
    ])
    .success();
    let refs = agid_refs(&env, "GOV-09");
    assert_eq!(
        refs,
        serde_json::json!(["2024-2026 RA3.2.1 | nota", "2024-2026 OB.1.1"])
    );
    env.run(&["card", "export", "--out", "schede.csv"])
        .success();
    let fresh = Env::new();
    fresh
        .run(&["card", "import", env.path("schede.csv").to_str().unwrap()])
        .success();
    assert_eq!(agid_refs(&fresh, "GOV-09"), refs);
}

#[test]
fn regression_a_single_agid_reference_holding_a_bar_survives_export_and_import() {
    let env = Env::new();
    env.run(&[
        "card",
        "add",
        "--code",
        "GOV-09",
        "--title",
        "Riferimenti",
        "--axis",
        "governance",
        "--status",
        "pianificata",
        "--agid-ref",
        "2024-2026 RA3.2.1 | nota",
    ])
    .success();
    env.run(&["card", "export", "--out", "schede.csv"])
        .success();
    let fresh = Env::new();
    fresh
        .run(&["card", "import", env.path("schede.csv").to_str().unwrap()])
        .success();
    assert_eq!(
        agid_refs(&fresh, "GOV-09"),
        serde_json::json!(["2024-2026 RA3.2.1 | nota"])
    );
}

// ---------------------------------------------------------------------------------------------
// 12. Closing is deliberate.

/// "Today", for the tests of dates after it.
const NOW: &str = "2022-01-21T10:00:00Z";

/// Runs with `AGENDA_NOW` fixed at [`NOW`].
fn at_now(env: &Env, args: &[&str]) -> assert_cmd::assert::Assert {
    env.cmd(args).env("AGENDA_NOW", NOW).assert()
}

/// Like [`refused`], with `AGENDA_NOW` fixed at [`NOW`].
fn refused_now(env: &Env, args: &[&str], code: i32) -> String {
    let before = env.dump();
    let assert = at_now(env, args).code(code);
    assert_eq!(
        env.dump(),
        before,
        "a refused command changed the database: {args:?}"
    );
    stderr(&assert)
}

/// The 2021-2023 cycle in Fase 3 since 2021-11-20, the 36 suggestions of 2021 all answered
/// and tagged.
fn ready_to_close() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    conn(&env)
        .execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
             SELECT id, 'accolto', 'La proposta è accolta nella scheda.', 1, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions",
            [],
        )
        .unwrap();
    tag_untagged(&env);
    env
}

fn is_closed(env: &Env) -> bool {
    env.json(&["phase", "show", "--format", "json"])["closed"] == true
}

#[test]
fn regression_closing_asks_and_without_a_terminal_needs_yes() {
    let env = ready_to_close();
    let close = [
        "phase",
        "advance",
        "--act",
        "12/2022",
        "--act-date",
        "2022-01-20",
        "--date",
        "2022-01-20",
    ];
    let err = refused_now(&env, &close, 2);
    assert!(err.contains("--yes"), "{err}");
    assert!(err.contains("Close the cycle 2021-2023"), "{err}");
    assert!(
        err.contains(
            "the report's cover will read: alla deliberazione della Giunta comunale n. 12 del 20 gennaio 2022"
        ),
        "{err}"
    );
    assert!(!is_closed(&env));

    let mut with_yes = close.to_vec();
    with_yes.push("--yes");
    at_now(&env, &with_yes).success();
    assert!(is_closed(&env));
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["act"], "DGC 12/2022");
    assert_eq!(phase["closed_on"], "2022-01-20");
    let report = stdout_of(&at_now(&env, &["report"]).success());
    assert!(
        report.contains(
            "**Allegato A** alla deliberazione della Giunta comunale n. 12 del 20 gennaio 2022"
        ) && report.contains("Copia ricostruita dai dati dopo la chiusura del ciclo"),
        "{}",
        report.lines().take(30).collect::<Vec<_>>().join("\n")
    );

    // The next cycle cannot open after today either.
    let err = refused_now(&env, &["cycle", "open", "--date", "2022-01-22"], 2);
    assert!(err.contains("after today (2022-01-21)"), "{err}");
    at_now(&env, &["cycle", "open", "--date", "2022-01-21"]).success();
}

#[test]
fn regression_the_act_is_read_as_number_and_year_with_its_date() {
    let env = ready_to_close();
    let attempt = |act: &str, act_date: Option<&str>, date: &str| -> Vec<String> {
        let mut a = vec!["phase", "advance", "--yes", "--act", act];
        if let Some(d) = act_date {
            a.extend(["--act-date", d]);
        }
        a.extend(["--date", date]);
        a.into_iter().map(str::to_string).collect()
    };
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        // No year, a year of two digits.
        (
            "12",
            Some("2022-01-20"),
            "2022-01-20",
            "the deliberation's number and year",
        ),
        (
            "12/22",
            Some("2022-01-20"),
            "2022-01-20",
            "the deliberation's number and year",
        ),
        // Without its date.
        ("12/2022", None, "2022-01-20", "--act-date"),
        // Before Fase 3 began.
        (
            "12/2021",
            Some("2021-11-19"),
            "2022-01-20",
            "before Fase 3 began",
        ),
        // After the closing.
        (
            "12/2022",
            Some("2022-01-21"),
            "2022-01-20",
            "after the closing",
        ),
        // After today (the closing today).
        ("12/2022", Some("2022-01-22"), "2022-01-21", "2022-01-22"),
        // The number counts within the year of its date.
        (
            "12/2021",
            Some("2022-01-20"),
            "2022-01-20",
            "year of its date",
        ),
    ];
    for (act, act_date, date, expected) in cases {
        let a = attempt(act, *act_date, date);
        let err = refused_now(&env, &args(&a), 2);
        assert!(err.contains(expected), "{a:?}: {err}");
        assert!(!is_closed(&env), "{a:?} closed the cycle");
    }
    // The closing itself after today.
    let a = attempt("12/2022", Some("2022-01-20"), "2022-01-22");
    let err = refused_now(&env, &args(&a), 2);
    assert!(
        err.contains("2022-01-22 is after today (2022-01-21)"),
        "{err}"
    );

    // "DGC n. 12/2022" is 12/2022.
    let a = attempt("DGC n. 12/2022", Some("2022-01-20"), "2022-01-20");
    at_now(&env, &args(&a)).success();
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["closed"], true);
    assert_eq!(phase["act"], "DGC 12/2022");
}

#[test]
fn regression_no_step_of_the_process_is_dated_after_today() {
    let env = Env::empty();
    let err = refused_init(&env);
    assert!(err.contains("after today (2022-01-21)"), "{err}");
    assert!(!env.db().exists(), "a refused init left a database");

    at_now(&env, &["init", "--date", "2021-09-01"]).success();
    let err = refused_now(&env, &["phase", "advance", "--date", "2022-01-22"], 2);
    assert!(
        err.contains("2022-01-22 is after today (2022-01-21)"),
        "{err}"
    );
    at_now(&env, &["phase", "advance", "--date", "2022-01-21"]).success();
    let err = refused_now(&env, &["phase", "advance", "--date", "2023-01-01"], 2);
    assert!(err.contains("after today"), "{err}");
}

fn refused_init(env: &Env) -> String {
    stderr(&at_now(env, &["init", "--date", "2022-01-22"]).code(2))
}

// ---------------------------------------------------------------------------------------------
// Found in review: what a purge leaves, what a pipe loses, what a restored file may ask

/// After a purge the people table is gone, and with it the names the scan looked for: the
/// purge takes them out of the texts it keeps, so a report written afterwards has none.
#[test]
fn regression_a_report_written_after_the_purge_still_publishes_no_name() {
    let (env, _, _) = answered_with_people();
    tag_untagged(&env);
    close_without_act(&env, "2022-01-20");
    env.run(&["privacy", "purge", "--yes"]).success();
    for (what, text) in public_outputs(&env) {
        assert!(
            !text.contains(NAME),
            "{what} names the author after the purge"
        );
    }
    let reasons = count(
        &env,
        "SELECT count(*) FROM responses WHERE reason LIKE '%Maria Rossi%'",
    );
    let titles = count(
        &env,
        "SELECT count(*) FROM suggestions WHERE title LIKE '%Maria Rossi%' OR body LIKE '%Maria Rossi%'",
    );
    assert_eq!(
        (reasons, titles),
        (0, 0),
        "the name stays in the database's texts"
    );
    // Nothing of it is left in any file the tool wrote either (the imported file is the
    // office's own).
    for (path, bytes) in files_in(env.dir.path()) {
        if path.ends_with("modulo.csv") {
            continue;
        }
        assert!(!contains(&bytes, NAME), "{} holds the name", path.display());
        assert!(
            !contains(&bytes, EMAIL),
            "{} holds the e-mail",
            path.display()
        );
    }
}

/// A batch imported when only the author's columns counted as personal is purged by today's
/// rules: its other personal columns blanked, its dictionary rebuilt without them.
#[test]
fn regression_a_batch_imported_before_unknown_columns_were_personal_is_purged_whole() {
    let env = Env::collecting();
    let file = env.write(
        "vecchio.csv",
        "Oggetto;Proposta;Telefono;Codice fiscale\n\
         Wi-Fi;Wi-Fi nei parchi;0574 183 6000;RSSMRA85T10A562S\n\
         Corsi;Corsi per anziani;0574 999 1234;BNCLCU80A01G999X\n",
    );
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    // As an older agenda recorded it: no personal column at all.
    conn(&env)
        .execute("UPDATE import_batches SET personal_columns = '[]'", [])
        .unwrap();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    answer_all_and_close(&env);
    env.run(&["privacy", "purge", "--yes"]).success();
    let original = &env.json(&["suggestion", "show", "1", "--format", "json"])["original"];
    assert_eq!(original["Telefono"], "", "{original}");
    assert_eq!(original["Codice fiscale"], "", "{original}");
    assert_eq!(original["Proposta"], "Wi-Fi nei parchi", "{original}");
    for (path, bytes) in files_in(env.dir.path()) {
        if path.ends_with("vecchio.csv") {
            continue; // the file imported, which is the office's own
        }
        for datum in ["0574 183 6000", "RSSMRA85T10A562S", "BNCLCU80A01G999X"] {
            assert!(!contains(&bytes, datum), "{} holds {datum}", path.display());
        }
    }
}

/// An export to standard output is recorded as sent only once it is written: to a full disk
/// (/dev/full) it fails, and the next export still holds every answer.
#[test]
fn regression_an_export_to_standard_output_that_fails_is_not_recorded_as_sent() {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &fixture_arg("decidim-2021-proposals.csv"),
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "1",
        "--outcome",
        "accolto",
        "--reason",
        "Accolta.",
    ])
    .success();
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    #[allow(deprecated)]
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("agenda"))
        .current_dir(env.dir.path())
        .env_remove("AGENDA_DB")
        .env("AGENDA_LANG", "en")
        .env("AGENDA_USER", "collaudo")
        .args(["suggestion", "export-answers"])
        .stdout(full)
        .output()
        .unwrap();
    assert!(!out.status.success(), "writing to a full disk succeeded");
    let history = env.json(&[
        "suggestion",
        "export-answers",
        "--history",
        "--format",
        "json",
    ]);
    assert_eq!(
        history,
        serde_json::json!([]),
        "a failed export was recorded"
    );
    let file = env.stdout(&["suggestion", "export-answers"]);
    assert!(file.contains("5101;accepted;"), "{file}");
}

/// A Decidim component id names a file of answers: anything but a number is refused at import.
#[test]
fn regression_a_component_id_that_is_not_a_number_is_refused() {
    let env = Env::collecting();
    let file = env.write(
        "proposte.csv",
        "id;component/id;title/it;body/it\n9101;../../etc;Titolo;Testo\n",
    );
    let err = refused(&env, &["suggestion", "import", &file], 3);
    assert!(
        err.contains("proposte.csv:2: the column \"component/id\" does not hold a number"),
        "{err}"
    );
    assert!(!err.contains("../../etc"), "{err}");
}

/// The settings of a database (a restored copy of another, say) never make a command delete a
/// file of the user's: only a backup's own `.partial-<pid>` goes.
#[test]
fn regression_a_copy_row_pointing_at_a_users_file_deletes_nothing() {
    let env = Env::new();
    let precious = env.write("tesi.docx", "il lavoro di un anno");
    conn(&env)
        .execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            rusqlite::params![format!("copy:{}:0", dead_pid()), precious],
        )
        .unwrap();
    env.run(&["status"]).success();
    assert!(Path::new(&precious).exists(), "a user's file was deleted");
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM settings WHERE key LIKE 'copy:%'"
        ),
        0,
        "the stale row stays"
    );
}

/// An office file with separate Nome and Cognome columns: the author is both, and the scan
/// finds them in the title (in either order).
#[test]
fn regression_names_in_separate_columns_are_found_in_the_title() {
    let env = Env::collecting();
    let file = env.write(
        "modulo.csv",
        "Nome;Cognome;Oggetto;Proposta\nGiulia;Bettazzi;Proposta di Bettazzi Giulia;Più Wi-Fi nei parchi\n",
    );
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    let show = env.json(&["suggestion", "show", "1", "--format", "json"]);
    assert_eq!(show["personal_data"]["author"], "Giulia Bettazzi", "{show}");
    let report = env.stdout(&["report", "--draft"]);
    assert!(!report.contains("Bettazzi"), "the surname is published");
    assert!(report.contains("Proposta di \\[omissis\\]"), "{report}");
}

#[test]
fn regression_the_act_may_be_written_deliberazione_n() {
    let env = Env::collecting();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "phase",
        "advance",
        "--yes",
        "--act",
        "deliberazione n. 12/2022",
        "--act-date",
        "2022-01-20",
        "--date",
        "2022-01-20",
    ])
    .success();
    let cycle = env.json(&["cycle", "show", "2021-2023", "--format", "json"]);
    assert_eq!(cycle["act"], "DGC 12/2022", "{cycle}");
}

/// The cards are published too: a referent's e-mail or mobile typed into a description is
/// left out of the report like a citizen's.
#[test]
fn regression_personal_data_typed_into_a_card_is_not_published() {
    let env = Env::collecting();
    env.run(&[
        "card",
        "add",
        "--code",
        "GOV-09",
        "--title",
        "Sportello della partecipazione",
        "--axis",
        "governance",
        "--status",
        "pianificata",
        "--description",
        "Referente: Marco Neri, marco.neri@example.it, cell. 347 1234567.",
    ])
    .success();
    let report = env.stdout(&["report", "--draft"]);
    assert!(
        report.contains("Sportello della partecipazione"),
        "the card is missing"
    );
    assert!(
        !report.contains("marco.neri@example.it"),
        "the e-mail is published"
    );
    assert!(
        !report.contains("347 1234567"),
        "the mobile number is published"
    );
    // The card itself keeps what staff typed.
    let card = env.json(&["card", "show", "GOV-09", "--format", "json"]);
    assert!(card.to_string().contains("marco.neri@example.it"), "{card}");
}
