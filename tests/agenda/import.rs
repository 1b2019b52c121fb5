//! Issue 3, Import suggestions: Decidim exports (0.27 and 0.30), office spreadsheets in
//! Windows-1252, re-imports of later exports, the bad files, and the commands that read the
//! suggestions back. Every test runs the real `agenda` binary in a temporary folder.

use serde_json::Value;

use crate::common::{conn, fixture, fixture_arg, foreign_key_violations, stderr, Env};

// ---------------------------------------------------------------------------------------------
// Helpers local to this module.

const D2021: &str = "decidim-2021-proposals.csv";
const D2021_LATER: &str = "decidim-2021-proposals-later.csv";
const D2022: &str = "decidim-2022-proposals-0.30.csv";
const MODULO: &str = "modulo-web-2022.csv";

/// `suggestion import --format json` of files (fixture names or paths), with extra options.
fn import(env: &Env, files: &[&str], extra: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| path_of(f)).collect();
    let mut args = vec!["suggestion", "import", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend(paths.iter().map(String::as_str));
    one_report(env.json(&args))
}

/// The report of the one file of an import (`files[0]`), after checking that the totals at the
/// top level are that file's; with several files, the array of their reports.
fn one_report(summary: Value) -> Value {
    let files = summary["files"].as_array().expect("files: [...]").clone();
    if files.len() != 1 {
        return Value::Array(files);
    }
    for k in [
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "dry_run",
    ] {
        assert_eq!(summary[k], files[0][k], "{k}: {summary}");
    }
    files[0].clone()
}

#[test]
fn the_json_summary_is_one_object_with_totals_and_the_files() {
    let env = Env::collecting();
    let dry = env.json(&[
        "suggestion",
        "import",
        "--format",
        "json",
        "--dry-run",
        &fixture_arg(D2021),
        &fixture_arg(MODULO),
    ]);
    assert_eq!(dry["dry_run"], true, "{dry}");
    assert_eq!(dry["files"].as_array().unwrap().len(), 2, "{dry}");
    assert_eq!(dry["inserted"], 42, "{dry}");
    assert_eq!(dry["read"], 42, "{dry}");
    let keys: Vec<&str> = dry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "dry_run",
            "read",
            "inserted",
            "updated",
            "unchanged",
            "rejected",
            "files"
        ],
        "{dry}"
    );
    let one = env.json(&[
        "suggestion",
        "import",
        "--format",
        "json",
        &fixture_arg(D2021),
    ]);
    assert_eq!(one["dry_run"], false, "{one}");
    assert_eq!(one["files"][0]["file"], fixture_arg(D2021), "{one}");
    assert_eq!(
        (&one["inserted"], &one["files"][0]["inserted"]),
        (&30.into(), &30.into())
    );
}

/// A fixture name becomes its path; anything with a `/` is already a path.
fn path_of(file: &str) -> String {
    if file.contains('/') || file == "-" {
        file.to_string()
    } else {
        fixture_arg(file)
    }
}

/// `suggestion list --format json` with extra options.
fn list(env: &Env, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["suggestion", "list", "--format", "json"];
    args.extend_from_slice(extra);
    match env.json(&args) {
        Value::Array(items) => items,
        other => panic!("suggestion list --format json is not an array: {other}"),
    }
}

/// The references of a list, sorted.
fn refs(items: &[Value]) -> Vec<String> {
    let mut refs: Vec<String> = items
        .iter()
        .map(|s| s["ref"].as_str().expect("ref is text").to_string())
        .collect();
    refs.sort();
    refs
}

/// The Decidim reference of a 2021 proposal by its number.
fn r21(id: u32) -> String {
    format!("PO-PROP-2021-10-{id}")
}

fn r22(id: u32) -> String {
    format!("PO-PROP-2022-11-{id}")
}

fn by_ref<'a>(items: &'a [Value], reference: &str) -> &'a Value {
    items
        .iter()
        .find(|s| s["ref"] == reference)
        .unwrap_or_else(|| panic!("no suggestion {reference} in the list"))
}

fn axes(s: &Value) -> Vec<String> {
    s["axes"]
        .as_array()
        .expect("axes is an array")
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

/// Asserts the counts of an import report.
fn assert_counts(report: &Value, read: u64, inserted: u64, updated: u64, unchanged: u64) {
    assert_eq!(report["read"], read, "read in {report}");
    assert_eq!(report["inserted"], inserted, "inserted in {report}");
    assert_eq!(report["updated"], updated, "updated in {report}");
    assert_eq!(report["unchanged"], unchanged, "unchanged in {report}");
}

/// Runs an import that must be refused with exit 3 and must leave the database as it was;
/// returns stderr.
fn refused_unchanged(env: &Env, args: &[&str]) -> String {
    let before = env.dump();
    let assert = env.run(args).code(3);
    assert_eq!(
        env.dump(),
        before,
        "a refused import changed the database: {args:?}"
    );
    stderr(&assert)
}

/// A collecting database with the 2021 export already imported, so that "nothing changes" is
/// checked against a database with content.
fn with_2021() -> Env {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    env
}

fn bad(name: &str) -> String {
    fixture_arg(&format!("bad/{name}"))
}

// ---------------------------------------------------------------------------------------------
// Decidim 0.27

#[test]
fn decidim_027_imports_thirty_with_json_summary() {
    let env = Env::collecting();
    let report = import(&env, &[D2021], &[]);
    for key in [
        "batch",
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "encoding",
        "delimiter",
        "format",
    ] {
        assert!(report.get(key).is_some(), "no \"{key}\" in {report}");
    }
    assert_eq!(report["batch"], 1);
    assert_counts(&report, 30, 30, 0, 0);
    assert_eq!(report["rejected"], 0);
    assert_eq!(report["encoding"], "utf-8");
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["format"], "decidim");

    let items = list(&env, &[]);
    assert_eq!(items.len(), 30);
    let expected: Vec<String> = (5101..=5130).map(r21).collect();
    assert_eq!(refs(&items), expected);
    for s in &items {
        for key in [
            "id",
            "ref",
            "title",
            "body",
            "stakeholder",
            "channel",
            "submitted_at",
            "axes",
            "source_state",
        ] {
            assert!(s.get(key).is_some(), "no \"{key}\" in {s}");
        }
        assert!(s["id"].is_i64(), "{s}");
        assert!(s["axes"].is_array(), "{s}");
        assert_eq!(s["channel"], "piattaforma", "{s}");
        assert!(!s["title"].as_str().unwrap().is_empty(), "{s}");
    }
    let first = by_ref(&items, &r21(5101));
    assert_eq!(
        first["title"],
        "Un aiuto per attivare lo SPID alle persone anziane"
    );
    assert_eq!(first["source_state"], "accepted");
    assert_eq!(first["submitted_at"], "2021-10-05T18:22:41+02:00");
    // 5116 and 5122 have no state: null, not "".
    assert!(by_ref(&items, &r21(5116))["source_state"].is_null());
    // After the end of summer time the offset is +0100.
    let late = by_ref(&items, &r21(5130));
    assert!(
        late["submitted_at"].as_str().unwrap().ends_with("+01:00"),
        "{late}"
    );
}

#[test]
fn decidim_027_html_bodies_become_plain_text() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    let items = list(&env, &[]);
    for s in &items {
        let body = s["body"].as_str().unwrap();
        for markup in [
            "<p>", "</p>", "<br", "<ul>", "<li>", "&egrave;", "&agrave;", "&#39;", "&ograve;",
            "&amp;",
        ] {
            assert!(
                !body.contains(markup),
                "{markup} left in {}: {body}",
                s["ref"]
            );
        }
    }
    // <br> and paragraphs are line breaks; entities are decoded.
    assert_eq!(
        by_ref(&items, &r21(5102))["body"],
        "Il sistema di prenotazione online funziona bene, ma i posti finiscono subito.\n\
         Chi lavora non può venire in settimana: si potrebbero aprire agende online anche il sabato mattina?"
    );
    assert!(by_ref(&items, &r21(5103))["body"]
        .as_str()
        .unwrap()
        .contains("il codice dell'alunno."));
    // A list: one "- " line per item, between its paragraphs.
    assert_eq!(
        by_ref(&items, &r21(5106))["body"],
        "Propongo corsi gratuiti, a piccoli gruppi, per imparare a usare:\n\
         - la posta elettronica\n\
         - lo SPID e il fascicolo sanitario\n\
         - le videochiamate con i nipoti\n\
         Le biblioteche di quartiere sono il posto giusto."
    );
    let body = by_ref(&items, &r21(5117))["body"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(body.contains("la connessione è lentissima"), "{body}");
    assert!(body.contains("priorità"), "{body}");
    assert_eq!(body.lines().count(), 2, "{body}");
}

