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

impl Flavour {
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

/// Writes one annex.
pub type AnnexWriter = fn(&Gathered, Flavour, &mut dyn Write) -> Result<()>;

/// The writers of the annexes, by file name, in the order of [`ANNEXES`].
pub fn annexes() -> Vec<(&'static str, AnnexWriter)> {
    let writers: [AnnexWriter; 3] = [write_responses, write_cards, write_figures];
    ANNEXES.iter().map(|(name, _)| *name).zip(writers).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_code_and_a_readable_header() {
        for columns in [RESPONSE_COLUMNS, CARD_COLUMNS, FIGURE_COLUMNS] {
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
