//! The interface in the office's language: the other modules run in English (their assertions
//! are written in it), these run as a person in Prato does — without `--lang` or with
//! `AGENDA_LANG=it` — on the messages that matter most: a refused import with its `FILE:LINE`
//! lines, the closing refused, a mistyped axis, the triage walk, the confirmation.

#[cfg(unix)]
use crate::common::on_a_terminal;
use crate::common::{fixture_arg, Env};

/// The command in Italian: the default, with no language asked for.
fn italian(env: &Env, args: &[&str]) -> assert_cmd::assert::Assert {
    env.cmd(args).env_remove("AGENDA_LANG").assert()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The consultation of 2021: the cards, and the Decidim export imported in Fase 2.
fn consultation() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &fixture_arg("decidim-2021-proposals.csv"),
        &fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env
}

#[test]
fn a_refused_import_says_each_line_in_italian_and_writes_nothing() {
    let env = Env::collecting();
    let before = env.snapshot();
    let file = fixture_arg("bad/bad-date.csv");
    let err = stderr(&italian(&env, &["suggestion", "import", &file]).code(3));
    assert!(
        err.contains(&format!(
            "errore: {file} ha 2 righe non valide; non è stato scritto nulla:"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {file}:3: la colonna \"Data invio\" non contiene una data (ad es. 02/05/2022"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("  {file}:4: la colonna")), "{err}");
    assert!(
        err.contains("suggerimento: correggi le righe e riesegui il comando"),
        "{err}"
    );
    assert!(!err.contains("row(s)") && !err.contains("hint:"), "{err}");
    assert_eq!(env.snapshot(), before, "a refused import wrote something");

    // One bad line is one "riga", the plural from the catalogue.
    let ragged = fixture_arg("bad/ragged.csv");
    let err = stderr(&italian(&env, &["suggestion", "import", &ragged]).code(3));
    assert!(err.contains("ha una riga non valida"), "{err}");
    assert!(err.contains("4 campi, ma l'intestazione ne ha 3"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_closing_refused_in_italian_names_what_is_missing() {
    let env = consultation();
    env.run(&["phase", "advance", "--date", "2021-12-01"])
        .success();
    let before = env.snapshot();
    let err = stderr(
        &italian(
            &env,
            &[
                "phase",
                "advance",
                "--act",
                "12/2022",
                "--act-date",
                "20/01/2022",
                "--yes",
            ],
        )
        .code(4),
    );
    assert!(
        err.contains("errore: il ciclo 2021-2023 non si può chiudere:"),
        "{err}"
    );
    assert!(
        err.contains("36 contributi su 36 non hanno una risposta: PO-PROP-2021-10-5101"),
        "{err}"
    );
    assert!(err.contains("e altri 26"), "{err}");
    assert!(
        err.contains("6 contributi su 36 non hanno un asse"),
        "{err}"
    );
    assert!(err.contains("suggerimento: registra una risposta"), "{err}");
    assert_eq!(env.snapshot(), before, "a refused closing wrote something");
}

#[test]
fn a_mistyped_axis_is_named_with_the_closest_one() {
    let env = consultation();
    let before = env.snapshot();
    let err = stderr(&italian(&env, &["suggestion", "tag", "1", "competenz"]).code(2));
    assert!(
        err.contains("errore: \"competenz\" non è un asse; gli assi sono: semplificazione"),
        "{err}"
    );
    assert!(
        err.contains("suggerimento: forse intendevi \"competenze\"?"),
        "{err}"
    );
    // Nothing close: no guess, but still not taken for a suggestion.
    let err =
        stderr(&italian(&env, &["suggestion", "tag", "40", "competenze", "mobilita"]).code(2));
    assert!(err.contains("\"mobilita\" non è un asse"), "{err}");
    assert!(!err.contains("forse intendevi"), "{err}");
    assert_eq!(env.snapshot(), before);

    // An option's value too, through clap.
    let err = stderr(&italian(&env, &["suggestion", "list", "--axis", "Competenz"]).code(2));
    assert!(err.contains("forse intendevi \"competenze\""), "{err}");
}

#[test]
fn lists_for_people_speak_italian_with_the_glossary_labels_and_dates() {
    let env = consultation();
    env.run(&[
        "suggestion",
        "respond",
        "PO-PROP-2021-10-5103",
        "--outcome",
        "gia-previsto",
        "--card",
        "SEM-04",
        "--reason",
        "Il pagamento della mensa con pagoPA è già previsto dalla scheda SEM-04.",
    ])
    .success();
    let list = stdout(&italian(&env, &["suggestion", "list"]).success());
    let header = list.lines().next().unwrap();
    for word in ["rif.", "titolo", "data", "assi", "esito"] {
        assert!(header.contains(word), "{header}");
    }
    let row = list
        .lines()
        .find(|l| l.contains("PO-PROP-2021-10-5103"))
        .unwrap();
    assert!(
        row.contains("già previsto") && row.contains("08/10/2021"),
        "{row}"
    );
    // Scripts get the same codes and ISO dates whatever the language.
    let json = env
        .cmd(&[
            "suggestion",
            "show",
            "PO-PROP-2021-10-5103",
            "--format",
            "json",
        ])
        .env_remove("AGENDA_LANG")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["outcome"], "gia-previsto");
    assert!(json["submitted_at"]
        .as_str()
        .unwrap()
        .starts_with("2021-10-08"));
}

#[cfg(unix)]
#[test]
fn the_triage_walk_asks_in_italian() {
    use expectrl::{Eof, Expect};

    const DOWN: &str = "\x1b[B";
    let env = consultation();
    let mut p = on_a_terminal(&env, "it", &["triage", "--unanswered"]);
    p.expect("contributi del ciclo 2021-2023 da esaminare")
        .unwrap();
    p.expect("PO-PROP-2021-10-5101").unwrap();
    p.expect("piattaforma online").unwrap();
    p.expect("Semplificazione (dalla fonte)").unwrap();
    p.expect("Assi (spazio per spuntare, invio per confermare)")
        .unwrap();
    p.send("\r").unwrap();
    p.expect("Collega una scheda").unwrap();
    p.send("\r").unwrap();
    // Esito: non accolto is the fourth.
    p.expect("Esito").unwrap();
    p.expect("parzialmente accolto").unwrap();
    p.send(format!("{DOWN}{DOWN}{DOWN}\r")).unwrap();
    p.expect("Motivazione").unwrap();
    p.send("Non rientra nelle priorità del triennio.\r")
        .unwrap();
    p.expect("salvata").unwrap();
    // Poi: esci is the fourth.
    p.expect("Poi").unwrap();
    p.send(format!("{DOWN}{DOWN}{DOWN}\r")).unwrap();
    p.expect("1 risposta salvata").unwrap();
    p.expect(Eof).unwrap();
    let shown = env.json(&[
        "suggestion",
        "show",
        "PO-PROP-2021-10-5101",
        "--format",
        "json",
    ]);
    assert_eq!(shown["outcome"], "non-accolto", "{shown}");
}

#[cfg(unix)]
#[test]
fn the_confirmation_takes_s_in_italian_and_y_in_english() {
    use expectrl::{Eof, Expect};

    let env = Env::with_cards();
    let mut p = on_a_terminal(&env, "it", &["card", "remove", "COM-04"]);
    p.expect("[s/N]").unwrap();
    p.send("s").unwrap();
    p.expect("sì").unwrap();
    p.expect(Eof).unwrap();
    let cards = env.json(&["card", "list", "--format", "json"]);
    assert!(
        cards
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["code"] != "COM-04"),
        "s did not confirm"
    );

    // Enter is no, the default: nothing removed.
    let mut p = on_a_terminal(&env, "it", &["card", "remove", "COM-03"]);
    p.expect("[s/N]").unwrap();
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
    let mut p = on_a_terminal(&env, "en", &["card", "remove", "COM-02"]);
    p.expect("[y/N]").unwrap();
    p.send("y").unwrap();
    p.expect("yes").unwrap();
    p.expect(Eof).unwrap();
    let codes: Vec<String> = env
        .json(&["card", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        codes.contains(&"COM-03".to_string()),
        "Enter removed COM-03"
    );
    assert!(!codes.contains(&"COM-02".to_string()), "y did not confirm");
}
