//! Autotag: the keyword rules applied to the untagged suggestions of a cycle, and the rules
//! themselves (`agenda rule`). The matching is in [`crate::domain::rules`]; reading the
//! suggestions and deciding run on two threads behind [`Deciding`].

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use crate::domain::rules::{self, Decision, Keyword, RuleSet};
use crate::domain::{Axis, Cycle, Term};
use crate::error::{refused, usage};
use crate::storage::rules as store;
use crate::storage::tags::{self, TagWriter, Untagged};
use crate::storage::{Db, Handle};

/// Loads the default keyword rules (from `fixtures/rules.csv`, embedded) into a new database.
pub fn load_default_rules(tx: &Handle) -> Result<usize> {
    let defaults = rules::default_rules()?;
    for rule in &defaults {
        store::add_rule(tx, rule.axis.code(), &rule.keywords)?;
    }
    Ok(defaults.len())
}

/// What `autotag` did (or would do) to one suggestion.
#[derive(Debug, Serialize)]
pub struct Tagged {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub axes: Vec<TaggedAxis>,
}

#[derive(Debug, Serialize)]
pub struct TaggedAxis {
    pub axis: Axis,
    pub words: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct AutotagSummary {
    pub examined: u64,
    pub tagged: u64,
    pub tags: u64,
    pub by_axis: serde_json::Map<String, serde_json::Value>,
    pub suggestions: Vec<Tagged>,
}

/// Applies the rules to the untagged suggestions of a cycle; keeps up to `keep` of them for
/// printing (all when `None`). Reading and deciding run beside this thread, which writes the
/// tags many to a statement (see [`Deciding`]).
pub fn autotag(
    db: &mut Db,
    cycle: &Cycle,
    dry_run: bool,
    keep: Option<usize>,
) -> Result<AutotagSummary> {
    cycle.ensure_open()?;
    db.journal_statements_in_memory()?;
    let reading = match db.in_wal()? {
        true => Reading::Apart(db.path().to_path_buf()),
        false => Reading::Here,
    };
    db.unchecked_references(|db| {
        db.write_or_rehearse(dry_run, |tx| {
            let set = RuleSet::new(&store::rules(tx)?);
            if set.is_empty() {
                return Err(refused(t!("app-rule-none"))
                    .hint(t!("app-rule-none-hint"))
                    .into());
            }
            let mut tally = Tally::new(TagWriter::new(tx), keep);
            let examined = Deciding {
                set: &set,
                cycle_id: cycle.id,
            }
            .run(&reading, tx, &mut |done| tally.record(done))?;
            let summary = tally.finish(examined)?;
            if summary.tags > 0 {
                tx.audit(
                    "suggestion.autotag",
                    Some(&cycle.triennium.to_string()),
                    &format!(
                        "tagged {} of {} untagged suggestions with {} axes by rule",
                        summary.tagged, summary.examined, summary.tags
                    ),
                )?;
            }
            Ok(summary)
        })
    })
}

/// The tags decided so far: written as they come, counted, the first `keep` kept for printing.
struct Tally<'c> {
    tags: TagWriter<'c>,
    keep: Option<usize>,
    summary: AutotagSummary,
    by_axis: HashMap<Axis, u64>,
}

