//! The implementation ledger of the cards: progress (dated, kept as history) and milestones,
//! and the rule that keeps a card's status and its progress coherent.

use crate::common::{refused, stderr, Env};

fn card(env: &Env, code: &str) -> serde_json::Value {
    env.json(&["card", "show", code, "--format", "json"])
}

#[test]
fn progress_is_recorded_with_its_date_note_and_who_and_kept_as_history() {
    let env = Env::with_cards();
    env.run(&[
        "card",
        "progress",
        "SEM-01",
        "30",
        "--date",
        "31/03/2022",
        "--note",
        "SPID attivo su 4 servizi",
    ])
    .success();
    let out = env.run(&["card", "progress", "SEM-01", "60%", "--date", "2022-06-30"]);
    assert!(
        stderr(&out.success()).contains("card SEM-01: progress 30 → 60 % on 2022-06-30"),
        "the summary line"
    );
    let shown = card(&env, "SEM-01");
    assert_eq!(shown["progress"]["percent"], 60, "{shown}");
    assert_eq!(shown["progress"]["date"], "2022-06-30");
    assert_eq!(shown["progress"]["user"], "collaudo");
    let history = shown["progress_history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["percent"], 30);
    assert_eq!(history[0]["note"], "SPID attivo su 4 servizi");
    // A figure recorded later about an earlier day does not become the last progress.
    env.run(&["card", "progress", "SEM-01", "10", "--date", "2022-01-15"])
        .success();
    assert_eq!(card(&env, "SEM-01")["progress"]["percent"], 60);
    let table = env.stdout(&["card", "show", "SEM-01"]);
    assert!(table.contains("60 % (2022-06-30)"), "{table}");

    let log = env.json(&["log", "--format", "json"]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "card.progress" && e["target"] == "SEM-01"),
        "the audit log has it"
    );
}