#[test]
fn decidim_027_categories_tag_axes() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    let items = list(&env, &[]);
    // "Nuovi servizi", "Nuovi Servizi", "nuovi servizi".
    for id in [5107, 5109, 5118, 5123] {
        assert_eq!(axes(by_ref(&items, &r21(id))), ["nuovi-servizi"], "{id}");
    }
    // Upper case, trailing dot, lower case.
    assert_eq!(axes(by_ref(&items, &r21(5104))), ["infrastrutture"]);
    assert_eq!(axes(by_ref(&items, &r21(5111))), ["governance"]);
    assert_eq!(axes(by_ref(&items, &r21(5124))), ["semplificazione"]);
    assert_eq!(axes(by_ref(&items, &r21(5129))), ["promozione"]);
    assert_eq!(axes(by_ref(&items, &r21(5126))), ["competenze"]);
    // Mobilità ×2 and Ambiente are not axes; 5119 and 5128 have no category.
    for id in [5113, 5122, 5114, 5119, 5128] {
        assert!(axes(by_ref(&items, &r21(id))).is_empty(), "{id}");
    }
    // The source's axes are recorded as such.
    let show = env.json(&["suggestion", "show", &r21(5107), "--format", "json"]);
    assert_eq!(show["axes_detail"][0]["axis"], "nuovi-servizi");
    assert_eq!(show["axes_detail"][0]["origin"], "source");
}

// ---------------------------------------------------------------------------------------------
// Decidim 0.30

#[test]
fn decidim_028_bom_comma_taxonomies() {
    let env = Env::collecting();
    let report = import(&env, &[D2022], &[]);
    assert_counts(&report, 15, 15, 0, 0);
    assert_eq!(report["encoding"], "utf-8-bom");
    assert_eq!(report["delimiter"], ",");
    assert_eq!(report["format"], "decidim");
    let items = list(&env, &[]);
    assert_eq!(refs(&items), (7201..=7215).map(r22).collect::<Vec<_>>());
    assert_eq!(axes(by_ref(&items, &r22(7201))), ["semplificazione"]);
    // Taxonomy 32 ("Quartiere: Prato Est") is no axis.
    assert_eq!(axes(by_ref(&items, &r22(7202))), ["infrastrutture"]);
    assert_eq!(axes(by_ref(&items, &r22(7206))), ["competenze"]);
    assert_eq!(axes(by_ref(&items, &r22(7213))), ["nuovi-servizi"]);
    assert!(axes(by_ref(&items, &r22(7204))).is_empty());
    assert!(axes(by_ref(&items, &r22(7212))).is_empty());
    // Italian is the default locale; bodies are plain text.
    let s = by_ref(&items, &r22(7201));
    assert!(
        s["title"].as_str().unwrap().starts_with("Carta d'identità"),
        "{s}"
    );
    for s in &items {
        let body = s["body"].as_str().unwrap();
        assert!(!body.contains("<p>") && !body.contains('\r'), "{body:?}");
        assert_eq!(s["channel"], "piattaforma");
    }
    // The custom state is kept as the source wrote it.
    assert_eq!(by_ref(&items, &r22(7203))["source_state"], "gia_in_corso");
}

#[test]
fn decidim_028_formula_guard_removed() {
    let env = Env::collecting();
    import(&env, &[D2022], &[]);
    let items = list(&env, &[]);
    let title = by_ref(&items, &r22(7203))["title"].as_str().unwrap();
    assert!(title.starts_with("+39 un numero verde"), "{title}");
    let title = by_ref(&items, &r22(7211))["title"].as_str().unwrap();
    assert!(title.starts_with("@ComunediPrato"), "{title}");
    let body = by_ref(&items, &r22(7207))["body"].as_str().unwrap();
    assert!(body.starts_with("- "), "{body}");
    for s in &items {
        for field in ["title", "body"] {
            assert!(
                !s[field].as_str().unwrap().starts_with('\''),
                "{field} of {}",
                s["ref"]
            );
        }
    }
}

#[test]
fn decidim_028_locale_en_falls_back_to_italian() {
    let env = Env::collecting();
    import(&env, &[D2022], &["--locale", "en"]);
    let items = list(&env, &[]);
    let s = by_ref(&items, &r22(7201));
    assert!(
        s["title"]
            .as_str()
            .unwrap()
            .starts_with("Identity card: automatic remin"),
        "{s}"
    );
    assert!(
        s["body"].as_str().unwrap().starts_with("I suggest that"),
        "{s}"
    );
    // The English title and body are empty on 7205, 7211 and 7214: Italian takes their place.
    let s = by_ref(&items, &r22(7205));
    assert!(
        s["title"]
            .as_str()
            .unwrap()
            .starts_with("Un'app del Comune che riunisca"),
        "{s}"
    );
    assert!(
        s["body"].as_str().unwrap().starts_with("Oggi ci sono"),
        "{s}"
    );
    let s = by_ref(&items, &r22(7214));
    assert!(
        s["title"]
            .as_str()
            .unwrap()
            .starts_with("Incontri sull'Agenda Digitale"),
        "{s}"
    );
    // The guard is removed in the fallback too.
    let s = by_ref(&items, &r22(7211));
    assert!(
        s["title"].as_str().unwrap().starts_with("@ComunediPrato"),
        "{s}"
    );
}

