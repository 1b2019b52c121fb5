//! `agenda triage`: the interactive walk through the suggestions of the cycle, one at a time.
//!
//! Every answer is saved the moment it is given, each in its own transaction, through the same
//! library calls as `agenda suggestion tag|link|respond`: quitting, or a crash, loses nothing.

use std::io::IsTerminal;

use anyhow::Result;
use clap::Args;
use dialoguer::console::{style, Term};
use dialoguer::{FuzzySelect, Input, MultiSelect, Select};

use super::output::{say, warn};
use super::Globals;
use crate::domain::glossary::{Channel, Stakeholder};
use crate::domain::response::ResponseRequest;
use crate::domain::Cycle;
use crate::domain::{Axis, Outcome, Term as _};
use crate::error::{classify, usage, Kind};
use crate::storage::responses::{self as store, CurrentResponse};
use crate::storage::suggestions::{self as sstore, Filter};
use crate::storage::{cards as cstore, tags, Db};
use crate::text::truncate;
use crate::{responses, tagging};

#[derive(Debug, Args)]
pub struct TriageArgs {
    /// Only suggestions tagged with this axis.
    #[arg(long, value_parser = super::args::term::<Axis>)]
    axis: Option<Axis>,
    /// Only suggestions without any axis.
    #[arg(long, conflicts_with = "unanswered")]
    untagged: bool,
    /// Only suggestions without a response.
    #[arg(long)]
    unanswered: bool,
}

/// What the person chose in the menu after a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Next,
    Back,
    Skip,
    Quit,
}

/// What the walk did, for the closing line.
#[derive(Debug, Default)]
struct Tally {
    tags: u64,
    links: u64,
    responses: u64,
    skipped: Vec<String>,
}

pub fn run(globals: &Globals, args: TriageArgs) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(usage(crate::t!("triage-needs-terminal"))
            .hint(crate::t!("triage-needs-terminal-hint"))
            .into());
    }
    let mut db = Db::open(&globals.db)?;
    let cycle = globals.cycle(&db)?;
    cycle.ensure_open()?;
    crate::search::sync(&mut db)?;
    let ids = to_triage(&db, &cycle, &args)?;
    if ids.is_empty() {
        say(crate::t!(
            "triage-nothing",
            triennium = cycle.triennium.to_string()
        ));
        return Ok(());
    }
    let cards: Vec<(String, String)> = cstore::list(db.conn(), &cstore::Filter::default())?
        .into_iter()
        .map(|c| (c.code, c.title))
        .collect();
    let term = Term::stderr();
    term.write_line(&crate::t!(
        "triage-start",
        count = ids.len(),
        triennium = cycle.triennium.to_string()
    ))?;
    let mut tally = Tally::default();
    let mut at = 0;
    while at < ids.len() {
        show(&term, &db, ids[at], at, ids.len())?;
        ask(&term, &mut db, &cycle, &cards, ids[at], &mut tally)?;
        match menu(&term)? {
            Move::Next => at += 1,
            Move::Skip => {
                tally.skipped.push(tags::reference_of(db.conn(), ids[at])?);
                at += 1
            }
            Move::Back => {
                if at == 0 {
                    term.write_line(&crate::t!("triage-first"))?;
                } else {
                    at -= 1
                }
            }
            Move::Quit => break,
        }
        if at == ids.len() {
            term.write_line(&crate::t!("triage-all-seen", count = ids.len()))?;
        }
    }
    let saved = crate::t!(
        "triage-done",
        tags = tally.tags,
        links = tally.links,
        responses = tally.responses
    );
    say(if tally.skipped.is_empty() {
        saved
    } else {
        crate::t!(
            "triage-done-skipped",
            saved = saved,
            skipped = tally.skipped.join(", ")
        )
    });
    Ok(())
}

