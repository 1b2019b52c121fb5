//! The outline of the report: the [`Document`] built once from the gathered [`Report`], in
//! Italian. Every renderer writes this outline, so what the report says, and in what order, is
//! decided here only.

use super::csv::{flavour_sentence, Flavour};
use super::document::{
    text, Block, CardBlock, Chapter, Column, Counts, Cover, Document, DraftNotice, Field, Inline,
    Span, Table, Target, Value,
};
use super::{
    long_date, number, percent, period_label, prose, short_date, timing_label, value_label,
    CardEntry, CardRef, Count, Report, CHAPTERS, NO_PROGRESS,
};
use crate::domain::ledger::Figure;
use crate::domain::process::{annex_line, ANNEX_LINE_BLANK, ANNEX_LINE_WITHOUT_ACT};
use crate::domain::{CardStatus, Term};
use crate::text::capitalised;

/// The document of the report.
pub fn document(r: &Report) -> Document {
    let chapters = vec![
        summary(r),
        process(r),
        figures(r),
        responses(r),
        agenda(r),
        implementation(r),
        changes(r),
        annexes(r),
    ];
    Document {
        title: r.title.clone(),
        author: r.municipality.clone(),
        subject: format!(
            "{} alla deliberazione della Giunta comunale di approvazione dell’aggiornamento dell’Agenda Digitale, triennio {}",
            r.annex_label, r.triennium
        ),
        draft: r.draft,
        cover: cover(r),
        chapters,
        colophon: format!(
            "{} – {} – {}{}",
            r.municipality,
            r.title,
            short_date(&r.date),
            if r.draft { " – BOZZA" } else { "" }
        ),
        made_by: r.made_by.clone(),
        date: r.date.clone(),
    }
}

/// The number of a deliberation from the act as recorded ("DGC 12/2022" → "12").
fn act_number(act: &str) -> &str {
    act.trim_start_matches("DGC ")
        .split('/')
        .next()
        .unwrap_or(act)
}

fn cover(r: &Report) -> Cover {
    let (deliberation, header_act) = match (&r.act, &r.act_date) {
        (Some(act), Some(date)) => (
            annex_line(act_number(act), date),
            format!(
                "deliberazione della Giunta comunale n. {} del {}",
                act_number(act),
                short_date(date)
            ),
        ),
        (Some(act), None) => (format!("alla deliberazione {act}"), act.clone()),
        (None, _) if r.closed => (
            ANNEX_LINE_WITHOUT_ACT.to_string(),
            "senza deliberazione".to_string(),
        ),
        (None, _) => (
            ANNEX_LINE_BLANK.to_string(),
            "deliberazione della Giunta comunale n. ____ del ____".to_string(),
        ),
    };
    let copy = match (&r.act, r.closed) {
        (Some(_), true) => Some(format!(
            "Copia ricostruita dai dati dopo la chiusura del ciclo. Fa fede il documento approvato, allegato {}.",
            deliberation
        )),
        _ => None,
    };
    let draft = r.draft.then(|| DraftNotice {
        warning: prose::DRAFT.to_string(),
        heading: prose::DRAFT_MISSING.to_string(),
        missing: r.missing.clone(),
    });
    Cover {
        running_header: format!(
            "{}{} – {header_act}",
            if r.draft { "BOZZA – " } else { "" },
            r.annex_label
        ),
        annex_label: r.annex_label.clone(),
        deliberation,
        municipality: r.municipality.clone(),
        office: r.office.clone(),
        title: r.title.clone(),
        place_and_date: format!("{}, {}", r.place, long_date(&r.date)),
        copy,
        draft,
    }
}

fn chapter(index: usize, blocks: Vec<Block>) -> Chapter {
    let (id, title) = CHAPTERS[index];
    Chapter {
        id,
        number: Some(index + 1),
        title: title.to_string(),
        blocks,
    }
}

fn section(title: impl Into<String>) -> Block {
    Block::Section {
        id: None,
        title: title.into(),
    }
}

fn paragraph(s: impl Into<String>) -> Block {
    Block::Paragraph(text(s))
}

/// "cittadino 40, impresa 12": the values that occur, with their counts.
fn counted(counts: &[Count]) -> String {
    counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} ({})", c.label, number(c.count)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The page before chapter 1: who took part, what it changed, how each suggestion ended.
