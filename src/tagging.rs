//! Tagging suggestions with axes by hand, linking them to cards, and the title they are
//! published with. Every change is audited; a closed cycle refuses them all.

use anyhow::Result;
use serde::Serialize;

use crate::domain::{Axis, Cycle, Term};
use crate::error::{refused, usage, Failure};
use crate::storage::suggestions as sstore;
use crate::storage::tags as store;
use crate::storage::{cards as cstore, Db, Handle};

/// Finds a suggestion by number or reference, or refuses naming it.
pub fn resolve(conn: &Handle, id_or_ref: &str, cycle: &Cycle) -> Result<i64> {
    sstore::resolve(conn, id_or_ref, cycle.id)?.ok_or_else(|| {
        refused(format!("there is no suggestion \"{id_or_ref}\""))
            .hint("`agenda suggestion list` shows numbers and references")
            .into()
    })
}

/// Refuses a change to a suggestion of a closed cycle.
pub fn ensure_changeable(conn: &Handle, suggestion: i64) -> Result<()> {
    if let Some(closed) = store::closed_cycle_of(conn, suggestion)? {
        return Err(refused(format!(
            "suggestion {} belongs to the cycle {}, which is closed{}: its axes, links and responses are read-only",
            store::reference_of(conn, suggestion)?,
            closed.triennium,
            closed
                .act
                .map(|a| format!(" (approved with {a})"))
                .unwrap_or_default()
        ))
        .hint("`agenda cycle list` shows the cycles; work goes on in the open one")
        .into());
    }
    Ok(())
}

/// Splits `tag`/`untag` arguments into suggestions and axes: what names an axis is an axis.
pub fn split_ids_and_axes(args: &[String]) -> Result<(Vec<String>, Vec<Axis>), Failure> {
    let mut ids = Vec::new();
    let mut axes = Vec::new();
    for a in args {
        match Axis::find(a) {
            Some(axis) => {
                if !axes.contains(&axis) {
                    axes.push(axis)
                }
            }
            None => ids.push(a.clone()),
        }
    }
    if ids.is_empty() || axes.is_empty() {
        return Err(usage(format!(
            "give one or more suggestions (numbers or references) and one or more axes ({})",
            Axis::valid_codes()
        )));
    }
    Ok((ids, axes))
}

#[derive(Debug, Default, Serialize)]
pub struct Changed {
    pub changed: u64,
    pub unchanged: u64,
}

/// Tags (or untags) suggestions with axes, by hand.
pub fn tag(
    db: &mut Db,
    cycle: &Cycle,
    ids: &[String],
    axes: &[Axis],
    remove: bool,
) -> Result<Changed> {
    db.write(|tx| {
        let mut out = Changed::default();
        for id in ids {
            let s = resolve(tx, id, cycle)?;
            ensure_changeable(tx, s)?;
            let reference = store::reference_of(tx, s)?;
            for axis in axes {
                let done = if remove {
                    store::remove_axis(tx, s, axis.code())?
                } else {
                    store::add_axis(tx, s, axis.code(), "person", None)?
                };
                if done {
                    out.changed += 1;
                    tx.audit(
                        if remove {
                            "suggestion.untag"
                        } else {
                            "suggestion.tag"
                        },
                        Some(&reference),
                        &format!(
                            "{} {}",
                            if remove { "removed axis" } else { "axis" },
                            axis.code()
                        ),
                    )?;
                } else {
                    out.unchanged += 1;
                }
            }
        }
        Ok(out)
    })
}

/// Links (or unlinks) a suggestion and a card. A link never changes the response.
pub fn link(db: &mut Db, cycle: &Cycle, id: &str, card: &str, remove: bool) -> Result<bool> {
    db.write(|tx| {
        let s = resolve(tx, id, cycle)?;
        ensure_changeable(tx, s)?;
        let card_id = cstore::id_of(tx, card)?.ok_or_else(|| {
            refused(format!("there is no card with code \"{card}\""))
                .hint("`agenda card list` shows the codes")
        })?;
        let done = if remove {
            store::remove_link(tx, s, card_id)?
        } else {
            store::add_link(tx, s, card_id)?
        };
        if done {
            tx.audit(
                if remove {
                    "suggestion.unlink"
                } else {
                    "suggestion.link"
                },
                Some(&store::reference_of(tx, s)?),
                &format!("card {card}"),
            )?;
        }
        Ok(done)
    })
}

/// Gives a suggestion the title it is published with (the report, its annexes), in place of the
/// one the source gave — for a title cut from a body, or one holding personal data. `None`
/// goes back to the source's title. The source's title is kept, and a later import never
/// touches the published one. Returns the title the suggestion had before.
pub fn retitle(db: &mut Db, cycle: &Cycle, id: &str, title: Option<&str>) -> Result<String> {
    let title = title.map(str::trim);
    if title.is_some_and(str::is_empty) {
        return Err(crate::error::usage(
            "the title is empty: give the title to publish, or --source to go back to the source's",
        )
        .into());
    }
    db.write(|tx| {
        let s = resolve(tx, id, cycle)?;
        ensure_changeable(tx, s)?;
        let before = sstore::set_public_title(tx, s, title)?;
        tx.audit(
            "suggestion.retitle",
            Some(&store::reference_of(tx, s)?),
            &match title {
                Some(t) => format!("published title: {t}"),
                None => "back to the source's title".to_string(),
            },
        )?;
        Ok(before)
    })
}
