//! Final means final: the final report and the closing are refused (exit 4, the references
//! listed) while a suggestion has no axis or is dated after the report's date (the closing's),
//! withdrawn suggestions included; the demo's final report passes them.

use serde_json::Value;

use crate::common::{conn, fixture_arg, refused, stderr, tag_untagged, Env};

/// The 36 proposals of the 2021 consultation, in Fase 3 since 2021-11-20, every one answered;
/// their axes are those the import took from the platform's categories (6 have none).
fn answered() -> Env {
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
    env
}

/// The references of the suggestions without an axis, as `suggestion list` gives them.
fn untagged(env: &Env) -> Vec<String> {
    let list = env.json(&["suggestion", "list", "--untagged", "--format", "json"]);
    let mut refs: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ref"].as_str().unwrap().to_string())
        .collect();
    refs.sort();
    refs
}

fn r21(n: u32) -> String {
    format!("PO-PROP-2021-10-{n}")
}

const CLOSE: &[&str] = &["phase", "advance", "--yes", "--without-act", "--date"];

fn close_args(date: &str) -> Vec<&str> {
    let mut args = CLOSE.to_vec();
    args.push(date);
    args
}

fn is_closed(env: &Env) -> bool {
    env.json(&["phase", "show", "--format", "json"])["closed"] == true
}

#[test]
fn the_final_report_is_refused_while_a_suggestion_has_no_axis() {
    let env = answered();
    let missing = untagged(&env);
    assert_eq!(missing.len(), 6, "{missing:?}");
    let err = refused(&env, &["report", "--date", "2022-01-20"], 4);
    assert!(
        err.contains(&format!(
            "6 of 36 suggestions have no axis: {}",
            missing.join(", ")
        )),
        "{err}"
    );
    // A draft is still possible, and says it is one.
    let draft = env.stdout(&["report", "--draft", "--date", "2022-01-20"]);
    assert!(draft.contains("BOZZA"));

    tag_untagged(&env);
    let report = env.stdout(&["report", "--date", "2022-01-20"]);
    assert!(!report.contains("BOZZA"));
}

#[test]
fn the_refusal_lists_ten_references_then_how_many_more() {
    let env = answered();
    conn(&env)
        .execute("DELETE FROM suggestion_axes", [])
        .unwrap();
    let err = refused(&env, &["report", "--date", "2022-01-20"], 4);
    let first: Vec<String> = (5101..=5110).map(r21).collect();
    assert!(
        err.contains(&format!(
            "36 of 36 suggestions have no axis: {} and 26 more",
            first.join(", ")
        )),
        "{err}"
    );
    assert!(!err.contains(&r21(5111)), "{err}");
    // The closing lists them the same way.
    let err = refused(&env, &close_args("2022-01-20"), 4);
    assert!(
        err.contains(&format!(
            "the cycle 2021-2023 cannot close: 36 of 36 suggestions have no axis: {} and 26 more",
            first.join(", ")
        )),
        "{err}"
    );
    assert!(err.contains("agenda suggestion tag"), "{err}");
}

#[test]
fn the_final_report_is_refused_while_a_suggestion_is_dated_after_it() {
    let env = answered();
    tag_untagged(&env);
    // 5133 came on 2021-11-25 itself; 5134, 5135 and 5136 after, the last on 2021-11-29.
    let err = refused(&env, &["report", "--date", "2021-11-25"], 4);
    assert!(
        err.contains(&format!(
            "3 of 36 suggestions are dated after 2021-11-25, the date of the report (the latest 2021-11-29): {}, {}, {}",
            r21(5134),
            r21(5135),
            r21(5136)
        )),
        "{err}"
    );
    assert!(!err.contains(&r21(5133)), "{err}");
    assert!(!err.contains("no axis"), "{err}");
    // A draft of that date may be written; the final report from the last day on.
    env.run(&["report", "--draft", "--date", "2021-11-25"])
        .success();
    let err = refused(&env, &["report", "--date", "2021-11-28"], 4);
    assert!(
        err.contains("1 of 36 suggestion is dated after 2021-11-28"),
        "{err}"
    );
    env.run(&["report", "--date", "2021-11-29"]).success();
}

