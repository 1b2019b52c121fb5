//! The demo: a fresh database from the bundled fixtures, the whole job at once — cards,
//! suggestions from Decidim (an export and its later export) and from an office's Excel file,
//! tagging by the rules, the responses, the report and the answers for the platform. Each step
//! is told to `step` as it is done.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::csvin::Options;
use crate::domain::response::ResponseRequest;
use crate::domain::{Axis, Cycle, Outcome, Triennium};
use crate::storage::suggestions::{self as sstore, Filter};
use crate::storage::{cycles, Db};
use crate::{autotag, cards, fixtures, import, process, report, responses};

/// The office that proposes the deliberation, on the demo's report cover.
const DEMO_OFFICE: &str = "Servizio Sistema Informativo";

/// The date the demo's report bears, so that the demo gives the same report every time.
const REPORT_DATE: &str = "2022-01-20";

/// The deliberation the demo's commands close the cycle with: the Giunta's approval of the
/// update on the report's date.
const DEMO_ACT: &str = "12/2022";

/// The suggestion the demo's commands show.
const DEMO_SUGGESTION: &str = "PO-PROP-2021-10-5101";

/// The office's responses to the rows of the Excel file, found by the start of their title.
const EXCEL_RESPONSES: &[(&str, Outcome, Option<&str>, &str)] = &[
    ("Avviso della mensa", Outcome::GiaPrevisto, Some("SEM-04"), "Gli avvisi di pagamento della mensa su app IO sono già previsti dalla scheda SEM-04."),
    ("Corsi per usare lo SPID", Outcome::GiaPrevisto, Some("COM-01"), "L'assistenza per SPID e CIE è offerta nei Punti Digitale Facile della scheda COM-01, anche nelle biblioteche di quartiere."),
    ("SUAP: stato della pratica", Outcome::ParzialmenteAccolto, Some("SEM-03"), "Lo stato della pratica SUAP sarà consultabile online con la modulistica unificata (scheda SEM-03); l'area riservata con le ricevute arriverà in una fase successiva."),
    ("Volontari come facilitatori", Outcome::Accolto, Some("COM-01"), "I volontari delle associazioni saranno coinvolti come facilitatori nei Punti Digitale Facile (scheda COM-01)."),
    ("Pagamento dei diritti edilizi", Outcome::GiaPrevisto, Some("SEM-04"), "Il pagamento dei diritti edilizi con pagoPA rientra nella scheda SEM-04."),
    ("Scambio dati per le pratiche sociali", Outcome::GiaPrevisto, Some("GOV-03"), "Lo scambio di dati tra enti passerà dalla Piattaforma Digitale Nazionale Dati, come previsto dalla scheda GOV-03."),
    ("Connessione nelle palestre", Outcome::ParzialmenteAccolto, Some("INF-02"), "La fibra arriva alle scuole con la scheda INF-02; la copertura di palestre e laboratori sarà valutata scuola per scuola."),
    ("Servizi digitali condivisi", Outcome::NonAccolto, None, "L'Agenda riguarda i servizi del Comune di Prato; la proposta sarà portata al tavolo dei comuni dell'area pratese."),
    ("Una pagina con lo stato dei servizi", Outcome::Accolto, Some("PRO-03"), "Il minisito Prato Digital City (scheda PRO-03) avrà una pagina con lo stato dei servizi online e le interruzioni programmate."),
    ("Far conoscere il fascicolo sanitario", Outcome::NonPertinente, None, "Il Fascicolo Sanitario Elettronico è un servizio della Regione Toscana: la segnalazione è stata inoltrata alla Regione."),
    ("Sintesi del tavolo", Outcome::ParzialmenteAccolto, Some("NS-01"), "Le richieste del tavolo sulle iscrizioni scolastiche online sono accolte nella scheda NS-01; le altre saranno esaminate nel prossimo ciclo."),
    ("Dati aperti sulla qualit", Outcome::GiaPrevisto, Some("GOV-02"), "I dati dei sensori ambientali saranno pubblicati sul portale dei dati aperti (scheda GOV-02) con l'avvio della scheda INF-04."),
];

/// The axes the office gives by hand to the suggestions that neither the platform's category,
/// nor the keyword rules, nor the response file tagged (as `expected-axes.csv` has them): the
/// final report counts every suggestion by axis.
const AXES_BY_HAND: &[(&str, Axis)] = &[("PO-PROP-2021-10-5113", Axis::NuoviServizi)];

/// What the demo made, and where.
#[derive(Debug)]
pub struct Demo {
    pub db: PathBuf,
    pub markdown: PathBuf,
    pub html: PathBuf,
    pub pdf: PathBuf,
    pub answers: PathBuf,
    /// The commands to try next, as a person types them (with a note on the closing one).
    pub commands: Vec<String>,
}

