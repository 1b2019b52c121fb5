//! The annexes as CSV files for the open-data portal, one file each (see [`ANNEXES`]).
//!
//! Open-data flavour: `,`, UTF-8 without BOM, ISO dates, amounts with a decimal point, column
//! names as codes (`riferimento`, `data_invio` …: a published format, kept as it is). Excel
//! flavour (`--excel`): `;`, UTF-8 with BOM, `dd/mm/yyyy` dates, amounts with a decimal comma,
//! column headers in plain Italian (`Riferimento`, `Data invio` …): what an Italian spreadsheet
//! opens with a double click and a person reads. In both, every cell goes through
//! [`guard_formula`], so that no cell runs as a formula.

use std::io::Write;

use anyhow::Result;

use super::{Gathered, ANNEXES};
use crate::csvout::guard_formula;
use crate::domain::card::{format_budget, YearMonth};
use crate::domain::{CardStatus, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavour {
    #[default]
    OpenData,
    Excel,
}

impl Flavour {
    fn delimiter(self) -> u8 {
        match self {
            Flavour::OpenData => b',',
            Flavour::Excel => b';',
        }
    }
    fn date(self, iso: &str) -> String {
        match self {
            Flavour::OpenData => iso.to_string(),
            Flavour::Excel => super::short_date(iso),
        }
    }
    fn month(self, m: Option<YearMonth>) -> String {
        match (self, m) {
            (_, None) => String::new(),
            (Flavour::OpenData, Some(m)) => m.to_string(),
            (Flavour::Excel, Some(m)) => format!("{:02}/{:04}", m.month, m.year),
        }
    }
    fn amount(self, cents: Option<i64>) -> String {
        match cents.map(format_budget) {
            None => String::new(),
            Some(a) if self == Flavour::Excel => a.replace('.', ","),
            Some(a) => a,
        }
    }
}

/// The columns of the responses annex: the open-data name, then the Excel header.
const RESPONSE_COLUMNS: &[(&str, &str)] = &[
    ("riferimento", "Riferimento"),
    ("titolo", "Titolo"),
    ("data_invio", "Data invio"),
    ("tipologia_soggetto", "Tipologia di soggetto"),
    ("canale", "Canale"),
    ("assi", "Assi"),
    ("esito", "Esito"),
    ("motivazione", "Motivazione"),
    ("scheda", "Scheda"),
    ("duplicato_di", "Duplicato del contributo"),
    ("schede_collegate", "Schede collegate"),
    ("ritirato", "Ritirato"),
];

/// The columns of the cards annex: the open-data name, then the Excel header.
const CARD_COLUMNS: &[(&str, &str)] = &[
    ("codice", "Codice scheda"),
    ("titolo", "Titolo"),
    ("asse", "Asse"),
    ("stato", "Stato"),
    ("ufficio", "Ufficio responsabile"),
    ("partner", "Partner"),
    ("inizio", "Inizio (mese/anno)"),
    ("fine", "Fine (mese/anno)"),
    ("risorse_euro", "Risorse (euro)"),
    ("finanziamento", "Finanziamento"),
    ("riferimenti_agid", "Riferimenti al Piano Triennale AgID"),
    ("indicatori", "Indicatori"),
    ("descrizione", "Descrizione"),
    ("obiettivi", "Obiettivi"),
    ("contributi_collegati", "Contributi collegati"),
];

/// The columns of the figures annex: the open-data name, then the Excel header.
const FIGURE_COLUMNS: &[(&str, &str)] = &[
    ("tabella", "Tabella"),
    ("codice", "Codice"),
    ("voce", "Voce"),
    ("numero", "Numero"),
];

/// The columns of the implementation annex (`stato-attuazione.csv`): one row per card's
/// progress, per milestone and per indicator, told apart by `tipo`.
const IMPLEMENTATION_COLUMNS: &[(&str, &str)] = &[
    ("tipo", "Tipo"),
    ("codice_scheda", "Codice scheda"),
    ("titolo_scheda", "Titolo della scheda"),
    ("asse", "Asse"),
    ("stato_scheda", "Stato della scheda"),
    ("voce", "Traguardo o indicatore"),
    ("avanzamento_percentuale", "Avanzamento (%)"),
    ("data_avanzamento", "Data dell'avanzamento"),
    ("nota", "Nota"),
    ("data_prevista", "Data prevista"),
    ("data_raggiungimento", "Data di raggiungimento"),
    ("esito", "Esito"),
    ("unita_misura", "Unità di misura"),
    ("valore_partenza", "Valore di partenza"),
    ("data_partenza", "Data del valore di partenza"),
    ("ultimo_valore", "Ultima misura"),
    ("data_ultimo_valore", "Data dell'ultima misura"),
    ("valore_obiettivo", "Valore obiettivo"),
    ("data_obiettivo", "Data dell'obiettivo"),
];

impl Flavour {
    /// A value of an indicator: `8400`, `3.5`; with a decimal comma for Excel.
    fn value(self, v: f64) -> String {
        let plain = format!("{v}");
        match self {
            Flavour::OpenData => plain,
            Flavour::Excel => plain.replace('.', ","),
        }
    }

    /// The header row of an annex with these columns.
    fn header(self, columns: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        columns
            .iter()
            .map(|(code, label)| match self {
                Flavour::OpenData => *code,
                Flavour::Excel => *label,
            })
            .collect()
    }
}

/// One Italian sentence that says how the CSV annexes are written in a flavour, for chapter 6.
pub fn flavour_sentence(flavour: Flavour) -> String {
    let examples = |f: Flavour| {
        let header = f.header(RESPONSE_COLUMNS);
        format!("{}, {}, {}", header[0], header[2], header[3])
    };
    match flavour {
        Flavour::OpenData => format!(
            "Per il portale dei dati aperti (agenda report --format csv): separatore virgola, codifica UTF-8, date nella forma AAAA-MM-GG, importi con il punto decimale e intestazioni di colonna in forma di codice ({} …).",
            examples(flavour)
        ),
        Flavour::Excel => format!(
            "Per il foglio di calcolo (agenda report --format csv --excel): separatore punto e virgola, codifica UTF-8 con BOM, date nella forma GG/MM/AAAA, importi con la virgola decimale e intestazioni di colonna in italiano ({} …).",
            examples(flavour)
        ),
    }
}

/// A CSV writer of one annex: the BOM for Excel, the delimiter, the formula guard.
struct Annex<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> Annex<W> {
    fn new(
        mut out: W,
        flavour: Flavour,
        columns: &[(&'static str, &'static str)],
    ) -> Result<Annex<W>> {
        if flavour == Flavour::Excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(flavour.delimiter())
            .from_writer(out);
        writer.write_record(flavour.header(columns))?;
        Ok(Annex { writer })
    }
    fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        self.writer
            .write_record(cells.iter().map(|c| guard_formula(c.as_ref()).into_owned()))?;
        Ok(())
    }
    fn finish(mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

/// Writes the responses annex (`esiti-contributi.csv`).
pub fn write_responses(g: &Gathered, flavour: Flavour, out: &mut dyn Write) -> Result<()> {
    let mut annex = Annex::new(out, flavour, RESPONSE_COLUMNS)?;
    g.responses.for_each(|row| {
        annex.row(&[
            row.reference.as_str(),
            row.title.as_str(),
            &row.submitted_on
                .as_deref()
                .map(|d| flavour.date(d))
                .unwrap_or_default(),
            row.stakeholder.label(),
            row.channel.label(),
            &row.axes_label(" | "),
            row.outcome.map(|o| o.label()).unwrap_or(""),
            row.reason.as_deref().unwrap_or(""),
            row.card.as_deref().unwrap_or(""),
            row.duplicate_of.as_deref().unwrap_or(""),
            &row.linked_cards.join(" | "),
            if row.withdrawn { "sì" } else { "no" },
        ])
    })?;
    annex.finish()
}

/// Writes the cards annex (`schede.csv`).
pub fn write_cards(g: &Gathered, flavour: Flavour, out: &mut dyn Write) -> Result<()> {
    let mut annex = Annex::new(out, flavour, CARD_COLUMNS)?;
    for section in &g.report.axes {
        for entry in &section.cards {
            let c = &entry.card;
            annex.row(&[
                c.code.as_str(),
                &c.title,
                c.axis.label(),
                c.status.label(),
                &c.office,
                &c.partners,
                &flavour.month(c.start),
                &flavour.month(c.end),
                &flavour.amount(c.budget),
                &c.funding,
                &c.agid_refs.join(" | "),
                &c.indicators.join(" | "),
                &c.description,
                &c.objectives,
                &entry
                    .suggestions
                    .iter()
                    .map(|s| s.reference.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
            ])?;
        }
    }
    annex.finish()
}

/// Writes the figures annex (`cifre.csv`): one row per count.
pub fn write_figures(g: &Gathered, flavour: Flavour, out: &mut dyn Write) -> Result<()> {
    let mut annex = Annex::new(out, flavour, FIGURE_COLUMNS)?;
    let f = &g.report.figures;
    let tables = [
        ("contributi per asse", &f.by_axis),
        ("contributi per tipologia di soggetto", &f.by_stakeholder),
        ("contributi per canale", &f.by_channel),
        ("contributi per esito", &f.by_outcome),
        ("schede per asse", &f.cards_by_axis),
        ("schede per stato", &f.cards_by_status),
    ];
    annex.row(&[
        "contributi",
        "totale",
        "totale contributi",
        &f.suggestions.to_string(),
    ])?;
    for (table, counts) in tables {
        for c in counts.iter() {
            annex.row(&[table, &c.code, &c.label, &c.count.to_string()])?;
        }
    }
    for (axis, row) in f.cards_by_axis.iter().zip(&f.cards_by_axis_and_status) {
        for (status, n) in CardStatus::ALL.iter().zip(row) {
            annex.row(&[
                "schede per asse e stato",
                &format!("{}/{}", axis.code, status.code()),
                &format!("{} – {}", axis.label, status.label()),
                &n.to_string(),
            ])?;
        }
    }
    annex.finish()
}

/// The cells of an implementation row after the card's, in the order of
/// [`IMPLEMENTATION_COLUMNS`]; a kind of row fills only its own (empty otherwise).
#[derive(Default)]
struct Item {
    name: String,
    percent: String,
    progress_date: String,
    note: String,
    planned: String,
    reached: String,
    outcome: String,
    unit: String,
    baseline: String,
    baseline_date: String,
    last: String,
    last_date: String,
    target: String,
    target_date: String,
}

impl Item {
    fn cells(self) -> [String; 14] {
        [
            self.name,
            self.percent,
            self.progress_date,
            self.note,
            self.planned,
            self.reached,
            self.outcome,
            self.unit,
            self.baseline,
            self.baseline_date,
            self.last,
            self.last_date,
            self.target,
            self.target_date,
        ]
    }
}

/// Writes the implementation annex (`stato-attuazione.csv`): for each card in the order of the
/// Agenda, its progress, then its milestones (reached in the cycle, missed, to come) by planned
/// date, then its indicators with figures. No one who recorded a figure is named.
pub fn write_implementation(g: &Gathered, flavour: Flavour, out: &mut dyn Write) -> Result<()> {
    let mut annex = Annex::new(out, flavour, IMPLEMENTATION_COLUMNS)?;
    let im = &g.report.implementation;
    let date = |d: Option<&str>| d.map(|d| flavour.date(d)).unwrap_or_default();
    let mut milestones: Vec<(&super::implementation::MilestoneEntry, &str)> = im
        .reached
        .iter()
        .map(|m| (m, "raggiunto"))
        .chain(im.missed.iter().map(|m| (m, "mancato")))
        .chain(im.upcoming.iter().map(|m| (m, "in programma")))
        .collect();
    milestones.sort_by(|a, b| (&a.0.card, &a.0.planned).cmp(&(&b.0.card, &b.0.planned)));
    for axis in &im.axes {
        for card in &axis.cards {
            let head = [
                card.code.as_str(),
                card.title.as_str(),
                axis.label.as_str(),
                card.status_label.as_str(),
            ];
            let row = |kind: &str, item: Item| -> Vec<String> {
                let mut cells = vec![kind.to_string()];
                cells.extend(head.iter().map(|c| c.to_string()));
                cells.extend(item.cells());
                cells
            };
            let p = card.progress.as_ref();
            annex.row(&row(
                "avanzamento",
                Item {
                    percent: p.map(|p| p.percent.to_string()).unwrap_or_default(),
                    progress_date: date(p.and_then(|p| p.date.as_deref())),
                    note: p.and_then(|p| p.note.clone()).unwrap_or_default(),
                    ..Item::default()
                },
            ))?;
            for (m, outcome) in milestones.iter().filter(|(m, _)| m.card == card.code) {
                annex.row(&row(
                    "traguardo",
                    Item {
                        name: m.title.clone(),
                        planned: date(Some(&m.planned)),
                        reached: date(m.reached_on.as_deref()),
                        outcome: outcome.to_string(),
                        ..Item::default()
                    },
                ))?;
            }
            for i in im.indicators.iter().filter(|i| i.card == card.code) {
                let value = |f: &Option<crate::domain::ledger::Figure>| {
                    f.as_ref()
                        .map(|f| flavour.value(f.value))
                        .unwrap_or_default()
                };
                let on = |f: &Option<crate::domain::ledger::Figure>| {
                    date(f.as_ref().and_then(|f| f.date.as_deref()))
                };
                annex.row(&row(
                    "indicatore",
                    Item {
                        name: i.name.clone(),
                        outcome: i.outcome().to_string(),
                        unit: i.unit.clone(),
                        baseline: value(&i.baseline),
                        baseline_date: on(&i.baseline),
                        last: i
                            .last
                            .as_ref()
                            .map(|m| flavour.value(m.value))
                            .unwrap_or_default(),
                        last_date: date(i.last.as_ref().map(|m| m.date.as_str())),
                        target: value(&i.target),
                        target_date: on(&i.target),
                        ..Item::default()
                    },
                ))?;
            }
        }
    }
    annex.finish()
}

/// Writes one annex.
pub type AnnexWriter = fn(&Gathered, Flavour, &mut dyn Write) -> Result<()>;

/// The writers of the annexes, by file name, in the order of [`ANNEXES`].
pub fn annexes() -> Vec<(&'static str, AnnexWriter)> {
    let writers: [AnnexWriter; 4] = [
        write_responses,
        write_cards,
        write_figures,
        write_implementation,
    ];
    ANNEXES.iter().map(|(name, _)| *name).zip(writers).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_code_and_a_readable_header() {
        for columns in [
            RESPONSE_COLUMNS,
            CARD_COLUMNS,
            FIGURE_COLUMNS,
            IMPLEMENTATION_COLUMNS,
        ] {
            for (code, label) in columns {
                assert!(
                    code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{code}"
                );
                assert!(label.starts_with(char::is_uppercase), "{label}");
                assert!(!label.contains([';', ',', '"']), "{label}");
            }
        }
    }

    #[test]
    fn the_sentence_names_the_headers_written() {
        let open = flavour_sentence(Flavour::OpenData);
        assert!(
            open.contains("(riferimento, data_invio, tipologia_soggetto …)"),
            "{open}"
        );
        assert!(open.contains("dati aperti"), "{open}");
        let excel = flavour_sentence(Flavour::Excel);
        assert!(
            excel.contains("(Riferimento, Data invio, Tipologia di soggetto …)"),
            "{excel}"
        );
        assert!(excel.contains("punto e virgola"), "{excel}");
        assert_eq!(excel.matches('.').count(), 1, "one sentence: {excel}");
    }
}
