//! `card export --format decidim-accountability`: the cards as the file Decidim's results
//! importer (`ResultsCsvImporter`, admin "Import results from CSV file") takes.
//!
//! What the importer does decides every column: it matches a result only by its own `id` in the
//! component (empty or unknown: a new result), and on update it overwrites every column it knows,
//! an absent one with nothing. So each row carries the learned `id`, and the `parent/id`,
//! `category/id` and `status/id` last read for it; `external_id` is the card code (stored by
//! Decidim, read back by `card import-results`); `title/<locale>`, `description/<locale>` (HTML,
//! as Decidim's editor stores it), `start_date`/`end_date` (`YYYY-MM-DD`, the card's first and
//! last month), `progress` (the card's, 0–100) and `proposal_ids`. `;`, UTF-8 without BOM, LF,
//! no spreadsheet formula guard (Decidim would publish the `'`).

use anyhow::Result;
use serde::Serialize;

use super::{whole, written};
use crate::domain::card::YearMonth;
use crate::domain::{Card, CardStatus};
use crate::error::usage;
use crate::storage::accountability::{self as store, KnownResult};
use crate::storage::{cards, ledger, Handle};

pub struct ExportOptions<'a> {
    pub component: Option<&'a str>,
    /// The organisation's default locale on Decidim: the title and description go in
    /// `title/<locale>` and `description/<locale>`.
    pub locale: &'a str,
    /// Only the cards whose result is known: none is created on Decidim.
    pub only_known: bool,
}

/// The file and what the person should know about it.
#[derive(Debug, Default, Serialize)]
pub struct Exported {
    pub component: Option<String>,
    pub rows: u64,
    /// Cards with no known result id: Decidim will create a result for each.
    pub to_create: Vec<String>,
    /// Cards whose status no Decidim status of the component is known to mean.
    pub status_unknown: Vec<StatusUnknown>,
    /// Cards whose result is a part of another: Decidim's importer resets its weight (the CSV
    /// has none), which weighs the parent's progress.
    pub weights_reset: Vec<String>,
    /// Cards with more than one proposal: Decidim's importer links only the first.
    pub proposals_cut: Vec<ProposalsCut>,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

#[derive(Debug, Serialize)]
pub struct StatusUnknown {
    pub card: String,
    pub status: CardStatus,
    /// The status the result had on Decidim, written back unchanged.
    pub kept_status_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProposalsCut {
    pub card: String,
    pub proposal_ids: Vec<String>,
}

/// The component to write for: the one asked, or the only one known; none when nothing of
/// Decidim is known yet (every result is then new).
fn component(conn: &Handle, asked: Option<&str>) -> Result<Option<String>> {
    if let Some(asked) = asked {
        return Ok(Some(asked.to_string()));
    }
    let known = store::components(conn)?;
    match known.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only.clone())),
        many => Err(usage(crate::t!(
            "ledger-export-which-component",
            components = many.join(", ")
        ))
        .hint(crate::t!("ledger-export-which-component-hint"))
        .into()),
    }
}

