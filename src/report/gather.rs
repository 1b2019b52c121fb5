//! Gathering the report: everything it says except the response to each suggestion, read from
//! the database into a [`Report`], and the guards of the final report.

use std::collections::BTreeMap;

use anyhow::Result;

use super::*;
use crate::domain::card::format_euro;
use crate::domain::{CardStatus, Phase};
use crate::error::{refused, usage};
use crate::process;
use crate::storage::cycles;
use crate::storage::report as store;
use crate::storage::settings;
/// What stands between a cycle and its final report dated `date`, one phrase each for the
/// refusal; empty when the final report can be produced: every suggestion has a response and an axis,
/// none is dated after `date`, and the cycle is closed or in Fase 3 (it will be closed with the
/// act the report goes with).
pub fn final_report_blockers(conn: &Handle, cycle: &Cycle, date: &str) -> Result<Vec<String>> {
    let mut blockers = Vec::new();
    if !cycle.is_closed() && cycle.phase != Phase::Aggiornamento {
        blockers.push(t!("report-blocker-phase", phase = cycle.phase.label()));
    }
    let crate::storage::suggestions::Pending {
        unanswered,
        untagged,
        dated,
    } = crate::storage::suggestions::pending(conn, cycle.id, date, REFERENCES_SHOWN)?;
    if unanswered.count > 0 {
        blockers.push(unanswered.sentence());
    }
    if untagged.count > 0 {
        blockers.push(untagged.sentence());
    }
    if dated.count > 0 {
        blockers.push(dated.sentence(&t!("report-blocker-date-of")));
    }
    Ok(blockers)
}

/// Gathers the report of a cycle. Without `draft` it refuses (exit 4) unless the closing guards
/// are met (see [`final_report_blockers`]), and needs a date: `--date`, or the date the cycle
/// closed. A draft without either bears today's date.
pub fn gather<'c>(conn: &'c Handle, cycle: &Cycle, options: &Options) -> Result<Gathered<'c>> {
    let date = match (&options.date, &cycle.closed_on) {
        (Some(d), _) => d.clone(),
        (None, Some(closed_on)) => closed_on.clone(),
        (None, None) if options.draft => crate::context::today(),
        (None, None) => {
            return Err(usage(t!(
                "report-needs-date",
                triennium = cycle.triennium.to_string()
            ))
            .hint(t!("report-needs-date-hint"))
            .into())
        }
    };
    if !options.draft {
        let blockers = final_report_blockers(conn, cycle, &date)?;
        if !blockers.is_empty() {
            return Err(refused(t!(
                "report-not-yet",
                triennium = cycle.triennium.to_string(),
                blockers = blockers.join("; ")
            ))
            .hint(t!("report-not-yet-hint"))
            .into());
        }
    }
    let municipality = settings::get(conn, "municipality")
        .ok()
        .flatten()
        .unwrap_or_else(|| process::DEFAULT_MUNICIPALITY.to_string());
    let periods = cycles::phase_periods(conn, cycle)?;
    let collection_closed_on = crate::domain::closed_collection(&periods);
    let phases = phase_dates(&periods);
    // The cards are the office's own texts, but they are published too: what the scan finds
    // in them (an e-mail or a phone number typed into a description) is left out as well.
    let cards: Vec<Card> = crate::storage::cards_of_cycle(conn, cycle)?
        .into_iter()
        .map(redact_card)
        .collect();
    let census = census::take(
        conn,
        cycle.id,
        collection_closed_on.as_deref(),
        REFERENCES_SHOWN,
    )?;
    let figures = figures(&census, &cards);
    let links = linked_suggestions(conn, cycle)?;
    let axes = axis_sections(&cards, links);
    let changes = changes(conn, cycle, &cards)?;
    let since = previous_cycle(conn, cycle)?.and_then(|p| p.closed_on);
    let implementation = implementation::gather(conn, cycle, &cards, &date, since)?;
    let missing = if options.draft {
        let mut missing = missing(cycle, &census, &cards);
        let redacted = crate::storage::redactions::of_cycle(conn, cycle.id)?;
        if !redacted.is_empty() {
            missing.push(redactions_sentence(&redacted));
        }
        missing
    } else {
        Vec::new()
    };
    let channels_used = figures
        .by_channel
        .iter()
        .filter(|c| c.count > 0)
        .cloned()
        .collect();
    let made_by = made::Made::now(cycle.triennium, &date, options).line();
    let (distinct, unnamed) = store::participants(conn, cycle.id)?;
    let taken_up = taken_up(&axes);
    let office = settings::get(conn, "office")
        .ok()
        .flatten()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    let report = Report {
        made_by,
        annex_label: options.annex_label().to_string(),
        office,
        place: municipality
            .strip_prefix("Comune di ")
            .unwrap_or(&municipality)
            .to_string(),
        participants: Participants { distinct, unnamed },
        taken_up,
        implementation,
        title: format!(
            "Relazione di aggiornamento dell’Agenda Digitale – triennio {}",
            cycle.triennium
        ),
        municipality,
        triennium: cycle.triennium,
        draft: options.draft,
        date,
        closed: cycle.is_closed(),
        closed_on: cycle.closed_on.clone(),
        act: cycle.act.clone(),
        act_date: cycle.act_date.clone(),
        phase: cycle.phase.number(),
        phases,
        collection_closed_on,
        channels_used,
        figures,
        missing,
        axes,
        changes,
        annexes: ANNEXES
            .iter()
            .map(|(file, description)| Annex {
                file: file.to_string(),
                description: description.to_string(),
            })
            .collect(),
    };
    Ok(Gathered {
        responses: Responses {
            conn,
            cycle_id: cycle.id,
            collection_closed_on: report.collection_closed_on.clone(),
            progress: report.implementation.progress_by_card(),
        },
        report,
    })
}

