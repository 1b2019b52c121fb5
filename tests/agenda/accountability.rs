//! The Accountability round trip with Decidim (issue 16): `card import-results` reads a results
//! export as Decidim's `ResultSerializer` and CSV exporter write it, `card export --format
//! decidim-accountability` writes what Decidim's `ResultsCsvImporter` takes. The fixture
//! `decidim-2022-results.csv` and the importer's rules checked below come from Decidim's own
//! source (tests/agenda/decidim-accountability-sources.md).

use crate::common::{fixture_arg, refused, stderr, Env};

/// A cycle in Fase 3 with the fixture cards, the 2021 proposals and their responses: the cards
/// have proposals answered with them.
fn answered() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        &fixture_arg("decidim-2021-proposals.csv"),
        &fixture_arg("decidim-2021-proposals-later.csv"),
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

fn import_json(env: &Env, extra: &[&str]) -> serde_json::Value {
    let file = fixture_arg("decidim-2022-results.csv");
    let mut args = vec!["card", "import-results", file.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--format", "json"]);
    env.json(&args)
}

fn row<'a>(summary: &'a serde_json::Value, result: &str) -> &'a serde_json::Value {
    summary["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["result_id"] == result)
        .unwrap_or_else(|| panic!("no row for result {result}: {summary}"))
}

fn progress(env: &Env, code: &str) -> serde_json::Value {
    env.json(&["card", "show", code, "--format", "json"])["progress"]["percent"].clone()
}

/// The ledger's and the Decidim tables' rows: what an import may change.
fn ledger_tables(env: &Env) -> String {
    env.snapshot()
        .split("## ")
        .filter(|t| {
            [
                "card_progress",
                "decidim_results",
                "decidim_statuses",
                "cards",
                "card_history",
            ]
            .iter()
            .any(|name| t.starts_with(&format!("{name}\n")))
        })
        .collect::<Vec<_>>()
        .join("## ")
}