/// The files the demo starts from, written into its folder.
struct Inputs {
    cards: String,
    exports: [String; 3],
    responses: String,
}

/// Builds the demo in `dir` (which exists), telling each step to `step`.
pub fn build(dir: &Path, step: &mut dyn FnMut(String)) -> Result<Demo> {
    let db_path = dir.join("agenda.db");
    let inputs = write_inputs(dir)?;
    let mut db = collect(&db_path, &inputs, step)?;
    let cycle = cycles::current(db.conn())?;
    answer(&mut db, &cycle, &inputs, step)?;
    let (markdown, html, pdf, answers) = write_outputs(&mut db, dir, step)?;
    let demo = Demo {
        db: db_path,
        markdown,
        html,
        pdf,
        answers,
        commands: Vec::new(),
    };
    let commands = commands_to_try(&demo, dir)
        .iter()
        .map(|(command, note)| match note {
            Some(note) => format!("  {command}   # {note}"),
            None => format!("  {command}"),
        })
        .collect();
    Ok(Demo { commands, ..demo })
}

/// The commands the demo suggests, as a person types them, with a note for the one that changes
/// the database for good: each takes the demo's own values (its database, the report's date,
/// a reference it holds, the deliberation that closes the cycle), so that it works as printed.
fn commands_to_try(demo: &Demo, dir: &Path) -> Vec<(String, Option<String>)> {
    let db = crate::context::quote_arg(&demo.db.display().to_string());
    let annexes = crate::context::quote_arg(&dir.join("allegati").display().to_string());
    let agenda = |args: String| format!("agenda --db {db} {args}");
    vec![
        (agenda("status".into()), None),
        (agenda("suggestion list".into()), None),
        (agenda(format!("suggestion show {DEMO_SUGGESTION}")), None),
        (
            agenda(format!(
                "report --format csv --date {REPORT_DATE} --out {annexes}"
            )),
            None,
        ),
        (
            agenda(format!(
                "phase advance --act {DEMO_ACT} --act-date {REPORT_DATE}"
            )),
            Some(t!("app-demo-try-close-note")),
        ),
    ]
}

/// The implementation ledger as the office keeps it at the start of the cycle: how far some
/// cards are, their milestones reached and planned, two indicators with their figures.
fn record_ledger(db: &mut Db) -> Result<()> {
    use crate::domain::ledger::{Figure, Percent};
    use crate::ledger::{self, IndicatorUpdate, MilestoneFields};
    for (code, percent, date, note) in [
        (
            "SEM-01",
            40,
            "2021-09-15",
            "SPID e CIE su 18 servizi online su 45",
        ),
        (
            "SEM-04",
            25,
            "2021-09-15",
            "pagoPA attivo per mensa e trasporto scolastico",
        ),
        ("COM-01", 10, "2021-09-15", "individuate le prime tre sedi"),
        (
            "INF-01",
            65,
            "2021-09-15",
            "hotspot attivi in 13 parchi su 20",
        ),
    ] {
        let percent = Percent::new(percent).expect("a percent");
        ledger::record_progress(db, code, percent, Some(date), Some(note))?;
    }
    for (code, date, title, done) in [
        (
            "SEM-04",
            "2021-06-30",
            "Avvisi di pagamento su app IO",
            true,
        ),
        (
            "INF-01",
            "2021-07-31",
            "PratoWiFi al Parco di Galceti",
            true,
        ),
        (
            "SEM-01",
            "2022-06-30",
            "Dismissione delle credenziali comunali",
            false,
        ),
        (
            "COM-01",
            "2022-09-30",
            "Apertura del primo Punto Digitale Facile",
            false,
        ),
    ] {
        let fields = MilestoneFields {
            date: Some(date.into()),
            title: Some(title.into()),
            description: None,
        };
        ledger::add_milestone(db, code, &fields, done)?;
    }
    let figure = |value: f64, date: &str| {
        Some(Figure {
            value,
            date: Some(date.into()),
        })
    };
    for (code, name, unit, baseline, target, measure) in [
        (
            "SEM-04",
            "Pagamenti pagoPA annui",
            "pagamenti",
            figure(1200.0, "2020-12-31"),
            figure(30000.0, "2023-12-31"),
            (8400.0, "2021-08-31"),
        ),
        (
            "INF-01",
            "Hotspot attivi",
            "hotspot",
            figure(40.0, "2020-12-31"),
            figure(120.0, "2023-12-31"),
            (86.0, "2021-09-15"),
        ),
    ] {
        let update = IndicatorUpdate {
            unit: Some(unit.into()),
            baseline,
            target,
            measure: Some((measure.0, Some(measure.1.into()), None)),
        };
        ledger::record_indicator(db, code, name, &update)?;
    }
    Ok(())
}