#[test]
fn every_blocker_is_named_at_once() {
    let env = answered();
    conn(&env)
        .execute(
            "DELETE FROM responses WHERE suggestion_id =
                 (SELECT id FROM suggestions WHERE reference = 'PO-PROP-2021-10-5101')",
            [],
        )
        .unwrap();
    let err = refused(&env, &["report", "--date", "2021-11-28"], 4);
    assert!(
        err.contains(&format!(
            "1 of 36 suggestion has no response: {}",
            r21(5101)
        )),
        "{err}"
    );
    assert!(err.contains("6 of 36 suggestions have no axis"), "{err}");
    assert!(
        err.contains(&format!(
            "1 of 36 suggestion is dated after 2021-11-28, the date of the report (the latest 2021-11-29): {}",
            r21(5136)
        )),
        "{err}"
    );
    let err = refused(&env, &close_args("2021-11-28"), 4);
    for part in [
        "1 of 36 suggestion has no response",
        "6 of 36 suggestions have no axis",
        "1 of 36 suggestion is dated after 2021-11-28, the closing",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    for remedy in ["record a response", "agenda suggestion tag", "--date"] {
        assert!(err.contains(remedy), "{remedy}: {err}");
    }
}

#[test]
fn closing_is_refused_while_a_suggestion_has_no_axis() {
    let env = answered();
    let err = refused(&env, &close_args("2022-01-20"), 4);
    assert!(
        err.contains("the cycle 2021-2023 cannot close: 6 of 36 suggestions have no axis"),
        "{err}"
    );
    assert!(!is_closed(&env));
    // `phase show` says so before anyone tries.
    let phase = env.json(&["phase", "show", "--format", "json"]);
    assert_eq!(phase["untagged"], 6);
    assert!(
        phase["next_step"]
            .as_str()
            .unwrap()
            .contains("the final report and the closing need an axis on every suggestion"),
        "{phase}"
    );
    tag_untagged(&env);
    env.run(&close_args("2022-01-20")).success();
    assert!(is_closed(&env));
    // The final report of the closed cycle, dated the closing, passes the same guards.
    env.run(&["report", "--format", "json"]).success();
}

/// A withdrawn suggestion is still a suggestion of the cycle: the report counts it by axis and
/// gives account of it, so it needs an axis and a response like any other.
#[test]
fn a_withdrawn_suggestion_needs_an_axis_and_a_response_too() {
    let env = answered();
    tag_untagged(&env);
    let withdrawn = r21(5127);
    let show = env.json(&["suggestion", "show", &withdrawn, "--format", "json"]);
    assert_eq!(show["withdrawn"], true, "{show}");
    conn(&env)
        .execute(
            "DELETE FROM suggestion_axes WHERE suggestion_id =
                 (SELECT id FROM suggestions WHERE reference = ?1)",
            [&withdrawn],
        )
        .unwrap();
    let err = refused(&env, &close_args("2022-01-20"), 4);
    assert!(
        err.contains(&format!("1 of 36 suggestion has no axis: {withdrawn}")),
        "{err}"
    );
    let err = refused(&env, &["report", "--date", "2022-01-20"], 4);
    assert!(
        err.contains(&format!("1 of 36 suggestion has no axis: {withdrawn}")),
        "{err}"
    );
    env.run(&["suggestion", "tag", &withdrawn, "governance"])
        .success();
    conn(&env)
        .execute(
            "DELETE FROM responses WHERE suggestion_id =
                 (SELECT id FROM suggestions WHERE reference = ?1)",
            [&withdrawn],
        )
        .unwrap();
    let err = refused(&env, &close_args("2022-01-20"), 4);
    assert!(
        err.contains(&format!("1 of 36 suggestion has no response: {withdrawn}")),
        "{err}"
    );
}

#[test]
fn closing_is_refused_while_a_suggestion_is_dated_after_it() {
    let env = answered();
    tag_untagged(&env);
    let err = refused(&env, &close_args("2021-11-25"), 4);
    assert!(
        err.contains(&format!(
            "the cycle 2021-2023 cannot close: 3 of 36 suggestions are dated after 2021-11-25, the closing (the latest 2021-11-29): {}, {}, {}",
            r21(5134),
            r21(5135),
            r21(5136)
        )),
        "{err}"
    );
    assert!(err.contains("close on or after the latest date"), "{err}");
    // The preview before the question refuses the same way, with or without a terminal.
    let err = refused(
        &env,
        &["phase", "advance", "--without-act", "--date", "2021-11-25"],
        4,
    );
    assert!(err.contains("3 of 36 suggestions are dated after"), "{err}");
    // On the last day of submission it closes, and its final report bears that date.
    env.run(&close_args("2021-11-29")).success();
    let report = env.json(&["report", "--format", "json"]);
    assert_eq!(report["date"], "2021-11-29", "{}", report["date"]);
}

#[test]
fn the_demo_builds_a_final_report_that_passes_the_guards() {
    let env = Env::empty();
    let dir = env.path("demo");
    let assert = env.run(&["demo", "--dir", dir.to_str().unwrap()]).success();
    let err = stderr(&assert);
    assert!(
        err.contains("9. wrote the final report, dated 2022-01-20"),
        "{err}"
    );
    assert!(err.contains("tagged by hand the 1"), "{err}");
    let db = dir.join("agenda.db");
    let db = db.to_str().unwrap();
    let status: Value = env.json(&["--db", db, "status", "--format", "json"]);
    assert_eq!(status["suggestions"], 48, "{status}");
    assert_eq!(status["untagged"], 0, "{status}");
    assert_eq!(status["unanswered"], 0, "{status}");
    // Every suggestion came while the collection was open (1 October – 1 December 2021).
    assert_eq!(status["late"], 0, "{status}");
    let list = env.json(&["--db", db, "suggestion", "list", "--format", "json"]);
    for s in list.as_array().unwrap() {
        let day = &s["submitted_at"].as_str().unwrap()[..10];
        assert!(
            ("2021-10-01"..="2021-12-01").contains(&day),
            "{} submitted on {day}",
            s["ref"]
        );
    }
    let md = std::fs::read_to_string(dir.join("relazione-2021-2023.md")).unwrap();
    assert!(!md.contains("BOZZA"));
    env.run(&[
        "--db",
        db,
        "report",
        "--date",
        "2022-01-20",
        "--format",
        "json",
    ])
    .success();
    // The office can close the demo's cycle on the day of the act.
    env.run(&[
        "--db",
        db,
        "phase",
        "advance",
        "--yes",
        "--act",
        "DGC 12/2022",
        "--act-date",
        "2022-01-20",
        "--date",
        "2022-01-20",
    ])
    .success();
}
