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
