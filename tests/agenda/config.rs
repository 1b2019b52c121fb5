//! `agenda init --office` and `agenda config`: the municipality and the office that proposes
//! the deliberation, shown, changed and removed, each change audited, bad values refused.

use serde_json::Value;

use crate::common::{refused, stderr, Env};

fn shown(env: &Env) -> Value {
    env.json(&["config", "show", "--format", "json"])
}

/// The audit entries of `action`, newest first.
fn audited(env: &Env, action: &str) -> Vec<Value> {
    env.json(&["log", "--limit", "100", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

#[test]
fn init_records_the_office_and_config_show_gives_it() {
    let env = Env::empty();
    env.run(&[
        "init",
        "--municipality",
        "Comune di Prato",
        "--office",
        "  Servizio Sistema Informativo ",
    ])
    .success();
    assert_eq!(
        shown(&env),
        serde_json::json!({
            "municipality": "Comune di Prato",
            "office": "Servizio Sistema Informativo"
        })
    );
    let table = env.stdout(&["config", "show"]);
    assert!(table.contains("Servizio Sistema Informativo"), "{table}");
    let init = audited(&env, "init");
    assert!(
        init[0]["details"]
            .as_str()
            .unwrap()
            .contains("office: Servizio Sistema Informativo"),
        "{init:?}"
    );
    // Without --office there is none until it is set.
    let plain = Env::new();
    assert_eq!(shown(&plain)["office"], Value::Null);
    assert!(plain.stdout(&["config", "show"]).contains("(not set)"));
}

#[test]
fn config_set_and_unset_change_the_settings_and_are_audited() {
    let env = Env::new();
    env.run(&["config", "set", "office", "Servizio Sistema Informativo"])
        .success();
    env.run(&["config", "set", "municipality", "Comune di Vaiano"])
        .success();
    assert_eq!(
        shown(&env),
        serde_json::json!({"municipality": "Comune di Vaiano", "office": "Servizio Sistema Informativo"})
    );
    assert_eq!(
        env.json(&["status", "--format", "json"])["municipality"],
        "Comune di Vaiano"
    );
    let set = audited(&env, "config.set");
    assert_eq!(set.len(), 2, "{set:?}");
    assert_eq!(set[0]["target"], "municipality");
    assert_eq!(
        set[0]["details"],
        "municipality: \"Comune di Prato\" → \"Comune di Vaiano\""
    );
    assert_eq!(
        set[1]["details"],
        "office: \"Servizio Sistema Informativo\""
    );

    // The same value again writes nothing, not even an audit entry.
    let before = env.dump();
    let err = stderr(
        &env.run(&["config", "set", "office", "Servizio Sistema Informativo"])
            .success(),
    );
    assert!(err.contains("nothing changed"), "{err}");
    assert_eq!(env.dump(), before);

    let err = stderr(&env.run(&["config", "unset", "office"]).success());
    assert!(err.contains("office removed"), "{err}");
    assert_eq!(shown(&env)["office"], Value::Null);
    let unset = audited(&env, "config.unset");
    assert_eq!(unset.len(), 1, "{unset:?}");
    assert_eq!(unset[0]["target"], "office");
    // Removing what is not there changes nothing.
    let before = env.dump();
    let err = stderr(&env.run(&["config", "unset", "office"]).success());
    assert!(err.contains("was not set"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn an_empty_or_multi_line_value_and_removing_the_municipality_are_usage_errors() {
    let env = Env::new();
    env.run(&["config", "set", "office", "Servizio Sistema Informativo"])
        .success();
    let err = refused(&env, &["config", "set", "municipality", "   "], 2);
    assert!(err.contains("the municipality cannot be empty"), "{err}");
    let err = refused(&env, &["config", "set", "office", ""], 2);
    assert!(err.contains("the office cannot be empty"), "{err}");
    assert!(err.contains("agenda config unset office"), "{err}");
    let err = refused(
        &env,
        &["config", "set", "office", "Servizio\nSistema Informativo"],
        2,
    );
    assert!(err.contains("without line breaks"), "{err}");
    let err = refused(&env, &["config", "unset", "municipality"], 2);
    assert!(err.contains("cannot be removed"), "{err}");
    let err = refused(&env, &["config", "set", "mayor", "Mario Rossi"], 2);
    assert!(err.contains("mayor"), "{err}");
    assert_eq!(
        shown(&env),
        serde_json::json!({"municipality": "Comune di Prato", "office": "Servizio Sistema Informativo"})
    );
}

#[test]
fn init_with_an_empty_office_or_municipality_creates_nothing() {
    for args in [
        &["init", "--office", " "][..],
        &["init", "--municipality", ""][..],
    ] {
        let env = Env::empty();
        let err = stderr(&env.run(args).code(2));
        assert!(err.contains("cannot be empty"), "{args:?}: {err}");
        assert!(!env.db().exists(), "{args:?} created a database");
    }
}

#[test]
fn config_needs_a_database() {
    let env = Env::empty();
    env.run(&["config", "show"]).code(1);
    assert!(!env.db().exists());
}

#[test]
fn the_demo_names_the_office() {
    let env = Env::empty();
    let dir = env.path("demo");
    env.run(&["demo", "--dir", dir.to_str().unwrap()]).success();
    let db = dir.join("agenda.db");
    let config = env.json(&[
        "--db",
        db.to_str().unwrap(),
        "config",
        "show",
        "--format",
        "json",
    ]);
    assert_eq!(config["office"], "Servizio Sistema Informativo");
    assert_eq!(config["municipality"], "Comune di Prato");
}