#[test]
fn decidim_028_authors_only_in_personal_data() {
    let env = Env::collecting();
    import(&env, &[D2022], &[]);
    let authors = [
        "Giulia Bettazzi",
        "Lorenzo Cecchi",
        "Sara Nencini",
        "Associazione Anziani Attivi Prato",
        "Istituto Comprensivo Prato Nord-Est",
        "Tessiture Riunite Bisenzio",
        "Roberta Vannucci",
    ];
    let listed = env.stdout(&["suggestion", "list", "--format", "json"]);
    let csv = env.stdout(&["suggestion", "list", "--format", "csv"]);
    let table = env.stdout(&["suggestion", "list"]);
    for name in authors {
        assert!(
            !listed.contains(name),
            "{name} in suggestion list --format json"
        );
        assert!(
            !csv.contains(name),
            "{name} in suggestion list --format csv"
        );
        assert!(!table.contains(name), "{name} in suggestion list");
    }
    let show = env.json(&["suggestion", "show", &r22(7201), "--format", "json"]);
    assert_eq!(show["personal_data"]["author"], "Giulia Bettazzi", "{show}");
    let show = env.json(&["suggestion", "show", &r22(7208), "--format", "json"]);
    assert_eq!(
        show["personal_data"]["author"], "Associazione Anziani Attivi Prato",
        "{show}"
    );
    // Personal data sit in their own table, not in suggestions.
    let conn = conn(&env);
    let authors_stored: i64 = conn
        .query_row(
            "SELECT count(*) FROM suggestion_people WHERE author IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(authors_stored, 15);
    let leaked: i64 = conn
        .query_row(
            "SELECT count(*) FROM suggestions WHERE title || body LIKE '%Bettazzi%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
}

#[test]
fn decidim_028_withdrawn_proposal() {
    let env = Env::collecting();
    import(&env, &[D2022], &[]);
    let items = list(&env, &[]);
    let s = by_ref(&items, &r22(7206));
    assert_eq!(s["source_state"], "withdrawn", "{s}");
    assert_eq!(s["withdrawn"], true, "{s}");
    let show = env.json(&["suggestion", "show", &r22(7206), "--format", "json"]);
    assert!(show["withdrawn_at"].is_string(), "{show}");
    let withdrawn = list(&env, &["--source-state", "withdrawn"]);
    assert_eq!(refs(&withdrawn), [r22(7206)]);
    for s in &items {
        if s["ref"] != r22(7206) {
            assert_eq!(s["withdrawn"], false, "{s}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Excel, Windows-1252

/// The suggestions of the spreadsheet, by the first words of their title.
fn by_title<'a>(items: &'a [Value], start: &str) -> &'a Value {
    items
        .iter()
        .find(|s| s["title"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no suggestion titled \"{start}…\""))
}

#[test]
fn excel_windows_1252_characters() {
    let env = Env::collecting();
    let report = import(&env, &[MODULO], &[]);
    assert_counts(&report, 12, 12, 0, 0);
    assert_eq!(report["encoding"], "windows-1252");
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["format"], "generic");
    let items = list(&env, &[]);
    assert_eq!(items.len(), 12);
    let s = by_title(&items, "Avviso della mensa");
    assert_eq!(s["title"], "Avviso della mensa sull’app IO");
    assert!(
        s["body"].as_str().unwrap().starts_with(
            "Vorrei ricevere l’avviso di pagamento della mensa direttamente sull’app IO… oggi"
        ),
        "{s}"
    );
    let s = by_title(&items, "Corsi per usare lo SPID");
    assert!(
        s["body"]
            .as_str()
            .unwrap()
            .contains("corsi “passo passo” nelle"),
        "{s}"
    );
    let s = by_title(&items, "Sintesi del tavolo");
    assert_eq!(s["title"], "Sintesi del tavolo “Servizi per le famiglie”");
    // The dash, and the quoted cell spanning two lines (CRLF outside, LF inside).
    let s = by_title(&items, "Volontari come facilitatori");
    assert_eq!(
        s["body"],
        "La nostra associazione ha 20 volontari disponibili.\n\
         Proponiamo di formarli come facilitatori digitali – con un breve corso del Comune – per aiutare gli anziani nelle sedi di quartiere."
    );
    assert!(
        by_title(&items, "Dati aperti sulla qualità dell’aria")["body"]
            .as_str()
            .unwrap()
            .contains("in città siano")
    );
    for s in &items {
        for field in ["title", "body"] {
            let text = s[field].as_str().unwrap();
            assert!(
                !text.contains('\u{FFFD}') && !text.contains('\r') && !text.contains("â€"),
                "mojibake in {field}: {text:?}"
            );
        }
    }
    // The euro sign is in a column that is kept only with the original row.
    let id = by_title(&items, "Volontari come facilitatori")["id"].to_string();
    let show = env.json(&["suggestion", "show", &id, "--format", "json"]);
    assert_eq!(show["original"]["Importo stimato"], "€ 2.400,00", "{show}");
}

#[test]
fn excel_dates_stakeholders_channels() {
    let env = Env::collecting();
    import(&env, &[MODULO], &[]);
    let items = list(&env, &[]);
    let expect = [
        // title start, submitted_at, stakeholder, channel
        ("Avviso della mensa", "2021-10-03", "cittadino", "modulo"),
        (
            "Corsi per usare lo SPID",
            "2021-10-05T18:42",
            "cittadino",
            "email",
        ),
        (
            "SUAP: stato della pratica",
            "2021-10-07",
            "impresa",
            "modulo",
        ),
        (
            "Volontari come facilitatori",
            "2021-10-10",
            "associazione",
            "email",
        ),
        (
            "Pagamento dei diritti edilizi",
            "2021-10-12",
            "impresa",
            "modulo",
        ),
        (
            "Scambio dati per le pratiche",
            "2021-10-14",
            "ente",
            "email",
        ),
        ("Connessione nelle palestre", "2021-10-18", "ente", "modulo"),
        ("Servizi digitali condivisi", "2021-10-19", "ente", "email"),
        ("Una pagina con lo stato", "2021-10-21", "altro", "modulo"),
        (
            "Far conoscere il fascicolo",
            "2021-10-24T09:15",
            "altro",
            "email",
        ),
        ("Sintesi del tavolo", "2021-10-27", "cittadino", "incontro"),
        (
            "Dati aperti sulla qualità",
            "2021-10-27",
            "cittadino",
            "incontro",
        ),
    ];
    for (title, date, stakeholder, channel) in expect {
        let s = by_title(&items, title);
        let at = s["submitted_at"].as_str().unwrap();
        assert!(
            at.starts_with(date),
            "{title}: submitted_at {at}, expected {date}"
        );
        assert_eq!(s["stakeholder"], stakeholder, "{title}");
        assert_eq!(s["channel"], channel, "{title}");
        // Spreadsheet rows have no reference at the source.
        assert!(s["source_state"].is_null(), "{s}");
    }
    // "Asse tematico" tags the axis.
    assert_eq!(
        axes(by_title(&items, "Connessione nelle palestre")),
        ["infrastrutture"]
    );
    assert!(axes(by_title(&items, "Pagamento dei diritti edilizi")).is_empty());
    // The e-mail address is personal data.
    let listed = env.stdout(&["suggestion", "list", "--format", "json"]);
    assert!(!listed.contains("tacconi"), "an e-mail address in the list");
    let id = by_title(&items, "Avviso della mensa")["id"].to_string();
    let show = env.json(&["suggestion", "show", &id, "--format", "json"]);
    assert_eq!(show["personal_data"]["email"], "m.tacconi@example.it");
    assert_eq!(show["personal_data"]["author"], "Marco Tacconi");
    // --channel and --stakeholder only fill what the file does not say.
    let env = Env::collecting();
    import(
        &env,
        &[MODULO],
        &["--stakeholder", "associazione", "--channel", "email"],
    );
    let items = list(&env, &[]);
    assert_eq!(
        by_title(&items, "Far conoscere il fascicolo")["stakeholder"],
        "associazione"
    );
    assert_eq!(
        by_title(&items, "Avviso della mensa")["stakeholder"],
        "cittadino"
    );
    assert_eq!(by_title(&items, "Avviso della mensa")["channel"], "modulo");
}

// ---------------------------------------------------------------------------------------------
// Never lose, never duplicate

#[test]
fn same_file_twice_is_already_imported() {
    let env = Env::collecting();
    let first = import(&env, &[D2021], &[]);
    let before = env.dump();
    let second = import(&env, &[D2021], &[]);
    assert!(second["batch"].is_null(), "{second}");
    assert!(!second["already_imported"].is_null(), "{second}");
    assert_eq!(second["already_imported"]["id"], first["batch"]);
    assert_counts(&second, 0, 0, 0, 0);
    assert_eq!(
        env.dump(),
        before,
        "a second import of the same bytes changed the database"
    );
    // In a table, it says so.
    let assert = env
        .run(&["suggestion", "import", &fixture_arg(D2021)])
        .success();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&assert.get_output().stdout),
        stderr(&assert)
    );
    assert!(out.contains("already imported"), "{out}");
    assert_eq!(env.dump(), before);
}

#[test]
fn later_export_adds_updates_and_keeps_local_work() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    // Local work: an axis tagged by a person and a response (the commands come later, so
    // straight into the tables).
    {
        let conn = conn(&env);
        let id_of = |n: u32| -> i64 {
            conn.query_row(
                "SELECT id FROM suggestions WHERE reference = ?1",
                [r21(n)],
                |r| r.get(0),
            )
            .unwrap()
        };
        let (s5108, s5102) = (id_of(5108), id_of(5102));
        conn.execute(
            "INSERT INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at)
             VALUES (?1, 'nuovi-servizi', 'person', NULL, 'collaudo', '2021-11-20T10:00:00Z')",
            [s5108],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, user, at)
             VALUES (?1, 'accolto', 'Le agende del sabato saranno aperte da gennaio.', 'collaudo',
                     '2021-11-20T10:00:00Z')",
            [s5102],
        )
        .unwrap();
    }
    let report = import(&env, &[D2021_LATER], &[]);
    assert_eq!(report["batch"], 2);
    assert_counts(&report, 36, 6, 4, 26);
    assert_eq!(report["rejected"], 0);

    let items = list(&env, &[]);
    assert_eq!(items.len(), 36, "no duplicates");
    assert_eq!(refs(&items), (5101..=5136).map(r21).collect::<Vec<_>>());
    let s = by_ref(&items, &r21(5108));
    assert_eq!(s["title"], "Open data sul traffico e sui parcheggi");
    let mut a = axes(s);
    a.sort();
    assert_eq!(
        a,
        ["governance", "nuovi-servizi"],
        "the person's axis survives"
    );
    assert_eq!(by_ref(&items, &r21(5102))["source_state"], "accepted");
    assert_eq!(by_ref(&items, &r21(5102))["outcome"], "accolto");
    assert_eq!(by_ref(&items, &r21(5107))["source_state"], "rejected");
    let s = by_ref(&items, &r21(5114));
    assert_eq!(s["source_state"], "withdrawn");
    assert_eq!(s["withdrawn"], true);

    let conn = conn(&env);
    let person: i64 = conn
        .query_row(
            "SELECT count(*) FROM suggestion_axes WHERE origin = 'person'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(person, 1);
    let (outcome, reason): (String, String) = conn
        .query_row(
            "SELECT r.outcome, r.reason FROM responses r JOIN suggestions s ON s.id = r.suggestion_id
             WHERE s.reference = ?1 AND r.current = 1",
            [r21(5102)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(outcome, "accolto");
    assert_eq!(reason, "Le agende del sabato saranno aperte da gennaio.");
    // The updated rows now point to the second batch; the unchanged ones keep the first.
    let changed = list(&env, &["--batch", "2"]);
    let mut expected: Vec<String> = [5102, 5107, 5108, 5114]
        .into_iter()
        .chain(5131..=5136)
        .map(r21)
        .collect();
    expected.sort();
    assert_eq!(refs(&changed), expected);
}

#[test]
fn dry_run_reports_the_same_counts_and_writes_nothing() {
    let env = Env::collecting();
    let before = env.dump();
    let dry = import(&env, &[D2021], &["--dry-run"]);
    assert_eq!(env.dump(), before, "a dry run wrote");
    assert!(dry["batch"].is_null(), "{dry}");
    assert_eq!(dry["dry_run"], true);
    let real = import(&env, &[D2021], &[]);
    for key in [
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "encoding",
        "format",
    ] {
        assert_eq!(dry[key], real[key], "{key}: dry {dry} real {real}");
    }
    // And on a re-import: 6 new, 4 changed, 26 the same, for the rehearsal as for the real one.
    let before = env.dump();
    let dry = import(&env, &[D2021_LATER], &["--dry-run"]);
    assert_eq!(env.dump(), before, "a dry run wrote");
    assert_counts(&dry, 36, 6, 4, 26);
    let real = import(&env, &[D2021_LATER], &[]);
    assert_counts(&real, 36, 6, 4, 26);
    // A dry run of a bad file fails the same way.
    let err = refused_unchanged(
        &env,
        &["suggestion", "import", "--dry-run", &bad("ragged.csv")],
    );
    assert!(err.contains("ragged.csv:5:"), "{err}");
}

/// The journal mode of the folder's database, as a new connection sees it.
fn journal_mode(env: &Env) -> String {
    conn(env)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_first_import_is_a_bulk_load_and_the_database_goes_back_to_wal() {
    let env = Env::collecting();
    assert_eq!(journal_mode(&env), "wal");
    let report = import(&env, &[D2021], &[]);
    assert_counts(&report, 30, 30, 0, 0);
    assert_eq!(journal_mode(&env), "wal", "WAL mode after the bulk load");
    assert!(
        !env.path("agenda.db-journal").exists(),
        "a rollback journal was left behind"
    );
    // The next import (the cycle is no longer empty) runs in WAL mode as always.
    let later = import(&env, &[D2021_LATER], &[]);
    assert_eq!(
        later["unchanged"].as_u64().unwrap()
            + later["updated"].as_u64().unwrap()
            + later["inserted"].as_u64().unwrap(),
        later["read"].as_u64().unwrap()
    );
    assert_eq!(journal_mode(&env), "wal");
}

#[test]
fn a_bulk_load_with_another_reader_open_stays_in_wal_and_the_reader_keeps_its_snapshot() {
    let env = Env::collecting();
    let reader = conn(&env);
    reader.execute_batch("BEGIN").unwrap();
    let before: i64 = reader
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, 0);
    // The import neither waits for the reader nor disturbs it.
    let out = env
        .cmd(&[
            "suggestion",
            "import",
            "--format",
            "json",
            &fixture_arg(D2021),
        ])
        .env("AGENDA_BUSY_TIMEOUT", "5")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let during: i64 = reader
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(during, 0, "the reader's snapshot changed under it");
    reader.execute_batch("COMMIT").unwrap();
    let after: i64 = reader
        .query_row("SELECT count(*) FROM suggestions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, 30);
    assert_eq!(journal_mode(&env), "wal");
}

#[test]
fn a_database_left_in_rollback_mode_goes_back_to_wal_at_the_next_command() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    // What a bulk load killed before it could switch back leaves behind.
    let mode: String = conn(&env)
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    env.run(&["status"]).success();
    assert_eq!(journal_mode(&env), "wal");
    assert_eq!(list(&env, &[]).len(), 30);
}

// ---------------------------------------------------------------------------------------------
// The bad files: exit 3, the FILE:LINE: message, the database as it was.

#[test]
fn bad_empty_file() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("empty.csv")]);
    assert!(err.contains("empty.csv"), "{err}");
    assert!(err.contains("empty"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_header_only() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("header-only.csv")]);
    assert!(err.contains("header-only.csv"), "{err}");
    assert!(err.contains("no rows"), "{err}");
}