pub fn export(conn: &Handle, options: &ExportOptions) -> Result<Exported> {
    let component = component(conn, options.component)?;
    let statuses = match &component {
        Some(c) => store::statuses(conn, c)?,
        None => Vec::new(),
    };
    let mut exported = Exported {
        component: component.clone(),
        ..Default::default()
    };
    let locale = options.locale;
    // The cards with what is known of their results, in the order of the Agenda.
    let mut rows: Vec<(Card, i64, KnownResult)> = Vec::new();
    for card in cards::list(conn, &cards::Filter::default())? {
        let card_id = cards::id_of(conn, &card.code)?.expect("the card exists");
        let known = match &component {
            Some(c) => store::result_of(conn, card_id, c)?,
            None => None,
        };
        if known.is_none() && options.only_known {
            continue;
        }
        rows.push((card, card_id, known.unwrap_or_default()));
    }
    // Children before their parents: each child Decidim saves sets its parent's progress to
    // the children's, so the parent's own row must come last to keep its figure.
    let parents: Vec<String> = rows
        .iter()
        .filter_map(|(_, _, k)| k.parent_id.clone())
        .collect();
    rows.sort_by_key(|(_, _, k)| !k.result_id.is_empty() && parents.contains(&k.result_id));
    // The other languages any result has on Decidim, each a column: written back as read, as
    // Decidim would otherwise fill them from the default language.
    let title = format!("title/{locale}");
    let description = format!("description/{locale}");
    let mut others: Vec<String> = rows
        .iter()
        .flat_map(|(_, _, k)| k.texts.keys().cloned())
        .filter(|h| {
            (h.starts_with("title/") || h.starts_with("description/"))
                && *h != title
                && *h != description
        })
        .collect();
    others.sort();
    others.dedup();
    let mut header = vec![
        "id".to_string(),
        "external_id".into(),
        "parent/id".into(),
        "category/id".into(),
        title.clone(),
        description.clone(),
    ];
    header.extend(others.iter().cloned());
    header.extend(
        [
            "start_date",
            "end_date",
            "status/id",
            "progress",
            "proposal_ids",
        ]
        .map(String::from),
    );
    if component.is_some() {
        header.push("component/id".into());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(&header)?;
    for (card, card_id, known) in &rows {
        if known.result_id.is_empty() {
            exported.to_create.push(card.code.clone());
        } else if known.parent_id.is_some() {
            exported.weights_reset.push(card.code.clone());
        }
        let status_id = status_for(card, known, &statuses, &mut exported);
        let progress = progress_for(conn, *card_id, known)?;
        let proposals = store::proposal_ids(conn, *card_id)?;
        if proposals.len() > 1 {
            exported.proposals_cut.push(ProposalsCut {
                card: card.code.clone(),
                proposal_ids: proposals.clone(),
            });
        }
        // The card's own value, else what the result had on Decidim.
        let or_read = |own: String, column: &str| {
            if own.is_empty() {
                known.texts.get(column).cloned().unwrap_or_default()
            } else {
                own
            }
        };
        let mut record = vec![
            known.result_id.clone(),
            card.code.clone(),
            known.parent_id.clone().unwrap_or_default(),
            known.category_id.clone().unwrap_or_default(),
            card.title.clone(),
            or_read(
                crate::answers::answer_html(&card.description, None, None),
                &description,
            ),
        ];
        record.extend(
            others
                .iter()
                .map(|h| known.texts.get(h).cloned().unwrap_or_default()),
        );
        record.extend([
            or_read(
                card.start.map(YearMonth::first_day).unwrap_or_default(),
                "start_date",
            ),
            or_read(
                card.end.map(YearMonth::last_day).unwrap_or_default(),
                "end_date",
            ),
            status_id.unwrap_or_default(),
            progress.unwrap_or_default(),
            proposals.join(", "),
        ]);
        if let Some(c) = &component {
            record.push(c.clone());
        }
        writer.write_record(&record)?;
        exported.rows += 1;
    }
    exported.bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(exported)
}

/// The Decidim status for the card: the result's own when it means the card's status (a
/// component may have two statuses for one card status) or when what it means is not known
/// (the office's choice on Decidim, kept); else the first that means the card's status; else
/// the result's as it was. Listed when no status is known to mean the card's.
fn status_for(
    card: &Card,
    known: &KnownResult,
    statuses: &[store::KnownStatus],
    exported: &mut Exported,
) -> Option<String> {
    let meaning = |id: &str| {
        statuses
            .iter()
            .find(|s| s.status_id == id)
            .and_then(|s| s.card_status)
    };
    let own = known.status_id.as_ref().map(|id| (id, meaning(id)));
    if let Some((id, Some(status))) = own {
        if status == card.status {
            return Some(id.clone());
        }
    }
    if let Some((id, None)) = own {
        exported.status_unknown.push(StatusUnknown {
            card: card.code.clone(),
            status: card.status,
            kept_status_id: Some(id.clone()),
        });
        return Some(id.clone());
    }
    if let Some(s) = statuses.iter().find(|s| s.card_status == Some(card.status)) {
        return Some(s.status_id.clone());
    }
    exported.status_unknown.push(StatusUnknown {
        card: card.code.clone(),
        status: card.status,
        kept_status_id: known.status_id.clone(),
    });
    known.status_id.clone()
}

/// The card's progress as Decidim should hold it: Decidim's own figure when it is the card's
/// whole percent (46.33 stays 46.33), else the card's; none when neither is known.
fn progress_for(conn: &Handle, card_id: i64, known: &KnownResult) -> Result<Option<String>> {
    let last = ledger::last_progress(conn, card_id)?.map(|p| p.percent);
    Ok(match (last, known.progress) {
        (Some(percent), Some(theirs)) if whole(theirs) == percent => Some(written(theirs)),
        (Some(percent), _) => Some(percent.to_string()),
        (None, Some(theirs)) => Some(written(theirs)),
        (None, None) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cards_months_are_whole_days_for_decidim() {
        let m = |year, month| YearMonth { year, month };
        assert_eq!(m(2022, 3).first_day(), "2022-03-01");
        assert_eq!(m(2022, 2).last_day(), "2022-02-28");
        assert_eq!(m(2024, 2).last_day(), "2024-02-29");
        assert_eq!(m(2023, 12).last_day(), "2023-12-31");
    }
}
