//! The JSON that scripts read, pinned: every command's `--format json` reduced to its shape —
//! the keys, and for each value its type (an array by its first element) — and compared with a
//! snapshot in `snapshots/`. A key renamed, dropped or moved fails here before a script breaks;
//! a key added is a snapshot to review (`cargo insta review`, or accept the `.snap.new`) and a
//! line to add to the README's "JSON for scripts".

use serde_json::{json, Map, Value};

use crate::common::{fixture_arg, Env};

/// The shape of a value: objects keep their keys (in their order), arrays their first element,
/// anything else becomes the name of its type.
fn shape(value: &Value) -> Value {
    match value {
        Value::Null => json!("null"),
        Value::Bool(_) => json!("bool"),
        Value::Number(_) => json!("number"),
        Value::String(_) => json!("string"),
        Value::Array(items) => Value::Array(items.first().map(shape).into_iter().collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), shape(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn pinned(env: &Env, name: &str, args: &[&str]) {
    let value = env.json(args);
    let text = serde_json::to_string_pretty(&shape(&value)).unwrap();
    // The command as the snapshot names it, with fixtures by their names (not this machine's
    // paths).
    let command = args
        .iter()
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .collect::<Vec<_>>()
        .join(" ");
    insta::assert_snapshot!(name, text, &format!("agenda {command}"));
}

/// A cycle in Fase 3 with cards, the Decidim export imported, axes and responses recorded:
/// every list has an element, so every shape is whole.
fn answered() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        &fixture_arg("decidim-2021-proposals.csv"),
        &fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env.run(&[
        "rule",
        "add",
        "semplificazione",
        "--keyword",
        "SPID",
        "pagoPA",
    ])
    .success();
    env.run(&["rule", "add", "competenze", "--keyword", "corsi", "anzian*"])
        .success();
    env.run(&["suggestion", "autotag"]).success();
    env.run(&[
        "card",
        "progress",
        "SEM-04",
        "40",
        "--date",
        "2021-10-15",
        "--note",
        "pagoPA attivo per la mensa",
    ])
    .success();
    env.run(&[
        "card",
        "milestone",
        "add",
        "SEM-04",
        "--date",
        "2021-10-01",
        "--title",
        "Avvisi su app IO",
        "--done",
    ])
    .success();
    env.run(&[
        "card",
        "indicator",
        "SEM-04",
        "Pagamenti pagoPA annui",
        "--unit",
        "pagamenti",
        "--baseline",
        "1200",
        "--baseline-date",
        "2020-12-31",
        "--target",
        "30000",
        "--target-date",
        "2023-12-31",
        "--measure",
        "8400",
        "--date",
        "2021-10-31",
        "--note",
        "dati PagoPA",
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-12-01"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "--from",
        &fixture_arg("responses-2021.csv"),
    ])
    .success();
    env
}

#[test]
fn the_json_of_every_command_keeps_its_shape() {
    let env = answered();
    let cards = fixture_arg("cards.csv");
    let proposals = fixture_arg("decidim-2021-proposals-later.csv");
    let responses = fixture_arg("responses-2021.csv");
    let results = fixture_arg("decidim-2022-results.csv");
    let progress = env.write(
        "avanzamento.csv",
        "Codice;Avanzamento;Data\nSEM-01;100;2021-11-30\n",
    );
    for (name, args) in [
        ("status", vec!["status", "--format", "json"]),
        ("config_show", vec!["config", "show", "--format", "json"]),
        ("log", vec!["log", "--format", "json"]),
        ("axis_list", vec!["axis", "list", "--format", "json"]),
        ("rule_list", vec!["rule", "list", "--format", "json"]),
        ("card_list", vec!["card", "list", "--format", "json"]),
        (
            "card_show",
            vec!["card", "show", "SEM-04", "--format", "json"],
        ),
        (
            "card_import_dry_run",
            vec!["card", "import", &cards, "--dry-run", "--format", "json"],
        ),
        ("cycle_list", vec!["cycle", "list", "--format", "json"]),
        ("cycle_show", vec!["cycle", "show", "--format", "json"]),
        ("phase_show", vec!["phase", "show", "--format", "json"]),
        (
            "phase_history",
            vec!["phase", "history", "--format", "json"],
        ),
        (
            "suggestion_list",
            vec!["suggestion", "list", "--format", "json"],
        ),
        (
            "suggestion_show",
            vec![
                "suggestion",
                "show",
                "PO-PROP-2021-10-5103",
                "--format",
                "json",
            ],
        ),
        (
            "suggestion_batches",
            vec!["suggestion", "batches", "--format", "json"],
        ),
        (
            "suggestion_import_dry_run",
            vec![
                "suggestion",
                "import",
                &proposals,
                "--dry-run",
                "--format",
                "json",
            ],
        ),
        (
            "suggestion_autotag_dry_run",
            vec!["suggestion", "autotag", "--dry-run", "--format", "json"],
        ),
        (
            "suggestion_respond_dry_run",
            vec![
                "suggestion",
                "respond",
                "--from",
                &responses,
                "--dry-run",
                "--format",
                "json",
            ],
        ),
        (
            "privacy_report",
            vec!["privacy", "report", "--format", "json"],
        ),
        ("check", vec!["check", "--format", "json"]),
        (
            "card_progress_from_dry_run",
            vec![
                "card",
                "progress",
                "--from",
                &progress,
                "--dry-run",
                "--format",
                "json",
            ],
        ),
        (
            "card_import_results_dry_run",
            vec![
                "card",
                "import-results",
                &results,
                "--dry-run",
                "--format",
                "json",
            ],
        ),
        (
            "card_milestone_list",
            vec!["card", "milestone", "list", "--format", "json"],
        ),
        // Last: they record a figure.
        (
            "card_indicator",
            vec![
                "card",
                "indicator",
                "SEM-04",
                "Servizi attivi su app IO",
                "--measure",
                "6",
                "--format",
                "json",
            ],
        ),
        (
            "card_progress",
            vec!["card", "progress", "SEM-04", "70", "--format", "json"],
        ),
    ] {
        pinned(&env, name, &args);
    }
}
