//! The report as the annex of the deliberation: a PDF/A-2a, tagged, A4, every font embedded,
//! the same bytes from the same data and date.

use crate::common::*;

/// The demo's database, and the PDF report of its cycle written to `name` with `args`.
fn pdf_of(env: &Env, name: &str, args: &[&str]) -> Vec<u8> {
    let demo = env.path("demo");
    if !demo.join("agenda.db").exists() {
        env.run(&["demo", "--dir", demo.to_str().unwrap()])
            .success();
    }
    let db = demo.join("agenda.db");
    let out = env.path(name);
    let mut all = vec![
        "--db",
        db.to_str().unwrap(),
        "report",
        "--out",
        out.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    env.run(&all).success();
    std::fs::read(out).unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_pdf_is_pdf_a_2a_tagged_a4_with_its_metadata() {
    let env = Env::empty();
    let pdf = pdf_of(&env, "relazione.pdf", &["--date", "2022-01-20"]);
    let t = text(&pdf);
    assert!(pdf.starts_with(b"%PDF-1.7"), "{}", &t[..20]);
    // PDF/A-2, conformance A (tagged, with the language), declared in the XMP metadata.
    assert!(
        t.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A-2 identification"
    );
    assert!(t.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(t.contains("/StructTreeRoot"), "not tagged");
    assert!(t.contains("/MarkInfo<</Marked true>>") || t.contains("/Marked true"));
    assert!(t.contains("/Lang(it-IT)"));
    // A4, on every page.
    let pages: usize = t
        .split("/Type/Pages/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("the page count");
    assert!(pages >= 10, "{pages} pages");
    assert_eq!(t.matches("/MediaBox[0 0 595.2756 841.8898]").count(), pages);
    // Every font embedded: one font file for each font descriptor.
    let descriptors = t.matches("/Type/FontDescriptor").count();
    assert!(descriptors > 0);
    assert_eq!(t.matches("/FontFile").count(), descriptors);
    // The metadata: title, the municipality as author, subject, and the date it was given.
    assert!(t.contains("Relazione di aggiornamento dell’Agenda Digitale – triennio 2021-2023"));
    assert!(
        t.contains("<dc:creator><rdf:Seq><rdf:li>Comune di Prato</rdf:li>"),
        "no author"
    );
    assert!(t.contains("Allegato A alla deliberazione della Giunta comunale di approvazione dell’aggiornamento dell’Agenda Digitale, triennio 2021-2023"));
    assert!(t.contains("/CreationDate(D:20220120120000Z)"));
    assert!(t.contains("/ModDate(D:20220120120000Z)"));
    // A final report is not a draft.
    assert!(!t.contains("BOZZA"));
}

#[test]
fn the_same_data_and_date_give_the_same_bytes() {
    let env = Env::empty();
    let first = pdf_of(&env, "a.pdf", &["--date", "2022-01-20"]);
    let second = pdf_of(&env, "b.pdf", &["--format", "pdf", "--date", "2022-01-20"]);
    assert!(first == second, "two runs gave different PDFs");
    // Another date is another document.
    let later = pdf_of(&env, "c.pdf", &["--date", "2022-01-21"]);
    assert!(first != later);
    assert!(text(&later).contains("/CreationDate(D:20220121120000Z)"));
}

#[test]
fn a_draft_says_so_in_its_title_and_a_pipe_gets_the_bytes() {
    let env = Env::empty();
    let draft = pdf_of(&env, "bozza.pdf", &["--draft", "--date", "2022-01-20"]);
    assert!(
        text(&draft).contains("<rdf:li xml:lang=\"x-default\">BOZZA – Relazione di aggiornamento")
    );
    // To standard output when it is not a terminal (a pipe, a file).
    let db = env.path("demo").join("agenda.db");
    let out = env
        .cmd(&[
            "--db",
            db.to_str().unwrap(),
            "report",
            "--format",
            "pdf",
            "--draft",
            "--date",
            "2022-01-20",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout == draft, "stdout differs from --out");
}

/// The demo's database, and a report of its cycle in Markdown, HTML or JSON with `args`.
fn demo_report(env: &Env, args: &[&str]) -> String {
    let demo = env.path("demo");
    if !demo.join("agenda.db").exists() {
        env.run(&["demo", "--dir", demo.to_str().unwrap()])
            .success();
    }
    let db = demo.join("agenda.db");
    let mut all = vec![
        "--db",
        db.to_str().unwrap(),
        "report",
        "--date",
        "2022-01-20",
    ];
    all.extend_from_slice(args);
    env.stdout(&all)
}

#[test]
fn the_cover_is_an_annex_cover_and_the_label_can_change() {
    let env = Env::empty();
    let md = demo_report(&env, &[]);
    let cover: Vec<&str> = md.lines().take(6).collect();
    assert_eq!(
        cover,
        [
            "# Relazione di aggiornamento dell’Agenda Digitale – triennio 2021-2023",
            "",
            "**Allegato A** alla deliberazione della Giunta comunale n. \\_\\_\\_\\_ del \\_\\_\\_\\_  ",
            "**Comune di Prato**  ",
            "Servizio Sistema Informativo  ",
            "Prato, 20 gennaio 2022",
        ]
    );
    assert!(md.ends_with(
        "<!-- agenda 0.1.0; relazione 2021-2023; data 2022-01-20; definitiva; Allegato A -->\n"
            .replace("0.1.0", env!("CARGO_PKG_VERSION"))
            .as_str()
    ));
    let b = demo_report(&env, &["--annex-label", "Allegato B", "--format", "html"]);
    assert!(b.contains("<p class=\"annex\"><strong>Allegato B</strong> alla deliberazione"));
    assert!(b.contains("definitiva; Allegato B\">"));
    let db = env.path("demo").join("agenda.db");
    for bad in [
        "",
        "<b>",
        "una etichetta davvero troppo lunga per una copertina",
    ] {
        env.run(&["--db", db.to_str().unwrap(), "report", "--annex-label", bad])
            .code(2);
    }
}

#[test]
fn chapter_3_groups_by_axis_links_the_platform_and_marks_what_is_missing() {
    let env = Env::empty();
    let md = demo_report(&env, &[]);
    let chapter = &md[md.find("## 3. Esiti dei contributi").unwrap()..md.find("## 4. ").unwrap()];
    // One group an axis, in the order of the axes, each with its table.
    let groups: Vec<&str> = chapter.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        groups,
        [
            "### Asse: Semplificazione",
            "### Asse: Promozione",
            "### Asse: Competenze",
            "### Asse: Nuovi servizi",
            "### Asse: Infrastrutture e piattaforme trasversali",
            "### Asse: Governance",
        ]
    );
    // A Decidim suggestion links to its page; a second axis is named; no card is a dash.
    assert!(chapter.contains("| [PO-PROP-2021-10-5101](https://partecipo.comune.prato.it/processes/agenda-digitale/f/82/proposals/5101) | 05/10/2021 | Piattaforma online | Un aiuto per attivare lo SPID alle persone anziane *(anche: Competenze)* | Accolto |"), "{chapter}");
    assert!(chapter.contains("| Non accolto | "));
    assert!(chapter
        .lines()
        .any(|l| l.starts_with("| [PO-") && l.ends_with(" | – |")));
    // The demo's suggestions all came during its Fase 2: none is marked late (the draft of
    // the fixtures, in the snapshots, marks its 15 late ones).
    assert!(!chapter.contains("pervenuto dopo la chiusura della raccolta"));
    assert!(!chapter.contains("tardivi"));
    // The HTML: a block per suggestion on a phone, each cell labelled; references unbroken.
    let html = demo_report(&env, &["--format", "html"]);
    assert!(html.contains("<td data-label=\"Esito\">Accolto</td>"));
    assert!(html.contains("table.responses td::before { content: attr(data-label)"));
    assert!(html.contains("<h3 id=\"esiti-semplificazione\">Asse: Semplificazione</h3>"));
}

#[test]
fn the_summary_counts_people_without_naming_them_and_says_what_changed() {
    let env = Env::empty();
    let md = demo_report(&env, &[]);
    let summary = &md[md.find("## Sintesi").unwrap()..md.find("## 1. ").unwrap()];
    assert!(summary.contains("partecipanti distinti"), "{summary}");
    assert!(summary.contains(
        "I partecipanti sono contati dai dati personali, che questa relazione non pubblica."
    ));
    assert!(summary.contains("- Per canale: piattaforma online ("));
    assert!(
        summary.contains("- COM-01 – Punti Digitale Facile: "),
        "{summary}"
    );
    assert!(summary.contains("- Accolto: "));
    // Chapter 4 names each linked suggestion with its title and outcome.
    assert!(md.contains(
        "  - PO-PROP-2021-10-5101 – Un aiuto per attivare lo SPID alle persone anziane (accolto)"
    ));
    // Chapter 5, first edition: no list of every card as new, no empty sections.
    let changes = &md[md.find("## 5. ").unwrap()..md.find("## 6. ").unwrap()];
    assert!(!changes.contains("Nuove schede"), "{changes}");
    assert!(!changes.contains("(0)"), "{changes}");
}

#[test]
fn a_pdf_too_large_is_refused_before_the_report_is_gathered() {
    let env = Env::collecting();
    let mut csv = String::from("Codice;Titolo;Proposta\n");
    for i in 0..20_001 {
        csv.push_str(&format!("R-{i:05};Proposta {i};Testo {i}.\n"));
    }
    let file = env.write("molte.csv", csv);
    env.run(&["suggestion", "import", "--quiet", &file])
        .success();
    let err = refused(&env, &["report", "--draft", "--out", "r.pdf"], 4);
    assert!(err.contains("20.001 suggestions"), "{err}");
    assert!(!env.path("r.pdf").exists());
}
