//! The steps of the process: advance (and close, from Fase 3), back, and the opening of the
//! next cycle. Each is one transaction with its audit entry.

use super::annexes::{self, AnnexFile, Kept};
use crate::context;
use crate::domain::process::{
    ensure_not_after_today, ensure_not_before_phase, Act, UNANSWERED_SHOWN,
};
use crate::domain::{Cycle, Phase, Triennium};
use crate::error::{refused, usage};
use crate::storage::{cards, cycles, suggestions, Db, Handle, Tx};
use anyhow::Result;
use serde::Serialize;

/// What `phase advance` is asked to do.
#[derive(Debug, Default, Clone, Copy)]
pub struct AdvanceOptions<'a> {
    /// The cycle the command names (`--cycle`): only the open cycle moves, so naming a closed
    /// one is refused.
    pub named: Option<Triennium>,
    /// A note kept with the step.
    pub note: Option<&'a str>,
    /// The date the step counts from (today when `None`).
    pub date: Option<&'a str>,
    /// Closing only: the act that approves the update, e.g. "12/2022" or "DGC 12/2022".
    pub act: Option<&'a str>,
    /// Closing only: the date of the act, `YYYY-MM-DD`.
    pub act_date: Option<&'a str>,
    /// Closing only: close without an act, on purpose.
    pub without_act: bool,
    /// Closing only, with the act: the files the Giunta approved, read (see
    /// [`super::annexes::read_annexes`]); checked and stored with the closing.
    pub annexes: &'a [AnnexFile],
    /// Store the annexes that cannot be verified anyway, flagged "as is, not checked".
    pub annex_as_is: bool,
}

/// What `phase advance` did.
#[derive(Debug, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// 1 → 2 or 2 → 3.
    Advanced {
        triennium: Triennium,
        #[serde(serialize_with = "phase_number")]
        from: Phase,
        #[serde(serialize_with = "phase_number")]
        to: Phase,
        date: String,
    },
    /// 3 → closed.
    Closed {
        triennium: Triennium,
        date: String,
        act: Option<String>,
        cards: usize,
        suggestions: i64,
        /// The annexes as approved, stored with the closing.
        annexes: Vec<Kept>,
    },
}

fn phase_number<S: serde::Serializer>(p: &Phase, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(p.number())
}

impl AdvanceOptions<'_> {
    /// The date the step counts from: the one given, or today; never after today.
    /// A closed cycle named on the command line is a mistake worth saying: only the open one
    /// moves.
    fn ensure_named_is_open(&self, conn: &Handle) -> Result<()> {
        if let Some(t) = self.named {
            cycles::by_triennium(conn, t)?.ensure_open()?;
        }
        Ok(())
    }

    fn step_date(&self) -> Result<String> {
        let date = self.date.map(str::to_string).unwrap_or_else(context::today);
        ensure_not_after_today(&date)?;
        Ok(date)
    }

    /// The act given for the closing, read and checked on its own (against the cycle: see
    /// [`Act::check_against`]).
    fn act(&self) -> Result<Option<Act>> {
        let act = match self.act {
            Some(a) => Some(Act::parse(a, self.act_date)?),
            None if self.act_date.is_some() => {
                return Err(usage(t!("process-act-date-without-act")).into())
            }
            None => None,
        };
        if act.is_some() && self.without_act {
            return Err(usage(t!("process-act-and-without-act")).into());
        }
        if act.is_none() && !self.annexes.is_empty() {
            return Err(usage(t!("process-annex-without-act")).into());
        }
        if self.annex_as_is && self.annexes.is_empty() {
            return Err(usage(t!("process-annex-as-is-without-annex")).into());
        }
        Ok(act)
    }
}