fn summary(r: &Report) -> Chapter {
    let f = &r.figures;
    let p = &r.participants;
    let named = f.suggestions - p.unnamed;
    let who = if f.suggestions == 0 {
        format!("Nel ciclo {} non sono pervenuti contributi.", r.triennium)
    } else if p.unnamed == 0 {
        format!(
            "Nel ciclo {} sono pervenuti {} da {} distinti.",
            r.triennium,
            super::contributi_label(f.suggestions),
            partecipanti(p.distinct)
        )
    } else {
        format!(
            "Nel ciclo {} sono pervenuti {}: {} da {} distinti, {} senza l’indicazione dell’autore.",
            r.triennium,
            super::contributi_label(f.suggestions),
            number(named),
            partecipanti(p.distinct),
            number(p.unnamed)
        )
    };
    let mut blocks = vec![
        paragraph(format!(
            "{who} I partecipanti sono contati dai dati personali, che questa relazione non pubblica."
        )),
        Block::List(vec![
            text(format!(
                "Per tipologia di soggetto: {}.",
                or_none(counted(&f.by_stakeholder))
            )),
            text(format!("Per canale: {}.", or_none(counted(&f.by_channel)))),
        ]),
        section("Cosa ha cambiato la partecipazione"),
    ];
    if r.taken_up.is_empty() {
        blocks.push(paragraph(
            "Nessuna scheda progetto è nata o è cambiata per un contributo accolto.",
        ));
    } else {
        blocks.push(paragraph(format!(
            "{} dell’Agenda {}, in tutto o in parte, i contributi indicati:",
            schede(r.taken_up.len()),
            if r.taken_up.len() == 1 {
                "accoglie"
            } else {
                "accolgono"
            }
        )));
        blocks.push(taken_up_list(r));
    }
    blocks.push(section("Gli esiti"));
    blocks.push(Block::List(
        f.by_outcome
            .iter()
            .filter(|c| c.count > 0 || c.code != "senza-risposta")
            .map(|c| {
                text(format!(
                    "{}: {} ({})",
                    capitalised(&c.label),
                    number(c.count),
                    percent(c.count, f.suggestions)
                ))
            })
            .collect(),
    ));
    Chapter {
        id: "sintesi",
        number: None,
        title: "Sintesi".to_string(),
        blocks,
    }
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "nessuno".to_string()
    } else {
        s
    }
}

fn partecipanti(n: i64) -> String {
    if n == 1 {
        "1 partecipante".to_string()
    } else {
        format!("{} partecipanti", number(n))
    }
}

fn schede(n: usize) -> String {
    if n == 1 {
        "1 scheda".to_string()
    } else {
        format!("{} schede", number(n as i64))
    }
}

/// The cards that took up accepted suggestions, each with those suggestions.
fn taken_up_list(r: &Report) -> Block {
    Block::List(
        r.taken_up
            .iter()
            .map(|t| {
                let mut line = vec![
                    Span::Link(t.code.clone(), Target::Card(t.code.clone())),
                    Span::Text(format!(" – {}: ", t.title)),
                ];
                line.extend(references(&t.references));
                line
            })
            .collect(),
    )
}

/// References as links to their rows of chapter 3, separated by commas.
fn references(refs: &[String]) -> Inline {
    let mut out = Vec::new();
    for (i, reference) in refs.iter().enumerate() {
        if i > 0 {
            out.push(Span::Text(", ".to_string()));
        }
        out.push(Span::Link(
            reference.clone(),
            Target::Suggestion(reference.clone()),
        ));
    }
    out
}

fn process(r: &Report) -> Chapter {
    let phases = Table {
        caption: format!("Le fasi del ciclo {}", r.triennium),
        class: "phases",
        columns: vec![
            Column::new("Fase", "3.4cm"),
            Column::new("Periodo", "4.6cm"),
            Column::new("Attività", "1fr"),
        ],
        rows: r
            .phases
            .iter()
            .map(|p| vec![text(&p.name), text(period_label(p)), text(&p.description)])
            .collect(),
        total: None,
    };
    chapter(
        0,
        vec![
            paragraph(prose::process_intro(r)),
            Block::Table(phases),
            section("Canali utilizzati"),
            paragraph(prose::channels_intro(r)),
        ],
    )
}

