//! The annexes as CSV files for the open-data portal, one file each (see [`ANNEXES`]).
//!
//! Open-data flavour: `,`, UTF-8 without BOM, ISO dates, amounts with a decimal point. Excel
//! flavour (`--excel`): `;`, UTF-8 with BOM, `dd/mm/yyyy` dates, amounts with a decimal comma:
//! what an Italian spreadsheet opens with a double click. In both, every cell goes through
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

/// A CSV writer of one annex: the BOM for Excel, the delimiter, the formula guard.
struct Annex<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> Annex<W> {
    fn new(mut out: W, flavour: Flavour, header: &[&str]) -> Result<Annex<W>> {
        if flavour == Flavour::Excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(flavour.delimiter())
            .from_writer(out);
        writer.write_record(header)?;
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
    let mut annex = Annex::new(
        out,
        flavour,
        &[
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
            "ritirato",
        ],
    )?;
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
    let mut annex = Annex::new(
        out,
        flavour,
        &[
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
            "contributi_collegati",
        ],
    )?;
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
    let mut annex = Annex::new(out, flavour, &["tabella", "codice", "voce", "numero"])?;
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