/// The cards an accepted or partly accepted suggestion went into, in the order of the axes.
fn taken_up(axes: &[AxisSection]) -> Vec<TakenUp> {
    axes.iter()
        .flat_map(|section| &section.cards)
        .filter_map(|entry| {
            let references: Vec<String> = entry
                .suggestions
                .iter()
                .filter(|s| {
                    s.outcome
                        .as_deref()
                        .and_then(Outcome::from_code)
                        .is_some_and(|o| {
                            matches!(o, Outcome::Accolto | Outcome::ParzialmenteAccolto)
                        })
                })
                .map(|s| s.reference.clone())
                .collect();
            (!references.is_empty()).then(|| TakenUp {
                code: entry.card.code.clone(),
                title: entry.card.title.clone(),
                references,
            })
        })
        .collect()
}

fn phase_description(phase: Phase) -> &'static str {
    match phase {
        Phase::Presentazione => {
            "presentazione dell'iniziativa e dell'Agenda Digitale in vigore alla città"
        }
        Phase::Ascolto => {
            "raccolta dei contributi di cittadini, imprese, associazioni, enti e di ogni altro portatore di interesse"
        }
        Phase::Aggiornamento => {
            "aggiornamento dell'Agenda per il triennio e restituzione: risposta motivata a ogni contributo"
        }
    }
}

fn phase_dates(periods: &[crate::domain::PhasePeriod]) -> Vec<PhaseDates> {
    [Phase::Presentazione, Phase::Ascolto, Phase::Aggiornamento]
        .into_iter()
        .map(|phase| {
            let period = periods.iter().find(|p| p.phase == phase);
            PhaseDates {
                number: phase.number(),
                name: phase.label().to_string(),
                description: phase_description(phase).to_string(),
                from: period.map(|p| p.from.clone()),
                to: period.and_then(|p| p.to.clone()),
            }
        })
        .collect()
}

