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
        refused(t!("app-sugg-missing", id = id_or_ref))
            .hint(t!("app-sugg-missing-hint"))
            .into()
    })
}

/// Refuses a change to a suggestion of a closed cycle.
pub fn ensure_changeable(conn: &Handle, suggestion: i64) -> Result<()> {
    if let Some(closed) = store::closed_cycle_of(conn, suggestion)? {
        let reference = store::reference_of(conn, suggestion)?;
        let triennium = closed.triennium.to_string();
        let message = match closed.act {
            Some(act) => t!(
                "app-sugg-closed-act",
                reference = reference,
                triennium = triennium,
                act = act
            ),
            None => t!(
                "app-sugg-closed",
                reference = reference,
                triennium = triennium
            ),
        };
        return Err(refused(message).hint(t!("app-sugg-closed-hint")).into());
    }
    Ok(())
}

/// Splits `tag`/`untag` arguments into suggestions and axes: what names an axis is an axis;
/// a word with a digit in it is a suggestion (a number, a reference such as
/// `PO-PROP-2021-10-5101`); any other word is a mistyped axis, refused with the valid ones and
/// the nearest of them when one is near enough.
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
            None if a.chars().any(|c| c.is_ascii_digit()) => ids.push(a.clone()),
            None => return Err(not_an_axis(a)),
        }
    }
    if ids.is_empty() || axes.is_empty() {
        return Err(usage(t!("app-tag-needs-both", axes = Axis::valid_codes())));
    }
    Ok((ids, axes))
}

/// The usage error for a word that is neither an axis nor a suggestion, with the axis it is
/// nearest to (by code or Italian name; the hint gives the code) when one is near enough.
fn not_an_axis(word: &str) -> Failure {
    let failure = usage(t!(
        "app-tag-not-an-axis",
        word = word,
        axes = Axis::valid_codes()
    ));
    match Axis::nearest(word) {
        Some(axis) => failure.hint(t!("domain-did-you-mean", value = axis.code())),
        None => failure,
    }
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
            refused(t!("app-card-missing", code = card)).hint(t!("app-card-missing-hint"))
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
        return Err(crate::error::usage(t!("app-retitle-empty")).into());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    fn split(args: &[&str]) -> Result<(Vec<String>, Vec<Axis>), Failure> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        split_ids_and_axes(&args)
    }

    #[test]
    fn a_word_that_is_no_axis_and_no_suggestion_is_refused_without_a_far_hint() {
        let e = split(&["40", "competenze", "mobilita"]).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(
            e.message.contains("\"mobilita\" is not an axis"),
            "{}",
            e.message
        );
        assert!(e.message.contains(&Axis::valid_codes()), "{}", e.message);
        assert_eq!(e.hint, None);
    }

    #[test]
    fn a_mistyped_axis_gets_the_nearest_one_as_a_hint() {
        let e = split(&["40", "competenz"]).unwrap_err();
        assert_eq!(e.kind, Kind::Usage);
        assert!(
            e.message.contains("\"competenz\" is not an axis"),
            "{}",
            e.message
        );
        assert_eq!(e.hint.as_deref(), Some("did you mean \"competenze\"?"));
    }

    #[test]
    fn numbers_and_references_stay_suggestions() {
        let (ids, axes) = split(&["40", "PO-PROP-2021-10-5101", "competenze"]).unwrap();
        assert_eq!(ids, ["40", "PO-PROP-2021-10-5101"]);
        assert_eq!(axes, [Axis::Competenze]);
        // Without an axis it is still the old usage error, not "not an axis".
        let e = split(&["40", "PO-PROP-2021-10-5101"]).unwrap_err();
        assert!(
            e.message.starts_with("give one or more suggestions"),
            "{}",
            e.message
        );
    }
}
