//! Issue 5, The process: phases with guards, cycles that roll over, and their history. Every
//! transition, every guard with its message and exit code, `phase back`, the freeze of a closed
//! cycle, the roll-over of the cards into the next cycle, and the history across two cycles.

use serde_json::Value;

use crate::common::{conn, fixture_arg, refused, stderr, tag_untagged, Env};

// ---------------------------------------------------------------------------------------------
// Helpers local to this module.

const LATER_2021: &str = "decidim-2021-proposals-later.csv";
const ACT: &str = "DGC 12/2022";

/// Imports the 36 proposals of the 2021 consultation into the open cycle.
fn import_2021(env: &Env) {
    env.run(&["suggestion", "import", "--quiet", &fixture_arg(LATER_2021)])
        .success();
}

/// Gives a current response with a reason to every suggestion that has none, except the
/// `leave` first ones by reference.
fn respond_all_but(env: &Env, leave: usize) {
    let conn = conn(env);
    conn.execute(
        "INSERT INTO responses (suggestion_id, outcome, reason, current, user, at)
         SELECT id, 'accolto', 'La proposta è accolta nella scheda.', 1, 'collaudo', '2021-12-15T10:00:00Z'
         FROM suggestions s
         WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.suggestion_id = s.id AND r.current)
           AND s.id NOT IN (SELECT id FROM suggestions ORDER BY reference LIMIT ?1)",
        [leave as i64],
    )
    .expect("insert the responses");
}

/// The 2021-2023 cycle in Fase 3 since 2021-11-20, with the 36 suggestions and no response.
fn updating() -> Env {
    let env = Env::collecting();
    import_2021(&env);
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env
}

/// The 2021-2023 cycle closed on 2022-01-20 with DGC 12/2022, every suggestion answered and
/// tagged.
fn closed() -> Env {
    let env = updating();
    respond_all_but(&env, 0);
    tag_untagged(&env);
    env.run(&[
        "phase",
        "advance",
        "--yes",
        "--act",
        ACT,
        "--act-date",
        "2022-01-20",
        "--date",
        "2022-01-20",
        "--note",
        "approvata",
    ])
    .success();
    env
}

fn phase_json(env: &Env) -> Value {
    env.json(&["phase", "show", "--format", "json"])
}

fn history(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = extra.to_vec();
    args.extend_from_slice(&["phase", "history", "--format", "json"]);
    match env.json(&args) {
        Value::Array(items) => items,
        other => panic!("phase history --format json is not an array: {other}"),
    }
}

