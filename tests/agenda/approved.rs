//! The annex as approved is kept: `phase advance --act … --annex FILE…` checks the files the
//! Giunta approved against the cycle's data and stores them byte for byte with the closing;
//! `report --approved` gives them back, `cycle show` and `log` name their SHA-256, and `check`
//! finds a stored annex that no longer matches its hash. PDFs are slow in a debug build: one
//! test makes one, and the closing checks it once.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{conn, fixture_arg, refused, stderr, Env};

/// The date the reports bear, and the act's.
const DATE: &str = "2022-01-15";
const ACT_DATE: &str = "2022-01-20";

/// The 2021-2023 cycle in Fase 3 since 2021-11-20 with the fixture cards and the 36 proposals
/// of the 2021 consultation, each tagged (by the rules, the rest by staff) and answered.
fn ready() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env.run(&["suggestion", "autotag"]).success();
    conn(&env)
        .execute_batch(
            "INSERT INTO suggestion_axes (suggestion_id, axis, origin, user, at)
             SELECT id, 'governance', 'person', 'collaudo', '2021-11-25T10:00:00Z' FROM suggestions s
             WHERE NOT EXISTS (SELECT 1 FROM suggestion_axes t WHERE t.suggestion_id = s.id);
             INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
             SELECT id, 'accolto', 'La proposta è accolta nella scheda.', 1, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions;",
        )
        .expect("tag and answer every suggestion");
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["untagged"], 0);
    assert_eq!(phase["unanswered"], 0);
    env
}

/// Writes a report of the cycle with `args` and returns its path as text.
fn report(env: &Env, name: &str, args: &[&str]) -> String {
    let path = env.path(name);
    let mut all = vec!["report", "--out", path.to_str().unwrap()];
    all.extend_from_slice(args);
    env.run(&all).success();
    path.to_str().unwrap().to_string()
}

/// The arguments that close the cycle with DGC 12/2022, then `--annex` with `files`, then
/// `extra`.
fn closing<'a>(files: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "phase",
        "advance",
        "--yes",
        "--act",
        "12/2022",
        "--act-date",
        ACT_DATE,
        "--date",
        ACT_DATE,
        "--annex",
    ];
    args.extend_from_slice(files);
    args.extend_from_slice(extra);
    args
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn annexes(env: &Env) -> Vec<Value> {
    env.json(&["cycle", "show", "--format", "json"])["annexes"]
        .as_array()
        .expect("cycle show gives the annexes")
        .clone()
}

/// What a person sees of the cycle: `cycle show` and `phase`.
fn seen(env: &Env) -> String {
    format!(
        "{}\n{}",
        env.stdout(&["cycle", "show"]),
        env.stdout(&["phase"])
    )
}

/// `file` with one byte changed: a word of its text written otherwise.
fn tampered(env: &Env, file: &str, name: &str) -> String {
    let mut bytes = std::fs::read(file).unwrap();
    let at = bytes
        .windows(7)
        .position(|w| w == b"Digital")
        .expect("the report names the Agenda Digitale");
    bytes[at] = b'd';
    env.write(name, bytes)
}