impl<'c> Tally<'c> {
    fn new(tags: TagWriter<'c>, keep: Option<usize>) -> Tally<'c> {
        Tally {
            tags,
            keep,
            summary: AutotagSummary::default(),
            by_axis: HashMap::new(),
        }
    }

    fn record(&mut self, done: Vec<Decided>) -> Result<()> {
        for Decided {
            id,
            reference,
            decisions,
        } in done
        {
            if decisions.is_empty() {
                continue;
            }
            self.summary.tagged += 1;
            for d in &decisions {
                self.tags.add(id, d.axis, &d.words)?;
                self.summary.tags += 1;
                *self.by_axis.entry(d.axis).or_default() += 1;
            }
            if self.keep.is_none_or(|k| self.summary.suggestions.len() < k) {
                self.summary.suggestions.push(Tagged {
                    id,
                    reference,
                    axes: decisions
                        .into_iter()
                        .map(|d| TaggedAxis {
                            axis: d.axis,
                            words: d.words,
                        })
                        .collect(),
                });
            }
        }
        Ok(())
    }

    fn finish(mut self, examined: u64) -> Result<AutotagSummary> {
        self.tags.flush()?;
        self.summary.examined = examined;
        for axis in Axis::ALL {
            self.summary.by_axis.insert(
                axis.code().to_string(),
                self.by_axis.get(axis).copied().unwrap_or(0).into(),
            );
        }
        Ok(self.summary)
    }
}

/// What the rules decided for one suggestion (nothing, for most).
#[derive(Debug)]
struct Decided {
    id: i64,
    reference: String,
    decisions: Vec<Decision>,
}

/// Where the untagged suggestions are read from.
enum Reading {
    /// By a thread with its own read-only connection to this file (WAL mode only), begun after
    /// the caller's transaction took the write lock: it sees exactly what that transaction does
    /// before its first tag, and reading and writing each get a core.
    Apart(std::path::PathBuf),
    /// By this thread, in the caller's transaction (a rollback journal allows no other
    /// reader); a second thread decides.
    Here,
}

/// The rules run on the untagged suggestions of a cycle on a second thread, the decisions
/// handed back in groups of [`Deciding::GROUP`] to `record` on this one.
struct Deciding<'s> {
    set: &'s RuleSet,
    cycle_id: i64,
}

impl Deciding<'_> {
    const GROUP: usize = 512;

    /// Returns how many suggestions were examined.
    fn run(
        &self,
        reading: &Reading,
        here: &Handle,
        record: &mut dyn FnMut(Vec<Decided>) -> Result<()>,
    ) -> Result<u64> {
        match reading {
            Reading::Apart(path) => self.read_apart(path, record),
            Reading::Here => self.read_here(here, record),
        }
    }

    fn decide(&self, untagged: Untagged, buffer: &mut String) -> Decided {
        Decided {
            decisions: self.set.decide_with(&untagged.text, buffer),
            id: untagged.id,
            reference: untagged.reference,
        }
    }

    fn read_apart(
        &self,
        path: &std::path::Path,
        record: &mut dyn FnMut(Vec<Decided>) -> Result<()>,
    ) -> Result<u64> {
        std::thread::scope(|scope| {
            let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Result<Vec<Decided>>>(8);
            let reader = scope.spawn(move || -> u64 {
                let mut examined = 0;
                let result = (|| -> Result<()> {
                    let conn = tags::read_only_snapshot(path)?;
                    let mut buffer = String::new();
                    let mut done = Vec::with_capacity(Self::GROUP);
                    tags::for_each_untagged(&conn, self.cycle_id, |untagged| {
                        examined += 1;
                        let decided = self.decide(untagged, &mut buffer);
                        if !decided.decisions.is_empty() {
                            done.push(decided);
                        }
                        if done.len() == Self::GROUP {
                            let full =
                                std::mem::replace(&mut done, Vec::with_capacity(Self::GROUP));
                            done_tx
                                .send(Ok(full))
                                .map_err(|_| anyhow::anyhow!("stopped"))?;
                        }
                        Ok(())
                    })?;
                    let _ = done_tx.send(Ok(done));
                    Ok(())
                })();
                if let Err(e) = result {
                    let _ = done_tx.send(Err(e));
                }
                examined
            });
            for done in done_rx.iter() {
                record(done?)?;
            }
            reader
                .join()
                .map_err(|_| anyhow::anyhow!(t!("app-rule-thread-stopped")))
        })
    }

    fn read_here(
        &self,
        conn: &Handle,
        record: &mut dyn FnMut(Vec<Decided>) -> Result<()>,
    ) -> Result<u64> {
        std::thread::scope(|scope| {
            let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Result<Vec<Decided>>>(8);
            let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<Vec<Untagged>>(4);
            scope.spawn(move || {
                let mut buffer = String::new();
                for chunk in work_rx {
                    let done = chunk
                        .into_iter()
                        .map(|untagged| self.decide(untagged, &mut buffer))
                        .collect();
                    if done_tx.send(Ok(done)).is_err() {
                        break;
                    }
                }
            });
            let stopped = || anyhow::anyhow!(t!("app-rule-thread-stopped"));
            let mut examined = 0;
            let mut chunk = Vec::with_capacity(Self::GROUP);
            tags::for_each_untagged(conn, self.cycle_id, |untagged| {
                examined += 1;
                chunk.push(untagged);
                if chunk.len() == Self::GROUP {
                    work_tx
                        .send(std::mem::replace(
                            &mut chunk,
                            Vec::with_capacity(Self::GROUP),
                        ))
                        .map_err(|_| stopped())?;
                    while let Ok(done) = done_rx.try_recv() {
                        record(done?)?;
                    }
                }
                Ok(())
            })?;
            work_tx.send(chunk).map_err(|_| stopped())?;
            drop(work_tx);
            for done in done_rx.iter() {
                record(done?)?;
            }
            Ok(examined)
        })
    }
}

