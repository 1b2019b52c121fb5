//! The report's chapter *Stato di attuazione* (issue 16): the cards' progress axis by axis in
//! every format, the cycle's milestones reached and missed, the indicators against their
//! targets; each accepted suggestion's card with its progress in chapter 3; the figures of a
//! closed cycle frozen at its closing; the progress annex for the open-data portal; and no
//! staff user name anywhere.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{conn, contains, fixture_arg, Env};
use crate::pdf::{words, Pdf};

/// The staff member who keeps the ledger: a person, whose name the report never prints.
const STAFF: &str = "Ottavia Brunelleschi";

/// The report's date.
const DATE: &str = "2021-12-15";

/// A ledger command run by [`STAFF`].
fn as_staff(env: &Env, args: &[&str]) {
    env.cmd(args).env("AGENDA_USER", STAFF).assert().success();
}

/// The 2021-2023 cycle in Fase 3 with the Decidim suggestions answered, and a ledger: SEM-04
/// at 60 % with a milestone reached and an indicator; SEM-01 at 30 % with a milestone missed;
/// COM-01 (which accepted PO-PROP-2021-10-5101) without progress and a milestone to come.
fn agenda() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        &fixture_arg("decidim-2021-proposals.csv"),
        &fixture_arg("decidim-2021-proposals-later.csv"),
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-11-20"])
        .success();
    env.run(&[
        "suggestion",
        "respond",
        "--from",
        &fixture_arg("responses-2021.csv"),
    ])
    .success();
    crate::common::tag_untagged(&env);
    as_staff(
        &env,
        &[
            "card",
            "progress",
            "SEM-04",
            "60",
            "--date",
            "2021-11-30",
            "--note",
            "pagoPA su 12 servizi",
        ],
    );
    as_staff(
        &env,
        &["card", "progress", "SEM-01", "30", "--date", "2021-10-15"],
    );
    as_staff(
        &env,
        &[
            "card",
            "milestone",
            "add",
            "SEM-04",
            "--date",
            "2021-11-15",
            "--title",
            "Avvisi su app IO",
            "--done",
        ],
    );
    as_staff(
        &env,
        &[
            "card",
            "milestone",
            "add",
            "SEM-01",
            "--date",
            "2021-10-31",
            "--title",
            "Dismissione delle credenziali comunali",
        ],
    );
    as_staff(
        &env,
        &[
            "card",
            "milestone",
            "add",
            "COM-01",
            "--date",
            "2022-06-30",
            "--title",
            "Primo Punto Digitale Facile",
        ],
    );
    as_staff(
        &env,
        &[
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
            "2021-11-30",
        ],
    );
    env
}

/// `report` of the open cycle (a draft of [`DATE`]) with `args`, as bytes.
fn report(env: &Env, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["report", "--draft", "--date", DATE];
    all.extend_from_slice(args);
    env.run(&all).success().get_output().stdout.clone()
}

fn text(env: &Env, format: &str) -> String {
    String::from_utf8(report(env, &["--format", format])).unwrap()
}

/// The part of a Markdown report from one heading to the next of the same level.
fn chapter<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} in\n{md}"));
    let rest = &md[start + heading.len()..];
    &md[start..start + heading.len() + rest.find("\n## ").unwrap_or(rest.len())]
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::common::files_in(dir)
        .into_iter()
        .map(|(p, b)| (p.file_name().unwrap().to_string_lossy().into_owned(), b))
        .collect()
}

