//! `agenda suggestion …`: the subcommands, one file per family.

mod import;
mod list;
mod respond;
mod tag;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::Globals;
use import::ImportArgs;
use list::{BatchesArgs, ListArgs, ShowArgs};
use respond::{ExportAnswersArgs, RespondArgs, SimilarArgs};
use tag::{AutotagArgs, LinkArgs, RetitleArgs, TagArgs};

#[derive(Debug, Subcommand)]
pub enum SuggestionCommand {
    /// Import suggestions: Decidim exports (CSV, JSON, Excel), office spreadsheets (CSV, .xlsx, .ods, .xls).
    Import(ImportArgs),
    /// List suggestions.
    List(ListArgs),
    /// Show one suggestion, by number or reference.
    Show(ShowArgs),
    /// The import batches: files, fingerprints, counts, rejected rows.
    Batches(BatchesArgs),
    /// Tag suggestions with axes: `tag 12 PO-PROP-2021-10-5101 competenze`.
    Tag(TagArgs),
    /// Remove axes from suggestions.
    Untag(TagArgs),
    /// Tag the untagged suggestions by the keyword rules (`agenda rule list`).
    Autotag(AutotagArgs),
    /// Give a suggestion the title it is published with (the source's title is kept).
    Retitle(RetitleArgs),
    /// Link a suggestion to a card (the response does not change).
    Link(LinkArgs),
    /// Remove the link between a suggestion and a card.
    Unlink(LinkArgs),
    /// Record the administration's response, with its reason; or many from a spreadsheet.
    Respond(RespondArgs),
    /// Write the responses as a file the platform imports (Decidim's bulk answers).
    ExportAnswers(ExportAnswersArgs),
    /// The suggestions most like one, to spot duplicates.
    Similar(SimilarArgs),
}

pub fn run(globals: &Globals, command: SuggestionCommand) -> Result<()> {
    match command {
        SuggestionCommand::Import(args) => import::import_files(globals, args),
        SuggestionCommand::List(args) => list::list(globals, args),
        SuggestionCommand::Show(args) => list::show(globals, args),
        SuggestionCommand::Batches(args) => list::batches(globals, args),
        SuggestionCommand::Tag(args) => tag::tag(globals, args, false),
        SuggestionCommand::Untag(args) => tag::tag(globals, args, true),
        SuggestionCommand::Autotag(args) => tag::autotag(globals, args),
        SuggestionCommand::Retitle(args) => tag::retitle(globals, args),
        SuggestionCommand::Link(args) => tag::link(globals, args, false),
        SuggestionCommand::Unlink(args) => tag::link(globals, args, true),
        SuggestionCommand::Respond(args) => respond::respond(globals, args),
        SuggestionCommand::ExportAnswers(args) => respond::export_answers(globals, args),
        SuggestionCommand::Similar(args) => respond::similar(globals, args),
    }
}