fn figures(r: &Report) -> Chapter {
    let f = &r.figures;
    let counts = |id, title: &str, heading: &str, counts: &[Count], total, chart| {
        Block::Counts(Counts {
            id,
            title: title.to_string(),
            heading: heading.to_string(),
            counts: counts.to_vec(),
            total,
            note: (id == "per-asse").then(|| prose::AXES_NOTE.to_string()),
            chart,
        })
    };
    // The statuses share what the axis leaves, so that their long names wrap evenly.
    let mut columns = vec![Column::new("Asse", "3.6cm")];
    columns.extend(CardStatus::ALL.iter().map(|s| Column {
        width: "1fr",
        ..Column::numeric(&capitalised(s.label()))
    }));
    columns.push(Column::numeric("Totale"));
    let matrix = Table {
        caption: "Schede progetto per asse e stato".to_string(),
        class: "matrix",
        columns,
        rows: f
            .cards_by_axis
            .iter()
            .zip(&f.cards_by_axis_and_status)
            .map(|(axis, row)| {
                let mut cells = vec![text(&axis.label)];
                cells.extend(row.iter().map(|n| text(number(*n))));
                cells.push(text(number(axis.count)));
                cells
            })
            .collect(),
        total: Some({
            let mut cells = vec![text("Totale")];
            cells.extend(f.cards_by_status.iter().map(|s| text(number(s.count))));
            cells.push(text(number(f.cards)));
            cells
        }),
    };
    chapter(
        1,
        vec![
            paragraph(prose::figures_intro(r)),
            counts(
                "per-asse",
                "Contributi per asse tematico",
                "Asse",
                &f.by_axis,
                Some(f.suggestions),
                true,
            ),
            counts(
                "per-soggetto",
                "Contributi per tipologia di soggetto",
                "Tipologia",
                &f.by_stakeholder,
                None,
                false,
            ),
            counts(
                "per-canale",
                "Contributi per canale",
                "Canale",
                &f.by_channel,
                None,
                false,
            ),
            counts(
                "per-esito",
                "Contributi per esito",
                "Esito",
                &f.by_outcome,
                None,
                false,
            ),
            Block::Section {
                id: Some("schede-asse-stato".to_string()),
                title: "Schede progetto per asse e stato".to_string(),
            },
            Block::Table(matrix),
            counts(
                "schede-per-stato",
                "Schede progetto per stato",
                "Stato",
                &f.cards_by_status,
                None,
                false,
            ),
        ],
    )
}

fn responses(r: &Report) -> Chapter {
    let mut blocks = vec![paragraph(prose::RESPONSES_INTRO)];
    if let (Some(on), true) = (&r.collection_closed_on, r.figures.late > 0) {
        blocks.push(paragraph(format!(
            "La raccolta si è chiusa il {}: {} dopo sono segnalati come tardivi, con l’esito che hanno avuto.",
            long_date(on),
            if r.figures.late == 1 {
                "l’unico contributo pervenuto".to_string()
            } else {
                format!("i {} pervenuti", super::contributi_label(r.figures.late))
            }
        )));
    }
    blocks.push(Block::Responses);
    chapter(2, blocks)
}

fn agenda(r: &Report) -> Chapter {
    let mut blocks = vec![paragraph(prose::agenda_intro(r))];
    for s in &r.axes {
        blocks.push(Block::Section {
            id: Some(format!("asse-{}", s.axis.code())),
            title: format!("Asse: {}", s.label),
        });
        blocks.push(Block::Note(s.description.clone()));
        if s.cards.is_empty() {
            blocks.push(paragraph("Nessuna scheda in questo asse."));
        }
        blocks.extend(s.cards.iter().map(|e| Block::Card(card(e))));
    }
    chapter(3, blocks)
}

