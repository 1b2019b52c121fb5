//! The report's data as JSON, for other tools: the [`Report`](super::Report) with, under
//! `responses`, the response to every suggestion, written one element at a time as the query
//! yields them.

use std::cell::RefCell;
use std::io::Write;

use anyhow::Result;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Gathered, Report, Responses};

/// The responses as a JSON list, serialised straight from the query.
struct Stream<'a, 'c> {
    responses: &'a Responses<'c>,
    /// A database error met while serialising, to give back as it is.
    error: RefCell<Option<anyhow::Error>>,
}

impl Serialize for Stream<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed: Option<S::Error> = None;
        let walked = self.responses.for_each(|row| {
            if let Err(e) = seq.serialize_element(row) {
                let message = e.to_string();
                failed = Some(e);
                return Err(anyhow::anyhow!(message));
            }
            Ok(())
        });
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = walked {
            let message = format!("{e:#}");
            *self.error.borrow_mut() = Some(e);
            return Err(S::Error::custom(message));
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Document<'a, 'c> {
    #[serde(flatten)]
    report: &'a Report,
    responses: Stream<'a, 'c>,
}

pub fn write(g: &Gathered, out: &mut dyn Write) -> Result<()> {
    let document = Document {
        report: &g.report,
        responses: Stream {
            responses: &g.responses,
            error: RefCell::new(None),
        },
    };
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    if let Err(e) = document.serialize(&mut serializer) {
        return Err(match document.responses.error.take() {
            Some(db) => db,
            None => e.into(),
        });
    }
    writeln!(out)?;
    Ok(())
}