#[test]
fn bad_no_title_nor_body_column() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("no-title-body.csv")]);
    assert!(err.contains("no-title-body.csv:1:"), "{err}");
    assert!(
        err.contains("Data, Nome, Telefono"),
        "the headers seen: {err}"
    );
    for expected in ["titolo", "oggetto", "proposta", "body", "--map"] {
        assert!(err.contains(expected), "{expected} missing from: {err}");
    }
}

#[test]
fn bad_ragged_row() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("ragged.csv")]);
    assert!(err.contains("ragged.csv:5:"), "{err}");
    assert!(err.contains("4 fields") && err.contains("3"), "{err}");
    assert!(
        !err.contains("ragged.csv:2:") && !err.contains("ragged.csv:6:"),
        "{err}"
    );
}

#[test]
fn bad_unterminated_quote() {
    let env = with_2021();
    let err = refused_unchanged(
        &env,
        &["suggestion", "import", &bad("unterminated-quote.csv")],
    );
    assert!(err.contains("unterminated-quote.csv:4:"), "{err}");
    assert!(err.contains("never closed"), "{err}");
}

#[test]
fn bad_dates() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("bad-date.csv")]);
    assert!(
        err.contains("bad-date.csv:3: the column \"Data invio\" does not hold a date"),
        "{err}"
    );
    assert!(err.contains("bad-date.csv:4:"), "{err}");
    // The reason names the column, never the cell: it may hold personal data.
    assert!(
        !err.contains("31/02/2022") && !err.contains("ieri"),
        "{err}"
    );
    assert!(!err.contains("bad-date.csv:2:"), "{err}");
}

#[test]
fn bad_mixed_encodings() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("mixed-encodings.csv")]);
    assert!(err.contains("mixed-encodings.csv:4:"), "{err}");
    // The byte position of the first Windows-1252 byte.
    let bytes = std::fs::read(fixture("bad/mixed-encodings.csv")).unwrap();
    let pos = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
    assert!(
        err.contains(&format!("byte {pos}")),
        "byte {pos} not in: {err}"
    );
    assert!(err.contains("mixes encodings"), "{err}");
}

#[test]
fn bad_duplicate_keys() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("duplicate-keys.csv")]);
    assert!(err.contains("duplicate-keys.csv:5:"), "{err}");
    assert!(err.contains("MW-2022-002"), "{err}");
    assert!(err.contains("appears again"), "{err}");
}