fn card(entry: &CardEntry) -> CardBlock {
    let c = &entry.card;
    let mut fields = vec![Field {
        label: "Stato",
        value: Value::Status(capitalised(&entry.status_label)),
    }];
    let mut inline = |label, value: String| {
        fields.push(Field {
            label,
            value: Value::Inline(text(value)),
        })
    };
    inline(
        "Ufficio responsabile",
        if c.office.trim().is_empty() {
            "non indicato".to_string()
        } else {
            c.office.clone()
        },
    );
    if !c.partners.trim().is_empty() {
        inline("Partner", c.partners.clone());
    }
    inline("Tempi", timing_label(c));
    inline(
        "Risorse",
        match (&entry.budget_label, c.funding.trim()) {
            (Some(b), "") => b.clone(),
            (Some(b), funding) => format!("{b} – {funding}"),
            (None, "") => "da definire".to_string(),
            (None, funding) => funding.to_string(),
        },
    );
    if !c.agid_refs.is_empty() {
        inline("Riferimenti AgID", c.agid_refs.join("; "));
    }
    for (label, body) in [
        ("Descrizione", &c.description),
        ("Obiettivi", &c.objectives),
    ] {
        if !body.trim().is_empty() {
            fields.push(Field {
                label,
                value: Value::Prose(body.clone()),
            });
        }
    }
    if !c.indicators.is_empty() {
        fields.push(Field {
            label: "Indicatori",
            value: Value::Inline(text(c.indicators.join("; "))),
        });
    }
    fields.push(Field {
        label: "Contributi collegati",
        value: if entry.suggestions.is_empty() {
            Value::Inline(text("nessuno"))
        } else {
            Value::List(
                entry
                    .suggestions
                    .iter()
                    .map(|s| {
                        let mut line = vec![Span::Link(
                            s.reference.clone(),
                            Target::Suggestion(s.reference.clone()),
                        )];
                        line.push(Span::Text(match &s.outcome_label {
                            Some(o) => format!(" – {} ({o})", s.title),
                            None => format!(" – {} (senza risposta)", s.title),
                        }));
                        line
                    })
                    .collect(),
            )
        },
    });
    CardBlock {
        code: c.code.clone(),
        title: c.title.clone(),
        fields,
    }
}

fn card_list(cards: &[CardRef]) -> Block {
    Block::List(
        cards
            .iter()
            .map(|c| {
                vec![
                    Span::Link(c.code.clone(), Target::Card(c.code.clone())),
                    Span::Text(format!(" – {}", c.title)),
                ]
            })
            .collect(),
    )
}