/// Moves the open cycle one phase forward; from Fase 3 it closes the cycle, once every
/// suggestion has a response and an axis, none is dated after the closing, and the act is
/// given (or explicitly left out).
pub fn advance(db: &mut Db, options: AdvanceOptions) -> Result<Step> {
    options.ensure_named_is_open(db.conn())?;
    let date = options.step_date()?;
    let act = options.act()?;
    let act_text = act.as_ref().map(Act::to_string);
    let act_text = act_text.as_deref();
    let note = options.note.map(str::trim).filter(|n| !n.is_empty());
    db.write(|tx| {
        let cycle = cycles::open_cycle(tx)?.ok_or_else(|| {
            refused(t!("process-no-open-cycle")).hint(t!("process-no-open-cycle-hint"))
        })?;
        ensure_not_before_phase(&date, &cycle)?;
        let Some(next) = cycle.phase.next() else {
            if let Some(act) = &act {
                act.check_against(&cycle, &date)?;
            }
            return close(
                tx,
                &cycle,
                &Closing {
                    date: &date,
                    act: act_text,
                    act_date: act.as_ref().map(|a| a.date.as_str()),
                    without_act: options.without_act,
                    note,
                    annexes: options.annexes,
                    annex_as_is: options.annex_as_is,
                },
            );
        };
        if act.is_some() || options.without_act {
            return Err(usage(t!(
                "process-act-only-when-closing",
                triennium = cycle.triennium.to_string(),
                phase = cycle.phase.label()
            ))
            .into());
        }
        cycles::set_phase(tx, &cycle, "advance", next, &date, note)?;
        tx.audit(
            "phase.advance",
            Some(&cycle.triennium.to_string()),
            &format!(
                "Fase {} → Fase {} from {date}{}",
                cycle.phase.number(),
                next.number(),
                note.map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        )?;
        Ok(Step::Advanced {
            triennium: cycle.triennium,
            from: cycle.phase,
            to: next,
            date: date.clone(),
        })
    })
}

/// What closing the open cycle will freeze, for the confirmation: checked with the same guards
/// as the closing itself, so that a refusal comes before the question. `None` when the open
/// cycle is not in Fase 3.
#[derive(Debug, Clone)]
pub struct ClosingPreview {
    pub triennium: Triennium,
    pub suggestions: i64,
    pub cards: i64,
    pub cover_line: String,
}

pub fn closing_preview(conn: &Handle, options: &AdvanceOptions) -> Result<Option<ClosingPreview>> {
    options.ensure_named_is_open(conn)?;
    let Some(cycle) = cycles::open_cycle(conn)? else {
        return Ok(None);
    };
    if cycle.phase.next().is_some() {
        return Ok(None);
    }
    let date = options.step_date()?;
    ensure_not_before_phase(&date, &cycle)?;
    let act = options.act()?;
    if let Some(act) = &act {
        act.check_against(&cycle, &date)?;
    }
    let suggestions = closing_guards(conn, &cycle, &date, act.is_some(), options.without_act)?;
    let cards = cards::count(conn)?;
    Ok(Some(ClosingPreview {
        triennium: cycle.triennium,
        suggestions,
        cards,
        cover_line: match &act {
            Some(a) => a.cover_line(),
            None => crate::domain::process::ANNEX_LINE_WITHOUT_ACT.to_string(),
        },
    }))
}

/// The guards of the closing on `date`: every suggestion answered and tagged with an axis,
/// withdrawn ones included (the final report gives account of each and counts each by axis),
/// none dated after the closing (the report the closing freezes bears its date), and the act
/// given or left out on purpose. Returns how many suggestions the cycle holds.
fn closing_guards(
    conn: &Handle,
    cycle: &Cycle,
    date: &str,
    has_act: bool,
    without_act: bool,
) -> Result<i64> {
    let suggestions::Pending {
        unanswered,
        untagged,
        dated,
    } = suggestions::pending(conn, cycle.id, date, UNANSWERED_SHOWN)?;
    let mut problems = Vec::new();
    let mut remedies = Vec::new();
    if unanswered.count > 0 {
        problems.push(unanswered.sentence());
        remedies.push(t!("process-remedy-respond"));
    }
    if untagged.count > 0 {
        problems.push(untagged.sentence());
        remedies.push(t!("process-remedy-tag"));
    }
    if dated.count > 0 {
        problems.push(dated.sentence(&t!("process-dated-after-the-closing")));
        remedies.push(t!("process-remedy-date"));
    }
    if !problems.is_empty() {
        let act_hint = if !has_act && !without_act {
            format!(" {}", t!("process-cannot-close-act-hint"))
        } else {
            String::new()
        };
        return Err(refused(t!(
            "process-cannot-close",
            triennium = cycle.triennium.to_string(),
            problems = problems.join("; ")
        ))
        .hint(t!(
            "process-cannot-close-hint",
            remedies = remedies.join("; "),
            act_hint = act_hint
        ))
        .into());
    }
    if !has_act && !without_act {
        return Err(refused(t!(
            "process-closing-needs-act",
            triennium = cycle.triennium.to_string()
        ))
        .hint(t!("process-closing-needs-act-hint"))
        .into());
    }
    Ok(unanswered.of)
}

/// What the closing records.
struct Closing<'a> {
    date: &'a str,
    act: Option<&'a str>,
    act_date: Option<&'a str>,
    without_act: bool,
    note: Option<&'a str>,
    annexes: &'a [AnnexFile],
    annex_as_is: bool,
}

/// Closes a cycle in Fase 3: the guards, the annexes as approved (checked against the data as
/// they stand before the closing, and stored), then the snapshot of the cards and the record.
fn close(tx: &Tx, cycle: &Cycle, c: &Closing) -> Result<Step> {
    let Closing {
        date, act, note, ..
    } = *c;
    let suggestions = closing_guards(tx, cycle, date, act.is_some(), c.without_act)?;
    let kept = match c.act_date {
        Some(act_date) if !c.annexes.is_empty() => {
            annexes::check_and_store(tx, cycle, act_date, c.annexes, c.annex_as_is)?
        }
        _ => Vec::new(),
    };
    cycles::close(tx, cycle, date, act, c.act_date, note)?;
    let cards = cards::snapshot(tx, cycle.id)?;
    // The ledger too, so that the report's "Stato di attuazione" stays as approved.
    crate::storage::ledger_snapshots::take(tx, cycle.id, date)?;
    tx.audit(
        "cycle.close",
        Some(&cycle.triennium.to_string()),
        &format!(
            "closed on {date} {}; {cards} cards in its snapshot, {suggestions} suggestions frozen{}{}",
            act.map(|a| format!("with {a}"))
                .unwrap_or_else(|| "without an act".to_string()),
            note.map(|n| format!(" ({n})")).unwrap_or_default(),
            annexes::audit_text(&kept)
        ),
    )?;
    Ok(Step::Closed {
        triennium: cycle.triennium,
        date: date.to_string(),
        act: act.map(str::to_string),
        cards,
        suggestions,
        annexes: kept,
    })
}