#[test]
fn duplicate_keys_into_an_empty_cycle_are_found_by_the_table_in_file_order() {
    // Into an empty cycle the reader keeps no set of keys: the table's unique key finds them.
    let env = Env::collecting();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("duplicate-keys.csv")]);
    assert!(
        err.contains(
            "duplicate-keys.csv:5: the key \"MW-2022-002\" appears again (line 3 has it too)"
        ),
        "{err}"
    );
    // Problems come in the order of the file, whoever finds them.
    let file = env.write(
        "doppi.csv",
        "Codice;Oggetto;Proposta;Data invio\n\
         A-1;Uno;Primo;01/10/2022\n\
         A-1;Due;Secondo;02/10/2022\n\
         A-3;Tre;Terzo;31/02/2022\n\
         A-4;Quattro;Quarto;04/10/2022\n",
    );
    let err = refused_unchanged(&env, &["suggestion", "import", &file]);
    let at = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {err}"))
    };
    assert!(at("doppi.csv:3:") < at("doppi.csv:4:"), "{err}");
    assert!(err.contains("2 invalid row(s)"), "{err}");
    // With --skip-invalid the first row with the key stays, the second is rejected.
    let report = import(&env, &[&file], &["--skip-invalid"]);
    assert_counts(&report, 4, 2, 0, 0);
    assert_eq!(report["rejected"], 2);
    let titles: Vec<String> = list(&env, &[])
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Uno", "Quattro"]);
    let rejected: i64 = conn(&env)
        .query_row(
            "SELECT count(*) FROM batch_rejections WHERE line IN (3, 4)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rejected, 2);
}

#[test]
fn a_later_export_with_bad_rows_is_refused_in_file_order_or_skipped_row_by_row() {
    // Rows of a later export are looked up before they are mapped: a changed or new row with
    // a bad date is found then, and still listed in file order.
    let env = Env::collecting();
    let first = env.write(
        "prima.csv",
        "Codice;Oggetto;Proposta;Data invio\n\
         A-1;Uno;Primo;01/10/2022\n\
         A-2;Due;Secondo;02/10/2022\n\
         A-3;Tre;Terzo;03/10/2022\n",
    );
    assert_counts(&import(&env, &[&first], &[]), 3, 3, 0, 0);
    let later = env.write(
        "dopo.csv",
        "Codice;Oggetto;Proposta;Data invio\n\
         A-1;Uno;Primo;01/10/2022\n\
         A-2;Due, corretto;Secondo;31/02/2022\n\
         A-4;Quattro;Quarto;32/10/2022\n\
         A-3;Tre;Terzo, cambiato;03/10/2022\n",
    );
    let err = refused_unchanged(&env, &["suggestion", "import", &later]);
    let at = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {err}"))
    };
    assert!(at("dopo.csv:3:") < at("dopo.csv:4:"), "{err}");
    assert!(err.contains("2 invalid row(s)"), "{err}");
    let report = import(&env, &[&later], &["--skip-invalid"]);
    assert_counts(&report, 4, 0, 1, 1);
    assert_eq!(report["rejected"], 2);
    let titles: Vec<String> = list(&env, &[])
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["title"].as_str().unwrap(),
                s["body"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(titles, ["Uno Primo", "Due Secondo", "Tre Terzo, cambiato"]);
}

#[test]
fn bad_random_bytes() {
    let env = with_2021();
    let err = refused_unchanged(&env, &["suggestion", "import", &bad("random-bytes.bin")]);
    assert!(err.contains("random-bytes.bin:"), "{err}");
    assert!(err.contains("byte "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Forcing an encoding does not get garbage in either.
    let err = refused_unchanged(
        &env,
        &[
            "suggestion",
            "import",
            "--encoding",
            "windows-1252",
            &bad("random-bytes.bin"),
        ],
    );
    assert!(err.contains("random-bytes.bin:"), "{err}");
}

#[test]
fn bad_files_in_a_fresh_database() {
    // The same refusals when nothing has been imported yet (no batch, no suggestion).
    let env = Env::collecting();
    for name in [
        "empty.csv",
        "header-only.csv",
        "no-title-body.csv",
        "ragged.csv",
        "unterminated-quote.csv",
        "bad-date.csv",
        "mixed-encodings.csv",
        "duplicate-keys.csv",
        "random-bytes.bin",
    ] {
        let err = refused_unchanged(
            &env,
            &["suggestion", "import", "--format", "json", &bad(name)],
        );
        assert!(err.contains(name), "{name}: {err}");
    }
    let batches = env.json(&["suggestion", "batches", "--format", "json"]);
    assert_eq!(batches, serde_json::json!([]));
}

#[test]
fn line_numbers_are_editor_lines_with_crlf() {
    // A row after a CRLF line end starts on the next line, also after a cell spanning lines.
    let env = Env::collecting();
    let file = env.write(
        "crlf.csv",
        "Oggetto;Proposta;Data\r\nA;\"uno\r\ndue\";01/01/2022\r\nB;b;ieri\r\n;;\r\nC;c;x;y\r\n",
    );
    let err = refused_unchanged(&env, &["suggestion", "import", &file]);
    assert!(err.contains("crlf.csv:4: the column \"Data\""), "{err}");
    assert!(err.contains("crlf.csv:5: neither"), "{err}");
    assert!(err.contains("crlf.csv:6: 4 fields"), "{err}");
    // The same file with LF line ends says the same lines.
    let file = env.write(
        "lf.csv",
        "Oggetto;Proposta;Data\nA;\"uno\ndue\";01/01/2022\nB;b;ieri\n;;\nC;c;x;y\n",
    );
    let err = refused_unchanged(&env, &["suggestion", "import", &file]);
    assert!(err.contains("lf.csv:4: the column \"Data\""), "{err}");
    assert!(err.contains("lf.csv:5: neither"), "{err}");
    assert!(err.contains("lf.csv:6: 4 fields"), "{err}");
    // The spreadsheet (CRLF): the row at line 5 spans lines 5-6, the next one is on line 7.
    import(&env, &[MODULO], &[]);
    let items = list(&env, &[]);
    for (title, line) in [
        ("Avviso della mensa", 2),
        ("Volontari come facilitatori", 5),
        ("Pagamento dei diritti edilizi", 7),
        ("Far conoscere il fascicolo", 12),
        ("Dati aperti sulla qualità", 14),
    ] {
        let id = by_title(&items, title)["id"].to_string();
        let show = env.json(&["suggestion", "show", &id, "--format", "json"]);
        assert_eq!(show["line"], line, "{title}");
    }
    // A cell typed in Excel keeps its line breaks as \n, without \r.
    let file = env.write(
        "excel.csv",
        "Oggetto;Proposta\r\nTitolo;\"prima riga\r\nseconda riga\"\r\n",
    );
    import(&env, &[&file], &[]);
    let s = by_title(&list(&env, &[]), "Titolo").clone();
    assert_eq!(s["body"], "prima riga\nseconda riga");
}

// ---------------------------------------------------------------------------------------------
// --skip-invalid

#[test]
fn skip_invalid_imports_the_valid_rows_and_records_the_rest() {
    let env = Env::collecting();
    let report = import(&env, &[&bad("ragged.csv")], &["--skip-invalid"]);
    assert_counts(&report, 5, 4, 0, 0);
    assert_eq!(report["rejected"], 1);
    let rows = report["rejected_rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].as_str().unwrap().contains("ragged.csv:5:"),
        "{report}"
    );
    assert_eq!(list(&env, &[]).len(), 4);

    let batches = env.json(&["suggestion", "batches", "--format", "json"]);
    let batches = batches.as_array().unwrap();
    assert_eq!(batches.len(), 1);
    let b = &batches[0];
    assert_eq!(b["file_name"], "ragged.csv");
    assert_eq!(b["read"], 5);
    assert_eq!(b["inserted"], 4);
    assert_eq!(b["rejected"], 1);
    let rejections = b["rejections"].as_array().unwrap();
    assert_eq!(rejections.len(), 1, "{b}");
    assert_eq!(rejections[0]["line"], 5);
    assert!(
        rejections[0]["reason"].as_str().unwrap().contains("fields"),
        "{b}"
    );
    // The table says it too.
    let out = env.run(&["suggestion", "batches"]).success();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.get_output().stdout),
        stderr(&out)
    );
    assert!(text.contains("ragged.csv:5:"), "{text}");
}