/// Adds a rule after checking its keywords.
pub fn add_rule(db: &mut Db, axis: Axis, keywords: &[String]) -> Result<i64> {
    if keywords.is_empty() {
        return Err(usage(t!("app-rule-needs-keyword")).into());
    }
    let checked: Vec<String> = keywords
        .iter()
        .map(|k| Keyword::parse(k).map(|k| k.written))
        .collect::<Result<_, _>>()?;
    db.write(|tx| {
        let id = store::add_rule(tx, axis.code(), &checked)?;
        tx.audit(
            "rule.add",
            Some(&id.to_string()),
            &format!("{}: {}", axis.code(), checked.join(" | ")),
        )?;
        Ok(id)
    })
}

pub fn remove_rule(db: &mut Db, id: i64) -> Result<()> {
    db.write(|tx| {
        let rule = store::remove_rule(tx, id)?.ok_or_else(|| {
            refused(t!("app-rule-missing", id = id.to_string())).hint(t!("app-rule-missing-hint"))
        })?;
        tx.audit(
            "rule.remove",
            Some(&id.to_string()),
            &format!("{}: {}", rule.axis, rule.keywords.join(" | ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two ways of reading and deciding give the same decisions, in the same order.
    #[test]
    fn reading_apart_and_reading_here_decide_alike() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let conn = tags::untagged_fixture(&path);
        let rule = |axis: &str, words: &[&str]| rules::Rule {
            id: 0,
            axis: axis.into(),
            keywords: words.iter().map(|w| w.to_string()).collect(),
            created_at: String::new(),
            user: String::new(),
        };
        let set = RuleSet::new(&[
            rule("competenze", &["corsi", "anzian*"]),
            rule("infrastrutture", &["wi-fi", "fibra"]),
        ]);
        let deciding = Deciding {
            set: &set,
            cycle_id: 1,
        };
        let run = |reading: Reading| -> (u64, Vec<(i64, String, Vec<Axis>)>) {
            let mut seen = Vec::new();
            let mut record = |done: Vec<Decided>| -> Result<()> {
                for d in done {
                    seen.push((
                        d.id,
                        d.reference,
                        d.decisions.iter().map(|d| d.axis).collect(),
                    ));
                }
                Ok(())
            };
            let examined = deciding.run(&reading, &conn, &mut record).unwrap();
            (examined, seen)
        };
        let apart = run(Reading::Apart(path.clone()));
        let here = run(Reading::Here);
        assert_eq!(apart.0, 3);
        assert_eq!(
            apart.1,
            [
                (1, "C-000001".to_string(), vec![Axis::Competenze]),
                (2, "PO-2".to_string(), vec![Axis::Infrastrutture]),
            ]
        );
        // Reading here passes on the suggestions no rule matched too: the same once those
        // are left out.
        assert_eq!(here.0, apart.0);
        let decided: Vec<_> = here
            .1
            .into_iter()
            .filter(|(_, _, a)| !a.is_empty())
            .collect();
        assert_eq!(decided, apart.1);
    }
}
