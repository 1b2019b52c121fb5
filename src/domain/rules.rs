//! Keyword rules for tagging suggestions with axes: whole words or phrases, accent- and
//! case-insensitive, with simple stems (`anzian*` matches anziano, anziani, anziana).
//! All the keywords of all the rules go into one Aho-Corasick automaton, so a suggestion's
//! text is read once whatever the number of rules.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;

use crate::domain::{Axis, Term};
use crate::error::{usage, Failure};
use crate::text::fold;

/// A keyword rule: the suggestions whose text holds one of its keywords get its axis.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: i64,
    pub axis: String,
    pub keywords: Vec<String>,
    pub created_at: String,
    pub user: String,
}

/// The default rules, loaded by `agenda init`: one row per rule, keywords separated by `|`.
pub const DEFAULT_RULES: &str = include_str!("../../fixtures/rules.csv");

/// A keyword as written, checked: what it matches once folded, and whether it is a stem.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub written: String,
    pub folded: String,
    pub stem: bool,
}

impl Keyword {
    pub fn parse(written: &str) -> Result<Keyword, Failure> {
        let trimmed = written.trim();
        let stem = trimmed.ends_with('*');
        let folded = fold(trimmed.trim_end_matches('*'));
        if folded.is_empty() {
            return Err(usage(crate::t!("domain-keyword-empty", written = written)));
        }
        if stem && folded.chars().count() < 3 {
            return Err(usage(crate::t!(
                "domain-keyword-stem-too-short",
                written = written
            )));
        }
        Ok(Keyword {
            written: trimmed.to_string(),
            folded,
            stem,
        })
    }
}

/// A rule of the bundled defaults: its axis and its keywords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultRule {
    pub axis: Axis,
    pub keywords: Vec<String>,
}

/// The default rules, from the bundled CSV.
pub fn default_rules() -> Result<Vec<DefaultRule>, Failure> {
    let mut reader = csv::ReaderBuilder::new().from_reader(DEFAULT_RULES.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| usage(crate::t!("domain-default-rules", error = e.to_string())))?;
        let axis = Axis::parse(record.get(0).unwrap_or(""))?;
        let keywords: Vec<String> = record
            .get(1)
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        for k in &keywords {
            Keyword::parse(k)?;
        }
        out.push(DefaultRule { axis, keywords });
    }
    Ok(out)
}

/// The rules, compiled for matching.
pub struct RuleSet {
    automaton: Option<AhoCorasick>,
    /// For each pattern of the automaton: the axis, the keyword as written, whether a stem.
    patterns: Vec<(Axis, String, bool)>,
}

/// What decided a tag: the axis and the keywords found.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub axis: Axis,
    pub words: Vec<String>,
}

impl RuleSet {
    pub fn new(rules: &[Rule]) -> RuleSet {
        let mut patterns = Vec::new();
        let mut folded = Vec::new();
        for rule in rules {
            let Some(axis) = Axis::from_code(&rule.axis) else {
                continue;
            };
            for written in &rule.keywords {
                if let Ok(k) = Keyword::parse(written) {
                    folded.push(k.folded);
                    patterns.push((axis, k.written, k.stem));
                }
            }
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            // A full DFA: a few hundred keywords make a small one, and autotag runs it over
            // every suggestion, twice as fast as the default automaton.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&folded)
                .ok()
        };
        RuleSet {
            automaton,
            patterns,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// The axes whose keywords occur in the text, in the glossary's order, with the words.
    pub fn decide(&self, text: &str) -> Vec<Decision> {
        self.decide_with(text, &mut String::new())
    }

    /// Like [`RuleSet::decide`], folding the text into a buffer the caller reuses.
    pub fn decide_with(&self, text: &str, folded: &mut String) -> Vec<Decision> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        crate::text::fold_into(text, folded);
        let folded = folded.as_str();
        let bytes = folded.as_bytes();
        let mut found: Vec<Decision> = Vec::new();
        for m in automaton.find_overlapping_iter(folded) {
            let (axis, written, stem) = &self.patterns[m.pattern().as_usize()];
            let left = m.start() == 0 || bytes[m.start() - 1] == b' ';
            let right = *stem || m.end() == bytes.len() || bytes[m.end()] == b' ';
            if !(left && right) {
                continue;
            }
            match found.iter_mut().find(|d| d.axis == *axis) {
                Some(d) => {
                    if !d.words.contains(written) {
                        d.words.push(written.clone());
                    }
                }
                None => found.push(Decision {
                    axis: *axis,
                    words: vec![written.clone()],
                }),
            }
        }
        found.sort_by_key(|d| Axis::ALL.iter().position(|a| *a == d.axis));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(axis: &str, words: &[&str]) -> Rule {
        Rule {
            id: 1,
            axis: axis.into(),
            keywords: words.iter().map(|w| w.to_string()).collect(),
            created_at: String::new(),
            user: String::new(),
        }
    }

    #[test]
    fn whole_words_accents_and_stems() {
        let set = RuleSet::new(&[
            rule("competenze", &["anzian*", "corsi"]),
            rule("infrastrutture", &["Wi-Fi", "fibra"]),
            rule("governance", &["open data", "città"]),
        ]);
        let d = set.decide("Corsi di informatica per gli ANZIANI; il wifi no, ma il WI-FI sì");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].axis, Axis::Competenze);
        assert_eq!(d[0].words, vec!["corsi", "anzian*"]);
        assert_eq!(d[1].axis, Axis::Infrastrutture);
        // Whole words only: "fibrase" is not "fibra", "discorsi" is not "corsi".
        assert!(set.decide("discorsi sulla fibrase").is_empty());
        // Accents do not matter, either way.
        assert_eq!(set.decide("la citta digitale")[0].axis, Axis::Governance);
        assert_eq!(
            set.decide("Open-Data del Comune")[0].words,
            vec!["open data"]
        );
    }

    #[test]
    fn keywords_are_checked() {
        assert!(Keyword::parse("  ").is_err());
        assert!(Keyword::parse("a*").is_err());
        assert!(Keyword::parse("anzian*").unwrap().stem);
        assert_eq!(Keyword::parse("Wi-Fi").unwrap().folded, "wi fi");
    }

    #[test]
    fn the_default_rules_load() {
        let rules = default_rules().unwrap();
        assert!(rules.len() >= 6);
        for axis in Axis::ALL {
            assert!(
                rules.iter().any(|r| r.axis == *axis),
                "no default rule for {axis}"
            );
        }
    }
}
