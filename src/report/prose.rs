//! The report's fixed texts: its chapters and the sentences every format shares.

use super::{contributi_label, number, Report};
use crate::storage::ledger_snapshots::Source;
use crate::text::long_date;

/// The chapters after the cover: anchor and title.
pub const CHAPTERS: [(&str, &str); 7] = [
    ("processo", "Il processo partecipativo"),
    ("cifre", "La partecipazione in cifre"),
    ("esiti", "Esiti dei contributi"),
    ("agenda", "L'Agenda aggiornata"),
    ("attuazione", "Stato di attuazione"),
    (
        "modifiche",
        "Cosa è cambiato rispetto all'edizione precedente",
    ),
    ("allegati", "Allegati"),
];

// The sentences the renderers share, so that every format says the same. Plain text: the
// renderers escape them like any other text.

pub const DRAFT: &str =
    "BOZZA – documento di lavoro, non approvato: i contenuti possono ancora cambiare.";
pub const DRAFT_MISSING: &str = "Bozza: cosa manca per la versione definitiva";

pub fn process_intro(r: &Report) -> String {
    format!(
        "L'Agenda Digitale del {} si aggiorna ogni anno con un processo partecipativo permanente, in tre fasi. Questa relazione rende conto del ciclo del triennio {}.",
        r.municipality, r.triennium
    )
}

pub fn channels_intro(r: &Report) -> String {
    let channels: Vec<String> = r
        .channels_used
        .iter()
        .map(|c| format!("{} ({})", c.label, number(c.count)))
        .collect();
    let mut s = if channels.is_empty() {
        "Non sono pervenuti contributi.".to_string()
    } else {
        format!(
            "Sono pervenuti {} attraverso {}: {}.",
            contributi_label(r.figures.suggestions),
            if channels.len() == 1 {
                "un canale".to_string()
            } else {
                format!("{} canali", channels.len())
            },
            channels.join(", ")
        )
    };
    if let (Some(on), true) = (&r.collection_closed_on, r.figures.late > 0) {
        s.push_str(&format!(
            " La raccolta si è chiusa il {}; {} dopo la chiusura.",
            long_date(on),
            if r.figures.late == 1 {
                "1 contributo è pervenuto".to_string()
            } else {
                format!("{} sono pervenuti", contributi_label(r.figures.late))
            }
        ));
    }
    s
}

pub fn figures_intro(r: &Report) -> String {
    let f = &r.figures;
    let mut s = format!(
        "Nel ciclo {} sono pervenuti {}",
        r.triennium,
        contributi_label(f.suggestions)
    );
    if f.withdrawn > 0 {
        s.push_str(&format!(
            " ({} poi dai proponenti)",
            if f.withdrawn == 1 {
                "1 ritirato".to_string()
            } else {
                format!("{} ritirati", number(f.withdrawn))
            }
        ));
    }
    s.push_str(&format!(
        "; {} hanno ricevuto una risposta motivata",
        number(f.answered)
    ));
    if f.unanswered > 0 {
        s.push_str(&format!(
            ", {} sono ancora senza risposta",
            number(f.unanswered)
        ));
    }
    s.push_str(&format!(
        ". L'Agenda conta {} schede progetto.",
        number(f.cards)
    ));
    s
}

pub const AXES_NOTE: &str =
    "Un contributo può riguardare più assi: la somma per asse può superare il totale.";

pub const RESPONSES_INTRO: &str = "I contributi sono raggruppati per asse tematico: un contributo che riguarda più assi compare sotto il primo, con gli altri indicati. In ogni asse sono ordinati per riferimento; per ciascuno sono indicati la data di invio e il canale, il titolo, l'esito, la motivazione e la scheda progetto che lo riguarda; per un contributo accolto, accolto in parte o già previsto, anche l'avanzamento di quella scheda (capitolo 5). Il riferimento di un contributo della piattaforma rimanda alla sua pagina. I dati personali dei proponenti non sono pubblicati.";

pub fn agenda_intro(r: &Report) -> String {
    format!(
        "Le {} schede progetto dell'Agenda per il triennio {}, asse per asse, con lo stato di avanzamento, l'ufficio responsabile, i tempi, le risorse, i riferimenti al Piano Triennale AgID e i contributi che le riguardano.",
        number(r.figures.cards),
        r.triennium
    )
}

pub fn changes_intro(r: &Report) -> String {
    match r.changes.previous {
        Some(previous) => format!(
            "Il confronto è con le schede approvate alla chiusura del ciclo {previous}."
        ),
        None => format!("Questa è la prima edizione dell'Agenda aggiornata con il processo partecipativo: non c'è un'edizione precedente con cui confrontarla, e le {} schede del capitolo 4 sono state scritte in questo ciclo. Sono riportati i cambiamenti registrati nelle schede durante il ciclo.", number(r.figures.cards)),
    }
}

pub const ANNEXES_INTRO: &str = "I dati di questa relazione sono disponibili come file CSV:";

pub const NONE: &str = "Nessuna.";

pub fn implementation_intro(r: &Report) -> String {
    let im = &r.implementation;
    let at = match (im.source, &r.closed_on) {
        (Source::Closing, Some(on)) => format!(
            "come risultava alla chiusura del ciclo, il {}: ciò che è stato registrato dopo non è riportato",
            long_date(on)
        ),
        (Source::Reconstructed, Some(on)) => format!(
            "ricostruito dai dati registrati fino alla chiusura del ciclo, il {}, perché il ciclo è stato chiuso prima che lo stato di attuazione fosse conservato con la chiusura",
            long_date(on)
        ),
        _ => format!("al {}, come registrato dagli uffici responsabili", long_date(&im.as_of)),
    };
    format!(
        "Lo stato di attuazione delle schede progetto, {at}: l'avanzamento di ciascuna scheda asse per asse, i traguardi del ciclo raggiunti, mancati e in programma, e gli indicatori rispetto ai loro obiettivi."
    )
}

pub fn milestones_intro(r: &Report) -> String {
    let im = &r.implementation;
    let reached = match &im.since {
        Some(since) => format!(
            "sono raggiunti nel ciclo i traguardi raggiunti dopo la chiusura del ciclo precedente, il {}",
            long_date(since)
        ),
        None => "sono raggiunti nel ciclo tutti i traguardi raggiunti finora, perché questa è la prima edizione".to_string(),
    };
    format!(
        "Un traguardo è mancato se la data prevista è anteriore al {} e non è stato raggiunto; {reached}.",
        long_date(&im.as_of)
    )
}