/// Prints the suggestion: title, body, axes with their origin, the response in force, and the
/// similar suggestions already answered.
fn show(term: &Term, db: &Db, id: i64, at: usize, total: usize) -> Result<()> {
    let conn = db.conn();
    let detail = sstore::detail(conn, id)?.ok_or_else(|| {
        crate::error::refused(crate::t!("triage-disappeared", id = id.to_string()))
    })?;
    let s = &detail.summary;
    term.write_line("")?;
    term.write_line(&format!(
        "{} {} #{} {}",
        style(format!("[{}/{}]", at + 1, total)).dim(),
        style(&s.reference).bold(),
        s.id,
        style(format!(
            "{} · {} · {}{}",
            s.submitted_at
                .as_deref()
                .map(|d| crate::i18n::iso_date(&d[..10.min(d.len())]))
                .unwrap_or_else(|| crate::t!("triage-no-date")),
            Stakeholder::from_code(&s.stakeholder)
                .map(|t| t.label())
                .unwrap_or(&s.stakeholder),
            Channel::from_code(&s.channel)
                .map(|c| c.label())
                .unwrap_or(&s.channel),
            if s.withdrawn {
                format!(" · {}", crate::t!("triage-withdrawn"))
            } else {
                String::new()
            }
        ))
        .dim()
    ))?;
    term.write_line(&style(&s.title).bold().to_string())?;
    let body: String = s.body.chars().take(1500).collect();
    for line in body.lines() {
        term.write_line(&format!("  {line}"))?;
    }
    if s.body.chars().count() > 1500 {
        term.write_line("  …")?;
    }
    let axes = if detail.axes_detail.is_empty() {
        crate::t!("triage-axes-none")
    } else {
        detail
            .axes_detail
            .iter()
            .map(|a| {
                // The glossary's name, as every table shows it (the code is taken as well).
                let axis = crate::domain::Axis::from_code(&a.axis)
                    .map(|x| x.label())
                    .unwrap_or(a.axis.as_str());
                match (a.origin.as_str(), &a.detail) {
                    ("rule", Some(words)) => {
                        crate::t!("triage-axis-by-rule", axis = axis, words = words.as_str())
                    }
                    (origin, _) => crate::t!(
                        "triage-axis-by",
                        axis = axis,
                        origin = crate::t!("triage-axis-origin", origin = origin)
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    term.write_line(&crate::t!("triage-axes", axes = axes))?;
    if !s.cards.is_empty() {
        term.write_line(&crate::t!("triage-cards", cards = s.cards.join(", ")))?;
    }
    if let Some(CurrentResponse {
        outcome, reason, ..
    }) = store::current_response(conn, id)?
    {
        term.write_line(&crate::t!(
            "triage-response",
            outcome = outcome_label(&outcome),
            reason = reason
        ))?;
    }
    let answered = similar_answered(conn, id, 3)?;
    if !answered.is_empty() {
        term.write_line(&style(crate::t!("triage-similar")).dim().to_string())?;
        for (reference, title, outcome, reason) in answered {
            term.write_line(&format!(
                "  {reference} {} → {}: {}",
                truncate(&title, 50),
                outcome_label(&outcome),
                truncate(&reason, 90)
            ))?;
        }
    }
    Ok(())
}

/// Up to `n` suggestions like this one, in any cycle, that have a response: (ref, title,
/// outcome, reason).
fn similar_answered(
    conn: &crate::storage::Handle,
    id: i64,
    n: usize,
) -> Result<Vec<(String, String, String, String)>> {
    let mut out = Vec::new();
    for other in crate::search::similar(conn, id, None, 30)? {
        let other = other.id;
        if let Some(CurrentResponse {
            outcome, reason, ..
        }) = store::current_response(conn, other)?
        {
            let title = sstore::title_of(conn, other)?;
            out.push((tags::reference_of(conn, other)?, title, outcome, reason));
            if out.len() == n {
                break;
            }
        }
    }
    Ok(out)
}

fn outcome_label(code: &str) -> &str {
    Outcome::from_code(code).map(|o| o.label()).unwrap_or(code)
}

/// The suggestions of the cycle the walk goes through, in their order.
fn to_triage(db: &Db, cycle: &Cycle, args: &TriageArgs) -> Result<Vec<i64>> {
    Ok(sstore::list(
        db.conn(),
        &Filter {
            cycle_id: Some(cycle.id),
            axis: args.axis,
            untagged: args.untagged,
            unanswered: args.unanswered,
            ..Filter::default()
        },
    )?
    .into_iter()
    .map(|s| s.id)
    .collect())
}

/// Asks axes, card, outcome and reason, saving each answer as it comes. Esc at a prompt leaves
/// the rest of them for this suggestion and goes on to the menu.
/// Asks, in turn, the axes, the card and the response of one suggestion; Esc at any question
/// leaves the rest for later.
fn ask(
    term: &Term,
    db: &mut Db,
    cycle: &Cycle,
    cards: &[(String, String)],
    id: i64,
    tally: &mut Tally,
) -> Result<()> {
    if !ask_axes(term, db, cycle, id, tally)? {
        return Ok(());
    }
    let Some(card) = ask_card(term, db, cycle, cards, id, tally)? else {
        return Ok(());
    };
    ask_response(term, db, cycle, cards, card, id, tally)
}

/// The axes, checked in a list; false on Esc.
fn ask_axes(term: &Term, db: &mut Db, cycle: &Cycle, id: i64, tally: &mut Tally) -> Result<bool> {
    let key = id.to_string();
    let current: Vec<String> = sstore::detail(db.conn(), id)?
        .map(|d| d.summary.axes)
        .unwrap_or_default();
    let items: Vec<(&str, bool)> = Axis::ALL
        .iter()
        .map(|a| (a.label(), current.iter().any(|c| c == a.code())))
        .collect();
    let Some(chosen) = MultiSelect::new()
        .with_prompt(crate::t!("triage-ask-axes"))
        .items_checked(items)
        .interact_on_opt(term)?
    else {
        return Ok(false);
    };
    let chosen: Vec<Axis> = chosen.into_iter().map(|i| Axis::ALL[i]).collect();
    let added: Vec<Axis> = chosen
        .iter()
        .copied()
        .filter(|a| !current.iter().any(|c| c == a.code()))
        .collect();
    let removed: Vec<Axis> = Axis::ALL
        .iter()
        .copied()
        .filter(|a| current.iter().any(|c| c == a.code()) && !chosen.contains(a))
        .collect();
    if !added.is_empty() {
        tally.tags += tagging::tag(db, cycle, std::slice::from_ref(&key), &added, false)?.changed;
    }
    if !removed.is_empty() {
        tally.tags += tagging::tag(db, cycle, std::slice::from_ref(&key), &removed, true)?.changed;
    }
    Ok(true)
}

/// The card to link, filtered as it is typed; `None` on Esc, else the card the response may
/// name (the one picked, or the one already linked).
#[allow(clippy::option_option)]
fn ask_card(
    term: &Term,
    db: &mut Db,
    cycle: &Cycle,
    cards: &[(String, String)],
    id: i64,
    tally: &mut Tally,
) -> Result<Option<Option<String>>> {
    let key = id.to_string();
    let linked: Vec<String> = sstore::detail(db.conn(), id)?
        .map(|d| d.summary.cards)
        .unwrap_or_default();
    let mut entries = vec![crate::t!("triage-no-card")];
    entries.extend(
        cards
            .iter()
            .map(|(code, title)| format!("{code} – {title}")),
    );
    let default = linked
        .first()
        .and_then(|l| cards.iter().position(|(code, _)| code == l))
        .map(|p| p + 1)
        .unwrap_or(0);
    let Some(pick) = FuzzySelect::new()
        .with_prompt(crate::t!("triage-ask-card"))
        .items(&entries)
        .default(default)
        .interact_on_opt(term)?
    else {
        return Ok(None);
    };
    let mut card = (pick > 0).then(|| cards[pick - 1].0.clone());
    if let Some(code) = &card {
        if tagging::link(db, cycle, &key, code, false)? {
            tally.links += 1;
        }
    }
    if card.is_none() {
        card = linked.first().cloned();
    }
    Ok(Some(card))
}

/// Outcome and reason: asked again when the library refuses the response.
fn ask_response(
    term: &Term,
    db: &mut Db,
    cycle: &Cycle,
    cards: &[(String, String)],
    card: Option<String>,
    id: i64,
    tally: &mut Tally,
) -> Result<()> {
    let key = id.to_string();
    let current = store::current_response(db.conn(), id)?;
    loop {
        let mut labels: Vec<String> = Outcome::ALL.iter().map(|o| o.label().to_string()).collect();
        labels.push(crate::t!("triage-skip-response"));
        let default = current
            .as_ref()
            .and_then(|c| Outcome::ALL.iter().position(|x| x.code() == c.outcome))
            .unwrap_or(0);
        let Some(pick) = Select::new()
            .with_prompt(crate::t!("triage-ask-outcome"))
            .items(&labels)
            .default(default)
            .interact_on_opt(term)?
        else {
            return Ok(());
        };
        if pick == Outcome::ALL.len() {
            return Ok(());
        }
        let outcome = Outcome::ALL[pick];
        let mut response_card = if outcome.carries_card() {
            card.clone()
        } else {
            None
        };
        if outcome.needs_card() && response_card.is_none() {
            let Some(pick) = ask_covering_card(term, cards)? else {
                continue;
            };
            response_card = Some(pick);
        }
        let duplicate_of = if outcome.needs_duplicate() {
            Some(ask_duplicate(term, db, cycle, id)?)
        } else {
            None
        };
        let mut input = Input::<String>::new()
            .with_prompt(crate::t!("triage-ask-reason"))
            .validate_with(|v: &String| -> Result<(), String> {
                if v.trim().is_empty() {
                    Err(crate::t!("triage-reason-empty"))
                } else {
                    Ok(())
                }
            });
        if let Some(CurrentResponse { reason, .. }) = &current {
            input = input.with_initial_text(reason.clone());
        }
        let reason = input.interact_text_on(term)?;
        let request = ResponseRequest {
            outcome,
            reason,
            card: response_card,
            duplicate_of,
        };
        match responses::respond(db, cycle, std::slice::from_ref(&key), &request) {
            Ok(summary) => {
                tally.responses += summary.responded + summary.changed;
                term.write_line(&crate::t!(
                    "triage-response-saved",
                    response = style(crate::t!(
                        "triage-response-outcome",
                        outcome = outcome.label()
                    ))
                    .green()
                    .to_string()
                ))?;
                return Ok(());
            }
            Err(e) if matches!(classify(&e).0, Kind::Usage | Kind::Refused) => {
                warn(format!("{e:#}"));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The card that already covers a già-previsto suggestion; `None` on Esc.
fn ask_covering_card(term: &Term, cards: &[(String, String)]) -> Result<Option<String>> {
    let entries: Vec<String> = cards
        .iter()
        .map(|(code, title)| format!("{code} – {title}"))
        .collect();
    Ok(FuzzySelect::new()
        .with_prompt(crate::t!("triage-ask-covering-card"))
        .items(&entries)
        .interact_on_opt(term)?
        .map(|pick| cards[pick].0.clone()))
}

/// The suggestion a duplicato duplicates, checked as it is typed.
fn ask_duplicate(term: &Term, db: &Db, cycle: &Cycle, id: i64) -> Result<String> {
    let conn = db.conn();
    let cycle_id = cycle.id;
    let answer: String = Input::new()
        .with_prompt(crate::t!("triage-ask-duplicate"))
        .validate_with(|v: &String| -> Result<(), String> {
            match sstore::resolve(conn, v.trim(), cycle_id) {
                Ok(Some(other)) if other == id => Err(crate::t!("triage-duplicate-itself")),
                Ok(Some(_)) => Ok(()),
                Ok(None) => Err(crate::t!("triage-duplicate-unknown", value = v.trim())),
                Err(e) => Err(format!("{e:#}")),
            }
        })
        .interact_text_on(term)?;
    Ok(answer.trim().to_string())
}

fn menu(term: &Term) -> Result<Move> {
    let moves = [
        (crate::t!("triage-menu-next"), Move::Next),
        (crate::t!("triage-menu-back"), Move::Back),
        (crate::t!("triage-menu-skip"), Move::Skip),
        (crate::t!("triage-menu-quit"), Move::Quit),
    ];
    let pick = Select::new()
        .with_prompt(crate::t!("triage-menu"))
        .items(moves.iter().map(|(label, _)| label.as_str()))
        .default(0)
        .interact_on_opt(term)?;
    Ok(pick.map(|i| moves[i].1).unwrap_or(Move::Quit))
}