#[test]
fn skip_invalid_with_bad_dates_and_unterminated_quote() {
    let env = Env::collecting();
    let report = import(&env, &[&bad("bad-date.csv")], &["--skip-invalid"]);
    assert_counts(&report, 4, 2, 0, 0);
    assert_eq!(report["rejected"], 2);

    let report = import(&env, &[&bad("unterminated-quote.csv")], &["--skip-invalid"]);
    assert_eq!(report["rejected"], 1, "{report}");
    // Lines 2 and 3 are fine; line 4 swallows the rest of the file.
    assert_eq!(report["inserted"], 2, "{report}");
    let batch = report["batch"].as_i64().unwrap().to_string();
    assert_eq!(list(&env, &["--batch", &batch]).len(), 2);
    let batches = env.json(&["suggestion", "batches", "--format", "json"]);
    let b = batches
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["file_name"] == "unterminated-quote.csv")
        .unwrap();
    assert_eq!(b["rejections"][0]["line"], 4, "{b}");
    assert_eq!(b["inserted"], 2, "{b}");
    // The row taken out left nothing behind: imports write with foreign keys unchecked, so
    // nothing cascades by itself.
    let c = conn(&env);
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM suggestion_sources"),
        count("SELECT count(*) FROM suggestions")
    );
    let dangling = foreign_key_violations(&c);
    assert_eq!(dangling, 0);
}

#[test]
fn skip_invalid_still_refuses_a_file_with_no_valid_row() {
    let env = Env::collecting();
    let dir = &env;
    let file = dir.write(
        "tutte-sbagliate.csv",
        "Oggetto;Proposta;Data\nA;B;ieri\nC;D;domani\n",
    );
    let err = refused_unchanged(&env, &["suggestion", "import", "--skip-invalid", &file]);
    assert!(err.contains("tutte-sbagliate.csv:2:"), "{err}");
    assert!(err.contains("tutte-sbagliate.csv:3:"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The phase rule, standard input, --map, several files

#[test]
fn phase_1_refuses_imports() {
    let env = Env::empty();
    env.run(&["init", "--date", "2021-09-01"]).success();
    let before = env.dump();
    let assert = env
        .run(&["suggestion", "import", &fixture_arg(D2021)])
        .code(4);
    let err = stderr(&assert);
    assert!(err.contains("Fase 1"), "{err}");
    assert!(err.contains("phase advance"), "{err}");
    assert_eq!(env.dump(), before);
    // A dry run is refused the same way.
    env.run(&["suggestion", "import", "--dry-run", &fixture_arg(D2021)])
        .code(4);
}

#[test]
fn fase_3_accepts_imports() {
    let env = Env::collecting();
    env.run(&["phase", "advance", "--date", "2021-12-01", "--yes"])
        .success();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["phase"], 3);
    let report = import(&env, &[D2021], &[]);
    assert_eq!(report["inserted"], 30);
}

#[test]
fn dash_reads_standard_input() {
    let env = Env::collecting();
    let bytes = std::fs::read(fixture(D2021)).unwrap();
    let out = env
        .cmd(&["suggestion", "import", "--format", "json", "-"])
        .write_stdin(bytes)
        .assert()
        .success();
    let report = one_report(serde_json::from_slice(&out.get_output().stdout).unwrap());
    assert_counts(&report, 30, 30, 0, 0);
    assert_eq!(report["format"], "decidim");
    assert_eq!(list(&env, &[]).len(), 30);
    // The same bytes from the file are the same batch.
    let again = import(&env, &[D2021], &[]);
    assert_eq!(again["already_imported"]["id"], report["batch"], "{again}");

    // Windows-1252 through a pipe too.
    let bytes = std::fs::read(fixture(MODULO)).unwrap();
    let out = env
        .cmd(&["suggestion", "import", "--format", "json", "-"])
        .write_stdin(bytes)
        .assert()
        .success();
    let report = one_report(serde_json::from_slice(&out.get_output().stdout).unwrap());
    assert_eq!(report["encoding"], "windows-1252");
    assert_eq!(report["inserted"], 12);
}

#[test]
fn map_names_unusual_headers() {
    let env = Env::collecting();
    let file = env.write(
        "sportello.csv",
        "Argomento della richiesta;Dettagli;Quando\n\
         Buche in via Roma;Segnalo buche pericolose davanti al civico 12.;02/05/2022\n\
         Orari della biblioteca;Aprire la Lazzerini anche la domenica.;03/05/2022\n",
    );
    // Without --map, no column is recognised.
    let err = refused_unchanged(&env, &["suggestion", "import", &file]);
    assert!(
        err.contains("Argomento della richiesta, Dettagli, Quando"),
        "{err}"
    );
    let report = import(
        &env,
        &[&file],
        &[
            "--map",
            "title=Argomento della richiesta",
            "--map",
            "body=\"Dettagli\"",
            "--map",
            "date=Quando",
        ],
    );
    assert_counts(&report, 2, 2, 0, 0);
    let items = list(&env, &[]);
    let s = by_title(&items, "Buche in via Roma");
    assert_eq!(s["body"], "Segnalo buche pericolose davanti al civico 12.");
    assert!(
        s["submitted_at"]
            .as_str()
            .unwrap()
            .starts_with("2022-05-02"),
        "{s}"
    );
    // A --map that names a column the file does not have is a usage error.
    let before = env.dump();
    let other = env.write(
        "sportello-2.csv",
        "Argomento della richiesta;Dettagli\nUno;Due\n",
    );
    let assert = env
        .run(&[
            "suggestion",
            "import",
            "--map",
            "title=Oggetto della proposta",
            &other,
        ])
        .code(2);
    let err = stderr(&assert);
    assert!(err.contains("Oggetto della proposta"), "{err}");
    // An unknown field or a --map without "=" too.
    env.run(&["suggestion", "import", "--map", "colore=Dettagli", &other])
        .code(2);
    env.run(&["suggestion", "import", "--map", "Dettagli", &other])
        .code(2);
    assert_eq!(env.dump(), before);
}

#[test]
fn several_files_in_one_command() {
    let env = Env::collecting();
    let reports = import(&env, &[D2021, D2022, MODULO], &[]);
    let reports = reports.as_array().expect("an array for several files");
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[0]["inserted"], 30);
    assert_eq!(reports[1]["inserted"], 15);
    assert_eq!(reports[2]["inserted"], 12);
    let batches: Vec<i64> = reports
        .iter()
        .map(|r| r["batch"].as_i64().unwrap())
        .collect();
    assert_eq!(batches, [1, 2, 3]);
    assert_eq!(list(&env, &[]).len(), 57);
}

#[test]
fn one_bad_file_among_several_writes_nothing() {
    let env = Env::collecting();
    let before = env.dump();
    let err = refused_unchanged(
        &env,
        &[
            "suggestion",
            "import",
            &fixture_arg(D2021),
            &bad("ragged.csv"),
            &fixture_arg(MODULO),
        ],
    );
    assert!(err.contains("ragged.csv:5:"), "{err}");
    assert_eq!(env.dump(), before);
    assert!(list(&env, &[]).is_empty());
    // Also when the bad file comes first, and when it is unreadable garbage.
    refused_unchanged(
        &env,
        &[
            "suggestion",
            "import",
            &bad("random-bytes.bin"),
            &fixture_arg(D2021),
        ],
    );
    // The same file twice in one command: once imported, once "already imported".
    let reports = import(&env, &[D2021, D2021], &[]);
    let reports = reports.as_array().unwrap();
    assert_eq!(reports[0]["inserted"], 30);
    assert!(!reports[1]["already_imported"].is_null(), "{reports:?}");
    assert_eq!(list(&env, &[]).len(), 30);
}

// ---------------------------------------------------------------------------------------------
// Reading them back

#[test]
fn list_filters() {
    let env = Env::collecting();
    import(&env, &[D2021, MODULO], &[]);
    assert_eq!(list(&env, &[]).len(), 42);
    // --axis, by code or label.
    let nuovi = list(&env, &["--axis", "nuovi-servizi"]);
    let mut expected: Vec<String> = [5107, 5109, 5118, 5123].into_iter().map(r21).collect();
    let suap = by_title(&list(&env, &[]), "SUAP").clone();
    expected.push(suap["ref"].as_str().unwrap().to_string());
    expected.sort();
    assert_eq!(refs(&nuovi), expected);
    assert_eq!(refs(&list(&env, &["--axis", "Nuovi servizi"])), expected);
    env.run(&["suggestion", "list", "--axis", "mobilita"])
        .code(2);
    // --untagged.
    let untagged = list(&env, &["--untagged"]);
    assert_eq!(untagged.len(), 5 + 2, "{untagged:?}");
    assert!(untagged.iter().all(|s| axes(s).is_empty()));
    for id in [5113, 5114, 5119, 5122, 5128] {
        by_ref(&untagged, &r21(id));
    }
    // --source-state.
    let accepted = list(&env, &["--source-state", "accepted"]);
    assert_eq!(
        refs(&accepted),
        [5101, 5103, 5106, 5109, 5110, 5111, 5112, 5119, 5123, 5126]
            .into_iter()
            .map(r21)
            .collect::<Vec<_>>()
    );
    // --stakeholder.
    let imprese = list(&env, &["--stakeholder", "impresa"]);
    assert_eq!(imprese.len(), 2, "{imprese:?}");
    assert!(imprese.iter().all(|s| s["stakeholder"] == "impresa"));
    assert_eq!(list(&env, &["--stakeholder", "ente"]).len(), 3);
    assert_eq!(list(&env, &["--stakeholder", "altro"]).len(), 30 + 2);
    // --batch.
    let second = list(&env, &["--batch", "2"]);
    assert_eq!(second.len(), 12);
    assert!(second.iter().all(|s| s["channel"] != "piattaforma"));
    assert_eq!(list(&env, &["--batch", "1"]).len(), 30);
    assert!(list(&env, &["--batch", "9"]).is_empty());
    // --limit, combined with a filter.
    assert_eq!(list(&env, &["--limit", "3"]).len(), 3);
    assert_eq!(
        list(&env, &["--source-state", "accepted", "--limit", "4"]).len(),
        4
    );
    // --format csv parses, one record per suggestion.
    let csv_text = env.stdout(&["suggestion", "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for h in [
        "id",
        "ref",
        "title",
        "stakeholder",
        "channel",
        "axes",
        "source_state",
    ] {
        assert!(headers.iter().any(|x| x == h), "{h} not in {headers:?}");
    }
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 42);
    let title_col = headers.iter().position(|h| h == "title").unwrap();
    assert!(records
        .iter()
        .any(|r| &r[title_col] == "Sintesi del tavolo “Servizi per le famiglie”"));
    // The table, and the empty result.
    let table = env.stdout(&["suggestion", "list", "--source-state", "accepted"]);
    assert!(table.contains(&r21(5101)), "{table}");
    let none = env.stdout(&["suggestion", "list", "--source-state", "nessuno-stato"]);
    assert!(!none.contains("PO-PROP"), "{none}");
}

#[test]
fn show_by_number_and_by_reference() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    let by_number = env.json(&["suggestion", "show", "5", "--format", "json"]);
    assert_eq!(by_number["id"], 5);
    let reference = by_number["ref"].as_str().unwrap().to_string();
    let by_reference = env.json(&["suggestion", "show", &reference, "--format", "json"]);
    assert_eq!(by_number, by_reference);
    assert_eq!(by_reference["file"], D2021);
    assert!(by_reference["line"].as_i64().unwrap() >= 2);
    assert_eq!(by_reference["batch"], 1);
    let table = env.stdout(&["suggestion", "show", &r21(5101)]);
    assert!(table.contains("Un aiuto per attivare lo SPID"), "{table}");
    // The line is where the row starts in a text editor: 5102 comes after 5101's one line.
    let s = env.json(&["suggestion", "show", &r21(5101), "--format", "json"]);
    assert_eq!(s["line"], 2);
    // Unknown ids.
    for id in ["999", "PO-PROP-2021-10-9999", "0"] {
        let assert = env.run(&["suggestion", "show", id]).code(4);
        let err = stderr(&assert);
        assert!(err.contains(id), "{err}");
    }
}