#[test]
fn a_bad_progress_is_refused_and_changes_nothing() {
    let env = Env::with_cards();
    let before = env.snapshot();
    for bad in ["101", "150%", "sessanta", "60,5"] {
        let err = refused(&env, &["card", "progress", "SEM-01", bad], 2);
        assert!(err.contains("is not a progress"), "{bad}: {err}");
    }
    let err = refused(&env, &["card", "progress", "XXX-99", "50"], 4);
    assert!(err.contains("XXX-99"), "{err}");
    let err = refused(
        &env,
        &["card", "progress", "SEM-01", "50", "--date", "2099-01-01"],
        2,
    );
    assert!(err.contains("after today"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_conclusa_card_is_at_100_and_a_sospesa_one_keeps_its_last_progress() {
    let env = Env::with_cards();
    // SEM-02 comes conclusa from the fixture: it is at 100 % from its creation.
    assert_eq!(card(&env, "SEM-02")["progress"]["percent"], 100);
    let before = env.snapshot();
    let err = refused(&env, &["card", "progress", "SEM-02", "80"], 4);
    assert!(err.contains("is conclusa, so it is at 100 %"), "{err}");
    assert!(err.contains("agenda card status SEM-02 in-corso"), "{err}");
    assert_eq!(env.snapshot(), before);

    // Concluding a card records 100 %, once.
    env.run(&["card", "progress", "SEM-03", "70"]).success();
    env.run(&[
        "card",
        "status",
        "SEM-03",
        "conclusa",
        "--note",
        "collaudata",
    ])
    .success();
    let shown = card(&env, "SEM-03");
    assert_eq!(shown["progress"]["percent"], 100, "{shown}");
    assert_eq!(shown["progress"]["note"], "collaudata");
    env.run(&[
        "card",
        "edit",
        "SEM-03",
        "--title",
        "Modulistica unica online",
    ])
    .success();
    assert_eq!(
        card(&env, "SEM-03")["progress_history"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A suspended card keeps its progress, and refuses a new one until resumed.
    env.run(&["card", "progress", "COM-01", "40"]).success();
    env.run(&["card", "status", "COM-01", "sospesa"]).success();
    assert_eq!(card(&env, "COM-01")["progress"]["percent"], 40);
    let err = refused(&env, &["card", "progress", "COM-01", "50"], 4);
    assert!(err.contains("keeps its last progress (40 %)"), "{err}");
    env.run(&["card", "status", "COM-01", "in-corso"]).success();
    env.run(&["card", "progress", "COM-01", "50"]).success();
}

#[test]
fn a_card_at_100_is_offered_conclusa_and_with_yes_concluded() {
    let env = Env::with_cards();
    // A script without --yes gets the command to type; the card stays as it is.
    let out = env.run(&["card", "progress", "SEM-01", "100"]).success();
    assert!(
        stderr(&out).contains("`agenda card status SEM-01 conclusa` marks it concluded"),
        "the offer"
    );
    assert_eq!(card(&env, "SEM-01")["status"], "in-corso");
    // --yes answers the offer.
    env.run(&["--yes", "card", "progress", "SEM-04", "100"])
        .success();
    let shown = card(&env, "SEM-04");
    assert_eq!(shown["status"], "conclusa", "{shown}");
    assert_eq!(shown["progress_history"].as_array().unwrap().len(), 1);
}

#[test]
fn milestones_are_added_listed_reached_edited_and_removed() {
    let env = Env::with_cards();
    env.run(&[
        "card",
        "milestone",
        "add",
        "SEM-01",
        "--date",
        "31/03/2022",
        "--title",
        "Gara aggiudicata",
        "--done",
    ])
    .success();
    env.run(&[
        "card",
        "milestone",
        "add",
        "SEM-01",
        "--date",
        "2099-06-30",
        "--title",
        "Collaudo",
        "--description",
        "Prove con gli uffici",
    ])
    .success();
    env.run(&[
        "card",
        "milestone",
        "add",
        "SEM-04",
        "--date",
        "2022-01-31",
        "--title",
        "App IO attiva",
    ])
    .success();
    let list = env.json(&["card", "milestone", "list", "--format", "json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["state"], "reached");
    assert_eq!(list[0]["done_on"], "2022-03-31");
    assert_eq!(list[1]["state"], "planned");
    assert_eq!(list[2]["state"], "late", "its date went by unreached");
    let one = env.json(&["card", "milestone", "list", "SEM-04", "--format", "json"]);
    assert_eq!(one.as_array().unwrap().len(), 1);
    let id = list[2]["id"].as_i64().unwrap().to_string();

    env.run(&["card", "milestone", "done", &id, "--date", "15/02/2022"])
        .success();
    env.run(&[
        "card",
        "milestone",
        "edit",
        &id,
        "--title",
        "App IO attiva per la mensa",
    ])
    .success();
    let m = &card(&env, "SEM-04")["milestones"][0];
    assert_eq!(m["done_on"], "2022-02-15", "{m}");
    assert_eq!(m["title"], "App IO attiva per la mensa");
    let table = env.stdout(&["card", "show", "SEM-04"]);
    assert!(table.contains("reached on 2022-02-15"), "{table}");

    env.run(&["card", "milestone", "remove", &id]).success();
    assert!(card(&env, "SEM-04")["milestones"]
        .as_array()
        .unwrap()
        .is_empty());
    let before = env.snapshot();
    let err = refused(&env, &["card", "milestone", "done", &id], 4);
    assert!(
        err.contains(&format!("there is no milestone {id}")),
        "{err}"
    );
    refused(
        &env,
        &[
            "card",
            "milestone",
            "add",
            "SEM-01",
            "--date",
            "2022-01-01",
            "--title",
            "  ",
        ],
        2,
    );
    assert_eq!(env.snapshot(), before);
    let actions: Vec<String> = env
        .json(&["log", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    for action in [
        "card.milestone.add",
        "card.milestone.done",
        "card.milestone.edit",
        "card.milestone.remove",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
}

#[test]
fn the_ledger_speaks_italian_by_default() {
    let env = Env::with_cards();
    let out = env
        .cmd(&["card", "progress", "SEM-01", "60", "--date", "2022-06-30"])
        .env_remove("AGENDA_LANG")
        .assert()
        .success();
    assert!(
        stderr(&out).contains("scheda SEM-01: avanzamento – → 60 % al 30/06/2022"),
        "{}",
        stderr(&out)
    );
    let out = env
        .cmd(&["card", "progress", "SEM-02", "80"])
        .env_remove("AGENDA_LANG")
        .assert()
        .code(4);
    assert!(
        stderr(&out)
            .contains("la scheda SEM-02 è conclusa, quindi è al 100 %: non può scendere a 80 %"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn indicators_get_figures_and_measures_and_the_free_text_ones_are_kept() {
    let env = Env::with_cards();
    // The fixture's free-text indicators are indicators without figures.
    let shown = card(&env, "SEM-01");
    let names: Vec<&str> = shown["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let figures = shown["indicator_figures"].as_array().unwrap();
    assert_eq!(figures.len(), names.len(), "{shown}");
    for (figure, name) in figures.iter().zip(&names) {
        assert_eq!(figure["name"], *name);
        assert!(figure["measures"].as_array().unwrap().is_empty());
        assert!(figure["target"].is_null());
    }

    env.run(&[
        "card",
        "indicator",
        "SEM-01",
        "Accessi mensili",
        "--unit",
        "accessi",
        "--baseline",
        "8.000",
        "--baseline-date",
        "31/12/2021",
        "--target",
        "20000",
        "--target-date",
        "2023-12-31",
    ])
    .success();
    let out = env.run(&[
        "card",
        "indicator",
        "SEM-01",
        "Accessi mensili",
        "--measure",
        "12.500",
        "--date",
        "30/06/2022",
        "--note",
        "dati del gestore",
    ]);
    assert!(
        stderr(&out.success()).contains(
            "card SEM-01: Accessi mensili: 12500 accessi (2022-06-30); baseline 8000 (2021-12-31); target 20000 by 2023-12-31"
        ),
        "the summary"
    );
    let shown = card(&env, "SEM-01");
    // A name the card did not have is added to the card, after its own.
    assert_eq!(
        shown["indicators"].as_array().unwrap().len(),
        names.len() + 1
    );
    let figure = shown["indicator_figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "Accessi mensili")
        .unwrap()
        .clone();
    assert_eq!(figure["unit"], "accessi");
    assert_eq!(figure["baseline"]["value"], 8000.0);
    assert_eq!(figure["target"]["date"], "2023-12-31");
    assert_eq!(figure["measures"][0]["value"], 12500.0);
    assert_eq!(figure["measures"][0]["note"], "dati del gestore");

    // The card CSV round trip is as before: the names, not the figures.
    let exported = env.stdout(&["card", "export"]);
    assert!(exported.contains("Accessi mensili"), "{exported}");

    let before = env.snapshot();
    refused(
        &env,
        &[
            "card",
            "indicator",
            "SEM-01",
            "Accessi mensili",
            "--measure",
            "tanti",
        ],
        2,
    );
    refused(
        &env,
        &[
            "card",
            "indicator",
            "SEM-01",
            "Accessi mensili",
            "--date",
            "2022-01-01",
        ],
        2,
    );
    refused(
        &env,
        &[
            "card",
            "indicator",
            "SEM-01",
            "Accessi mensili",
            "--measure",
            "1",
            "--date",
            "2099-01-01",
        ],
        2,
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn every_accepted_suggestion_says_where_its_card_stands_even_from_a_closed_cycle() {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &crate::common::fixture_arg("decidim-2021-proposals.csv"),
        &crate::common::fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "--from",
        &crate::common::fixture_arg("responses-2021.csv"),
    ])
    .success();
    // 5103 is già previsto by SEM-04, 5101 accolto with COM-01.
    env.run(&["card", "progress", "SEM-04", "60", "--date", "2021-11-30"])
        .success();
    env.run(&[
        "card",
        "milestone",
        "add",
        "SEM-04",
        "--date",
        "2021-11-15",
        "--title",
        "Avvisi su app IO",
        "--done",
    ])
    .success();
    let shown = env.json(&[
        "suggestion",
        "show",
        "PO-PROP-2021-10-5103",
        "--format",
        "json",
    ]);
    assert_eq!(shown["ending"]["card"], "SEM-04", "{shown}");
    assert_eq!(shown["ending"]["status"], "in-corso");
    assert_eq!(shown["ending"]["progress"]["percent"], 60);
    assert_eq!(
        shown["ending"]["last_milestone"]["title"],
        "Avvisi su app IO"
    );
    let table = env
        .cmd(&["suggestion", "show", "PO-PROP-2021-10-5103"])
        .env_remove("AGENDA_LANG")
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        table.contains(
            "SEM-04 – in corso, 60 % (30/11/2021); ultimo traguardo: Avvisi su app IO (15/11/2021)"
        ),
        "{table}"
    );
    // A response that is not an acceptance has no ending.
    let rejected = env.json(&[
        "suggestion",
        "list",
        "--outcome",
        "non-accolto",
        "--format",
        "json",
    ]);
    let reference = rejected[0]["ref"].as_str().unwrap();
    assert!(env.json(&["suggestion", "show", reference, "--format", "json"])["ending"].is_null());

    let refs = |flag: &str| -> Vec<String> {
        env.json(&["suggestion", "list", flag, "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["ref"].as_str().unwrap().to_string())
            .collect()
    };
    let in_progress = refs("--in-progress");
    assert!(in_progress.contains(&"PO-PROP-2021-10-5103".to_string()));
    assert!(in_progress.contains(&"PO-PROP-2021-10-5101".to_string()));
    assert!(!refs("--delivered").contains(&"PO-PROP-2021-10-5103".to_string()));

    // The cycle closes; in the next one SEM-04 is concluded: the suggestion of 2021-2023
    // follows its card.
    crate::common::tag_untagged(&env);
    crate::common::close_without_act(&env, "2022-01-20");
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    env.run(&[
        "--yes",
        "card",
        "progress",
        "SEM-04",
        "100",
        "--date",
        "2022-09-30",
    ])
    .success();
    let old = |args: &[&str]| {
        let mut all = vec!["--cycle", "2021-2023"];
        all.extend_from_slice(args);
        env.json(&all)
    };
    let shown = old(&[
        "suggestion",
        "show",
        "PO-PROP-2021-10-5103",
        "--format",
        "json",
    ]);
    assert_eq!(shown["ending"]["status"], "conclusa", "{shown}");
    assert_eq!(shown["ending"]["progress"]["percent"], 100);
    let delivered: Vec<String> = old(&["suggestion", "list", "--delivered", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ref"].as_str().unwrap().to_string())
        .collect();
    assert!(
        delivered.contains(&"PO-PROP-2021-10-5103".to_string()),
        "{delivered:?}"
    );
    assert!(!delivered.contains(&"PO-PROP-2021-10-5101".to_string()));
    refused(
        &env,
        &["suggestion", "list", "--delivered", "--in-progress"],
        2,
    );
}

#[test]
fn the_demo_keeps_a_ledger_for_some_cards() {
    let env = Env::empty();
    let dir = env.path("demo");
    env.run(&["demo", "--dir", dir.to_str().unwrap()]).success();
    let db = dir.join("agenda.db");
    let db = db.to_str().unwrap();
    let milestones = env.json(&["--db", db, "card", "milestone", "list", "--format", "json"]);
    let milestones = milestones.as_array().unwrap();
    assert_eq!(milestones.len(), 4);
    assert_eq!(
        milestones
            .iter()
            .filter(|m| m["state"] == "reached")
            .count(),
        2
    );
    let sem04 = env.json(&["--db", db, "card", "show", "SEM-04", "--format", "json"]);
    assert_eq!(sem04["progress"]["percent"], 25);
    let pagamenti = sem04["indicator_figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Pagamenti pagoPA annui")
        .unwrap()
        .clone();
    assert_eq!(pagamenti["target"]["value"], 30000.0);
    assert_eq!(pagamenti["measures"][0]["value"], 8400.0);
}

#[test]
fn progress_from_the_office_spreadsheet_all_or_nothing() {
    let env = Env::with_cards();
    let good = env.write(
        "avanzamento.csv",
        "Codice;Avanzamento;Data;Nota\n\
         SEM-03;45;30/06/2022;moduli online 20 su 44\n\
         NS-01;100 %;2022-09-01;iscrizioni tutte online\n\
         GOV-02;70;;\n",
    );
    let before = env.snapshot();
    let rehearsed = env.json(&[
        "card",
        "progress",
        "--from",
        &good,
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(rehearsed["dry_run"], true);
    assert_eq!(rehearsed["recorded"], 3, "{rehearsed}");
    assert_eq!(rehearsed["at_100"], serde_json::json!(["NS-01"]));
    assert_eq!(env.snapshot(), before, "a dry run wrote something");

    let out = env.run(&["card", "progress", "--from", &good]).success();
    let said = stderr(&out);
    assert!(said.contains("3 progress figures from"), "{said}");
    assert!(said.contains("at 100 % and not conclusa: NS-01"), "{said}");
    assert_eq!(card(&env, "SEM-03")["progress"]["percent"], 45);
    assert_eq!(
        card(&env, "SEM-03")["progress"]["note"],
        "moduli online 20 su 44"
    );
    assert_eq!(card(&env, "NS-01")["progress"]["date"], "2022-09-01");

    // English headers, a comma-separated file.
    let english = env.write("progress.csv", "code,progress,date\nINF-01,65,2021-09-15\n");
    env.run(&["card", "progress", "--from", &english]).success();
    assert_eq!(card(&env, "INF-01")["progress"]["percent"], 65);

    // One bad row and nothing is written; every problem with its line, in order.
    let bad = env.write(
        "sbagliato.csv",
        "Codice;Avanzamento;Data\n\
         SEM-01;50;2022-01-10\n\
         SEM-03;145;30/06/2022\n\
         XXX-1;10;\n\
         SEM-02;50;\n\
         NS-02;30;31/02/2022\n",
    );
    let err = refused(&env, &["card", "progress", "--from", &bad], 3);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("sbagliato.csv:"))
        .collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].ends_with("sbagliato.csv:3: \"145\" is not a progress: write a whole number from 0 to 100 (60 or 60%)"), "{err}");
    assert!(lines[1].contains(":4: there is no card \"XXX-1\""), "{err}");
    assert!(
        lines[2].contains(":5: the card SEM-02 is conclusa"),
        "{err}"
    );
    assert!(
        lines[3].contains(":6: \"31/02/2022\" is not a date"),
        "{err}"
    );
    assert!(
        card(&env, "SEM-01")["progress"].is_null(),
        "the good row was not written"
    );

    // A file without the progress column says which columns it has.
    let no_column = env.write("colonne.csv", "Codice;Stato\nSEM-01;in corso\n");
    let err = refused(&env, &["card", "progress", "--from", &no_column], 3);
    assert!(
        err.contains("no column of the progress; the columns are: Codice, Stato"),
        "{err}"
    );
    // CODE and PERCENT go without --from, not with it.
    refused(
        &env,
        &["card", "progress", "SEM-01", "50", "--from", &good],
        2,
    );
    refused(&env, &["card", "progress", "SEM-01"], 2);
}

#[test]
fn a_card_imported_as_concluded_was_at_100_at_its_end_not_on_the_day_of_the_import() {
    let env = Env::with_cards();
    // SEM-02 is conclusa in the fixture, ending in December 2021.
    let shown = card(&env, "SEM-02");
    assert_eq!(shown["progress"]["percent"], 100, "{shown}");
    assert_eq!(shown["progress"]["date"], "2021-12-31");
    assert_eq!(shown["progress"]["note"], "conclusa");
    // A card concluded whose last progress is later than its end: the 100 % comes after it.
    env.run(&["card", "progress", "NS-01", "90", "--date", "2022-10-15"])
        .success();
    env.run(&[
        "card",
        "status",
        "NS-01",
        "conclusa",
        "--note",
        "collaudo superato",
    ])
    .success();
    let shown = card(&env, "NS-01");
    assert_eq!(shown["progress"]["percent"], 100, "{shown}");
    assert_eq!(shown["progress"]["date"], "2022-10-15");
    assert_eq!(shown["progress"]["note"], "collaudo superato");
}
