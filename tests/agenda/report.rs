//! `agenda report`: the triennial update report — snapshots of the Markdown and HTML, no
//! personal data in any format, escaping, figures that add up, determinism, the CSV annexes and
//! their formula guard, and the refusal of a final report while suggestions lack a response.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{fixture, fixture_arg, Env};

/// The date every report of these tests bears.
const DATE: &str = "2022-01-15";

/// The 2021-2023 cycle in Fase 3 with the fixture cards, the Decidim 2021 export and its later
/// export, the 2022 Decidim 0.30 export and the office's Excel file (both carrying names and
/// e-mails), tagged by the rules and answered from the response file: 27 suggestions are left
/// without a response, so the report can only be a draft.
fn agenda() -> Env {
    let env = Env::collecting();
    env.run(&[
        "suggestion",
        "import",
        &fixture_arg("decidim-2021-proposals.csv"),
        &fixture_arg("decidim-2021-proposals-later.csv"),
        &fixture_arg("modulo-web-2022.csv"),
        &fixture_arg("decidim-2022-proposals-0.30.csv"),
    ])
    .success();
    env.run(&["suggestion", "autotag"]).success();
    env.run(&[
        "suggestion",
        "respond",
        "--from",
        &fixture_arg("responses-2021.csv"),
    ])
    .success();
    env.run(&["phase", "advance", "--date", "2021-12-01"])
        .success();
    env
}

/// Runs `report` with the arguments and returns stdout.
fn report(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["report", "--date", DATE];
    all.extend_from_slice(args);
    env.stdout(&all)
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        out.insert(
            entry.file_name().to_string_lossy().into_owned(),
            std::fs::read(entry.path()).unwrap(),
        );
    }
    out
}

#[test]
fn markdown_and_html_snapshots_of_the_fixtures() {
    let env = agenda();
    // The stamp names the version that made the report: the snapshots hold any version.
    let unversioned = |s: String| {
        s.replace(
            &format!("agenda {}; ", env!("CARGO_PKG_VERSION")),
            "agenda X.Y.Z; ",
        )
    };
    let md = report(&env, &["--draft", "--format", "md"]);
    insta::assert_snapshot!("report_draft_md", unversioned(md));
    let html = report(&env, &["--draft", "--format", "html"]);
    insta::assert_snapshot!("report_draft_html", unversioned(html));
}

/// The names and e-mail addresses of the fixtures: `author/name` of the Decidim 0.30 export,
/// `Nome e cognome` and `E-mail` of the office's Windows-1252 spreadsheet.
fn personal_data() -> Vec<String> {
    let mut out = Vec::new();
    let mut decidim = csv::Reader::from_path(fixture("decidim-2022-proposals-0.30.csv")).unwrap();
    let headers = decidim.headers().unwrap().clone();
    let name = headers.iter().position(|h| h == "author/name").unwrap();
    for row in decidim.records() {
        out.push(row.unwrap()[name].to_string());
    }
    let bytes = std::fs::read(fixture("modulo-web-2022.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut office = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = office.headers().unwrap().clone();
    let columns: Vec<usize> = ["Nome e cognome", "E-mail"]
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).unwrap())
        .collect();
    for row in office.records() {
        let row = row.unwrap();
        for c in &columns {
            out.push(row[*c].to_string());
        }
    }
    out.retain(|v| !v.trim().is_empty());
    assert!(
        out.len() >= 20,
        "the fixtures hold names and e-mails: {out:?}"
    );
    out
}

#[test]
fn no_name_or_email_of_the_fixtures_in_any_format() {
    let env = agenda();
    // The personal data did reach the database, so their absence from the report means something.
    let people = env.json(&[
        "suggestion",
        "show",
        "PO-PROP-2022-11-7201",
        "--format",
        "json",
    ]);
    assert_eq!(people["personal_data"]["author"], "Giulia Bettazzi");
    let mut outputs = Vec::new();
    for format in ["md", "html", "json"] {
        outputs.push((
            format.to_string(),
            report(&env, &["--draft", "--format", format]),
        ));
    }
    for (flavour, extra) in [("open", None), ("excel", Some("--excel"))] {
        let dir = env.path(flavour);
        let mut args = vec!["--draft", "--format", "csv", "--out", dir.to_str().unwrap()];
        args.extend(extra);
        report(&env, &args);
        for (name, bytes) in files(&dir) {
            outputs.push((
                format!("{flavour}/{name}"),
                String::from_utf8(bytes).unwrap(),
            ));
        }
    }
    for value in personal_data() {
        for (what, text) in &outputs {
            assert!(
                !text.contains(&value),
                "{what} holds personal data: {value:?}"
            );
        }
    }
}