#[test]
fn status_counts_suggestions_untagged_unanswered() {
    let env = Env::collecting();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["suggestions"], 0);
    import(&env, &[D2021], &[]);
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["suggestions"], 30);
    assert_eq!(status["untagged"], 5);
    assert_eq!(status["unanswered"], 30);
    {
        let conn = conn(&env);
        conn.execute(
            "INSERT INTO responses (suggestion_id, outcome, reason, user, at)
             SELECT id, 'non-pertinente', 'Riguarda il trasporto pubblico.', 'collaudo', '2021-12-01'
             FROM suggestions WHERE reference = ?1",
            [r21(5113)],
        )
        .unwrap();
    }
    import(&env, &[MODULO], &[]);
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["suggestions"], 42);
    assert_eq!(status["untagged"], 7);
    assert_eq!(status["unanswered"], 41);
}

#[test]
fn audit_log_has_one_entry_per_batch() {
    let env = Env::collecting();
    import(&env, &[D2021], &[]);
    import(&env, &[D2022, MODULO], &[]);
    // Neither a refused import, a dry run nor a file already imported leaves an entry.
    env.run(&["suggestion", "import", &bad("ragged.csv")])
        .code(3);
    import(&env, &[D2021_LATER], &["--dry-run"]);
    import(&env, &[D2021], &[]);
    let log = env.json(&["log", "--format", "json", "--limit", "1000"]);
    let entries: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "suggestion.import")
        .collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    let mut targets: Vec<&str> = entries
        .iter()
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    targets.sort();
    assert_eq!(targets, [D2021, D2022, MODULO]);
    for e in &entries {
        assert_eq!(e["user"], "collaudo");
        let details = e["details"].as_str().unwrap();
        assert!(details.contains("batch "), "{details}");
    }
    let batches = env.json(&["suggestion", "batches", "--format", "json"]);
    let batches = batches.as_array().unwrap();
    assert_eq!(batches.len(), 3);
    for b in batches {
        assert_eq!(b["user"], "collaudo");
        assert_eq!(b["sha256"].as_str().unwrap().len(), 64);
    }
}

// ---------------------------------------------------------------------------------------------
// The property: any table of strings, any delimiter and encoding, imports back the same.

mod roundtrip {
    use proptest::prelude::*;
    use serde_json::Value;

    use crate::common::Env;

