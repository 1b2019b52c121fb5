//! Which suggestions get a row in the files of answers, and why the others do not: withdrawn,
//! amendments, without a component or a response, of another component, or sent already as
//! they are.

use std::collections::{BTreeMap, BTreeSet};

use super::{answer_html, answer_sha256, AnswerRow, LeftOut, Options};
use crate::domain::{Outcome, Term};
use crate::storage::answers::{Candidate, ResponseInForce};

/// The rows to send, by component, and what was left out.
pub(super) struct Selection {
    pub by_component: BTreeMap<String, Vec<AnswerRow>>,
    pub left_out: LeftOut,
    /// The components with a response in force among the suggestions asked for, in the order
    /// they were met.
    seen_components: Vec<String>,
    /// Every component the cycle's suggestions come from.
    pub known_components: BTreeSet<String>,
}

impl Selection {
    pub fn of(candidates: Vec<Candidate>, options: &Options) -> Selection {
        let known_components = candidates
            .iter()
            .filter_map(|c| c.component_id.clone())
            .collect();
        let mut selection = Selection {
            by_component: BTreeMap::new(),
            left_out: LeftOut::default(),
            seen_components: Vec::new(),
            known_components,
        };
        for c in candidates {
            selection.add(c, options);
        }
        selection
    }

    /// Gives the candidate its row, or counts why it has none.
    fn add(&mut self, c: Candidate, options: &Options) {
        let Candidate {
            suggestion_id,
            proposal_id,
            component_id,
            is_amend,
            withdrawn,
            response,
            last_sent,
            names,
        } = c;
        let left_out = &mut self.left_out;
        if withdrawn {
            left_out.withdrawn += 1;
            return;
        }
        if is_amend {
            left_out.amendments += 1;
            return;
        }
        let Some(component) = component_id else {
            left_out.without_component += 1;
            return;
        };
        if options
            .component
            .as_ref()
            .is_some_and(|wanted| *wanted != component)
        {
            left_out.other_components += 1;
            return;
        }
        let Some(response) = response else {
            left_out.without_response += 1;
            return;
        };

        if !self.seen_components.contains(&component) {
            self.seen_components.push(component.clone());
        }
        let Some(outcome) = Outcome::from_code(&response.outcome) else {
            return;
        };
        let state = options.states.state(outcome).to_string();
        let answer = published_answer(&response, &names);
        if !options.every_response {
            if let Some(sent) = &last_sent {
                if sent.answer_sha256 == answer_sha256(&state, &answer) {
                    left_out.unchanged += 1;
                    return;
                }
            }
        }
        self.by_component
            .entry(component)
            .or_default()
            .push(AnswerRow {
                suggestion_id,
                proposal_id,
                response_id: response.id,
                state,
                answer,
            });
    }

    /// The components whose responses were all sent already.
    pub fn nothing_new(&self) -> Vec<String> {
        let mut nothing_new = Vec::new();
        for component in &self.seen_components {
            if !self.by_component.contains_key(component) {
                nothing_new.push(component.clone());
            }
        }
        nothing_new
    }
}

/// The answer as the platform publishes it: without personal data.
fn published_answer(response: &ResponseInForce, names: &[String]) -> String {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let reason = crate::redact::redact(&response.reason, &names).text;
    let card_title = response
        .card
        .as_ref()
        .map(|c| crate::redact::redact(&c.title, &names).text);
    answer_html(
        &reason,
        response
            .card
            .as_ref()
            .zip(card_title.as_deref())
            .map(|(c, t)| (c.code.as_str(), t)),
        response.duplicate_of.as_deref(),
    )
}