#[test]
fn the_chapter_in_markdown_comes_after_the_cards_with_bars_milestones_and_indicators() {
    let env = agenda();
    let md = text(&env, "md");
    // The index and the chapters are numbered alike, the new chapter after the cards.
    for heading in [
        "- 4. L’Agenda aggiornata\n- 5. Stato di attuazione\n- 6. Cosa è cambiato rispetto all’edizione precedente\n- 7. Allegati",
        "## 5. Stato di attuazione",
        "## 7. Allegati",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.find("## 4. L’Agenda").unwrap() < md.find("## 5. Stato").unwrap());
    let ch = chapter(&md, "## 5. Stato di attuazione");
    assert!(ch.contains("al 15 dicembre 2021"), "{ch}");
    assert!(ch.contains("### Asse: Semplificazione"), "{ch}");
    assert!(
        ch.contains("| SEM-04 | Pagamenti pagoPA e servizi in app IO | In corso | ██████░░░░ 60% | 30/11/2021: pagoPA su 12 servizi |"),
        "{ch}"
    );
    assert!(ch.contains("| ███░░░░░░░ 30% | 15/10/2021 |"), "{ch}");
    assert!(
        ch.contains(
            "| COM-01 | Punti Digitale Facile | In corso | nessun avanzamento registrato | – |"
        ),
        "{ch}"
    );
    assert!(ch.contains("Traguardi raggiunti nel ciclo (1):"), "{ch}");
    assert!(
        ch.contains("| SEM-04 | Avvisi su app IO | 15/11/2021 | 15/11/2021 |"),
        "{ch}"
    );
    assert!(ch.contains("Traguardi mancati (1):"), "{ch}");
    assert!(
        ch.contains("| SEM-01 | Dismissione delle credenziali comunali | 31/10/2021 |"),
        "{ch}"
    );
    assert!(ch.contains("Traguardi in programma (1):"), "{ch}");
    assert!(
        ch.contains("| SEM-04 | Pagamenti pagoPA annui (pagamenti) | 1.200 (31/12/2020) | 8.400 (30/11/2021) | 30.000 (31/12/2023) | non raggiunto |"),
        "{ch}"
    );
    // The cards chapter still says which chapter holds them.
    assert!(
        md.contains("le 22 schede del capitolo 4"),
        "chapter 6 names chapter 4"
    );
}

#[test]
fn the_chapter_in_html_reads_in_black_and_white_and_on_a_phone() {
    let env = agenda();
    let html = text(&env, "html");
    assert!(html.contains("<li><a href=\"#attuazione\">5. Stato di attuazione</a></li>"));
    assert!(html.contains("<h2 id=\"h-attuazione\">5. Stato di attuazione</h2>"));
    assert!(html.contains("<li><a href=\"#allegati\">7. Allegati</a></li>"));
    let start = html.find("id=\"h-attuazione\"").unwrap();
    let ch = &html[start..start + html[start..].find("</section>").unwrap()];
    // An outlined bar filled solid, hidden from screen readers, with its value written.
    assert!(
        ch.contains("<svg viewBox=\"0 0 100 12\" width=\"100\" height=\"12\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"99\" height=\"11\" fill=\"#fff\" stroke=\"#1a1a1a\"/><rect x=\"0.5\" y=\"0.5\" width=\"59.4\" height=\"11\" fill=\"#0b3d66\"/></svg> <span class=\"value\">60%</span>"),
        "{ch}"
    );
    assert!(ch.contains("<td data-label=\"Avanzamento\">nessun avanzamento registrato</td>"));
    assert!(ch.contains("<table class=\"milestones\">"));
    assert!(ch.contains("<table class=\"indicators\">"));
    assert!(html.contains("table.progress td::before, table.milestones td::before"));
}

#[test]
fn the_chapter_in_the_pdf() {
    let env = agenda();
    let pdf = Pdf::parse(&report(&env, &["--format", "pdf"]));
    let pages = pdf.pages_words();
    let all = pages.join(" ");
    let at = pages
        .iter()
        .position(|p| p.contains("5. Stato di attuazione Lo stato di attuazione"))
        .unwrap_or_else(|| panic!("the chapter's page in {all}"));
    let from_chapter = pages[at..].join(" ");
    for needle in [
        "Asse: Semplificazione",
        "SEM-04",
        "60%",
        "30%",
        "nessun avanzamento registrato",
        "Traguardi mancati (1):",
        "Dismissione delle credenziali comunali",
        "31/10/2021",
        "8.400 (30/11/2021)",
        "non raggiunto",
        "6. Cosa è cambiato",
    ] {
        assert!(from_chapter.contains(needle), "{needle} in {from_chapter}");
    }
    // The index lists the chapter.
    assert!(all.contains("5. Stato di attuazione"));
}