fn counts<T: Term>(map: &BTreeMap<String, i64>) -> Vec<Count> {
    T::ALL
        .iter()
        .map(|v| Count::of(*v, map.get(v.code()).copied().unwrap_or(0)))
        .collect()
}

fn figures(census: &census::Census, cards: &[Card]) -> Figures {
    let mut by_axis = counts::<Axis>(&census.axes);
    by_axis.push(Count::other("senza-asse", "senza asse", census.untagged));
    let by_stakeholder = counts::<Stakeholder>(&census.stakeholders);
    let by_channel = counts::<Channel>(&census.channels);
    let mut by_outcome = counts::<Outcome>(&census.outcomes);
    by_outcome.push(Count::other(
        "senza-risposta",
        "senza risposta",
        census.unanswered,
    ));
    let cards_by_axis = Axis::ALL
        .iter()
        .map(|a| Count::of(*a, cards.iter().filter(|c| c.axis == *a).count() as i64))
        .collect();
    let cards_by_status = CardStatus::ALL
        .iter()
        .map(|s| Count::of(*s, cards.iter().filter(|c| c.status == *s).count() as i64))
        .collect();
    let cards_by_axis_and_status = Axis::ALL
        .iter()
        .map(|a| {
            CardStatus::ALL
                .iter()
                .map(|s| {
                    cards
                        .iter()
                        .filter(|c| c.axis == *a && c.status == *s)
                        .count() as i64
                })
                .collect()
        })
        .collect();
    Figures {
        suggestions: census.suggestions,
        answered: census.suggestions - census.unanswered,
        unanswered: census.unanswered,
        untagged: census.untagged,
        withdrawn: census.withdrawn,
        late: census.late,
        by_axis,
        by_stakeholder,
        by_channel,
        by_outcome,
        cards: cards.len() as i64,
        cards_by_axis,
        cards_by_status,
        cards_by_axis_and_status,
    }
}

/// The suggestions of the cycle linked to each card (by a link or by the response in force),
/// by card code, in the order of their references.
fn linked_suggestions(
    conn: &Handle,
    cycle: &Cycle,
) -> Result<BTreeMap<String, Vec<LinkedSuggestion>>> {
    let mut out: BTreeMap<String, Vec<LinkedSuggestion>> = BTreeMap::new();
    for link in store::card_links(conn, cycle.id)? {
        let names = crate::redact::names(&link.people);
        out.entry(link.card).or_default().push(LinkedSuggestion {
            title: crate::redact::redact(&link.title, &names).text,
            reference: link.reference,
            outcome_label: link
                .outcome
                .as_deref()
                .and_then(Outcome::from_code)
                .map(|o| o.label().to_string()),
            outcome: link.outcome,
        });
    }
    Ok(out)
}

