//! `--map`: what the office says outright — which result stands for a card (`SEM-01=70`) and
//! which card status a Decidim status means (`conclusa=9`) — given inline or as a file of such
//! lines (blank lines and `#` comments allowed).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::is_id;
use crate::domain::{CardStatus, Term};
use crate::error::{invalid_input, usage};
use crate::storage::{cards, Handle};

#[derive(Debug, Default)]
pub struct Map {
    /// Result id → card code.
    pub results: BTreeMap<String, String>,
    /// Status id → the card status it means.
    pub statuses: BTreeMap<String, CardStatus>,
}

impl Map {
    /// Reads every `--map` value: a file when one exists at that path, else one `LEFT=ID`.
    pub fn read(conn: &Handle, values: &[String]) -> Result<Map> {
        let mut map = Map::default();
        for value in values {
            if Path::new(value).is_file() {
                let text = std::fs::read_to_string(value).map_err(|e| {
                    invalid_input(crate::t!(
                        "ledger-map-unreadable",
                        file = value.as_str(),
                        error = e.to_string()
                    ))
                })?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                for (n, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    map.add(conn, line)
                        .map_err(|e| invalid_input(format!("{value}:{}: {e}", n + 1)))?;
                }
            } else if value.contains('=') {
                map.add(conn, value)
                    .map_err(|e| usage(format!("--map {value}: {e}")))?;
            } else {
                return Err(
                    usage(crate::t!("ledger-map-neither", value = value.as_str()))
                        .hint(crate::t!("ledger-map-hint"))
                        .into(),
                );
            }
        }
        Ok(map)
    }

    /// One `LEFT=ID` (or `LEFT;ID`, `LEFT,ID`, as a spreadsheet saves two columns).
    fn add(&mut self, conn: &Handle, line: &str) -> Result<(), String> {
        let Some((left, right)) = line.split_once(['=', ';', ',', '\t']) else {
            return Err(crate::t!("ledger-map-line-bad", line = line));
        };
        let (left, right) = (left.trim(), right.trim());
        if !is_id(right) {
            return Err(crate::t!("ledger-map-id-bad", value = right));
        }
        let card = cards::get_as_written(conn, left).map_err(|e| e.to_string())?;
        if let Some(card) = card {
            if let Some(other) = self.results.get(right).filter(|c| **c != card.code) {
                return Err(crate::t!(
                    "ledger-map-result-twice",
                    id = right,
                    card = other.as_str()
                ));
            }
            self.results.insert(right.to_string(), card.code);
        } else if let Some(status) = CardStatus::find(left) {
            self.statuses.insert(right.to_string(), status);
        } else {
            return Err(crate::t!("ledger-map-left-bad", value = left));
        }
        Ok(())
    }
}
