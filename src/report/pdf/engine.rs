//! Typst, in process: a world of one source file and the embedded fonts, compiled to a tagged
//! PDF/A-2a. Nothing is read from the disk, the network or the clock: the fonts are in the
//! binary, the date is the report's, so the same markup gives the same bytes.

use anyhow::{anyhow, Result};
use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Libertinus Serif (SIL Open Font License, see `fonts/LICENSE-Libertinus.txt`): every glyph
/// of Italian typography, in the four faces the report uses.
const FONTS: &[&[u8]] = &[
    include_bytes!("fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("fonts/LibertinusSerif-BoldItalic.otf"),
];

/// What the PDF says of itself beyond its text.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// The date the document bears (`YYYY-MM-DD`): its creation and modification date.
    pub date: String,
    /// What identifies the document across its versions (the XMP DocumentID is made from it).
    pub ident: String,
    /// The creator tool of the metadata: the report's stamp (see [`crate::report::made`]).
    pub creator: String,
}

struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

fn main_id() -> Result<FileId> {
    let path = VirtualPath::new("/relazione.typ")
        .map_err(|e| anyhow!(t!("report-pdf-source-path", error = format!("{e:?}"))))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, path)))
}

impl ReportWorld {
    fn new(markup: String) -> Result<ReportWorld> {
        // In a fixed order: the fonts' indexes, and so the bytes, never change.
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Ok(ReportWorld {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(main_id()?, markup),
        })
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// Never the clock: the report bears the date it is given.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets `markup` into a PDF/A-2a (archival, tagged for accessibility, every font
/// embedded), dated and identified by `stamp`.
pub fn typeset(markup: String, stamp: &Stamp) -> Result<Vec<u8>> {
    let world = ReportWorld::new(markup)?;
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|e| diagnostics(&t!("report-pdf-typesetting"), &e))?;
    let date = date_of(&stamp.date)?;
    let standards = PdfStandards::new(&[PdfStandard::A_2a])
        .map_err(|e| anyhow!(t!("report-pdf-standards", error = e.message().to_string())))?;
    let options = PdfOptions {
        ident: Smart::Custom(stamp.ident.clone()),
        creator: Smart::Custom(Some(stamp.creator.clone())),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|e| diagnostics(&t!("report-pdf-writing"), &e))?;
    typst::comemo::evict(0);
    Ok(pdf)
}

/// Noon UTC of a `YYYY-MM-DD` day: the same instant whatever the time zone of the machine.
fn date_of(iso: &str) -> Result<Datetime> {
    let d = chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d")
        .map_err(|_| anyhow!(t!("report-pdf-date-invalid", date = iso)))?;
    use chrono::Datelike;
    Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 12, 0, 0)
        .ok_or_else(|| anyhow!(t!("report-pdf-date-range", date = iso)))
}

fn diagnostics(what: &str, errors: &[SourceDiagnostic]) -> anyhow::Error {
    let said: Vec<String> = errors
        .iter()
        .map(|d| {
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            if hints.is_empty() {
                d.message.to_string()
            } else {
                format!("{} ({})", d.message, hints.join("; "))
            }
        })
        .collect();
    anyhow!("{what}: {}", said.join("; "))
}