fn changes(r: &Report) -> Chapter {
    let ch = &r.changes;
    let mut blocks = vec![paragraph(prose::changes_intro(r))];
    // What did not happen is said in one sentence at the end, not as empty sections.
    let mut nothing: Vec<&str> = Vec::new();
    if ch.previous.is_some() {
        if ch.new_cards.is_empty() {
            nothing.push("non ci sono schede nuove");
        } else {
            blocks.push(section(format!("Nuove schede ({})", ch.new_cards.len())));
            blocks.push(card_list(&ch.new_cards));
        }
    } else if !r.taken_up.is_empty() {
        blocks.push(section(format!(
            "Schede che accolgono contributi ({})",
            r.taken_up.len()
        )));
        blocks.push(taken_up_list(r));
    }
    if ch.status_changes.is_empty() {
        nothing.push("nessuna scheda ha cambiato stato");
    } else {
        blocks.push(section(format!(
            "Cambi di stato ({})",
            ch.status_changes.len()
        )));
        blocks.push(Block::Table(Table {
            caption: "Schede che hanno cambiato stato".to_string(),
            class: "changes",
            columns: vec![
                Column::new("Scheda", "auto"),
                Column::new("Titolo", "1fr"),
                Column::new("Prima", "auto"),
                Column::new("Ora", "auto"),
            ],
            rows: ch
                .status_changes
                .iter()
                .map(|s| {
                    vec![
                        vec![Span::Link(s.code.clone(), Target::Card(s.code.clone()))],
                        text(&s.title),
                        text(capitalised(&s.from_label)),
                        text(capitalised(&s.to_label)),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    if ch.concluded.is_empty() {
        nothing.push("nessuna scheda è stata conclusa");
    } else {
        blocks.push(section(format!("Schede concluse ({})", ch.concluded.len())));
        blocks.push(card_list(&ch.concluded));
    }
    if ch.previous.is_some() {
        if ch.removed.is_empty() {
            nothing.push("nessuna scheda è stata tolta");
        } else {
            blocks.push(section(format!(
                "Schede non più presenti ({})",
                ch.removed.len()
            )));
            blocks.push(card_list(&ch.removed));
        }
    }
    if ch.edited.is_empty() {
        nothing.push("nessuna scheda è stata modificata in altri campi");
    } else {
        blocks.push(section(format!("Altre modifiche ({})", ch.edited.len())));
        blocks.push(Block::Table(Table {
            caption: "Schede modificate".to_string(),
            class: "changes",
            columns: vec![
                Column::new("Scheda", "auto"),
                Column::new("Titolo", "1fr"),
                Column::new("Campi modificati", "1fr"),
            ],
            rows: ch
                .edited
                .iter()
                .map(|e| {
                    vec![
                        vec![Span::Link(e.code.clone(), Target::Card(e.code.clone()))],
                        text(&e.title),
                        text(e.fields.join(", ")),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    if !nothing.is_empty() {
        blocks.push(paragraph(format!("{}.", capitalised(&nothing.join("; ")))));
    }
    chapter(5, blocks)
}

fn annexes(r: &Report) -> Chapter {
    chapter(
        6,
        vec![
            paragraph(prose::ANNEXES_INTRO),
            Block::List(
                r.annexes
                    .iter()
                    .map(|a| {
                        vec![
                            Span::Code(a.file.clone()),
                            Span::Text(format!(": {}", a.description)),
                        ]
                    })
                    .collect(),
            ),
            paragraph("Ciascun file è scritto in una di due varianti:"),
            Block::List(
                [Flavour::OpenData, Flavour::Excel]
                    .into_iter()
                    .map(|f| text(flavour_sentence(f)))
                    .collect(),
            ),
        ],
    )
}

/// "1.200 (31/12/2020)": a value with its day (the unit is in the indicator's column).
fn figure_label(value: f64, date: Option<&str>) -> String {
    let mut s = value_label(value);
    if let Some(d) = date {
        s.push_str(&format!(" ({})", short_date(d)));
    }
    s
}

fn figure_cell(f: &Option<Figure>) -> Inline {
    text(match f {
        Some(f) => figure_label(f.value, f.date.as_deref()),
        None => "–".to_string(),
    })
}

fn card_link(code: &str) -> Inline {
    vec![Span::Link(code.to_string(), Target::Card(code.to_string()))]
}

/// A table of milestones: the card, the milestone, when it was planned and, for those
/// reached, when.
fn milestone_table(
    caption: &str,
    list: &[super::implementation::MilestoneEntry],
    reached: bool,
) -> Block {
    let mut columns = vec![
        Column::new("Scheda", "1.8cm"),
        Column::new("Traguardo", "1fr"),
        Column::new("Previsto per", "auto"),
    ];
    if reached {
        columns.push(Column::new("Raggiunto il", "auto"));
    }
    Block::Table(Table {
        caption: caption.to_string(),
        class: "milestones",
        columns,
        rows: list
            .iter()
            .map(|m| {
                let mut row = vec![
                    card_link(&m.card),
                    text(&m.title),
                    text(short_date(&m.planned)),
                ];
                if reached {
                    row.push(text(
                        m.reached_on.as_deref().map(short_date).unwrap_or_default(),
                    ));
                }
                row
            })
            .collect(),
        total: None,
    })
}

/// Chapter 5, *Stato di attuazione*: the cards axis by axis with their progress, the
/// milestones of the cycle, the indicators against their targets.
fn implementation(r: &Report) -> Chapter {
    let im = &r.implementation;
    let mut blocks = vec![paragraph(prose::implementation_intro(r))];
    let total = im.cards().count();
    let with = im.cards().filter(|c| c.progress.is_some()).count();
    let done = im
        .cards()
        .filter(|c| c.progress.as_ref().is_some_and(|p| p.percent == 100))
        .count();
    // The progress of the cards comes axis by axis, each axis a section as in chapter 4; what
    // the bars mean is said once, before the first.
    blocks.push(paragraph(if total == 0 {
        "L'Agenda non ha schede.".to_string()
    } else {
        format!(
            "{} su {} {} un avanzamento registrato{}. La barra mostra l'avanzamento da 0 a 100%, con il valore sempre scritto accanto; la data è quella a cui il valore si riferisce.",
            capitalised(&schede(with)),
            number(total as i64),
            if with == 1 { "ha" } else { "hanno" },
            match done {
                0 => String::new(),
                1 => ", 1 è al 100%".to_string(),
                n => format!(", {} sono al 100%", number(n as i64)),
            }
        )
    }));
    for axis in im.axes.iter().filter(|a| !a.cards.is_empty()) {
        blocks.push(Block::Section {
            id: Some(format!("attuazione-{}", axis.axis.code())),
            title: format!("Asse: {}", axis.label),
        });
        blocks.push(Block::Table(Table {
            caption: format!("Avanzamento delle schede – {}", axis.label),
            class: "progress",
            // The same widths in every axis, so that the tables line up page after page.
            columns: vec![
                Column::new("Scheda", "1.8cm"),
                Column::new("Progetto", "1fr"),
                Column::new("Stato", "2.3cm"),
                Column::new("Avanzamento", "3.9cm"),
                Column::new("Aggiornamento", "1fr"),
            ],
            rows: axis
                .cards
                .iter()
                .map(|c| {
                    let (bar, update) = match &c.progress {
                        Some(p) => (
                            vec![Span::Bar(p.percent)],
                            match (&p.date, &p.note) {
                                (Some(d), Some(n)) => format!("{}: {n}", short_date(d)),
                                (Some(d), None) => short_date(d),
                                (None, _) => "scheda conclusa".to_string(),
                            },
                        ),
                        None => (text(NO_PROGRESS), "–".to_string()),
                    };
                    vec![
                        card_link(&c.code),
                        text(&c.title),
                        text(capitalised(&c.status_label)),
                        bar,
                        text(update),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    blocks.push(section("Traguardi"));
    blocks.push(paragraph(prose::milestones_intro(r)));
    let mut nothing: Vec<&str> = Vec::new();
    for (list, title, none, reached) in [
        (
            &im.reached,
            "Traguardi raggiunti nel ciclo",
            "nessun traguardo è stato raggiunto nel ciclo",
            true,
        ),
        (
            &im.missed,
            "Traguardi mancati",
            "nessun traguardo previsto è stato mancato",
            false,
        ),
        (
            &im.upcoming,
            "Traguardi in programma",
            "non ci sono traguardi in programma",
            false,
        ),
    ] {
        if list.is_empty() {
            nothing.push(none);
            continue;
        }
        blocks.push(paragraph(format!(
            "{title} ({}):",
            number(list.len() as i64)
        )));
        blocks.push(milestone_table(title, list, reached));
    }
    if !nothing.is_empty() {
        blocks.push(paragraph(format!("{}.", capitalised(&nothing.join("; ")))));
    }
    blocks.push(section("Indicatori"));
    if im.indicators.is_empty() {
        blocks.push(paragraph(
            "Nessun indicatore delle schede ha ancora valori registrati.",
        ));
    } else {
        blocks.push(paragraph(
            "Per ogni indicatore: il valore di partenza, l'ultima misura e l'obiettivo, ciascuno con la sua data, e se l'obiettivo è raggiunto.",
        ));
        blocks.push(Block::Table(Table {
            caption: "Indicatori e obiettivi".to_string(),
            class: "indicators",
            columns: vec![
                Column::new("Scheda", "1.8cm"),
                Column::new("Indicatore (unità)", "1fr"),
                // The day under the value, so that the indicator's name keeps its room.
                Column::new("Partenza", "2.3cm"),
                Column::new("Ultima misura", "2.3cm"),
                Column::new("Obiettivo", "2.3cm"),
                Column::new("Esito", "auto"),
            ],
            rows: im
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        card_link(&i.card),
                        text(if i.unit.trim().is_empty() {
                            i.name.clone()
                        } else {
                            format!("{} ({})", i.name, i.unit.trim())
                        }),
                        figure_cell(&i.baseline),
                        text(match &i.last {
                            Some(m) => figure_label(m.value, Some(&m.date)),
                            None => "nessuna misura".to_string(),
                        }),
                        figure_cell(&i.target),
                        text(i.outcome()),
                    ]
                })
                .collect(),
            total: None,
        }));
    }
    if im.indicators_without_figures > 0 {
        blocks.push(paragraph(match im.indicators_without_figures {
            1 => "Un altro indicatore delle schede non ha ancora valori registrati.".to_string(),
            n => format!(
                "Altri {} indicatori delle schede non hanno ancora valori registrati.",
                number(n as i64)
            ),
        }));
    }
    chapter(4, blocks)
}