fn write_inputs(dir: &Path) -> Result<Inputs> {
    let write = |name: &str, bytes: &[u8]| -> Result<String> {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .with_context(|| t!("app-writing", path = path.display().to_string()))?;
        Ok(path.to_string_lossy().into_owned())
    };
    let cards = write("schede.csv", fixtures::CARDS.as_bytes())?;
    let exports = [
        write(
            "decidim-2021-proposals.csv",
            fixtures::DECIDIM_2021.as_bytes(),
        )?,
        write(
            "decidim-2021-proposals-later.csv",
            fixtures::DECIDIM_2021_LATER.as_bytes(),
        )?,
        write("modulo-web-2022.csv", fixtures::MODULO_WEB)?,
    ];
    let responses = write("risposte-2021.csv", fixtures::RESPONSES_2021.as_bytes())?;

    Ok(Inputs {
        cards,
        exports,
        responses,
    })
}

/// Steps 1 to 4: the database, the cards, the collection opened, the suggestions imported.
fn collect(db_path: &Path, inputs: &Inputs, step: &mut dyn FnMut(String)) -> Result<Db> {
    let mut db = process::init(
        db_path,
        process::DEFAULT_MUNICIPALITY,
        Some(DEMO_OFFICE),
        Triennium { first_year: 2021 },
        Some("2021-09-15"),
    )?;
    step(t!(
        "app-demo-created",
        db = db_path.display().to_string(),
        office = DEMO_OFFICE
    ));
    let summary = cards::import(&mut db, &inputs.cards, Options::default(), false)?;
    step(t!(
        "app-demo-cards",
        count = summary.created,
        file = inputs.cards.as_str()
    ));
    record_ledger(&mut db)?;
    step(t!(
        "app-demo-ledger",
        cards = 4,
        milestones = 4,
        indicators = 2
    ));
    process::advance(
        &mut db,
        process::AdvanceOptions {
            date: Some("2021-10-01"),
            note: Some("Agenda presentata in Consiglio comunale"),
            ..Default::default()
        },
    )?;
    step(t!(
        "app-demo-collection-open",
        date = crate::i18n::iso_date("2021-10-01")
    ));
    // ParteciPO's users register as persons: say so for the rows whose file does not tell.
    let import_options = import::Options {
        settings: crate::domain::mapping::Settings {
            locale: "it".into(),
            stakeholder: Some(crate::domain::Stakeholder::Cittadino),
            ..Default::default()
        },
        ..Default::default()
    };
    let reports = import::import(
        &mut db,
        &inputs.exports,
        &import_options,
        &mut import::NoProgress,
    )?;
    for r in &reports {
        step(t!(
            "app-demo-imported",
            file = r.file.to_string(),
            inserted = r.counts.inserted,
            updated = r.counts.updated,
            unchanged = r.counts.unchanged,
            format = r.format.to_string(),
            encoding = r.encoding.to_string()
        ));
    }
    Ok(db)
}

/// Steps 5 to 8: tagged by the rules, answered from the office's file, the collection closed,
/// the rows of the Excel file answered one by one.
fn answer(db: &mut Db, cycle: &Cycle, inputs: &Inputs, step: &mut dyn FnMut(String)) -> Result<()> {
    let tagged = autotag::autotag(db, cycle, false, Some(0))?;
    step(t!(
        "app-demo-tagged",
        tagged = tagged.tagged,
        examined = tagged.examined
    ));
    let responded =
        responses::respond_from_file(db, cycle, &inputs.responses, Options::default(), false)?;
    step(t!(
        "app-demo-responses",
        count = responded.responded,
        file = inputs.responses.as_str()
    ));
    process::advance(
        db,
        process::AdvanceOptions {
            date: Some("2021-12-01"),
            ..Default::default()
        },
    )?;
    step(t!(
        "app-demo-collection-closed",
        date = crate::i18n::iso_date("2021-12-01")
    ));
    // The rows of the Excel file came without responses: the office answers them one by one.
    let unanswered = sstore::list(
        db.conn(),
        &Filter {
            cycle_id: Some(cycle.id),
            unanswered: true,
            ..Default::default()
        },
    )?;
    let mut answered = 0;
    for s in &unanswered {
        let Some((_, outcome, card, reason)) = EXCEL_RESPONSES
            .iter()
            .find(|(start, ..)| s.title.starts_with(start))
        else {
            continue;
        };
        let request = ResponseRequest {
            outcome: *outcome,
            reason: reason.to_string(),
            card: card.map(str::to_string),
            duplicate_of: None,
        };
        responses::respond(db, cycle, std::slice::from_ref(&s.reference), &request)?;
        answered += 1;
    }
    let by_hand = tag_by_hand(db, cycle)?;
    step(t!(
        "app-demo-answered",
        answered = answered,
        by_hand = by_hand
    ));

    Ok(())
}