/// (kind, from, to, date) of each step, to compare histories at a glance.
fn steps(items: &[Value]) -> Vec<(String, Value, Value, String)> {
    items
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().unwrap().to_string(),
                t["from_phase"].clone(),
                t["to_phase"].clone(),
                t["date"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn step(kind: &str, from: Value, to: Value, date: &str) -> (String, Value, Value, String) {
    (kind.to_string(), from, to, date.to_string())
}

/// The audit log's actions, oldest first.
fn audit_actions(env: &Env) -> Vec<(String, String, String)> {
    let conn = conn(env);
    let mut stmt = conn
        .prepare("SELECT action, coalesce(target, ''), details FROM audit_log ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn next_step(env: &Env, extra: &[&str]) -> String {
    let mut args = extra.to_vec();
    args.extend_from_slice(&["status", "--format", "json"]);
    env.json(&args)["next_step"]
        .as_str()
        .expect("next_step is text")
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Transitions

#[test]
fn advance_one_to_two_to_three_records_who_when_note_and_date() {
    let env = Env::empty();
    env.run(&["init", "--date", "2021-09-01"]).success();
    let out = env
        .run(&[
            "phase",
            "advance",
            "--date",
            "2021-10-01",
            "--note",
            "presentata in Consiglio comunale",
        ])
        .success();
    assert!(stderr(&out).contains("Fase 1 – presentazione → Fase 2 – ascolto from 2021-10-01"));
    let phase = phase_json(&env);
    assert_eq!(phase["phase"], 2);
    assert_eq!(phase["since"], "2021-10-01");
    assert_eq!(phase["closed"], false);

    let out = env
        .run(&["phase", "advance", "--date", "2021-11-30"])
        .success();
    assert!(stderr(&out).contains("the collection closed on 2021-11-30"));
    let phase = phase_json(&env);
    assert_eq!(phase["phase"], 3);
    assert_eq!(phase["collection_closed_on"], "2021-11-30");

    let items = history(&env, &[]);
    assert_eq!(
        steps(&items),
        vec![
            step("open", Value::Null, 1.into(), "2021-09-01"),
            step("advance", 1.into(), 2.into(), "2021-10-01"),
            step("advance", 2.into(), 3.into(), "2021-11-30"),
        ]
    );
    for t in &items {
        assert_eq!(t["user"], "collaudo");
        assert_eq!(t["triennium"], "2021-2023");
        assert!(t["at"].as_str().unwrap().ends_with('Z'), "{t}");
    }
    assert_eq!(items[1]["note"], "presentata in Consiglio comunale");
    assert_eq!(items[2]["note"], Value::Null);

    let advances: Vec<_> = audit_actions(&env)
        .into_iter()
        .filter(|(a, _, _)| a == "phase.advance")
        .collect();
    assert_eq!(advances.len(), 2);
    assert_eq!(advances[0].1, "2021-2023");
    assert!(advances[0]
        .2
        .contains("Fase 1 → Fase 2 from 2021-10-01 (presentata in Consiglio comunale)"));
}

#[test]
fn advance_without_date_uses_today() {
    let env = Env::new();
    env.cmd(&["phase", "advance"])
        .env("AGENDA_NOW", "2030-03-04T10:00:00Z")
        .assert()
        .success();
    assert_eq!(phase_json(&env)["since"], "2030-03-04");
}

#[test]
fn a_date_before_the_current_phase_is_refused() {
    let env = Env::collecting();
    let err = refused(&env, &["phase", "advance", "--date", "2021-09-15"], 4);
    assert!(
        err.contains("2021-09-15 comes before the start of the current phase (2021-10-01)"),
        "{err}"
    );
    // Not a date at all is a usage error.
    let err = refused(&env, &["phase", "advance", "--date", "15-10-2021"], 2);
    assert!(
        err.contains("DD/MM/YYYY (02/05/2022) or YYYY-MM-DD"),
        "{err}"
    );
    // The Italian way of writing a date is a date: 14/09/2021 is read as 2021-09-14, and comes
    // before the current phase as the ISO form does.
    let err = refused(&env, &["phase", "advance", "--date", "14/09/2021"], 4);
    assert!(err.contains("2021-09-14 comes before"), "{err}");
}

#[test]
fn the_act_flags_belong_to_closing_only() {
    let env = Env::collecting();
    let err = refused(
        &env,
        &[
            "phase",
            "advance",
            "--yes",
            "--act",
            ACT,
            "--act-date",
            "2022-01-20",
        ],
        2,
    );
    assert!(
        err.contains("--act and --without-act are for closing the cycle, from Fase 3"),
        "{err}"
    );
    assert!(err.contains("Fase 2 – ascolto"), "{err}");
    refused(&env, &["phase", "advance", "--yes", "--without-act"], 2);
}

// ---------------------------------------------------------------------------------------------
// The guards of closing

#[test]
fn closing_is_refused_while_suggestions_have_no_response() {
    let env = updating();
    respond_all_but(&env, 12);
    let err = refused(
        &env,
        &[
            "phase",
            "advance",
            "--yes",
            "--act",
            ACT,
            "--act-date",
            "2022-01-20",
        ],
        4,
    );
    assert!(
        err.contains("the cycle 2021-2023 cannot close: 12 of 36 suggestions have no response"),
        "{err}"
    );
    // The first ten references, in order, and how many more.
    let listed: Vec<String> = (5101..=5110)
        .map(|n| format!("PO-PROP-2021-10-{n}"))
        .collect();
    assert!(err.contains(&listed.join(", ")), "{err}");
    assert!(err.contains("and 2 more"), "{err}");
    assert!(!err.contains("PO-PROP-2021-10-5111"), "{err}");

    // `phase show` says the same before anyone tries.
    let phase = phase_json(&env);
    assert_eq!(phase["unanswered"], 12);
    assert_eq!(phase["answered"], 24);
    assert!(phase["left"]
        .as_array()
        .unwrap()
        .contains(&Value::from("12 suggestions have no response")));
    let out = env.stdout(&["phase"]);
    assert!(out.contains("12 suggestions have no response"), "{out}");

    // One left: singular, and the hint says the act is missing too.
    respond_all_but(&env, 1);
    let err = refused(&env, &["phase", "advance"], 4);
    assert!(
        err.contains("1 of 36 suggestion has no response: PO-PROP-2021-10-5101"),
        "{err}"
    );
    assert!(err.contains("--without-act"), "{err}");
    assert!(!err.contains("more"), "{err}");
}

#[test]
fn a_response_no_longer_current_does_not_count() {
    let env = updating();
    respond_all_but(&env, 0);
    conn(&env)
        .execute(
            "UPDATE responses SET current = 0 WHERE suggestion_id =
                 (SELECT id FROM suggestions WHERE reference = 'PO-PROP-2021-10-5120')",
            [],
        )
        .unwrap();
    let err = refused(&env, &["phase", "advance", "--yes", "--without-act"], 4);
    assert!(err.contains("PO-PROP-2021-10-5120"), "{err}");
}

#[test]
fn closing_needs_the_act_or_without_act() {
    let env = updating();
    respond_all_but(&env, 0);
    tag_untagged(&env);
    let err = refused(&env, &["phase", "advance"], 4);
    assert!(
        err.contains(
            "the cycle 2021-2023 cannot leave Fase 3 and close without saying which act approves the update"
        ),
        "{err}"
    );
    assert!(err.contains("--act n/yyyy --act-date YYYY-MM-DD"), "{err}");
    assert!(err.contains("--without-act"), "{err}");

    let err = refused(
        &env,
        &[
            "phase",
            "advance",
            "--yes",
            "--act",
            "  ",
            "--act-date",
            "2022-01-20",
        ],
        2,
    );
    assert!(
        err.contains("write the deliberation's number and year"),
        "{err}"
    );
    refused(
        &env,
        &[
            "phase",
            "advance",
            "--yes",
            "--act",
            ACT,
            "--act-date",
            "2022-01-20",
            "--without-act",
        ],
        2,
    );
    let err = refused(
        &env,
        &[
            "phase",
            "advance",
            "--yes",
            "--act",
            ACT,
            "--act-date",
            "2022-01-20",
            "--date",
            "2021-11-19",
        ],
        4,
    );
    assert!(
        err.contains("comes before the start of the current phase"),
        "{err}"
    );
}

#[test]
fn closing_with_the_act_records_it_and_takes_the_snapshot() {
    let env = closed();
    let phase = phase_json(&env);
    assert_eq!(phase["closed"], true);
    assert_eq!(phase["closed_on"], "2022-01-20");
    assert_eq!(phase["act"], ACT);
    assert_eq!(phase["phase"], 3);

    let conn = conn(&env);
    let (closed_at, act): (Option<String>, Option<String>) = conn
        .query_row(
            "SELECT closed_at, act FROM cycles WHERE triennium = '2021-2023'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(closed_at.is_some());
    assert_eq!(act.as_deref(), Some(ACT));
    let snapshot: i64 = conn
        .query_row("SELECT count(*) FROM card_snapshots", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snapshot, 22);

    let items = history(&env, &[]);
    let last = items.last().unwrap();
    assert_eq!(last["kind"], "close");
    assert_eq!(last["from_phase"], 3);
    assert_eq!(last["to_phase"], Value::Null);
    assert_eq!(last["date"], "2022-01-20");
    assert_eq!(last["note"], "approvata");

    let audit = audit_actions(&env);
    let (action, target, details) = audit.last().unwrap();
    assert_eq!(action, "cycle.close");
    assert_eq!(target, "2021-2023");
    assert!(
        details.contains("closed on 2022-01-20 with DGC 12/2022"),
        "{details}"
    );
    assert!(details.contains("22 cards"), "{details}");

    // Nothing moves a closed cycle any further.
    let err = refused(&env, &["phase", "advance"], 4);
    assert!(err.contains("no cycle is open"), "{err}");
    assert!(err.contains("agenda cycle open"), "{err}");
}

#[test]
fn closing_without_act_and_without_date_uses_today() {
    let env = updating();
    respond_all_but(&env, 0);
    tag_untagged(&env);
    env.cmd(&["phase", "advance", "--yes", "--without-act"])
        .env("AGENDA_NOW", "2022-02-03T10:00:00Z")
        .assert()
        .success();
    let phase = phase_json(&env);
    assert_eq!(phase["closed"], true);
    assert_eq!(phase["closed_on"], "2022-02-03");
    assert_eq!(phase["act"], Value::Null);
    let show = env.stdout(&["cycle", "show"]);
    assert!(show.contains("closed without an act"), "{show}");
}

// ---------------------------------------------------------------------------------------------
// Late suggestions

#[test]
fn suggestions_after_the_closing_date_are_late() {
    let env = updating();
    // 5131–5136 were submitted from 2021-11-22 on; the collection closed on 2021-11-20.
    let phase = phase_json(&env);
    assert_eq!(phase["collection_closed_on"], "2021-11-20");
    assert_eq!(phase["late"], 6);
    let cycle = env.json(&["cycle", "show", "--format", "json"]);
    assert_eq!(cycle["late"], 6);
    assert!(env
        .stdout(&["cycle", "show"])
        .contains("6 submitted after the collection closed on 2021-11-20"));

    // Undo the step and close the collection later: the count follows the date that stands.
    env.run(&["phase", "back", "--reason", "la raccolta era ancora aperta"])
        .success();
    let phase = phase_json(&env);
    assert_eq!(phase["collection_closed_on"], Value::Null);
    assert_eq!(phase["late"], 0);
    env.run(&["phase", "advance", "--date", "2021-11-25"])
        .success();
    // 5133 came on 2021-11-25 itself (not late); 5134, 5135, 5136 after.
    let phase = phase_json(&env);
    assert_eq!(phase["collection_closed_on"], "2021-11-25");
    assert_eq!(phase["late"], 3);
    assert_eq!(env.json(&["status", "--format", "json"])["late"], 3);
}

#[test]
fn collection_closed_on_follows_the_transitions() {
    let env = updating();
    let db = agenda::storage::Db::open(&env.db()).unwrap();
    let cycle = agenda::storage::cycles::current(db.conn()).unwrap();
    assert_eq!(
        agenda::process::collection_closed_on(db.conn(), &cycle)
            .unwrap()
            .as_deref(),
        Some("2021-11-20")
    );
    let fresh = Env::collecting();
    let db = agenda::storage::Db::open(&fresh.db()).unwrap();
    let cycle = agenda::storage::cycles::current(db.conn()).unwrap();
    assert_eq!(
        agenda::process::collection_closed_on(db.conn(), &cycle).unwrap(),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// Going back

#[test]
fn back_undoes_the_last_step_with_its_reason() {
    let env = updating();
    let out = env
        .run(&["phase", "back", "--reason", "avanzato per errore"])
        .success();
    assert!(stderr(&out)
        .contains("back from Fase 3 – aggiornamento e restituzione to Fase 2 – ascolto"));
    let phase = phase_json(&env);
    assert_eq!(phase["phase"], 2);
    assert_eq!(phase["since"], "2021-10-01");

    env.run(&["phase", "back", "--reason", "presentazione da ripetere"])
        .success();
    let phase = phase_json(&env);
    assert_eq!(phase["phase"], 1);
    assert_eq!(phase["since"], "2021-09-01");

    let items = history(&env, &[]);
    assert_eq!(
        steps(&items),
        vec![
            step("open", Value::Null, 1.into(), "2021-09-01"),
            step("advance", 1.into(), 2.into(), "2021-10-01"),
            step("advance", 2.into(), 3.into(), "2021-11-20"),
            step("back", 3.into(), 2.into(), "2021-10-01"),
            step("back", 2.into(), 1.into(), "2021-09-01"),
        ]
    );
    assert_eq!(items[3]["note"], "avanzato per errore");
    let backs: Vec<_> = audit_actions(&env)
        .into_iter()
        .filter(|(a, _, _)| a == "phase.back")
        .collect();
    assert_eq!(backs.len(), 2);
    assert!(backs[0].2.contains("avanzato per errore"), "{backs:?}");

    // The first step, opening, cannot be undone.
    let err = refused(&env, &["phase", "back", "--reason", "ancora"], 4);
    assert!(err.contains("there is no step to undo"), "{err}");

    // The phases that stand are the ones the cycle shows.
    env.run(&["phase", "advance", "--date", "2021-10-05"])
        .success();
    let cycle = env.json(&["cycle", "show", "--format", "json"]);
    let phases = cycle["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 2);
    assert_eq!(phases[0]["from"], "2021-09-01");
    assert_eq!(phases[0]["to"], "2021-10-05");
    assert_eq!(phases[1]["from"], "2021-10-05");
    assert_eq!(phases[1]["to"], Value::Null);
}

#[test]
fn back_needs_a_reason() {
    let env = Env::collecting();
    refused(&env, &["phase", "back"], 2);
    let err = refused(&env, &["phase", "back", "--reason", " "], 2);
    assert!(err.contains("needs a reason"), "{err}");
}

#[test]
fn back_is_refused_on_a_closed_cycle() {
    let env = closed();
    let err = refused(&env, &["phase", "back", "--reason", "ripensamento"], 4);
    assert!(
        err.contains(
            "the cycle 2021-2023 is closed (approved with DGC 12/2022): closing cannot be undone"
        ),
        "{err}"
    );
    // Also when another cycle is open and --cycle names the closed one.
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    let err = refused(
        &env,
        &["--cycle", "2021-2023", "phase", "back", "--reason", "x"],
        4,
    );
    assert!(err.contains("closing cannot be undone"), "{err}");
}

#[test]
fn status_speaks_of_the_cycle_that_cycle_names_and_refuses_one_that_does_not_exist() {
    let env = closed();
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    let open = env.json(&["status", "--format", "json"]);
    assert_eq!(open["triennium"], "2022-2024");
    assert_eq!(open["closed"], false);
    let past = env.json(&["--cycle", "2021-2023", "status", "--format", "json"]);
    assert_eq!(past["triennium"], "2021-2023");
    assert_eq!(past["closed"], true);
    assert!(past["suggestions"].as_i64().unwrap() > 0, "{past}");
    assert_eq!(open["suggestions"], 0, "{open}");
    let err = refused(&env, &["--cycle", "2030-2032", "status"], 4);
    assert!(
        err.contains("no cycle for the triennium 2030-2032") && err.contains("2021-2023"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// The freeze

#[test]
fn a_closed_cycle_refuses_card_changes() {
    let env = closed();
    let err = refused(
        &env,
        &[
            "card",
            "add",
            "--code",
            "NUO-09",
            "--title",
            "Nuovo servizio",
            "--axis",
            "nuovi-servizi",
            "--status",
            "pianificata",
        ],
        4,
    );
    assert!(err.contains("the cycle 2021-2023 is closed"), "{err}");
    assert!(err.contains("agenda cycle open"), "{err}");
    let err = refused(&env, &["card", "edit", "SEM-01", "--status", "conclusa"], 4);
    assert!(
        err.contains(
            "the cycle 2021-2023 is closed (approved with DGC 12/2022), so the cards cannot change"
        ),
        "{err}"
    );
    assert!(
        err.contains("open the next cycle with `agenda cycle open`"),
        "{err}"
    );
    refused(&env, &["card", "import", &fixture_arg("cards.csv")], 4);
}

#[test]
fn a_closed_cycle_refuses_suggestion_imports() {
    let env = closed();
    let err = refused(
        &env,
        &[
            "suggestion",
            "import",
            &fixture_arg("decidim-2021-proposals.csv"),
        ],
        4,
    );
    assert!(err.contains("closed"), "{err}");
    assert!(err.contains("agenda cycle open"), "{err}");
}

#[test]
fn ensure_open_refuses_a_closed_cycle() {
    let env = closed();
    let db = agenda::storage::Db::open(&env.db()).unwrap();
    let cycle = agenda::storage::cycles::current(db.conn()).unwrap();
    // The library speaks Italian unless told otherwise.
    let err = cycle.ensure_open().unwrap_err();
    assert!(
        err.to_string().contains("non si possono più modificare"),
        "{err}"
    );
}

#[test]
fn advance_refuses_a_closed_cycle_named_with_cycle() {
    let env = closed();
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    let err = refused(&env, &["--cycle", "2021-2023", "phase", "advance"], 4);
    assert!(err.contains("the cycle 2021-2023 is closed"), "{err}");
    // Without --cycle the open one moves.
    env.run(&["phase", "advance", "--date", "2022-03-01"])
        .success();
    assert_eq!(phase_json(&env)["triennium"], "2022-2024");
}

// ---------------------------------------------------------------------------------------------
// Cycles

#[test]
fn a_cycle_cannot_open_while_another_is_open() {
    let env = updating();
    let err = refused(&env, &["cycle", "open"], 4);
    assert!(
        err.contains("the cycle 2021-2023 is still open, in Fase 3 – aggiornamento e restituzione"),
        "{err}"
    );
    assert!(err.contains("--act"), "{err}");
}

#[test]
fn the_next_cycle_opens_on_the_shifted_triennium_in_fase_1() {
    let env = closed();
    let err = refused(&env, &["cycle", "open", "--triennium", "2021-2023"], 4);
    assert!(
        err.contains("does not come after the last cycle, 2021-2023"),
        "{err}"
    );
    let err = refused(&env, &["cycle", "open", "--date", "2022-01-19"], 4);
    assert!(
        err.contains("comes before the closing of the cycle 2021-2023 (2022-01-20)"),
        "{err}"
    );
    refused(&env, &["cycle", "open", "--triennium", "2022-2023"], 2);

    let out = env
        .run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    assert!(stderr(&out).contains("opened the cycle 2022-2024 in Fase 1"));
    let phase = phase_json(&env);
    assert_eq!(phase["triennium"], "2022-2024");
    assert_eq!(phase["phase"], 1);
    assert_eq!(phase["since"], "2022-02-01");
    assert_eq!(phase["closed"], false);
    assert_eq!(phase["suggestions"], 0);

    let (action, target, details) = audit_actions(&env).pop().unwrap();
    assert_eq!(action, "cycle.open");
    assert_eq!(target, "2022-2024");
    assert!(
        details.contains("22 cards carried over from 2021-2023"),
        "{details}"
    );

    let list = env.json(&["cycle", "list", "--format", "json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["triennium"], "2021-2023");
    assert_eq!(list[0]["closed"], true);
    assert_eq!(list[0]["opened_on"], "2021-09-01");
    assert_eq!(list[0]["closed_on"], "2022-01-20");
    assert_eq!(list[0]["act"], ACT);
    assert_eq!(list[0]["suggestions"], 36);
    assert_eq!(list[0]["answered"], 36);
    assert_eq!(list[1]["triennium"], "2022-2024");
    assert_eq!(list[1]["closed"], false);
    assert_eq!(list[1]["suggestions"], 0);
    let table = env.stdout(&["cycle", "list"]);
    assert!(table.contains("2021-2023  closed"), "{table}");
    assert!(table.contains(ACT), "{table}");
    assert!(table.contains("2022-2024  Fase 1"), "{table}");

    // An explicit triennium may skip a year.
    let env = closed();
    env.run(&[
        "cycle",
        "open",
        "--triennium",
        "2023-2025",
        "--date",
        "2022-02-01",
    ])
    .success();
    assert_eq!(phase_json(&env)["triennium"], "2023-2025");
}

#[test]
fn cycle_show_gives_the_phases_with_their_dates() {
    let env = closed();
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    let old = env.json(&["cycle", "show", "2021-2023", "--format", "json"]);
    let phases: Vec<(u64, String, Option<String>)> = old["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["phase"].as_u64().unwrap(),
                p["from"].as_str().unwrap().to_string(),
                p["to"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        phases,
        vec![
            (1, "2021-09-01".into(), Some("2021-10-01".into())),
            (2, "2021-10-01".into(), Some("2021-11-20".into())),
            (3, "2021-11-20".into(), Some("2022-01-20".into())),
        ]
    );
    assert_eq!(old["act"], ACT);
    assert_eq!(old["late"], 6);
    assert_eq!(old["suggestions"], 36);
    // The global --cycle names the same cycle.
    let same = env.json(&["--cycle", "2021-2023", "cycle", "show", "--format", "json"]);
    assert_eq!(same, old);
    let table = env.stdout(&["cycle", "show", "2021-2023"]);
    assert!(table.contains("2021-11-20 – 2022-01-20"), "{table}");
    assert!(table.contains("DGC 12/2022"), "{table}");
    // The default is the open cycle.
    assert_eq!(
        env.json(&["cycle", "show", "--format", "json"])["triennium"],
        "2022-2024"
    );
    let err = refused(&env, &["cycle", "show", "2019-2021"], 4);
    assert!(err.contains("2021-2023, 2022-2024"), "{err}");
}

#[test]
fn cards_roll_over_and_the_closed_cycle_keeps_its_snapshot() {
    let env = closed();
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    env.run(&["card", "edit", "SEM-01", "--status", "conclusa"])
        .success();

    let db = agenda::storage::Db::open(&env.db()).unwrap();
    let conn = db.conn();
    let old = agenda::storage::cycles::by_triennium(
        conn,
        agenda::domain::Triennium::parse("2021-2023").unwrap(),
    )
    .unwrap();
    let new = agenda::storage::cycles::current(conn).unwrap();
    let old_cards = agenda::storage::cards_of_cycle(conn, &old).unwrap();
    let new_cards = agenda::storage::cards_of_cycle(conn, &new).unwrap();
    assert_eq!(old_cards.len(), 22);
    assert_eq!(new_cards.len(), 22);
    let status_of = |cards: &[agenda::domain::Card], code: &str| {
        cards
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.status.code())
            .unwrap()
    };
    use agenda::domain::Term;
    assert_eq!(status_of(&old_cards, "SEM-01"), "in-corso");
    assert_eq!(status_of(&new_cards, "SEM-01"), "conclusa");
    // Everything else carried over unchanged, in the same order.
    let codes =
        |cards: &[agenda::domain::Card]| cards.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&old_cards), codes(&new_cards));
    for (a, b) in old_cards.iter().zip(&new_cards) {
        if a.code != "SEM-01" {
            assert_eq!(a, b);
        }
    }
    // The edit is in the card's history, in the new cycle.
    let history = agenda::storage::cards::history(conn, "SEM-01").unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.field, "status");
    assert_eq!(last.triennium.as_deref(), Some("2022-2024"));

    // The snapshot cannot be changed behind the tool's back either.
    let raw = rusqlite::Connection::open(env.db()).unwrap();
    assert!(raw
        .execute("UPDATE card_snapshots SET status = 'sospesa'", [])
        .is_err());
}

#[test]
fn history_across_two_cycles() {
    let env = closed();
    env.run(&[
        "cycle",
        "open",
        "--date",
        "2022-02-01",
        "--note",
        "secondo ciclo",
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2022-03-01"])
        .success();
    let all = history(&env, &[]);
    assert_eq!(
        all.iter()
            .map(|t| (
                t["triennium"].as_str().unwrap(),
                t["kind"].as_str().unwrap()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("2021-2023", "open"),
            ("2021-2023", "advance"),
            ("2021-2023", "advance"),
            ("2021-2023", "close"),
            ("2022-2024", "open"),
            ("2022-2024", "advance"),
        ]
    );
    assert_eq!(all[4]["note"], "secondo ciclo");
    assert_eq!(all[4]["date"], "2022-02-01");

    let first = history(&env, &["--cycle", "2021-2023"]);
    assert_eq!(first.len(), 4);
    assert!(first.iter().all(|t| t["triennium"] == "2021-2023"));
    let second = history(&env, &["--cycle", "2022-2024"]);
    assert_eq!(
        steps(&second),
        vec![
            step("open", Value::Null, 1.into(), "2022-02-01"),
            step("advance", 1.into(), 2.into(), "2022-03-01"),
        ]
    );
    // --cycle after the subcommand works too (it is global).
    assert_eq!(
        history(&env, &[]).len(),
        6,
        "without --cycle every cycle is listed"
    );
    let table = env.stdout(&["phase", "history", "--cycle", "2021-2023"]);
    assert!(table.contains("Fase 3 → closed"), "{table}");
    assert!(!table.contains("2022-2024"), "{table}");
    let err = refused(&env, &["--cycle", "2030-2032", "phase", "history"], 4);
    assert!(
        err.contains("there is no cycle for the triennium 2030-2032"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// What to do next

#[test]
fn status_and_phase_say_what_to_do_next_in_every_state() {
    let env = Env::empty();
    env.run(&["init", "--date", "2021-09-01"]).success();
    assert!(next_step(&env, &[]).contains("add the project cards"));
    assert!(phase_json(&env)["left"]
        .as_array()
        .unwrap()
        .contains(&Value::from("the Agenda has no project cards yet")));

    env.run(&["card", "import", &fixture_arg("cards.csv")])
        .success();
    assert!(next_step(&env, &[]).contains("`agenda phase advance` to open the collection"));

    env.run(&["phase", "advance", "--date", "2021-10-01"])
        .success();
    assert!(next_step(&env, &[]).contains("agenda suggestion import"));
    import_2021(&env);
    assert!(next_step(&env, &[]).contains("36 suggestions so far"));

    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    let next = next_step(&env, &[]);
    assert!(next.contains("36 suggestions have no response"), "{next}");

    respond_all_but(&env, 0);
    let next = next_step(&env, &[]);
    assert!(next.contains("every suggestion has a response"), "{next}");
    assert!(
        next.contains("--act n/yyyy --act-date YYYY-MM-DD"),
        "{next}"
    );
    assert!(next.contains("--without-act"), "{next}");
    assert!(next.contains("6 suggestions have no axis yet"), "{next}");
    let out = env.run(&["phase"]).success();
    assert!(stderr(&out).contains("next: every suggestion has a response"));
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains(
            "left before closing: 6 suggestions have no axis; the act that approves the update"
        ),
        "{stdout}"
    );
    // Closing needs an axis on every suggestion: the office tags the six.
    tag_untagged(&env);

    env.run(&[
        "phase",
        "advance",
        "--yes",
        "--act",
        ACT,
        "--act-date",
        "2022-01-20",
        "--date",
        "2022-01-20",
    ])
    .success();
    let next = next_step(&env, &[]);
    assert!(
        next.contains("the cycle 2021-2023 is closed with DGC 12/2022"),
        "{next}"
    );
    assert!(next.contains("agenda cycle open"), "{next}");
    assert!(next.contains("2022-2024"), "{next}");

    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    assert!(next_step(&env, &[]).contains("`agenda phase advance` to open the collection"));
    let old = env.json(&["--cycle", "2021-2023", "phase", "show", "--format", "json"]);
    let next = old["next_step"].as_str().unwrap();
    assert!(
        next.contains("the work goes on in the open cycle 2022-2024"),
        "{next}"
    );
}