fn axis_sections(
    cards: &[Card],
    mut links: BTreeMap<String, Vec<LinkedSuggestion>>,
) -> Vec<AxisSection> {
    Axis::ALL
        .iter()
        .map(|axis| AxisSection {
            axis: *axis,
            label: axis.label().to_string(),
            description: axis.description().to_string(),
            cards: cards
                .iter()
                .filter(|c| c.axis == *axis)
                .map(|c| CardEntry {
                    axis_label: c.axis.label().to_string(),
                    status_label: c.status.label().to_string(),
                    budget_label: c.budget.map(format_euro),
                    suggestions: links.remove(&c.code).unwrap_or_default(),
                    card: c.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The Italian name of a card field, as chapter 6 names what changed.
pub fn field_label(field: &str) -> &str {
    match field {
        "code" => "codice",
        "title" => "titolo",
        "axis" => "asse",
        "status" => "stato",
        "description" => "descrizione",
        "objectives" => "obiettivi",
        "office" => "ufficio",
        "partners" => "partner",
        "start" => "inizio",
        "end" => "fine",
        "budget" => "risorse",
        "funding" => "finanziamento",
        "agid_refs" => "riferimenti AgID",
        "indicators" => "indicatori",
        other => other,
    }
}

fn card_ref(card: &Card) -> CardRef {
    CardRef {
        code: card.code.clone(),
        title: card.title.clone(),
    }
}

fn status_change(card: &Card, from: CardStatus, to: CardStatus) -> StatusChange {
    StatusChange {
        code: card.code.clone(),
        title: card.title.clone(),
        from: from.code().to_string(),
        from_label: from.label().to_string(),
        to: to.code().to_string(),
        to_label: to.label().to_string(),
    }
}

/// The closed cycle before this one, if any.
fn previous_cycle(conn: &Handle, cycle: &Cycle) -> Result<Option<Cycle>> {
    Ok(cycles::all(conn)?
        .into_iter()
        .rfind(|c| c.triennium < cycle.triennium && c.is_closed()))
}

fn changes(conn: &Handle, cycle: &Cycle, cards: &[Card]) -> Result<Changes> {
    let mut changes = Changes {
        previous: None,
        new_cards: Vec::new(),
        status_changes: Vec::new(),
        concluded: Vec::new(),
        removed: Vec::new(),
        edited: Vec::new(),
    };
    if let Some(previous) = previous_cycle(conn, cycle)? {
        changes.previous = Some(previous.triennium);
        let before = crate::storage::cards_of_cycle(conn, &previous)?;
        let before: BTreeMap<&str, &Card> = before.iter().map(|c| (c.code.as_str(), c)).collect();
        for card in cards {
            match before.get(card.code.as_str()) {
                None => {
                    changes.new_cards.push(card_ref(card));
                    if card.status == CardStatus::Conclusa {
                        changes.concluded.push(card_ref(card));
                    }
                }
                Some(old) => {
                    if old.status != card.status {
                        changes
                            .status_changes
                            .push(status_change(card, old.status, card.status));
                        if card.status == CardStatus::Conclusa {
                            changes.concluded.push(card_ref(card));
                        }
                    }
                    let fields: Vec<String> = card
                        .changes_from(old)
                        .into_iter()
                        .filter(|c| c.field != "status")
                        .map(|c| field_label(c.field).to_string())
                        .collect();
                    if !fields.is_empty() {
                        changes.edited.push(Edited {
                            code: card.code.clone(),
                            title: card.title.clone(),
                            fields,
                        });
                    }
                }
            }
        }
        let now: std::collections::BTreeSet<&str> = cards.iter().map(|c| c.code.as_str()).collect();
        for (code, card) in &before {
            if !now.contains(code) {
                changes.removed.push(card_ref(card));
            }
        }
        return Ok(changes);
    }
    // The first edition: what the cards' history recorded during the cycle.
    let by_code: BTreeMap<&str, &Card> = cards.iter().map(|c| (c.code.as_str(), c)).collect();
    // code → (first old status, last new status); code → fields edited, in order.
    let mut statuses: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut created: Vec<String> = Vec::new();
    let mut edited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for change in store::card_changes(conn, cycle.id)? {
        let store::CardChange {
            code,
            field,
            old_value: old,
            new_value: new,
        } = change;
        match field.as_str() {
            "created" => {
                if !created.contains(&code) {
                    created.push(code)
                }
            }
            "status" => {
                let entry = statuses
                    .entry(code)
                    .or_insert_with(|| (old.clone().unwrap_or_default(), String::new()));
                entry.1 = new.unwrap_or_default();
            }
            _ => {
                let label = field_label(&field).to_string();
                let fields = edited.entry(code).or_default();
                if !fields.contains(&label) {
                    fields.push(label);
                }
            }
        }
    }
    for card in cards {
        if created.contains(&card.code) {
            changes.new_cards.push(card_ref(card));
        }
        if card.status == CardStatus::Conclusa {
            changes.concluded.push(card_ref(card));
        }
    }
    for (code, (from, to)) in statuses {
        let (Some(card), Some(from), Some(to)) = (
            by_code.get(code.as_str()),
            CardStatus::from_code(&from),
            CardStatus::from_code(&to),
        ) else {
            continue;
        };
        if from != to {
            changes.status_changes.push(status_change(card, from, to));
        }
    }
    for card in cards {
        if let Some(fields) = edited.remove(&card.code) {
            // A card new in this cycle is listed as new; its edits are part of its writing.
            if !created.contains(&card.code) {
                changes.edited.push(Edited {
                    code: card.code.clone(),
                    title: card.title.clone(),
                    fields,
                });
            }
        }
    }
    Ok(changes)
}

/// What a draft still lacks before the final report, in Italian.
/// A card with what the scan for personal data finds in its texts replaced by `[omissis]`.
fn redact_card(mut card: Card) -> Card {
    let clean = |t: &mut String| *t = crate::redact::redact(t, &[]).text;
    for text in [
        &mut card.title,
        &mut card.description,
        &mut card.objectives,
        &mut card.office,
        &mut card.partners,
        &mut card.funding,
    ] {
        clean(text);
    }
    card.agid_refs.iter_mut().for_each(clean);
    card.indicators.iter_mut().for_each(clean);
    card
}

/// The draft's line on the suggestions whose title or reason held personal data, so that staff
/// can write a proper title (`agenda suggestion retitle`) or reason.
fn redactions_sentence(redacted: &[crate::storage::redactions::Redaction]) -> String {
    let shown: Vec<String> = redacted
        .iter()
        .take(REFERENCES_SHOWN)
        .map(|r| {
            let mut kinds: Vec<&str> = r.title.iter().chain(&r.reason).map(|d| d.label()).collect();
            kinds.sort();
            kinds.dedup();
            let place = match (r.title.is_empty(), r.reason.is_empty()) {
                (false, true) => "titolo",
                (true, false) => "motivazione",
                _ => "titolo e motivazione",
            };
            format!("{} ({place}: {})", r.reference, kinds.join(", "))
        })
        .collect();
    format!(
        "{} con dati personali nel titolo o nella motivazione, sostituiti da {} in questo documento: {}{}; scrivere un titolo adatto con `agenda suggestion retitle` o correggere la motivazione",
        contributi(redacted.len() as i64),
        crate::redact::OMISSIS,
        shown.join(", "),
        and_more(redacted.len() as i64 - shown.len() as i64)
    )
}

fn missing(cycle: &Cycle, census: &census::Census, cards: &[Card]) -> Vec<String> {
    let mut out = Vec::new();
    if !cycle.is_closed() && cycle.phase != Phase::Aggiornamento {
        out.push(format!(
            "il ciclo è ancora in {}: la relazione definitiva si redige in Fase 3, chiusa la raccolta dei contributi",
            cycle.phase.label()
        ));
    }
    if census.unanswered > 0 {
        let shown = &census.first_unanswered;
        out.push(format!(
            "{} senza risposta: {}{}",
            contributi(census.unanswered),
            shown.join(", "),
            and_more(census.unanswered - shown.len() as i64)
        ));
    }
    if census.untagged > 0 {
        let shown = &census.first_untagged;
        out.push(format!(
            "{} senza asse tematico: {}{}",
            contributi(census.untagged),
            shown.join(", "),
            and_more(census.untagged - shown.len() as i64)
        ));
    }
    let no_office: Vec<&str> = cards
        .iter()
        .filter(|c| c.office.trim().is_empty())
        .map(|c| c.code.as_str())
        .collect();
    if !no_office.is_empty() {
        out.push(format!(
            "{} senza ufficio responsabile: {}",
            if no_office.len() == 1 {
                "1 scheda".to_string()
            } else {
                format!("{} schede", no_office.len())
            },
            no_office.join(", ")
        ));
    }
    if cycle.act.is_none() {
        out.push(
            "l'atto di approvazione: la deliberazione della Giunta comunale (numero e data)"
                .to_string(),
        );
    }
    out
}