/// Tags by hand, from [`AXES_BY_HAND`], the suggestions still without an axis; returns how many.
fn tag_by_hand(db: &mut Db, cycle: &Cycle) -> Result<usize> {
    let untagged = sstore::list(
        db.conn(),
        &Filter {
            cycle_id: Some(cycle.id),
            untagged: true,
            ..Default::default()
        },
    )?;
    let mut tagged = 0;
    for s in &untagged {
        if let Some((_, axis)) = AXES_BY_HAND.iter().find(|(r, _)| *r == s.reference) {
            crate::tagging::tag(
                db,
                cycle,
                std::slice::from_ref(&s.reference),
                &[*axis],
                false,
            )?;
            tagged += 1;
        }
    }
    Ok(tagged)
}

/// Steps 9 and 10: the report (final when every suggestion has a response, a draft otherwise)
/// and the answers for the platform.
fn write_outputs(
    db: &mut Db,
    dir: &Path,
    step: &mut dyn FnMut(String),
) -> Result<(PathBuf, PathBuf, PathBuf, PathBuf)> {
    let cycle = cycles::current(db.conn())?;
    let draft = !report::final_report_blockers(db.conn(), &cycle, REPORT_DATE)?.is_empty();
    let gathered = report::gather(
        db.conn(),
        &cycle,
        &report::Options {
            draft,
            date: Some(REPORT_DATE.to_string()),
            annex_label: None,
        },
    )?;
    let md = dir.join("relazione-2021-2023.md");
    let html = dir.join("relazione-2021-2023.html");
    report::write_file(&md, |out| {
        report::write_document(&gathered, report::Format::Markdown, out)
    })?;
    report::write_file(&html, |out| {
        report::write_document(&gathered, report::Format::Html, out)
    })?;
    let pdf = dir.join("relazione-2021-2023.pdf");
    report::write_file(&pdf, |out| {
        report::write_document(&gathered, report::Format::Pdf, out)
    })?;
    step(if draft {
        t!(
            "app-demo-report-draft",
            date = crate::i18n::iso_date(REPORT_DATE)
        )
    } else {
        t!(
            "app-demo-report-final",
            date = crate::i18n::iso_date(REPORT_DATE)
        )
    });
    // The way back: the answers of the Decidim suggestions, one file per component, as the
    // office imports them in the platform.
    let answers_dir = dir.join("risposte-decidim");
    let exported = crate::answers::export(
        db,
        &cycle,
        &crate::answers::Options {
            locale: "it".into(),
            component: None,
            every_response: false,
            states: crate::answers::States::default(),
            target: crate::answers::Target::Folder(answers_dir.clone()),
            dry_run: false,
        },
        &mut std::io::sink(),
    )?;
    for f in &exported.files {
        step(t!(
            "app-demo-answers",
            count = f.rows,
            component = f.component_id.as_str(),
            path = f.path.as_deref().unwrap_or_default()
        ));
    }
    Ok((md, html, pdf, answers_dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// Every command the demo suggests runs, as printed, against the demo's own database (the
    /// closing with `--yes`, since a test has no terminal to confirm on), in the order printed.
    #[test]
    fn every_command_the_demo_suggests_works_as_printed() {
        let dir = tempfile::tempdir().unwrap();
        let demo = build(dir.path(), &mut |_| {}).unwrap();
        let commands = commands_to_try(&demo, dir.path());
        let printed = demo.commands.join("\n");
        assert_eq!(commands.len(), 5);
        for (command, _) in &commands {
            assert!(printed.contains(command.as_str()), "{printed}");
            assert!(
                !command.contains('\''),
                "a temporary folder needs no quotes: {command}"
            );
            let mut args: Vec<&str> = command.split_whitespace().collect();
            if command.contains("phase advance") {
                args.push("--yes");
            }
            let cli =
                crate::cli::Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{command}: {e}"));
            crate::cli::dispatch(cli).unwrap_or_else(|e| panic!("{command}: {e:#}"));
        }
        assert!(dir.path().join("allegati").read_dir().unwrap().count() > 0);
        let db = Db::open(&demo.db).unwrap();
        assert!(cycles::current(db.conn()).unwrap().is_closed());
    }
}