/// A collecting agenda with one office file whose titles carry markup and a formula.
fn hostile() -> Env {
    let env = Env::collecting();
    let file = env.write(
        "ostile.csv",
        "Oggetto;Proposta;Data invio\n\
         <script>alert('x')</script> Wi-Fi nei parchi;Vorrei il Wi-Fi;10/10/2021\n\
         =HYPERLINK(\"http://x\") | dati & <b>aperti</b>;Pubblicare i dati;11/10/2021\n",
    );
    env.run(&["suggestion", "import", &file]).success();
    env
}

#[test]
fn a_script_in_a_title_comes_out_escaped() {
    let env = hostile();
    let html = report(&env, &["--draft", "--format", "html"]);
    // The apostrophe after a letter is the typographic one; the one after "(" stays straight.
    assert!(html.contains("&lt;script&gt;alert(&#39;x’)&lt;/script&gt; Wi-Fi nei parchi"));
    assert!(html.contains("dati &amp; &lt;b&gt;aperti&lt;/b&gt;"));
    assert!(!html.contains("<script"), "no script element at all");
    assert!(!html.contains("<b>aperti"));
    let md = report(&env, &["--draft", "--format", "md"]);
    assert!(md.contains("\\<script\\>alert('x’)\\</script\\> Wi-Fi nei parchi"));
    // A `|` in a title stays in its cell.
    assert!(md.contains("=HYPERLINK(“http://x”) \\| dati & \\<b\\>aperti\\</b\\>"));
    assert!(!md.contains("<script>"));
}

#[test]
fn csv_annexes_guard_formulas() {
    let env = hostile();
    let dir = env.path("allegati");
    report(
        &env,
        &["--draft", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    let annexes = files(&dir);
    assert_eq!(
        annexes.keys().collect::<Vec<_>>(),
        [
            "cifre.csv",
            "esiti-contributi.csv",
            "schede.csv",
            "stato-attuazione.csv"
        ]
    );
    let responses = String::from_utf8(annexes["esiti-contributi.csv"].clone()).unwrap();
    let mut reader = csv::Reader::from_reader(responses.as_bytes());
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://x\") | dati & <b>aperti</b>".to_string()),
        "{titles:?}"
    );
    // No cell of any annex starts with a formula character.
    for (name, bytes) in &annexes {
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {cell:?}"
                );
            }
        }
    }
}