#[test]
fn the_chapter_in_json() {
    let env = agenda();
    let json: serde_json::Value =
        serde_json::from_slice(&report(&env, &["--format", "json"])).unwrap();
    let im = &json["implementation"];
    assert_eq!(im["as_of"], DATE);
    assert_eq!(im["source"], "live");
    let sem = &im["axes"][0];
    assert_eq!(sem["axis"], "semplificazione");
    let sem04 = sem["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "SEM-04")
        .unwrap();
    assert_eq!(sem04["progress"]["percent"], 60);
    assert_eq!(sem04["progress"]["date"], "2021-11-30");
    assert_eq!(sem04["progress"]["note"], "pagoPA su 12 servizi");
    assert!(sem04["progress"].get("user").is_none(), "{sem04}");
    assert_eq!(im["missed"][0]["card"], "SEM-01");
    assert_eq!(im["missed"][0]["planned"], "2021-10-31");
    assert_eq!(im["reached"][0]["reached_on"], "2021-11-15");
    assert_eq!(im["upcoming"][0]["card"], "COM-01");
    let ind = &im["indicators"][0];
    assert_eq!(ind["last"]["value"], 8400.0);
    assert_eq!(ind["target"]["date"], "2023-12-31");
    assert_eq!(ind["reached"], false);
}

#[test]
fn chapter_3_gives_each_accepted_suggestions_card_with_its_progress() {
    let env = agenda();
    let md = text(&env, "md");
    let ch = chapter(&md, "## 3. Esiti dei contributi");
    let row = |reference: &str| {
        ch.lines()
            .find(|l| l.contains(&format!("[{reference}]")))
            .unwrap_or_else(|| panic!("{reference} in {ch}"))
            .to_string()
    };
    // 5103 è già previsto by SEM-04, 5101 accolto with COM-01 (no progress).
    assert!(row("PO-PROP-2021-10-5103").ends_with("| SEM-04 (avanzamento 60%) |"));
    assert!(row("PO-PROP-2021-10-5101").ends_with("| COM-01 (nessun avanzamento registrato) |"));
    for line in ch.lines().filter(|l| l.contains("| Non accolto |")) {
        assert!(!line.contains("avanzamento"), "{line}");
    }
    let html = text(&env, "html");
    assert!(html.contains(
        "<a href=\"#scheda-SEM-04\">SEM-04</a><br><span class=\"progress\">avanzamento 60%</span>"
    ));
    let json: serde_json::Value =
        serde_json::from_slice(&report(&env, &["--format", "json"])).unwrap();
    let responses = json["responses"].as_array().unwrap();
    let of = |reference: &str| {
        responses
            .iter()
            .find(|r| r["reference"] == reference)
            .unwrap()
            .clone()
    };
    assert_eq!(of("PO-PROP-2021-10-5103")["card_progress"]["percent"], 60);
    assert!(of("PO-PROP-2021-10-5101")["card_progress"].is_null());
    let pdf = Pdf::parse(&report(&env, &["--format", "pdf"]));
    let all = pdf.pages_words().join(" ");
    assert!(all.contains("SEM-04: avanzamento 60%"), "{all}");
    assert!(
        all.contains("COM-01: nessun avanzamento registrato"),
        "{all}"
    );
}

/// Every format and both flavours of the annexes of the 2021-2023 cycle (closed), as bytes.
fn closed_outputs(env: &Env, name: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for format in ["md", "html", "json", "pdf"] {
        let bytes = env
            .run(&["--cycle", "2021-2023", "report", "--format", format])
            .success()
            .get_output()
            .stdout
            .clone();
        out.insert(format.to_string(), bytes);
    }
    for (flavour, extra) in [("open", None), ("excel", Some("--excel"))] {
        let dir = env.path(&format!("{name}-{flavour}"));
        let mut args = vec![
            "--cycle",
            "2021-2023",
            "report",
            "--format",
            "csv",
            "--out",
            dir.to_str().unwrap(),
        ];
        args.extend(extra);
        env.run(&args).success();
        for (file, bytes) in files(&dir) {
            out.insert(format!("{flavour}/{file}"), bytes);
        }
    }
    out
}

#[test]
fn a_closed_cycles_figures_are_those_at_its_closing() {
    let env = agenda();
    crate::common::close_without_act(&env, "2022-01-20");
    let before = closed_outputs(&env, "before");
    let md = String::from_utf8(before["md"].clone()).unwrap();
    let ch = chapter(&md, "## 5. Stato di attuazione");
    assert!(
        ch.contains("alla chiusura del ciclo, il 20 gennaio 2022"),
        "{ch}"
    );
    assert!(ch.contains("██████░░░░ 60%"), "{ch}");
    // The snapshot is read-only, like the cards'.
    let db = conn(&env);
    for sql in [
        "UPDATE progress_snapshots SET percent = 99",
        "DELETE FROM milestone_snapshots",
        "UPDATE indicator_snapshots SET measure_value = 1",
        "DELETE FROM ledger_snapshots",
    ] {
        let err = db.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("read-only"), "{sql}: {err}");
    }
    drop(db);

    // The next cycle: SEM-04 concluded, the missed milestone reached, a new measure.
    env.run(&["cycle", "open", "--date", "2022-02-01"])
        .success();
    as_staff(
        &env,
        &[
            "--yes",
            "card",
            "progress",
            "SEM-04",
            "100",
            "--date",
            "2022-09-30",
        ],
    );
    as_staff(
        &env,
        &["card", "progress", "COM-01", "50", "--date", "2022-03-01"],
    );
    let milestones = env.json(&["card", "milestone", "list", "--format", "json"]);
    let missed = milestones
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["card"] == "SEM-01")
        .unwrap()["id"]
        .to_string();
    as_staff(
        &env,
        &["card", "milestone", "done", &missed, "--date", "2022-03-15"],
    );
    as_staff(
        &env,
        &[
            "card",
            "indicator",
            "SEM-04",
            "Pagamenti pagoPA annui",
            "--measure",
            "31000",
            "--date",
            "2022-10-31",
        ],
    );
    let after = closed_outputs(&env, "after");
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed after the closing");
    }
    // The open cycle's report has the new figures.
    let now = String::from_utf8(
        env.run(&["report", "--draft", "--date", "2022-11-01"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let ch = chapter(&now, "## 5. Stato di attuazione");
    assert!(ch.contains("██████████ 100%"), "{ch}");
    assert!(ch.contains("█████░░░░░ 50%"), "{ch}");
    assert!(
        ch.contains("| 31.000 (31/10/2022) | 30.000 (31/12/2023) | raggiunto |"),
        "{ch}"
    );
    // Milestones reached in the cycle are those since the previous closing.
    assert!(ch.contains("Traguardi raggiunti nel ciclo (1):"), "{ch}");
    assert!(
        ch.contains("dopo la chiusura del ciclo precedente, il 20 gennaio 2022"),
        "{ch}"
    );
}

/// The rows of a CSV file, header first.
fn rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_progress_annex_for_the_open_data_portal_in_both_flavours() {
    let env = agenda();
    let open = env.path("open");
    report(&env, &["--format", "csv", "--out", open.to_str().unwrap()]);
    let excel = env.path("excel");
    report(
        &env,
        &[
            "--format",
            "csv",
            "--excel",
            "--out",
            excel.to_str().unwrap(),
        ],
    );
    let open = rows(&files(&open)["stato-attuazione.csv"], b',');
    assert_eq!(
        open[0],
        [
            "tipo",
            "codice_scheda",
            "titolo_scheda",
            "asse",
            "stato_scheda",
            "voce",
            "avanzamento_percentuale",
            "data_avanzamento",
            "nota",
            "data_prevista",
            "data_raggiungimento",
            "esito",
            "unita_misura",
            "valore_partenza",
            "data_partenza",
            "ultimo_valore",
            "data_ultimo_valore",
            "valore_obiettivo",
            "data_obiettivo"
        ]
    );
    let find = |rows: &[Vec<String>], kind: &str, code: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == kind && r[1] == code)
            .unwrap_or_else(|| panic!("{kind} {code}"))
            .clone()
    };
    let sem04 = find(&open, "avanzamento", "SEM-04");
    assert_eq!(sem04[6], "60");
    assert_eq!(sem04[7], "2021-11-30");
    assert_eq!(sem04[8], "pagoPA su 12 servizi");
    assert_eq!(
        find(&open, "avanzamento", "COM-01")[6],
        "",
        "no progress: empty"
    );
    let missed = find(&open, "traguardo", "SEM-01");
    assert_eq!(
        (
            &missed[5][..],
            &missed[9][..],
            &missed[10][..],
            &missed[11][..]
        ),
        (
            "Dismissione delle credenziali comunali",
            "2021-10-31",
            "",
            "mancato"
        )
    );
    let ind = find(&open, "indicatore", "SEM-04");
    assert_eq!(
        ind[11..].to_vec(),
        [
            "non raggiunto",
            "pagamenti",
            "1200",
            "2020-12-31",
            "8400",
            "2021-11-30",
            "30000",
            "2023-12-31"
        ]
    );
    // Every card has its row, in the order of the Agenda.
    assert_eq!(open.iter().filter(|r| r[0] == "avanzamento").count(), 22);

    let bytes = &files(&excel)["stato-attuazione.csv"];
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "Excel's BOM");
    let excel = rows(bytes, b';');
    assert_eq!(
        excel[0][..4],
        ["Tipo", "Codice scheda", "Titolo della scheda", "Asse"]
    );
    assert_eq!(find(&excel, "avanzamento", "SEM-04")[7], "30/11/2021");
    assert_eq!(find(&excel, "indicatore", "SEM-04")[15], "8400");
    // Chapter 7 lists the annex.
    let md = text(&env, "md");
    assert!(
        md.contains("- `stato-attuazione.csv`: lo stato di attuazione"),
        "chapter 7"
    );
}

#[test]
fn no_staff_user_name_in_any_output() {
    let env = agenda();
    assert!(
        contains(&std::fs::read(env.db()).unwrap(), STAFF),
        "the ledger records who: the test means something"
    );
    let mut outputs: Vec<(String, Vec<u8>)> = ["md", "html", "json"]
        .iter()
        .map(|f| (f.to_string(), report(&env, &["--format", f])))
        .collect();
    let pdf = Pdf::parse(&report(&env, &["--format", "pdf"]));
    outputs.push((
        "pdf".into(),
        words(&pdf.pages_words().join(" ")).into_bytes(),
    ));
    for extra in [None, Some("--excel")] {
        let dir = env.path(if extra.is_some() { "excel" } else { "open" });
        let mut args = vec!["--format", "csv", "--out", dir.to_str().unwrap()];
        args.extend(extra);
        report(&env, &args);
        outputs.extend(files(&dir));
    }
    crate::common::close_without_act(&env, "2022-01-20");
    outputs.extend(closed_outputs(&env, "closed"));
    for (name, bytes) in &outputs {
        for needle in [STAFF, "Brunelleschi", "collaudo"] {
            assert!(!contains(bytes, needle), "{needle} in {name}");
        }
    }
}
