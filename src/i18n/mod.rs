//! The interface's language: every sentence the tool says to a person comes from a message
//! catalogue, one per language, in Project Fluent's format (`src/i18n/it/*.ftl`,
//! `src/i18n/en/*.ftl`), which a translator edits without reading Rust.
//!
//! Italian is the default; English on request (`--lang en`, `AGENDA_LANG=en`). What scripts read
//! — JSON keys, CSV headers meant for machines, exit codes, the glossary's codes — is the same in
//! both languages. Messages are looked up with [`t!`](crate::t): `t!("import-refused", file =
//! path, line = 12)`. Plurals are the catalogue's business (`{ $count -> [one] … *[other] … }`),
//! never `== 1` in code. Counts are passed as numbers (Italian groups thousands: 20.000);
//! years, references and identifiers as strings, so that they are never grouped.

/// A message from the catalogue: `t!("id")`, `t!("id", name = value, …)`. Values are anything
/// that turns into a Fluent value: numbers, `&str`, `String` (use `.to_string()` or
/// `.display().to_string()` for the rest).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::tr($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::value($value)); )+
        $crate::i18n::tr($id, Some(&args))
    }};
}

pub(crate) mod clap;
pub(crate) mod numbers;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use fluent_bundle::FluentArgs as Args;

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    It,
    En,
}

impl Lang {
    /// `it` or `en` (also `it-IT`, `en_GB.UTF-8`, as a locale variable would say it).
    pub fn parse(value: &str) -> Option<Lang> {
        let code = value.trim().to_ascii_lowercase();
        let code = code.split(['-', '_', '.']).next().unwrap_or("");
        match code {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the run (the first call wins).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language of the run: the one set at start-up, else Italian (English in the library's own
/// unit tests, whose assertions are written in English).
pub fn lang() -> Lang {
    *LANG
        .get()
        .unwrap_or(if cfg!(test) { &Lang::En } else { &Lang::It })
}

/// The language a command line asks for, before clap parses it (the help must already be in
/// it): `--lang X` / `--lang=X`, else `AGENDA_LANG`, else Italian. An unknown value falls back to
/// Italian here; clap then refuses it with a proper message.
pub fn from_command_line(args: &[String]) -> Lang {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Lang::parse(value).unwrap_or(Lang::It);
        }
        if arg == "--lang" {
            return iter.next().and_then(|v| Lang::parse(v)).unwrap_or(Lang::It);
        }
    }
    std::env::var("AGENDA_LANG")
        .ok()
        .and_then(|v| Lang::parse(&v))
        .unwrap_or(Lang::It)
}

/// The catalogue files, by name: (name, Italian, English).
macro_rules! catalogue {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("it/", $name, ".ftl")), include_str!(concat!("en/", $name, ".ftl")))),*]
    };
}

pub(crate) const FILES: &[(&str, &str, &str)] = catalogue![
    "main",
    "help",
    "cli",
    "triage",
    "suggestion",
    "storage",
    "import",
    "domain",
    "process",
    "report",
    "output",
    "ledger",
];

struct Catalogues {
    it: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn catalogues() -> &'static Catalogues {
    static CATALOGUES: OnceLock<Catalogues> = OnceLock::new();
    CATALOGUES.get_or_init(|| Catalogues {
        it: bundle(Lang::It),
        en: bundle(Lang::En),
    })
}

pub(crate) fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = match lang {
        Lang::It => unic_langid::langid!("it"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: the text goes to terminals and files.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::It => numbers::format_it,
        Lang::En => numbers::format_en,
    }));
    // DATE($date): an ISO date for people, as the language writes it (01/10/2021 in Italian);
    // anything that is not a `YYYY-MM-DD` date (a month, a time, a date already written for
    // people) passes as it is.
    let _ = bundle.add_function("DATE", move |positional, _named| match positional.first() {
        Some(FluentValue::String(text)) => FluentValue::String(iso_date_in(lang, text).into()),
        Some(other) => other.clone(),
        None => FluentValue::None,
    });
    for (name, it, en) in FILES {
        let text = match lang {
            Lang::It => it,
            Lang::En => en,
        };
        // A catalogue that does not parse is caught by the tests; at run time the messages that
        // did parse are still used.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = name;
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The message `id` in the run's language, with its arguments. A message missing from the
/// language is taken from the other one, and a message missing from both comes out as its id
/// (the tests fail on both before this can happen).
pub fn tr(id: &str, args: Option<&FluentArgs>) -> String {
    tr_in(lang(), id, args)
}

pub fn tr_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let catalogues = catalogues();
    let (first, second) = match lang {
        Lang::It => (&catalogues.it, &catalogues.en),
        Lang::En => (&catalogues.en, &catalogues.it),
    };
    format_in(first, id, None, args)
        .or_else(|| format_in(second, id, None, args))
        .unwrap_or_else(|| id.to_string())
}

/// An attribute of a message (`.long` of a help text), if the catalogue has it.
pub fn attribute(id: &str, attribute: &str) -> Option<String> {
    let catalogues = catalogues();
    let bundle = match lang() {
        Lang::It => &catalogues.it,
        Lang::En => &catalogues.en,
    };
    format_in(bundle, id, Some(attribute), None)
}

/// Whether the catalogue of the run's language has the message.
pub fn has(id: &str) -> bool {
    let catalogues = catalogues();
    match lang() {
        Lang::It => catalogues.it.has_message(id),
        Lang::En => catalogues.en.has_message(id),
    }
}

fn format_in(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    attribute: Option<&str>,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(name) => message.get_attribute(name)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// A value for a message's argument: numbers stay numbers (for plurals and grouping), anything
/// else is text.
pub fn value<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// A date the way the run's language writes it for people: `01/10/2021` in Italian, ISO
/// (`2021-10-01`) in English. JSON and CSV keep ISO whatever the language.
pub fn date(d: chrono::NaiveDate) -> String {
    date_in(lang(), d)
}

/// A date kept as `YYYY-MM-DD` the way the run's language writes it for people (01/10/2021 in
/// Italian); anything else (a month, a timestamp, a word) as it is.
pub fn iso_date(text: &str) -> String {
    iso_date_in(lang(), text)
}

fn iso_date_in(lang: Lang, text: &str) -> String {
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if text.len() == 10 => date_in(lang, d),
        _ => text.to_string(),
    }
}

fn date_in(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::It => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests;