#[test]
fn a_results_export_teaches_the_result_ids_and_statuses_and_brings_the_progress() {
    let env = answered();
    let summary = import_json(&env, &["--map", "COM-01=315"]);
    assert_eq!(summary["dry_run"], false);
    assert_eq!(summary["read"], 7, "{summary}");
    assert_eq!(summary["components"], serde_json::json!(["23"]));
    assert_eq!(summary["matched"], 6);
    assert_eq!(summary["ids_learned"], 6);
    // SEM-01, SEM-04 (46.33 → 46), COM-01, GOV-01; SEM-02 is conclusa at 100 already; COM-04
    // is sospesa and keeps its progress.
    assert_eq!(summary["progress_recorded"], 4);

    let sem01 = row(&summary, "311");
    assert_eq!(sem01["card"], "SEM-01");
    assert_eq!(sem01["matched_by"], "title");
    assert_eq!(sem01["outcome"], "recorded");
    assert_eq!(row(&summary, "312")["outcome"], "unchanged");
    assert_eq!(row(&summary, "313")["decidim_progress"], 46.33);
    assert_eq!(row(&summary, "314")["outcome"], "not-matched");
    assert_eq!(row(&summary, "314")["card"], serde_json::Value::Null);
    assert_eq!(row(&summary, "315")["matched_by"], "map");
    let com04 = row(&summary, "317");
    assert_eq!(com04["outcome"], "kept");
    assert!(
        com04["reason"].as_str().unwrap().contains("sospesa"),
        "{com04}"
    );

    assert_eq!(progress(&env, "SEM-01"), 60);
    assert_eq!(progress(&env, "SEM-04"), 46);
    assert_eq!(progress(&env, "COM-01"), 25);
    assert_eq!(progress(&env, "GOV-01"), 80);
    let shown = env.json(&["card", "show", "SEM-01", "--format", "json"]);
    assert_eq!(
        shown["progress"]["note"],
        "from Decidim (component 23, result 311)"
    );

    let statuses: Vec<(String, String, String)> = summary["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["status_id"].as_str().unwrap().to_string(),
                s["card_status"].as_str().unwrap_or("?").to_string(),
                s["told_by"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("41", "in-corso", "key"),
        ("43", "conclusa", "key"),
        ("44", "?", "?"),
        ("45", "sospesa", "key"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(statuses, expected);
}

#[test]
fn the_table_names_each_row_and_what_was_left_alone() {
    let env = answered();
    let out = env
        .run(&[
            "card",
            "import-results",
            &fixture_arg("decidim-2022-results.csv"),
        ])
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(table.contains("SEM-01"), "{table}");
    assert!(table.contains("no card"), "{table}");
    let said = stderr(&out);
    assert!(
        said.contains(
            "7 row(s), 5 matched to cards, 5 result id(s) learned, 3 progress figure(s) recorded"
        ),
        "{said}"
    );
    assert!(
        said.contains("2 results are no card's (lines 5, 6): left alone"),
        "{said}"
    );
    assert!(
        said.contains("status 41 (in_corso) means in corso (by its key)"),
        "{said}"
    );
    // "In esecuzione" is no card status: not guessed from the cards that carry it.
    assert!(
        said.contains(
            "status 44 (esecuzione) means no card status yet: --map STATUS=44 says which"
        ),
        "{said}"
    );
}

#[test]
fn the_export_is_what_decidims_importer_takes_and_updates_instead_of_duplicating() {
    let env = answered();
    import_json(&env, &["--map", "COM-01=315"]);
    let out = env
        .run(&["card", "export", "--format", "decidim-accountability"])
        .success();
    let bytes = out.get_output().stdout.clone();
    let said = stderr(&out);

    // The dialect: UTF-8 without BOM, `;`, LF.
    assert!(bytes.starts_with(b"id;"), "no BOM, id first");
    assert!(!bytes.contains(&b'\r'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(bytes.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    // Every column is one ResultsCsvImporter reads (a ResultForm attribute or a mapped header)
    // or ignores (component/id); no proposal_urls, whose digits the importer misreads and which
    // would override proposal_ids.
    let read = [
        "id",
        "external_id",
        "parent/id",
        "category/id",
        "title/it",
        "description/it",
        "start_date",
        "end_date",
        "status/id",
        "progress",
        "proposal_ids",
    ];
    for h in &headers {
        // title/<l> and description/<l> of the organisation's other languages are read too
        // (get_locale_attributes), and written back as they were.
        assert!(
            read.contains(&h.as_str())
                || h == "component/id"
                || h.starts_with("title/")
                || h.starts_with("description/"),
            "column {h} is not one Decidim reads"
        );
    }
    for needed in read {
        assert!(headers.iter().any(|h| h == needed), "no {needed} column");
    }
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 22, "every card");
    let by_code = |code: &str| {
        rows.iter()
            .find(|r| &r[at("external_id")] == code)
            .unwrap_or_else(|| panic!("no row for {code}"))
            .clone()
    };
    for r in &rows {
        // The title is required in the default locale; dates are Date.parse-able ISO days;
        // progress 0–100 with a point; ids digits.
        assert!(!r[at("title/it")].is_empty());
        for d in ["start_date", "end_date"] {
            let v = &r[at(d)];
            assert!(
                v.is_empty() || chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
                "{d} {v}"
            );
        }
        let p = &r[at("progress")];
        assert!(
            p.is_empty() || (0.0..=100.0).contains(&p.parse::<f64>().unwrap()),
            "{p}"
        );
        for id in ["id", "status/id", "parent/id", "category/id"] {
            assert!(r[at(id)].bytes().all(|b| b.is_ascii_digit()), "{id}");
        }
        assert_eq!(&r[at("component/id")], "23");
    }
    // The learned ids, so that Decidim updates its results: SEM-01 is result 311 with the
    // status it had; SEM-04 keeps its category and Decidim's own 46.33 (the card's 46 %).
    let sem01 = by_code("SEM-01");
    assert_eq!(&sem01[at("id")], "311");
    assert_eq!(&sem01[at("status/id")], "41");
    assert_eq!(&sem01[at("progress")], "60");
    assert_eq!(&sem01[at("start_date")], "2021-03-01");
    assert_eq!(&sem01[at("end_date")], "2022-12-31");
    assert!(sem01[at("description/it")].starts_with("<p>"));
    let sem04 = by_code("SEM-04");
    assert_eq!(&sem04[at("id")], "313");
    assert_eq!(&sem04[at("category/id")], "7");
    assert_eq!(&sem04[at("progress")], "46.33");
    // GOV-01's result keeps its own status 44, whose meaning is not known; SEM-02 is 43.
    assert_eq!(&by_code("GOV-01")[at("status/id")], "44");
    assert_eq!(&by_code("SEM-02")[at("status/id")], "43");
    assert_eq!(&by_code("SEM-02")[at("progress")], "100");
    // A card with no result: empty id, listed as one Decidim will create.
    assert_eq!(&by_code("NS-01")[at("id")], "");
    assert!(
        said.contains("Decidim will create 16 new result(s)"),
        "{said}"
    );
    assert!(said.contains("NS-01"), "{said}");
    // The proposals answered with a card: Decidim's ActiveModel integer cast reads the leading
    // digits of "5101, 5124", so the first is the one linked; the office is told of the others.
    let com01 = by_code("COM-01");
    let ids = &com01[at("proposal_ids")];
    assert!(ids.starts_with("5101"), "{ids}");
    let first: String = ids.chars().take_while(|c| c.is_ascii_digit()).collect();
    assert_eq!(first, "5101");
    if ids.contains(", ") {
        assert!(said.contains("COM-01 → 5115"), "{said}");
    }
    // --only-known: the cards already on Decidim, none created.
    let out = env
        .run(&[
            "card",
            "export",
            "--format",
            "decidim-accountability",
            "--only-known",
        ])
        .success();
    let only = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(only.lines().count(), 1 + 6, "{only}");
    assert!(!stderr(&out).contains("will create"));
    // Statuses no Decidim status is known to mean are said once each.
    assert!(
        said.contains("\"programmata, non avviata\" has no known status on the component: PRO-01, NS-02, INF-02, GOV-03 keep their results' (or none)"),
        "{said}"
    );
    assert!(
        said.contains("\"in corso\" has no known status on the component: COM-01, GOV-01 keep"),
        "{said}"
    );
}

#[test]
fn exporting_and_importing_back_changes_nothing() {
    let env = answered();
    import_json(&env, &["--map", "COM-01=315"]);
    let first = env.path("risultati.csv");
    env.run(&[
        "card",
        "export",
        "--format",
        "decidim-accountability",
        "--out",
        first.to_str().unwrap(),
    ])
    .success();
    let cards_and_ledger = |env: &Env| {
        ledger_tables(env)
            .split("## ")
            .filter(|t| !t.starts_with("decidim_"))
            .collect::<String>()
    };
    let before = cards_and_ledger(&env);
    let summary = env.json(&[
        "card",
        "import-results",
        first.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(summary["progress_recorded"], 0, "{summary}");
    assert_eq!(summary["ids_learned"], 0, "{summary}");
    assert_eq!(summary["matched"], 22, "every card by id or external_id");
    assert_eq!(cards_and_ledger(&env), before, "no card, no figure changed");
    let again = env.stdout(&["card", "export", "--format", "decidim-accountability"]);
    assert_eq!(
        again,
        std::fs::read_to_string(&first).unwrap(),
        "the second export is the first"
    );
    // And from then on the round trip is a fixed point: nothing at all changes.
    let everything = ledger_tables(&env);
    env.run(&["card", "import-results", first.to_str().unwrap()])
        .success();
    assert_eq!(ledger_tables(&env), everything, "a fixed point");
}

#[test]
fn a_bad_results_file_is_refused_whole_with_its_lines_and_changes_nothing() {
    let env = answered();
    let good = std::fs::read_to_string(fixture_arg("decidim-2022-results.csv")).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[3] = lines[3].replace(";46.33;", ";146;");
    lines[5] = lines[5].replacen("315;", "31a;", 1);
    let bad = env.write("risultati-errati.csv", lines.join("\n") + "\n");
    let before = env.snapshot();
    let err = refused(&env, &["card", "import-results", &bad], 3);
    assert!(
        err.contains("risultati-errati.csv:4: progress \"146\" is outside 0–100"),
        "{err}"
    );
    assert!(
        err.contains("risultati-errati.csv:6: id \"31a\" is not a Decidim id"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before, "the database is as it was");

    // A dry run says what it would do and leaves nothing behind.
    let summary = env.json(&[
        "card",
        "import-results",
        &fixture_arg("decidim-2022-results.csv"),
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(summary["dry_run"], true);
    assert_eq!(summary["progress_recorded"], 3);
    assert_eq!(env.snapshot(), before, "a dry run writes nothing");
}

#[test]
fn conflicts_and_unknown_components_are_said_plainly() {
    let env = answered();
    import_json(&env, &[]);
    // Result 311 is SEM-01's; a file saying its external_id is SEM-03 is a conflict to settle.
    let conflicting = env.write(
        "conflitto.csv",
        "id;external_id;title/it;progress;component/id\n311;SEM-03;Modulistica;10;23\n",
    );
    let err = refused(&env, &["card", "import-results", &conflicting], 3);
    assert!(
        err.contains(
            "conflitto.csv:2: result 311 stands for card SEM-01, but its external_id is SEM-03"
        ),
        "{err}"
    );
    // --map settles it: SEM-03 is result 311 now, and SEM-01 lets it go.
    env.run(&[
        "card",
        "import-results",
        &conflicting,
        "--map",
        "SEM-03=311",
    ])
    .success();
    let file = env.stdout(&["card", "export", "--format", "decidim-accountability"]);
    assert!(file.contains("\n311;SEM-03;"), "{file}");
    assert!(file.contains("\n;SEM-01;"), "{file}");

    // A file without component/id needs --component.
    let plain = env.write("senza-componente.csv", "id;title/it;progress\n311;x;10\n");
    let err = refused(&env, &["card", "import-results", &plain], 2);
    assert!(err.contains("has no component/id column"), "{err}");
    assert!(err.contains("--component ID"), "{err}");

    // Not a results file at all.
    let err = refused(
        &env,
        &["card", "import-results", &fixture_arg("cards.csv")],
        3,
    );
    assert!(err.contains("not a Decidim results export"), "{err}");

    // Two components known: the export asks which.
    let other = env.write(
        "altro.csv",
        "id;title/it;progress;component/id\n901;Sportello virtuale;20;31\n",
    );
    env.run(&["card", "import-results", &other]).success();
    let err = refused(
        &env,
        &["card", "export", "--format", "decidim-accountability"],
        2,
    );
    assert!(err.contains("(23, 31)"), "{err}");
    let file = env.stdout(&[
        "card",
        "export",
        "--format",
        "decidim-accountability",
        "--component",
        "31",
    ]);
    assert!(file.contains("\n901;NS-04;"), "{file}");
}

#[test]
fn decidim_0_30_columns_and_card_progress_from_read_the_same_way() {
    let env = answered();
    // Decidim 0.30's serializer: taxonomies instead of category, updated_at, reference,
    // children_count …; a status map given outright; progress dated by updated_at.
    let file = env.write(
        "results-0.30.csv",
        "id;taxonomies/id;taxonomies/name;parent/id;title/it;description/it;start_date;end_date;status/id;status/key;status/name/it;progress;created_at;updated_at;url;component/id;proposal_urls;reference;children_count;comments_count;address;latitude;longitude\n\
         401;3, 7;\"{\"\"it\"\"=>\"\"Servizi\"\"}\";;Iscrizione online ai servizi scolastici;<p>Mensa e trasporto.</p>;2021-01-01;2022-09-30;51;fatto;Fatto;100.0;2024-11-18 10:02:11 UTC;2024-11-20 08:00:00 UTC;https://partecipo.comune.prato.it/processes/agenda/f/40/results/401;40;\"\";PO-RESU-2024-11-401;0;0;;;\n",
    );
    let summary = env.json(&["card", "progress", "--from", &file, "--format", "json"]);
    assert_eq!(summary["matched"], 1, "{summary}");
    assert_eq!(row(&summary, "401")["card"], "NS-01");
    assert_eq!(summary["at_100"], serde_json::json!(["NS-01"]));
    let shown = env.json(&["card", "show", "NS-01", "--format", "json"]);
    assert_eq!(shown["progress"]["percent"], 100);
    assert_eq!(shown["progress"]["date"], "2024-11-20");
    // "fatto" says no card status (though the one card carrying it is in corso): unknown until
    // --map says it.
    let status = &summary["statuses"][0];
    assert_eq!(status["card_status"], serde_json::Value::Null);
    let summary = env.json(&[
        "card",
        "import-results",
        &file,
        "--map",
        "conclusa=51",
        "--format",
        "json",
    ]);
    assert_eq!(summary["statuses"][0]["card_status"], "conclusa");
    assert_eq!(summary["statuses"][0]["told_by"], "map");
}

#[test]
fn what_decidim_does_not_say_is_not_lost() {
    let env = answered();
    // The office recorded 70 % on GOV-01; a 0.27 export (no updated_at) still says 80 … and
    // says nothing of when: the card's own figure stays.
    env.run(&["card", "progress", "GOV-01", "70"]).success();
    let summary = import_json(&env, &["--map", "SEM-03=314"]);
    let gov01 = row(&summary, "316");
    assert_eq!(gov01["outcome"], "kept", "{gov01}");
    assert!(
        gov01["reason"]
            .as_str()
            .unwrap()
            .contains("does not say when"),
        "{gov01}"
    );
    assert_eq!(progress(&env, "GOV-01"), 70);
    // 99.6 % on Decidim is not done.
    let almost = env.write(
        "quasi.csv",
        "id;title/it;progress;component/id\n317;x;99.6;23\n318;Sportello virtuale;99.6;23\n",
    );
    let summary = env.json(&["card", "import-results", &almost, "--format", "json"]);
    assert_eq!(progress(&env, "NS-04"), 99, "{summary}");
    assert_eq!(summary["at_100"], serde_json::json!([]));
    // A hand-made file without parent/id, category/id or status/id columns leaves what was read
    // of them as it was: SEM-04's result keeps its category and status.
    let export = |env: &Env| {
        let text = env.stdout(&["card", "export", "--format", "decidim-accountability"]);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows)
    };
    let (header, rows) = export(&env);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let line_of =
        |rows: &[Vec<String>], code: &str| rows.iter().position(|r| r[1] == code).unwrap();
    let sem04 = rows[line_of(&rows, "SEM-04")].clone();
    assert_eq!(sem04[at("category/id")], "7");
    assert_eq!(sem04[at("status/id")], "41");
    // The result of SEM-03 (314) is a part of SEM-04's (313): it comes first, so that SEM-04's
    // own progress is the last Decidim saves.
    assert!(line_of(&rows, "SEM-03") < line_of(&rows, "SEM-04"));
    // The other languages go back as they were on Decidim.
    assert_eq!(
        sem04[at("title/en")],
        "pagoPA payments and services in the IO app"
    );
    let plain = env.write(
        "a-mano.csv",
        "id;title/it;progress;component/id\n313;Pagamenti pagoPA e servizi in app IO;46;23\n",
    );
    env.run(&["card", "import-results", &plain]).success();
    let (header2, rows) = export(&env);
    assert_eq!(header2, header);
    let sem04 = rows[line_of(&rows, "SEM-04")].clone();
    assert_eq!(sem04[at("category/id")], "7", "{sem04:?}");
    assert_eq!(sem04[at("status/id")], "41", "{sem04:?}");
    assert_eq!(
        sem04[at("title/en")],
        "pagoPA payments and services in the IO app"
    );
    // --map corrects a match even when the result matched before is in the file too.
    let summary = import_json(&env, &["--map", "SEM-01=315", "--map", "SEM-03=314"]);
    assert_eq!(row(&summary, "315")["card"], "SEM-01", "{summary}");
    assert_eq!(row(&summary, "311")["card"], serde_json::Value::Null);
}