#[test]
fn the_figures_add_up() {
    let env = agenda();
    let report: serde_json::Value =
        serde_json::from_str(&report(&env, &["--draft", "--format", "json"])).unwrap();
    let suggestions = env.json(&["suggestion", "list", "--format", "json"]);
    let suggestions = suggestions.as_array().unwrap();
    let figures = &report["figures"];
    let count = |list: &serde_json::Value, code: &str| -> i64 {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap_or_else(|| panic!("no {code}"))["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(
        figures["suggestions"].as_i64().unwrap(),
        suggestions.len() as i64
    );
    for axis in [
        "semplificazione",
        "promozione",
        "competenze",
        "nuovi-servizi",
        "infrastrutture",
        "governance",
    ] {
        let expected = suggestions
            .iter()
            .filter(|s| s["axes"].as_array().unwrap().iter().any(|a| a == axis))
            .count() as i64;
        assert_eq!(count(&figures["by_axis"], axis), expected, "axis {axis}");
    }
    let untagged = suggestions
        .iter()
        .filter(|s| s["axes"].as_array().unwrap().is_empty())
        .count() as i64;
    assert_eq!(count(&figures["by_axis"], "senza-asse"), untagged);
    let mut outcomes: BTreeMap<String, i64> = BTreeMap::new();
    for s in suggestions {
        let outcome = s["outcome"]
            .as_str()
            .unwrap_or("senza-risposta")
            .to_string();
        *outcomes.entry(outcome).or_default() += 1;
    }
    for (outcome, n) in &outcomes {
        assert_eq!(
            count(&figures["by_outcome"], outcome),
            *n,
            "outcome {outcome}"
        );
    }
    // The fixtures' outcomes, as fixtures/README.md gives them.
    assert_eq!(outcomes["accolto"], 9);
    assert_eq!(outcomes["gia-previsto"], 10);
    let sum = |list: &serde_json::Value| -> i64 {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum()
    };
    for partition in ["by_outcome", "by_stakeholder", "by_channel"] {
        assert_eq!(
            sum(&figures[partition]),
            suggestions.len() as i64,
            "{partition}"
        );
    }
    assert_eq!(
        report["responses"].as_array().unwrap().len(),
        suggestions.len()
    );
    assert_eq!(sum(&figures["cards_by_axis"]), 22);
    assert_eq!(sum(&figures["cards_by_status"]), 22);
    // The responses are in the order of their references.
    let references: Vec<&str> = report["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    let mut sorted = references.clone();
    sorted.sort();
    assert_eq!(references, sorted);
}

#[test]
fn a_large_cycle_comes_out_whole_and_in_order_with_the_first_missing_references() {
    // More rows than one group of the rendering thread, in an order that is not the ids'.
    let env = Env::collecting();
    let mut csv = String::from("Codice;Titolo;Proposta\n");
    for i in (0..1300).rev() {
        csv.push_str(&format!(
            "R-{i:05};Proposta {i};Testo della proposta {i}.\n"
        ));
    }
    let file = env.write("molte.csv", csv);
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    for i in [3, 7] {
        env.run(&["suggestion", "tag", &format!("R-{i:05}"), "governance"])
            .success();
    }
    let md = report(&env, &["--draft", "--format", "md"]);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| R-")).collect();
    assert_eq!(rows.len(), 1300);
    // Grouped by their first axis, the untagged last, each group in reference order.
    let refs: Vec<&str> = rows.iter().map(|l| &l[2..9]).collect();
    assert_eq!(refs[..2], ["R-00003", "R-00007"]);
    let mut sorted = refs[2..].to_vec();
    sorted.sort();
    assert_eq!(
        refs[2..],
        sorted,
        "the responses are not in reference order"
    );
    let governance = md
        .find("### Asse: Governance")
        .expect("the Governance group");
    let untagged = md
        .find("### Contributi senza asse tematico")
        .expect("the group of the untagged");
    let first = md.find("| R-00003 |").unwrap();
    let next = md.find("| R-00000 |").unwrap();
    assert!(governance < first && first < untagged && untagged < next);
    // What is missing names the first references in their order, skipping the tagged ones.
    assert!(
        md.contains("1.300 contributi senza risposta: R-00000, R-00001, R-00002, R-00003, R-00004, R-00005, R-00006, R-00007, R-00008, R-00009 e altri 1.290"),
        "{}",
        md.lines().filter(|l| l.contains("senza")).collect::<Vec<_>>().join("\n")
    );
    assert!(
        md.contains("1.298 contributi senza asse tematico: R-00000, R-00001, R-00002, R-00004, R-00005, R-00006, R-00008, R-00009, R-00010, R-00011 e altri 1.288"),
        "{}",
        md.lines().filter(|l| l.contains("senza")).collect::<Vec<_>>().join("\n")
    );
    let html = report(&env, &["--draft", "--format", "html"]);
    assert_eq!(html.matches("<tr id=\"contributo-R-").count(), 1300);
}

#[test]
fn same_data_and_date_give_the_same_bytes_in_every_format() {
    let env = agenda();
    for format in ["md", "html", "json"] {
        let first = report(&env, &["--draft", "--format", format]);
        let second = report(&env, &["--draft", "--format", format]);
        assert_eq!(first, second, "{format}");
        // Written to a file, the bytes are those of standard output.
        let path = env.path(&format!("relazione.{format}"));
        report(&env, &["--draft", "--out", path.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), first, "{format}");
    }
    for extra in [None, Some("--excel")] {
        let mut runs = Vec::new();
        for run in ["a", "b"] {
            let dir = env.path(&format!("csv-{run}-{}", extra.is_some()));
            let mut args = vec!["--draft", "--format", "csv", "--out", dir.to_str().unwrap()];
            args.extend(extra);
            report(&env, &args);
            runs.push(files(&dir));
        }
        assert_eq!(runs[0], runs[1]);
    }
}

#[test]
fn the_final_report_is_refused_while_suggestions_lack_a_response() {
    let env = agenda();
    let out = env.path("relazione.md");
    let assert = env
        .run(&["report", "--date", DATE, "--out", out.to_str().unwrap()])
        .code(4);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("27 of 63 suggestions have no response"),
        "{stderr}"
    );
    assert!(stderr.contains("--draft"), "{stderr}");
    assert!(
        !out.exists(),
        "nothing is written when the report is refused"
    );
    // In Fase 2 even a fully answered cycle has no final report yet.
    let collecting = Env::collecting();
    collecting.run(&["report", "--date", DATE]).code(4);
    // A draft is always possible, and says what is missing.
    let md = report(&env, &["--draft"]);
    assert!(md.contains("BOZZA"));
    assert!(md.contains("27 contributi senza risposta"));
    assert!(md.contains("2 schede senza ufficio responsabile: PRO-03, INF-04"));
}

#[test]
fn excel_flavour_has_bom_semicolons_and_italian_dates() {
    let env = agenda();
    let dir = env.path("excel");
    report(
        &env,
        &[
            "--draft",
            "--format",
            "csv",
            "--excel",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    for (name, bytes) in files(&dir) {
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{name} has a BOM");
        let text = String::from_utf8(bytes).unwrap();
        let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
        assert!(
            header.contains(';') && !header.contains(','),
            "{name}: {header}"
        );
    }
    let responses =
        String::from_utf8(std::fs::read(dir.join("esiti-contributi.csv")).unwrap()).unwrap();
    let line = responses
        .lines()
        .find(|l| l.starts_with("PO-PROP-2021-10-5101;"))
        .unwrap();
    assert!(line.contains(";05/10/2021;"), "{line}");
    let cards = String::from_utf8(std::fs::read(dir.join("schede.csv")).unwrap()).unwrap();
    let sem01 = cards.lines().find(|l| l.starts_with("SEM-01;")).unwrap();
    assert!(sem01.contains(";03/2021;12/2022;45000,00;"), "{sem01}");
    // The open-data flavour: `,`, no BOM, ISO dates, decimal point.
    let dir = env.path("open");
    report(
        &env,
        &["--draft", "--format", "csv", "--out", dir.to_str().unwrap()],
    );
    let responses = std::fs::read(dir.join("esiti-contributi.csv")).unwrap();
    assert!(!responses.starts_with("\u{feff}".as_bytes()));
    let responses = String::from_utf8(responses).unwrap();
    assert!(responses
        .lines()
        .any(|l| l.starts_with("PO-PROP-2021-10-5101,") && l.contains(",2021-10-05,")));
    let cards = String::from_utf8(std::fs::read(dir.join("schede.csv")).unwrap()).unwrap();
    assert!(cards
        .lines()
        .any(|l| l.starts_with("SEM-01,") && l.contains(",2021-03,2022-12,45000.00,")));
    // --excel belongs to the CSV annexes.
    env.run(&["report", "--draft", "--date", DATE, "--excel"])
        .code(2);
}

#[test]
fn the_html_is_self_contained_accessible_and_printable() {
    let env = agenda();
    let html = report(&env, &["--draft", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
    for needle in [
        "@page { size: A4",
        "break-before: page",
        "thead { display: table-header-group; }",
        "<th scope=\"col\">",
        "<th scope=\"row\">",
        "<svg class=\"chart\" role=\"img\"",
        "class=\"watermark\"",
        "BOZZA – non approvato",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    for external in ["<link", "<script", "src=\"http", "url(http"] {
        assert!(!html.contains(external), "external asset {external}");
    }
    for chapter in [
        "1. Il processo partecipativo",
        "2. La partecipazione in cifre",
        "3. Esiti dei contributi",
        "4. L’Agenda aggiornata",
        "5. Stato di attuazione",
        "6. Cosa è cambiato rispetto all’edizione precedente",
        "7. Allegati",
    ] {
        assert!(html.contains(chapter), "missing chapter {chapter}");
    }
}

#[test]
fn closed_cycles_and_the_next_edition() {
    let env = Env::empty();
    let demo = env.path("demo");
    env.run(&["demo", "--dir", demo.to_str().unwrap()])
        .success();
    let db = demo.join("agenda.db");
    let db = db.to_str().unwrap();
    // The demo answered every suggestion: its report is final, dated, and not a draft.
    let md = std::fs::read_to_string(demo.join("relazione-2021-2023.md")).unwrap();
    assert!(!md.contains("BOZZA"));
    assert!(md.contains("Prato, 20 gennaio 2022"));
    assert!(md.contains("alla deliberazione della Giunta comunale n. \\_\\_\\_\\_ del"));
    assert!(!md.contains("Copia"));
    assert!(
        std::fs::read_to_string(demo.join("relazione-2021-2023.html"))
            .unwrap()
            .contains("<html lang=\"it\">")
    );
    // The final report of an open cycle needs its date; closing gives it one, and the act.
    env.run(&["--db", db, "report"]).code(2);
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
    let closed = env.stdout(&["--db", db, "report"]);
    // Made again after the closing, the cover names the act and says it is a copy.
    assert!(closed.contains(
        "**Allegato A** alla deliberazione della Giunta comunale n. 12 del 20 gennaio 2022"
    ));
    assert!(closed.contains("Prato, 20 gennaio 2022"));
    assert!(closed.contains("> Copia ricostruita dai dati dopo la chiusura del ciclo. Fa fede il documento approvato, allegato alla deliberazione della Giunta comunale n. 12 del 20 gennaio 2022."));
    // The next cycle compares its cards with the snapshot of the closed one.
    env.run(&["--db", db, "cycle", "open", "--date", "2022-02-01"])
        .success();
    env.run(&["--db", db, "card", "status", "SEM-01", "conclusa"])
        .success();
    env.run(&[
        "--db",
        db,
        "card",
        "edit",
        "PRO-03",
        "--office",
        "Servizio Comunicazione",
    ])
    .success();
    let next = env.stdout(&["--db", db, "report", "--draft", "--date", "2022-03-01"]);
    assert!(next.contains("Relazione di aggiornamento dell’Agenda Digitale – triennio 2022-2024"));
    assert!(
        next.contains("Il confronto è con le schede approvate alla chiusura del ciclo 2021-2023.")
    );
    assert!(next
        .contains("| SEM-01 | Accesso ai servizi online con SPID e CIE | In corso | Conclusa |"));
    assert!(next.contains("| PRO-03 | Minisito Prato Digital City | ufficio |"));
    // The closed cycle's report has not moved.
    let again = env.stdout(&["--db", db, "--cycle", "2021-2023", "report"]);
    assert_eq!(again, closed);
}

// ---------------------------------------------------------------------------------------------
// The headers of the CSV annexes: codes for the open-data portal, plain Italian for Excel.

/// The header row of each annex written with `extra` (`--excel` or nothing), by file.
fn annex_headers(env: &Env, name: &str, extra: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let dir = env.path(name);
    let mut args = vec!["--draft", "--format", "csv", "--out", dir.to_str().unwrap()];
    args.extend(extra);
    report(env, &args);
    let delimiter = if extra.is_some() { b';' } else { b',' };
    files(&dir)
        .into_iter()
        .map(|(file, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            let header = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect();
            (file, header)
        })
        .collect()
}

#[test]
fn the_open_data_annexes_keep_their_column_codes() {
    let env = agenda();
    let headers = annex_headers(&env, "open", None);
    assert_eq!(
        headers["esiti-contributi.csv"],
        [
            "riferimento",
            "titolo",
            "data_invio",
            "tipologia_soggetto",
            "canale",
            "assi",
            "esito",
            "motivazione",
            "scheda",
            "duplicato_di",
            "schede_collegate",
            "ritirato"
        ]
    );
    assert_eq!(
        headers["schede.csv"],
        [
            "codice",
            "titolo",
            "asse",
            "stato",
            "ufficio",
            "partner",
            "inizio",
            "fine",
            "risorse_euro",
            "finanziamento",
            "riferimenti_agid",
            "indicatori",
            "descrizione",
            "obiettivi",
            "contributi_collegati"
        ]
    );
    assert_eq!(
        headers["cifre.csv"],
        ["tabella", "codice", "voce", "numero"]
    );
}

#[test]
fn the_excel_annexes_have_headers_a_person_reads() {
    let env = agenda();
    let headers = annex_headers(&env, "excel", Some("--excel"));
    assert_eq!(
        headers["esiti-contributi.csv"],
        [
            "Riferimento",
            "Titolo",
            "Data invio",
            "Tipologia di soggetto",
            "Canale",
            "Assi",
            "Esito",
            "Motivazione",
            "Scheda",
            "Duplicato del contributo",
            "Schede collegate",
            "Ritirato"
        ]
    );
    assert_eq!(
        headers["schede.csv"],
        [
            "Codice scheda",
            "Titolo",
            "Asse",
            "Stato",
            "Ufficio responsabile",
            "Partner",
            "Inizio (mese/anno)",
            "Fine (mese/anno)",
            "Risorse (euro)",
            "Finanziamento",
            "Riferimenti al Piano Triennale AgID",
            "Indicatori",
            "Descrizione",
            "Obiettivi",
            "Contributi collegati"
        ]
    );
    assert_eq!(
        headers["cifre.csv"],
        ["Tabella", "Codice", "Voce", "Numero"]
    );
    // The same columns in the same order: only the header row differs.
    let open = annex_headers(&env, "open", None);
    for (file, header) in &headers {
        assert_eq!(header.len(), open[file].len(), "{file}");
    }
}