#[test]
fn the_annexes_as_approved_come_back_byte_for_byte() {
    let env = ready();
    let pdf = report(&env, "relazione.pdf", &["--date", DATE]);
    let md = report(&env, "relazione.md", &["--date", DATE]);
    let html = report(&env, "relazione.html", &["--date", DATE]);
    let csv = env.path("csv");
    let excel = env.path("excel");
    for (dir, extra) in [(&csv, None), (&excel, Some("--excel"))] {
        let mut args = vec!["report", "--date", DATE, "--format", "csv", "--out"];
        args.push(dir.to_str().unwrap());
        args.extend(extra);
        env.run(&args).success();
    }
    let annex = |name: &str| csv.join(name).to_str().unwrap().to_string();
    let (responses, cards, figures) = (
        annex("esiti-contributi.csv"),
        annex("schede.csv"),
        annex("cifre.csv"),
    );
    // The Excel flavour of the cards annex, under a name of its own.
    let cards_excel = env.write(
        "schede-excel.csv",
        std::fs::read(excel.join("schede.csv")).unwrap(),
    );
    let files = [&pdf, &md, &html, &responses, &cards, &figures, &cards_excel];
    let given: Vec<&str> = files.iter().map(|f| f.as_str()).collect();
    let closed = env.run(&closing(&given, &[])).success();
    let said = stderr(&closed);
    assert_eq!(said.matches(": verified").count(), 7, "{said}");

    // Stored, verified, each with the hash of its bytes, in the order given.
    let stored = annexes(&env);
    let names: Vec<&str> = stored.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "relazione.pdf",
            "relazione.md",
            "relazione.html",
            "esiti-contributi.csv",
            "schede.csv",
            "cifre.csv",
            "schede-excel.csv"
        ]
    );
    let formats: Vec<&str> = stored
        .iter()
        .map(|a| a["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["pdf", "md", "html", "csv", "csv", "csv", "csv"]);
    for (a, file) in stored.iter().zip(files) {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(a["verified"], true, "{a}");
        assert_eq!(a["as_is_reason"], Value::Null);
        assert_eq!(a["sha256"], sha256(&bytes), "{a}");
        assert_eq!(a["size"], bytes.len(), "{a}");
    }
    assert_eq!(
        stored[0]["stamp"],
        format!(
            "agenda {}; relazione 2021-2023; data {DATE}; definitiva; Allegato A",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(stored[3]["stamp"], Value::Null);

    // `cycle show` and the closing's entry in the audit log name each with its hash and flag.
    let shown = env.stdout(&["cycle", "show"]);
    let log = env.json(&["log", "--limit", "1", "--format", "json"]);
    assert_eq!(log[0]["action"], "cycle.close");
    let details = log[0]["details"].as_str().unwrap();
    for a in &stored {
        let (name, hash) = (a["name"].as_str().unwrap(), a["sha256"].as_str().unwrap());
        assert!(
            shown.contains(&format!(
                "{name} – {} bytes – sha256 {hash} – verified",
                a["size"]
            )),
            "{shown}"
        );
        assert!(
            details.contains(&format!("{name} (sha256 {hash}, verified)")),
            "{details}"
        );
    }

    // Years later: the exact bytes, and on stdout the SHA-256 of each file written.
    let back = env.path("approvati");
    let out = env.stdout(&[
        "--cycle",
        "2021-2023",
        "report",
        "--approved",
        "--out",
        back.to_str().unwrap(),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    for (line, file) in lines.iter().zip(files) {
        let name = Path::new(file).file_name().unwrap();
        let written = back.join(name);
        let bytes = std::fs::read(&written).unwrap();
        assert_eq!(bytes, std::fs::read(file).unwrap(), "{}", written.display());
        assert_eq!(
            *line,
            format!("{}  {}", sha256(&bytes), written.display()),
            "{out}"
        );
    }

    // `check` passes, then finds the blob damaged behind the tool's back (exit 6), and
    // `report --approved` writes nothing from it (exit 4).
    env.run(&["check"]).success();
    conn(&env)
        .execute(
            "UPDATE approved_annexes SET bytes = CAST(replace(CAST(bytes AS TEXT), 'Prato', 'Pisa') AS BLOB)
             WHERE name = 'relazione.md'",
            [],
        )
        .unwrap();
    let failed = stderr(&env.run(&["check"]).code(6));
    assert!(
        failed.contains("relazione.md") && failed.contains("no longer matches the SHA-256"),
        "{failed}"
    );
    let again = env.path("di-nuovo");
    let err = stderr(
        &env.run(&["report", "--approved", "--out", again.to_str().unwrap()])
            .code(4),
    );
    assert!(err.contains("relazione.md"), "{err}");
    assert!(!again.exists(), "a refused --approved wrote files");
}

#[test]
fn a_changed_foreign_or_draft_file_is_refused_and_nothing_changes() {
    let env = ready();
    let md = report(&env, "relazione.md", &["--date", DATE]);
    let draft = report(&env, "bozza.md", &["--draft", "--date", DATE]);
    let changed = tampered(&env, &md, "relazione-modificata.md");
    let foreign = env.write(
        "delibera.txt",
        "DELIBERAZIONE DELLA GIUNTA COMUNALE n. 12 del 20/01/2022\nOggetto: Agenda Digitale, aggiornamento 2021-2023. Approvazione.\n",
    );
    let before = seen(&env);
    for (files, says) in [
        (
            vec![changed.as_str()],
            "changed after it was made, or made from other data",
        ),
        (vec![foreign.as_str()], "not a report made by agenda"),
        (vec![draft.as_str()], "it is a draft (BOZZA)"),
        // One good file does not carry a bad one: all or nothing.
        (
            vec![md.as_str(), changed.as_str()],
            "relazione-modificata.md:",
        ),
    ] {
        let err = refused(&env, &closing(&files, &[]), 4);
        assert!(err.contains(says), "{files:?}: {err}");
        assert!(err.contains("--annex-as-is"), "{err}");
        assert!(err.contains("the cycle was not closed"), "{err}");
    }
    assert_eq!(seen(&env), before);
    assert!(annexes(&env).is_empty());
    assert!(before.contains("Fase 3"), "{before}");

    // --annex-as-is keeps the changed file, flagged with the reason; the good one is verified.
    env.run(&closing(&[&md, &changed], &["--annex-as-is"]))
        .success();
    let stored = annexes(&env);
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["verified"], true);
    assert_eq!(stored[1]["name"], "relazione-modificata.md");
    assert_eq!(stored[1]["verified"], false);
    let why = stored[1]["as_is_reason"].as_str().unwrap();
    assert!(why.contains("changed after it was made"), "{why}");
    assert!(env
        .stdout(&["cycle", "show"])
        .contains("relazione-modificata.md"));
    assert!(env
        .stdout(&["cycle", "show"])
        .contains("as is, not checked: its bytes differ"));
    let back = env.path("approvati");
    env.run(&["report", "--approved", "--out", back.to_str().unwrap()])
        .success();
    assert_eq!(
        std::fs::read(back.join("relazione-modificata.md")).unwrap(),
        std::fs::read(&changed).unwrap()
    );
    env.run(&["check"]).success();
}

#[test]
fn a_stamp_of_another_cycle_or_version_is_refused_saying_why() {
    let env = ready();
    let md = report(&env, "relazione.md", &["--date", DATE]);
    let text = std::fs::read_to_string(&md).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let other_cycle = env.write(
        "relazione-2022.md",
        text.replace("relazione 2021-2023;", "relazione 2022-2024;"),
    );
    let other_version = env.write(
        "relazione-vecchia.md",
        text.replace(&format!("agenda {version};"), "agenda 0.0.9;"),
    );
    let err = refused(&env, &closing(&[&other_cycle], &[]), 4);
    assert!(
        err.contains("the report of the cycle 2022-2024, not of the cycle 2021-2023"),
        "{err}"
    );
    let err = refused(&env, &closing(&[&other_version], &[]), 4);
    assert!(
        err.contains("made by agenda 0.0.9")
            && err.contains(&format!("this is agenda {version}"))
            && err.contains("cannot be checked"),
        "{err}"
    );
}

#[test]
fn csv_annexes_alone_are_recognised_as_the_final_report_of_the_acts_date() {
    let env = ready();
    let dir = env.path("excel");
    env.run(&[
        "report",
        "--date",
        ACT_DATE,
        "--format",
        "csv",
        "--excel",
        "--out",
        dir.to_str().unwrap(),
    ])
    .success();
    let files: Vec<String> = ["esiti-contributi.csv", "schede.csv", "cifre.csv"]
        .iter()
        .map(|n| dir.join(n).to_str().unwrap().to_string())
        .collect();
    let given: Vec<&str> = files.iter().map(String::as_str).collect();
    env.run(&closing(&given, &[])).success();
    let stored = annexes(&env);
    assert_eq!(stored.len(), 3);
    assert!(stored
        .iter()
        .all(|a| a["verified"] == true && a["format"] == "csv"));
}

#[test]
fn the_flags_are_checked_before_anything_is_written() {
    let env = ready();
    let md = report(&env, "relazione.md", &["--date", DATE]);
    // --annex needs --act; --annex-as-is needs --annex.
    refused(
        &env,
        &["phase", "advance", "--yes", "--without-act", "--annex", &md],
        2,
    );
    refused(&env, &["phase", "advance", "--yes", "--annex", &md], 2);
    let mut as_is_alone = closing(&[], &["--annex-as-is"]);
    as_is_alone.retain(|a| *a != "--annex");
    refused(&env, &as_is_alone, 2);
    // A missing file, a folder, a file over 64 MiB: exit 3, naming the file.
    let missing = env.path("manca.pdf");
    let err = refused(&env, &closing(&[missing.to_str().unwrap()], &[]), 3);
    assert!(
        err.contains("manca.pdf") && err.contains("no such file"),
        "{err}"
    );
    let folder = env.path("allegati");
    std::fs::create_dir(&folder).unwrap();
    let err = refused(&env, &closing(&[folder.to_str().unwrap()], &[]), 3);
    assert!(err.contains("allegati is a folder"), "{err}");
    let huge = env.path("enorme.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let err = refused(&env, &closing(&[huge.to_str().unwrap()], &[]), 3);
    assert!(
        err.contains("enorme.pdf") && err.contains("64 MiB"),
        "{err}"
    );
    // Two annexes of one name.
    let sub = env.path("copia");
    std::fs::create_dir(&sub).unwrap();
    let twin = sub.join("relazione.md");
    std::fs::copy(&md, &twin).unwrap();
    refused(&env, &closing(&[&md, twin.to_str().unwrap()], &[]), 2);

    // report --approved: needs --out, excludes the flags of a report made from the data, and
    // is refused on an open cycle.
    let out = env.path("approvati");
    let out = out.to_str().unwrap();
    refused(&env, &["report", "--approved"], 2);
    for extra in [
        &["--format", "md"][..],
        &["--draft"],
        &["--date", DATE],
        &["--excel"],
    ] {
        let mut args = vec!["report", "--approved", "--out", out];
        args.extend_from_slice(extra);
        refused(&env, &args, 2);
    }
    let err = refused(&env, &["report", "--approved", "--out", out], 4);
    assert!(err.contains("is not closed"), "{err}");
    assert!(!PathBuf::from(out).exists());
}

#[test]
fn annexes_belong_to_the_closing_and_a_cycle_closed_without_them_has_none() {
    let env = Env::collecting();
    let md = env.write("relazione.md", "# Relazione\n");
    // Not a closing: 2 → 3.
    let err = refused(
        &env,
        &[
            "phase",
            "advance",
            "--act",
            "12/2022",
            "--act-date",
            ACT_DATE,
            "--annex",
            &md,
        ],
        2,
    );
    assert!(err.contains("for closing the cycle"), "{err}");
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "phase",
        "advance",
        "--yes",
        "--act",
        "12/2022",
        "--act-date",
        ACT_DATE,
        "--date",
        ACT_DATE,
    ])
    .success();
    let out = env.path("approvati");
    let err = refused(
        &env,
        &["report", "--approved", "--out", out.to_str().unwrap()],
        4,
    );
    assert!(err.contains("without storing its annexes"), "{err}");
    assert!(annexes(&env).is_empty());
}