/// Undoes the last step of an open cycle (2 → 1 or 3 → 2), recorded as a `back` transition
/// with its reason; its date is the one the restored phase counts from again (the time it was
/// recorded is kept too). Opening and closing cannot be undone. `triennium` names the cycle (the
/// current one when `None`).
pub fn back(db: &mut Db, triennium: Option<Triennium>, reason: &str) -> Result<SteppedBack> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(usage(t!("process-back-needs-reason")).into());
    }
    db.write(|tx| {
        let cycle = match triennium {
            Some(t) => cycles::by_triennium(tx, t)?,
            None => cycles::current(tx)?,
        };
        if cycle.is_closed() {
            return Err(refused(t!(
                "process-back-closed",
                triennium = cycle.triennium.to_string(),
                approved = cycle.approved_with()
            ))
            .hint(t!("process-back-closed-hint"))
            .into());
        }
        let periods = cycles::phase_periods(tx, &cycle)?;
        let previous = match periods.len().checked_sub(2).map(|i| &periods[i]) {
            Some(p) => p.clone(),
            None => {
                return Err(refused(t!(
                    "process-back-nothing-to-undo",
                    triennium = cycle.triennium.to_string(),
                    phase = cycle.phase.label()
                ))
                .into())
            }
        };
        cycles::set_phase_back(tx, cycle.id, previous.phase, &previous.from)?;
        cycles::record_transition(
            tx,
            cycle.id,
            "back",
            Some(cycle.phase.number()),
            Some(previous.phase.number()),
            &previous.from,
            Some(reason),
        )?;
        tx.audit(
            "phase.back",
            Some(&cycle.triennium.to_string()),
            &format!(
                "Fase {} → back to Fase {} (in it since {}): {reason}",
                cycle.phase.number(),
                previous.phase.number(),
                previous.from
            ),
        )?;
        Ok(SteppedBack {
            triennium: cycle.triennium,
            from: cycle.phase,
            to: previous.phase,
        })
    })
}

/// What `phase back` did: the cycle went from one phase back to the one before.
#[derive(Debug, Clone, Copy)]
pub struct SteppedBack {
    pub triennium: Triennium,
    pub from: Phase,
    pub to: Phase,
}

/// What `cycle open` did: the cycle opened, the date it counts from, the cards it carries over.
#[derive(Debug, Clone)]
pub struct Opened {
    pub triennium: Triennium,
    pub date: String,
    pub cards: i64,
}

/// Opens the next cycle in Fase 1, once every cycle is closed. The triennium defaults to the
/// last one shifted by a year; the cards carry over as they are (they are not per cycle).
pub fn open_cycle(
    db: &mut Db,
    triennium: Option<Triennium>,
    date: Option<&str>,
    note: Option<&str>,
) -> Result<Opened> {
    let date = date.map(str::to_string).unwrap_or_else(context::today);
    ensure_not_after_today(&date)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    db.write(|tx| {
        if let Some(open) = cycles::open_cycle(tx)? {
            return Err(refused(t!(
                "process-open-still-open",
                triennium = open.triennium.to_string(),
                phase = open.phase.label()
            ))
            .hint(t!("process-open-still-open-hint"))
            .into());
        }
        let last = cycles::all(tx)?
            .into_iter()
            .last()
            .ok_or_else(|| anyhow::anyhow!(t!("process-no-cycle")))?;
        let triennium = triennium.unwrap_or_else(|| last.triennium.next());
        if triennium <= last.triennium {
            return Err(refused(t!(
                "process-open-not-after-last",
                triennium = triennium.to_string(),
                last = last.triennium.to_string()
            ))
            .hint(t!(
                "process-open-not-after-last-hint",
                next = last.triennium.next().to_string()
            ))
            .into());
        }
        if let Some(closed_on) = &last.closed_on {
            if date < *closed_on {
                return Err(refused(t!(
                    "process-open-before-closing",
                    date = date.as_str(),
                    last = last.triennium.to_string(),
                    closed_on = closed_on.as_str()
                ))
                .hint(t!("process-open-before-closing-hint"))
                .into());
            }
        }
        cycles::open(tx, triennium, &date, note)?;
        let cards = cards::count(tx)?;
        tx.audit(
            "cycle.open",
            Some(&triennium.to_string()),
            &format!(
                "opened the cycle {triennium} in Fase 1 from {date}; {cards} cards carried over from {}{}",
                last.triennium,
                note.map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        )?;
        Ok(Opened {
            triennium,
            date: date.clone(),
            cards,
        })
    })
}