    /// Text people write: letters with accents, typographic punctuation, quotes, the
    /// delimiters, line breaks, leading formula characters. No NUL, no `<` or `&` (which make a
    /// body look like HTML). A `\r\n` inside a cell comes back as `\n`.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "b", "Z", "7", " ", " ", "à", "è", "é", "ì", "ò", "ù", "È", "ç", "ß", "€", "’",
            "“", "”", "…", "–", "«", "»", "°", "\"", "'", ";", ",", "\t", "\n", "\r\n", ":", "=",
            "+", "-", "@", "(", ")", "#", "Ω", "中", "😀", "ﬁ",
        ]);
        prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
    }

    /// A title with a letter in it, so that it is never empty once trimmed.
    fn title() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["", "=", "+", "-", "@", " ", "\"", "\n"]),
            prop::sample::select(vec!["a", "È", "z", "ù", "9"]),
            text(),
        )
            .prop_map(|(lead, letter, rest)| format!("{lead}{letter}{rest}"))
    }

    #[derive(Debug, Clone, Copy)]
    enum Encoding {
        Utf8,
        Utf8Bom,
        Windows1252,
    }

    fn quote(cell: &str, delimiter: char) -> String {
        if cell.contains([delimiter, '"', '\n', '\r']) || cell.starts_with(' ') {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    }

    fn in_1252(text: &str) -> String {
        text.chars()
            .map(|c| {
                let mut buf = [0u8; 4];
                let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    'x'
                } else {
                    c
                }
            })
            .collect()
    }

    fn fold_key(title: &str, body: &str) -> String {
        format!(
            "{}\u{1f}{}",
            agenda::text::fold(title),
            agenda::text::fold(body)
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn any_table_imports_back_the_same(
            rows in prop::collection::vec(
                (title(), text().prop_filter("no leading '", |b| !b.trim_start().starts_with('\''))),
                1..6,
            ),
            delimiter in prop::sample::select(vec![';', ',', '\t']),
            encoding in prop::sample::select(vec![Encoding::Utf8, Encoding::Utf8Bom, Encoding::Windows1252]),
            crlf in any::<bool>(),
        ) {
            // Windows-1252 has no byte for some characters: write those as "x".
            let rows: Vec<(String, String)> = match encoding {
                Encoding::Windows1252 => rows.iter().map(|(t, b)| (in_1252(t), in_1252(b))).collect(),
                _ => rows,
            };
            // Two rows that say the same thing (for the fingerprint) are a duplicate: keep one.
            let mut seen = std::collections::HashSet::new();
            let rows: Vec<(String, String)> = rows
                .into_iter()
                .filter(|(t, b)| seen.insert(fold_key(t, b)))
                .collect();
            let eol = if crlf { "\r\n" } else { "\n" };
            let d = delimiter.to_string();
            let mut text = format!("Oggetto{d}Proposta{eol}");
            for (t, b) in &rows {
                text.push_str(&format!("{}{d}{}{eol}", quote(t, delimiter), quote(b, delimiter)));
            }
            let bytes: Vec<u8> = match encoding {
                Encoding::Utf8 => text.clone().into_bytes(),
                Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
                Encoding::Windows1252 => {
                    let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                    // Bytes that happen to form UTF-8 ("è" + "€€" = E8 80 80) cannot be told from UTF-8.
                    let ambiguous = String::from_utf8_lossy(&encoded)
                        .chars()
                        .any(|c| !c.is_ascii() && c != '\u{FFFD}');
                    prop_assert!(!unmappable);
                    if ambiguous {
                        text.clone().into_bytes()
                    } else {
                        encoded.into_owned()
                    }
                }
            };
            let env = Env::collecting();
            let file = env.write("tabella.csv", &bytes);
            let out = env
                .cmd(&["suggestion", "import", "--format", "json", &file])
                .assert();
            let output = out.get_output();
            prop_assert!(
                output.status.success(),
                "import failed: {}\nfile: {:?}",
                String::from_utf8_lossy(&output.stderr),
                String::from_utf8_lossy(&bytes)
            );
            let report = super::one_report(serde_json::from_slice(&output.stdout).unwrap());
            prop_assert_eq!(&report["inserted"], &Value::from(rows.len()));
            prop_assert_eq!(&report["delimiter"], &Value::from(match delimiter {
                '\t' => "tab",
                c => if c == ';' { ";" } else { "," },
            }));
            let listed = env.json(&["suggestion", "list", "--format", "json"]);
            let listed = listed.as_array().unwrap();
            prop_assert_eq!(listed.len(), rows.len());
            let mut got: Vec<(String, String)> = listed
                .iter()
                .map(|s| (
                    s["title"].as_str().unwrap().to_string(),
                    s["body"].as_str().unwrap().to_string(),
                ))
                .collect();
            let mut want: Vec<(String, String)> = rows
                .iter()
                .map(|(t, b)| (
                    t.replace("\r\n", "\n").trim().to_string(),
                    b.replace("\r\n", "\n").trim().to_string(),
                ))
                .collect();
            got.sort();
            want.sort();
            prop_assert_eq!(got, want, "file: {:?}", String::from_utf8_lossy(&bytes));
        }
    }
}

/// The same export saved again by Excel (CRLF line ends, also inside the quoted bodies) says
/// the same thing: every row unchanged, none rewritten.
#[test]
fn regression_an_export_saved_again_with_crlf_is_unchanged() {
    let env = Env::collecting();
    let original = std::fs::read_to_string(fixture("decidim-2021-proposals.csv")).unwrap();
    env.run(&[
        "suggestion",
        "import",
        "--quiet",
        fixture("decidim-2021-proposals.csv").to_str().unwrap(),
    ])
    .success();
    let crlf = env.write("risalvato.csv", original.replace('\n', "\r\n"));
    let report = env.json(&["suggestion", "import", &crlf, "--format", "json"]);
    assert_eq!(
        (
            &report["read"],
            &report["inserted"],
            &report["updated"],
            &report["unchanged"]
        ),
        (&30.into(), &0.into(), &0.into(), &30.into()),
        "{report}"
    );
}

/// A note typed beside a row of a workbook, past the header's last column, has no name: the
/// row is imported without it, not refused as ragged.
#[test]
fn regression_a_note_beside_a_workbook_row_is_left_out_not_refused() {
    let env = Env::collecting();
    let path = env.path("appunti.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["Oggetto", "Proposta", "Data invio"].iter().enumerate() {
        sheet.write(0, col as u16, *header).unwrap();
    }
    sheet.write(1, 0, "Wi-Fi in biblioteca").unwrap();
    sheet
        .write(1, 1, "Estendere PratoWiFi alle sale studio.")
        .unwrap();
    sheet.write(1, 2, "14/03/2023").unwrap();
    sheet
        .write(1, 4, "richiamare la sig.ra Neri al 333 7654321")
        .unwrap();
    sheet.write(2, 0, "Corsi serali").unwrap();
    sheet.write(2, 1, "Corsi di informatica di sera.").unwrap();
    book.save(&path).unwrap();
    let report = env.json(&[
        "suggestion",
        "import",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(report["inserted"], 2, "{report}");
    let show = env.json(&["suggestion", "show", "1", "--format", "json"]);
    assert!(!show.to_string().contains("333 7654321"), "{show}");
}

/// The same workbook saved by LibreOffice as Excel 97 (`.xls`, the OLE format offices still
/// send): read by the same rules, the same ten suggestions as its `.xlsx` twin.
#[test]
fn an_xls_workbook_gives_the_same_suggestions_as_its_xlsx_twin() {
    let env = Env::collecting();
    let xls = one_report(env.json(&[
        "suggestion",
        "import",
        fixture("incontri-2023.xls").to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(
        (&xls["file_type"], &xls["inserted"]),
        (&"xls".into(), &10.into()),
        "{xls}"
    );
    let xlsx = env.json(&[
        "suggestion",
        "import",
        fixture("incontri-2023.xlsx").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        (&xlsx["inserted"], &xlsx["unchanged"]),
        (&0.into(), &10.into()),
        "{xlsx}"
    );
}

/// Every command that can rehearse says in its JSON whether it did: `"dry_run"` first.
#[test]
fn every_dry_run_json_says_dry_run() {
    let env = Env::collecting();
    let cards = env.json(&[
        "card",
        "import",
        &fixture_arg("cards.csv"),
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(cards["dry_run"], true, "{cards}");
    assert_eq!(cards["read"], 22, "{cards}");
    env.run(&[
        "suggestion",
        "import",
        &fixture_arg(D2021),
        &fixture_arg("decidim-2021-proposals-later.csv"),
        &fixture_arg(MODULO),
    ])
    .success();
    let before = env.dump();
    let tag = env.json(&["suggestion", "autotag", "--dry-run", "--format", "json"]);
    assert_eq!(tag["dry_run"], true, "{tag}");
    let from = fixture_arg("responses-2021.csv");
    let respond = env.json(&[
        "suggestion",
        "respond",
        "--from",
        &from,
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(respond["dry_run"], true, "{respond}");
    assert!(respond["responded"].as_u64().unwrap() > 0, "{respond}");
    assert_eq!(env.dump(), before, "a dry run wrote");
    let tag = env.json(&["suggestion", "autotag", "--format", "json"]);
    assert_eq!(tag["dry_run"], false, "{tag}");
    let keys: Vec<&String> = tag.as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "dry_run", "{tag}");
}
