//! Decidim both ways. The exports are *built* here, from one list of proposals, the way each
//! version of Decidim writes them (the serializer's keys, `/`-flattened headers that are the
//! union of every row's keys, Ruby's CSV quoting, premailer's plain text, rubyXL's cells: see
//! `decidim-sources.md` beside this file: what was read of Decidim's source, where and at which
//! version); then imported. The way back is checked by an
//! emulation of Decidim's own "Import answers from a file", which refuses a whole file for one
//! row it cannot take. Last, the office workbooks and the demo.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{conn, fixture, fixture_arg, refused, stderr, Env};

// =============================================================================================
// Decidim's proposals, as the platform holds them

const HOST: &str = "partecipo.comune.prato.it";
const SPACE_ID: i64 = 23;
const SPACE_URL: &str = "https://partecipo.comune.prato.it/processes/agenda-digitale-2023";
/// `Decidim.available_locales` of the installation, in its order: the keys `answer` has.
const LOCALES: &[&str] = &["it", "en"];

/// A time of Decidim's jobs (UTC), as `YYYY-MM-DD HH:MM:SS`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct At(&'static str);

/// The state a proposal is in on the platform.
#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    /// No answer published: Decidim's `state` is nil, exported as `""`.
    NotAnswered,
    Evaluating,
    Accepted,
    Rejected,
    /// A custom state of 0.29+ (its token); before 0.29 the same answer was `accepted`.
    Custom(&'static str),
    /// Withdrawn by its author, with no answer.
    Withdrawn,
}

#[derive(Clone, Debug)]
struct Proposal {
    id: i64,
    component: i64,
    /// Coauthors: (user id, name, nickname).
    authors: &'static [(i64, &'static str, &'static str)],
    /// A user group the proposal was written for: (name, nickname).
    group: Option<(&'static str, &'static str)>,
    /// 0.27/0.28: (id, Italian name, English name).
    category: Option<(i64, &'static str, &'static str)>,
    /// 0.30: (id, Italian name, English name).
    taxonomies: &'static [(i64, &'static str, &'static str)],
    title: &'static str,
    title_machine_en: Option<&'static str>,
    /// As Decidim's editor stored it.
    body_html: &'static str,
    address: Option<(&'static str, f64, f64)>,
    state: State,
    answer: Option<&'static str>,
    answered_at: Option<At>,
    supports: i64,
    endorsers: &'static [&'static str],
    comments: i64,
    attachments: i64,
    followers: i64,
    published_at: At,
    created_at: At,
    updated_at: At,
    meeting_urls: &'static [&'static str],
    related: &'static [i64],
    /// The id of the proposal this one amends.
    amends: Option<i64>,
    withdrawn_at: Option<At>,
    /// 0.30: (cost, cost report, execution period).
    cost: Option<(&'static str, &'static str, &'static str)>,
}

impl Default for Proposal {
    fn default() -> Proposal {
        Proposal {
            id: 0,
            component: 120,
            authors: &[],
            group: None,
            category: None,
            taxonomies: &[],
            title: "",
            title_machine_en: None,
            body_html: "",
            address: None,
            state: State::NotAnswered,
            answer: None,
            answered_at: None,
            supports: 0,
            endorsers: &[],
            comments: 0,
            attachments: 0,
            followers: 0,
            published_at: At("2023-03-01 10:15:00"),
            created_at: At("2023-03-01 10:05:00"),
            updated_at: At("2023-03-01 10:15:00"),
            meeting_urls: &[],
            related: &[],
            amends: None,
            withdrawn_at: None,
            cost: None,
        }
    }
}

/// The consultation of March 2023: four proposals in component 120 (one an amendment of 9101,
/// one withdrawn), two in component 121. Every name is invented.
fn proposals() -> Vec<Proposal> {
    vec![
        Proposal {
            id: 9101,
            authors: &[(4411, "Ilaria Nardini", "inardini")],
            category: Some((41, "Competenze", "Skills")),
            taxonomies: &[(31, "Competenze", "Skills")],
            title: "Sportello digitale nei centri civici",
            title_machine_en: Some("Digital help desk in the civic centres"),
            body_html: "<p>Molte persone anziane non riescono ad attivare lo SPID e a usare l&#39;app IO senza aiuto.</p><p>Propongo uno sportello digitale nei centri civici, come i <a href=\"https://www.comune.prato.it/it/punti-digitale-facile\" target=\"_blank\">Punti Digitale Facile</a>, aperto anche il sabato mattina.</p>",
            state: State::Accepted,
            answer: Some("<p>Accolta: gli sportelli apriranno nei centri civici nel 2023.</p>"),
            answered_at: Some(At("2023-03-20 09:30:00")),
            supports: 18,
            endorsers: &["Chiara Pacini", "Tommaso Landini"],
            comments: 4,
            followers: 6,
            published_at: At("2023-03-01 10:15:00"),
            created_at: At("2023-03-01 10:02:11"),
            updated_at: At("2023-03-20 09:30:00"),
            related: &[9103],
            ..Proposal::default()
        },
        Proposal {
            id: 9102,
            authors: &[(4420, "Paolo Fantacci", "pfantacci")],
            category: Some((44, "Infrastrutture e piattaforme trasversali", "Infrastructure and cross-cutting platforms")),
            taxonomies: &[
                (33, "Infrastrutture e piattaforme trasversali", "Infrastructure and cross-cutting platforms"),
                (32, "Quartiere: Prato Centro", "District: Prato Centre"),
            ],
            title: "Wi-Fi stabile nella Biblioteca Lazzerini",
            body_html: "<p>Nelle sale studio della Biblioteca Lazzerini mancano:</p><ul><li>una rete Wi-Fi stabile;</li><li>prese per ricaricare i portatili.</li></ul><p>Chiedo di intervenire prima della sessione d&#39;esami.</p>",
            supports: 9,
            endorsers: &["Tommaso Landini"],
            comments: 1,
            followers: 2,
            published_at: At("2023-03-02 17:40:05"),
            created_at: At("2023-03-02 17:31:48"),
            updated_at: At("2023-03-02 17:40:05"),
            ..Proposal::default()
        },
        Proposal {
            id: 9103,
            authors: &[(4433, "Giovanni Becagli", "gbecagli")],
            category: Some((41, "Competenze", "Skills")),
            taxonomies: &[(31, "Competenze", "Skills")],
            title: "Sportello digitale nei centri civici, anche il sabato pomeriggio",
            body_html: "<p>Come la proposta originale, ma con l&#39;apertura anche il sabato pomeriggio per chi lavora.</p>",
            state: State::Evaluating,
            supports: 3,
            published_at: At("2023-03-04 08:12:30"),
            created_at: At("2023-03-04 08:10:02"),
            updated_at: At("2023-03-04 08:12:30"),
            amends: Some(9101),
            ..Proposal::default()
        },
        Proposal {
            id: 9104,
            authors: &[(4440, "Serena Vannini", "svannini")],
            title: "App per segnalare buche e lampioni spenti",
            body_html: "<p>Un&#39;app per segnalare buche e lampioni spenti, con la foto e la posizione.</p>",
            state: State::Withdrawn,
            published_at: At("2023-03-05 12:00:00"),
            created_at: At("2023-03-05 11:58:40"),
            updated_at: At("2023-03-12 16:40:00"),
            withdrawn_at: Some(At("2023-03-12 16:40:00")),
            ..Proposal::default()
        },
        Proposal {
            id: 9105,
            component: 121,
            authors: &[(4450, "Lorenza Bruni", "lbruni")],
            group: Some(("Comitato di quartiere San Paolo", "comitatosanpaolo")),
            category: Some((45, "Promozione", "Promotion")),
            taxonomies: &[(34, "Promozione", "Promotion")],
            title: "Bacheca digitale in piazza a San Paolo",
            body_html: "<p>Uno schermo nella piazza di San Paolo con gli avvisi del Comune &amp; delle associazioni del quartiere.</p>",
            address: Some(("Piazza San Paolo, 59100 Prato", 43.8794, 11.0839)),
            state: State::Rejected,
            answer: Some("<p>Non accolta: gli avvisi sono gi&agrave; sul sito e sull&#39;app IO.</p>"),
            answered_at: Some(At("2023-03-21 11:00:00")),
            supports: 12,
            endorsers: &["Chiara Pacini"],
            comments: 2,
            attachments: 1,
            followers: 3,
            published_at: At("2023-03-06 18:20:00"),
            created_at: At("2023-03-06 18:02:17"),
            updated_at: At("2023-03-21 11:00:00"),
            meeting_urls: &["https://partecipo.comune.prato.it/processes/agenda-digitale-2023/f/119/meetings/77"],
            cost: Some(("1200.0", "<p>Schermo da esterno e installazione.</p>", "6 mesi")),
            ..Proposal::default()
        },
        Proposal {
            id: 9106,
            component: 121,
            authors: &[(4471, "Marco Rinaldi", "mrinaldi"), (4472, "Sofia Cappellini", "scappellini")],
            category: Some((46, "Governance", "Governance")),
            taxonomies: &[(35, "Governance", "Governance")],
            title: "@ComunediPrato: gli orari degli uffici come dati aperti",
            body_html: "<p>Pubblicate gli orari di apertura degli uffici comunali in formato aperto, aggiornati ogni settimana.</p><p>Cos&igrave; le app e i siti di quartiere possono mostrarli senza errori.</p>",
            state: State::Custom("gia_in_corso"),
            answer: Some("<p>Gli orari sono gi&agrave; nel portale dei dati aperti.</p>"),
            answered_at: Some(At("2023-03-22 15:45:00")),
            supports: 7,
            endorsers: &["Tommaso Landini", "Chiara Pacini"],
            followers: 4,
            published_at: At("2023-03-07 09:00:00"),
            created_at: At("2023-03-07 08:41:09"),
            updated_at: At("2023-03-22 15:45:00"),
            ..Proposal::default()
        },
    ]
}

fn in_component(all: &[Proposal], component: i64) -> Vec<Proposal> {
    all.iter()
        .filter(|p| p.component == component)
        .cloned()
        .collect()
}

fn proposal_url(p: &Proposal) -> String {
    format!("{SPACE_URL}/f/{}/proposals/{}", p.component, p.id)
}

fn reference(id: i64) -> String {
    format!("PO-PROP-2023-03-{id}")
}

// =============================================================================================
// What Decidim's serializer makes of them

/// The versions whose exports are built: each changed the serializer's keys.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
enum Version {
    /// Raw HTML bodies, `supports`, `category`, no author, no `answered_at`.
    V0272,
    /// Plain-text bodies (premailer), `answered_at`.
    V0276,
    /// `author/*` arrays (0.28.2+, = 0.27.9).
    V0284,
    /// `taxonomies/ids`, `votes`, `follows_count`, `state_published_at`, `withdrawn`,
    /// `withdrawn_at`, custom-state tokens and the tail of 0.30 (#13702, #13857).
    V030,
}

/// A Ruby value, before an exporter writes it.
#[derive(Clone, Debug)]
enum Rb {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A BigDecimal: `100.0` in CSV, a string in JSON, a number in Excel.
    Dec(&'static str),
    Str(String),
    /// An ActiveSupport::TimeWithZone in UTC.
    Time(At),
    List(Vec<Rb>),
    Hash(Vec<(String, Rb)>),
}

fn s(text: &str) -> Rb {
    Rb::Str(text.to_string())
}

fn hash(pairs: Vec<(&str, Rb)>) -> Rb {
    Rb::Hash(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn opt_time(at: Option<At>) -> Rb {
    at.map_or(Rb::Nil, Rb::Time)
}

/// `{"it": text}`: what a participant wrote in the Italian interface.
fn italian(text: &str) -> Rb {
    hash(vec![("it", s(text))])
}

/// `ensure_translatable`: every available locale, `""` where there is no text.
fn every_locale(text: Option<&str>) -> Rb {
    Rb::Hash(
        LOCALES
            .iter()
            .map(|l| {
                let value = if *l == "it" { text.unwrap_or("") } else { "" };
                (l.to_string(), s(value))
            })
            .collect(),
    )
}

/// A name as admins enter it in both organisation locales: PostgreSQL's jsonb gives `en`
/// before `it` (same length, byte order).
fn both_names(it: &str, en: &str) -> Rb {
    hash(vec![("en", s(en)), ("it", s(it))])
}

/// `proposal.state.to_s` as each version exports it.
fn state_of(p: &Proposal, version: Version) -> String {
    let newest = version >= Version::V030;
    match p.state {
        State::NotAnswered => String::new(),
        State::Evaluating => "evaluating".into(),
        State::Accepted => "accepted".into(),
        State::Rejected => "rejected".into(),
        State::Custom(token) if newest => token.into(),
        State::Custom(_) => "accepted".into(),
        // 0.29+: `withdrawn?` makes the state visible, and no proposal state means
        // `not_answered`.
        State::Withdrawn if newest => "not_answered".into(),
        State::Withdrawn => "withdrawn".into(),
    }
}

/// `ProposalSerializer#serialize` of one proposal, keys in the version's order.
fn serialize(p: &Proposal, version: Version, all: &[Proposal]) -> Rb {
    let mut out: Vec<(&str, Rb)> = vec![("id", Rb::Int(p.id))];
    if version >= Version::V0284 {
        let (names, urls): (Vec<Rb>, Vec<Rb>) = match p.group {
            Some((name, nick)) => (
                vec![s(name)],
                vec![s(&format!("https://{HOST}/profiles/{nick}"))],
            ),
            None => (
                p.authors.iter().map(|a| s(a.1)).collect(),
                p.authors
                    .iter()
                    .map(|a| s(&format!("https://{HOST}/profiles/{}", a.2)))
                    .collect(),
            ),
        };
        out.push((
            "author",
            hash(vec![
                (
                    "id",
                    Rb::List(p.authors.iter().map(|a| Rb::Int(a.0)).collect()),
                ),
                ("name", Rb::List(names)),
                ("url", Rb::List(urls)),
            ]),
        ));
    }
    if version >= Version::V030 {
        let mut taxonomies = vec![(
            "ids".to_string(),
            Rb::List(p.taxonomies.iter().map(|t| Rb::Int(t.0)).collect()),
        )];
        for (id, it, en) in p.taxonomies {
            taxonomies.push((id.to_string(), both_names(it, en)));
        }
        out.push(("taxonomies", Rb::Hash(taxonomies)));
    } else {
        let category = match p.category {
            Some((id, it, en)) => hash(vec![("id", Rb::Int(id)), ("name", both_names(it, en))]),
            None => hash(vec![("id", Rb::Nil), ("name", both_names("", ""))]),
        };
        out.push(("category", category));
        out.push((
            "scope",
            hash(vec![("id", Rb::Nil), ("name", every_locale(None))]),
        ));
    }
    out.push((
        "participatory_space",
        hash(vec![("id", Rb::Int(SPACE_ID)), ("url", s(SPACE_URL))]),
    ));
    out.push(("component", hash(vec![("id", Rb::Int(p.component))])));
    let title = match p.title_machine_en {
        Some(en) => hash(vec![
            ("it", s(p.title)),
            ("machine_translations", hash(vec![("en", s(en))])),
        ]),
        None => italian(p.title),
    };
    out.push(("title", title));
    let body = if version == Version::V0272 {
        p.body_html.to_string()
    } else {
        premailer(p.body_html)
    };
    out.push(("body", italian(&body)));
    match p.address {
        Some((address, lat, long)) => {
            out.push(("address", s(address)));
            out.push(("latitude", Rb::Float(lat)));
            out.push(("longitude", Rb::Float(long)));
        }
        None => {
            out.push(("address", Rb::Nil));
            out.push(("latitude", Rb::Nil));
            out.push(("longitude", Rb::Nil));
        }
    }
    out.push(("state", s(&state_of(p, version))));
    if version >= Version::V030 {
        let published = p.answered_at.filter(|_| p.amends.is_none());
        out.push(("state_published_at", opt_time(published)));
    }
    out.push(("reference", s(&reference(p.id))));
    out.push(("answer", every_locale(p.answer)));
    if version >= Version::V0276 {
        out.push(("answered_at", opt_time(p.answered_at)));
    }
    out.push((
        if version >= Version::V030 {
            "votes"
        } else {
            "supports"
        },
        Rb::Int(p.supports),
    ));
    out.push((
        "endorsements",
        hash(vec![
            ("total_count", Rb::Int(p.endorsers.len() as i64)),
            (
                "user_endorsements",
                Rb::List(p.endorsers.iter().map(|n| s(n)).collect()),
            ),
        ]),
    ));
    out.push(("comments", Rb::Int(p.comments)));
    out.push(("attachments", Rb::Int(p.attachments)));
    out.push((
        if version >= Version::V030 {
            "follows_count"
        } else {
            "followers"
        },
        Rb::Int(p.followers),
    ));
    out.push(("published_at", Rb::Time(p.published_at)));
    out.push(("url", s(&proposal_url(p))));
    out.push((
        "meeting_urls",
        Rb::List(p.meeting_urls.iter().map(|u| s(u)).collect()),
    ));
    let related = p
        .related
        .iter()
        .filter_map(|id| all.iter().find(|o| o.id == *id))
        .map(|o| s(&proposal_url(o)))
        .collect();
    out.push(("related_proposals", Rb::List(related)));
    out.push(("is_amend", Rb::Bool(p.amends.is_some())));
    let original = p.amends.and_then(|id| all.iter().find(|o| o.id == id));
    out.push((
        "original_proposal",
        hash(vec![
            ("title", original.map_or(Rb::Nil, |o| italian(o.title))),
            ("url", original.map_or(Rb::Nil, |o| s(&proposal_url(o)))),
        ]),
    ));
    if version >= Version::V030 {
        out.push(("withdrawn", Rb::Bool(p.withdrawn_at.is_some())));
        out.push(("withdrawn_at", opt_time(p.withdrawn_at)));
        out.push(("created_at", Rb::Time(p.created_at)));
        out.push(("updated_at", Rb::Time(p.updated_at)));
        out.push(("created_in_meeting", Rb::Bool(false)));
        out.push(("coauthorships_count", Rb::Int(p.authors.len() as i64)));
        match p.cost {
            Some((cost, report, period)) => {
                out.push(("cost", Rb::Dec(cost)));
                out.push(("cost_report", italian(report)));
                out.push(("execution_period", italian(period)));
            }
            None => {
                out.push(("cost", Rb::Nil));
                out.push(("cost_report", Rb::Nil));
                out.push(("execution_period", Rb::Nil));
            }
        }
    }
    hash(out)
}

/// `to_s` of a scalar.
fn ruby_to_s(value: &Rb) -> String {
    match value {
        Rb::Nil => String::new(),
        Rb::Bool(b) => b.to_string(),
        Rb::Int(n) => n.to_string(),
        Rb::Float(f) if f.fract() == 0.0 => format!("{f:.1}"),
        Rb::Float(f) => f.to_string(),
        Rb::Dec(d) => d.to_string(),
        Rb::Str(text) => text.clone(),
        Rb::Time(At(t)) => format!("{t} UTC"),
        Rb::List(_) | Rb::Hash(_) => unreachable!("flattened before"),
    }
}

/// `Exporters::CSV#flatten`: nested keys joined by `/`, arrays joined by `, ` (nil dropped).
fn flatten(value: &Rb, key: Option<&str>, out: &mut Vec<(String, Rb)>) {
    match value {
        Rb::Hash(pairs) => {
            for (sub, v) in pairs {
                let key = match key {
                    Some(k) => format!("{k}/{sub}"),
                    None => sub.clone(),
                };
                flatten(v, Some(&key), out);
            }
        }
        Rb::List(items) => {
            let joined = items
                .iter()
                .filter(|v| !matches!(v, Rb::Nil))
                .map(ruby_to_s)
                .collect::<Vec<_>>()
                .join(", ");
            out.push((key.unwrap_or_default().to_string(), Rb::Str(joined)));
        }
        other => out.push((key.unwrap_or_default().to_string(), other.clone())),
    }
}

/// `custom_sanitize`: a String starting with `= + - @` gets a `'` before it.
fn sanitize(value: Rb) -> Rb {
    match value {
        Rb::Str(text) if text.starts_with(['=', '+', '-', '@']) => Rb::Str(format!("'{text}")),
        other => other,
    }
}

/// The rows as the CSV and Excel exporters see them: the headers (the union of every row's
/// keys, in first-seen order: Ruby's `keys | resource.keys`) and each row's cells.
fn table(version: Version, rows: &[Proposal], all: &[Proposal]) -> (Vec<String>, Vec<Vec<Rb>>) {
    let flat: Vec<Vec<(String, Rb)>> = rows
        .iter()
        .map(|p| {
            let mut cells = Vec::new();
            flatten(&serialize(p, version, all), None, &mut cells);
            cells
        })
        .collect();
    let mut headers: Vec<String> = Vec::new();
    for row in &flat {
        for (key, _) in row {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let cells = flat
        .iter()
        .map(|row| {
            headers
                .iter()
                .map(|h| {
                    let value = row
                        .iter()
                        .find(|(k, _)| k == h)
                        .map_or(Rb::Nil, |(_, v)| v.clone());
                    sanitize(value)
                })
                .collect()
        })
        .collect();
    (headers, cells)
}

/// Ruby's `CSV.generate` field: nil is nothing, `""` is quoted, quotes only where needed.
fn ruby_csv_field(value: &Rb, col_sep: char) -> String {
    if let Rb::Nil = value {
        return String::new();
    }
    let text = ruby_to_s(value);
    if text.is_empty() {
        return "\"\"".into();
    }
    if text.contains(['\r', '\n', '"', col_sep]) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn ruby_csv_line(fields: impl Iterator<Item = String>, col_sep: char) -> String {
    let mut line = fields.collect::<Vec<_>>().join(&col_sep.to_string());
    line.push('\n');
    line
}

/// The admin's CSV export (`Exporters::CSV`, `;`, no BOM, LF).
fn csv_export(version: Version, rows: &[Proposal], all: &[Proposal]) -> String {
    let (headers, cells) = table(version, rows, all);
    let mut out = ruby_csv_line(headers.iter().map(|h| ruby_csv_field(&s(h), ';')), ';');
    for row in &cells {
        out.push_str(&ruby_csv_line(
            row.iter().map(|v| ruby_csv_field(v, ';')),
            ';',
        ));
    }
    out
}

/// The open-data CSV: every published proposal of the organisation, all components, same
/// serializer; the batch CSVs read back as strings and written again, so every cell is a
/// string (nil stays empty, `""` stays quoted).
fn open_data_export(version: Version, all: &[Proposal]) -> String {
    let (headers, cells) = table(version, all, all);
    let mut out = ruby_csv_line(headers.iter().map(|h| ruby_csv_field(&s(h), ';')), ';');
    for row in &cells {
        let strings = row.iter().map(|v| match v {
            Rb::Nil => Rb::Nil,
            other => Rb::Str(ruby_to_s(other)),
        });
        out.push_str(&ruby_csv_line(
            strings.map(|v| ruby_csv_field(&v, ';')),
            ';',
        ));
    }
    out
}

fn to_json(value: &Rb) -> Value {
    match value {
        Rb::Nil => Value::Null,
        Rb::Bool(b) => Value::Bool(*b),
        Rb::Int(n) => Value::from(*n),
        Rb::Float(f) => Value::from(*f),
        Rb::Dec(d) => Value::from(*d),
        Rb::Str(text) => Value::from(text.as_str()),
        Rb::Time(_) => Value::from(ruby_to_s(value)),
        Rb::List(items) => Value::Array(items.iter().map(to_json).collect()),
        Rb::Hash(pairs) => {
            Value::Object(pairs.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// The JSON export: `JSON.pretty_generate` of the serialized proposals (no formula guard).
fn json_export(version: Version, rows: &[Proposal], all: &[Proposal]) -> String {
    let items: Vec<Value> = rows
        .iter()
        .map(|p| to_json(&serialize(p, version, all)))
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap()
}

/// The Excel export as rubyXL writes it: one sheet `Sheet1`, the headers on row 1 (bold, grey,
/// centred, 20 wide), numbers as numbers, times as date cells `dd.mm.yyyy HH:MM:SS`, strings
/// (formula-guarded) as strings, nil and booleans as empty cells.
fn xlsx_export(version: Version, rows: &[Proposal], all: &[Proposal]) -> Vec<u8> {
    use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, Workbook};
    let (headers, cells) = table(version, rows, all);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    assert_eq!(sheet.name(), "Sheet1");
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xC0C0C0))
        .set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("dd.mm.yyyy HH:MM:SS");
    for (j, header) in headers.iter().enumerate() {
        let j = j as u16;
        sheet.set_column_width(j, 20).unwrap();
        sheet.write_string_with_format(0, j, header, &bold).unwrap();
    }
    for (i, row) in cells.iter().enumerate() {
        let r = i as u32 + 1;
        for (j, value) in row.iter().enumerate() {
            let c = j as u16;
            match value {
                Rb::Nil | Rb::Bool(_) => {}
                Rb::Int(n) => {
                    sheet.write_number(r, c, *n as f64).unwrap();
                }
                Rb::Float(f) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                Rb::Dec(d) => {
                    sheet.write_number(r, c, d.parse::<f64>().unwrap()).unwrap();
                }
                Rb::Str(text) => {
                    sheet.write_string(r, c, text).unwrap();
                }
                Rb::Time(At(t)) => {
                    let when = ExcelDateTime::parse_from_str(t).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .unwrap();
                }
                Rb::List(_) | Rb::Hash(_) => unreachable!("flattened before"),
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

// ---------------------------------------------------------------------------------------------
// premailer's `convert_to_text`, for the HTML Decidim's editors write (`<p>`, `<a>`, `<ul>`,
// `<br>`, entities), step by step in premailer's order.

fn premailer(html: &str) -> String {
    // Links: `text ( url )`, or `text` when it is the address.
    let mut txt = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        txt.push_str(&rest[..at]);
        let tag_end = at + rest[at..].find('>').unwrap();
        let tag = &rest[at..tag_end];
        let href = tag
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let close = tag_end + rest[tag_end..].find("</a>").unwrap();
        let text = rest[tag_end + 1..close].trim();
        if text == href {
            txt.push_str(text);
        } else if !text.is_empty() {
            txt.push_str(&format!("{text} ( {href} )"));
        }
        rest = &rest[close + 4..];
    }
    txt.push_str(rest);
    // Lists, paragraphs and line breaks.
    let txt = txt
        .replace("<li>", "* ")
        .replace("</li>", "\n")
        .replace("</p>", "\n\n")
        .replace("<br>", "\n");
    // Every other tag goes; entities are decoded.
    let mut stripped = String::new();
    let mut in_tag = false;
    for c in txt.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => stripped.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&stripped);
    // Word wrap at 65, then the clean-up.
    let wrapped = decoded
        .split('\n')
        .map(|line| {
            if line.chars().count() > 65 {
                wrap_line(line, 65).trim().to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut lines: Vec<&str> = wrapped
        .split('\n')
        .map(|l| l.trim_matches([' ', '\t']))
        .collect();
    // No more than two newlines in a row.
    let mut collapsed: Vec<&str> = Vec::new();
    for line in lines.drain(..) {
        if line.is_empty() && collapsed.len() >= 2 && collapsed[collapsed.len() - 1].is_empty() {
            continue;
        }
        collapsed.push(line);
    }
    rejoin_parens(&collapsed.join("\n")).trim().to_string()
}

/// `gsub(/\(([ \n])(http[^)]+)([\n ])\)/)`: a link's `( url )` that the wrapping broke is put
/// back together, with the line break before it (and, as premailer writes it, `$1` after it).
fn rejoin_parens(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('(') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let first = after.chars().next();
        let fixed = match (first, after.get(1..)) {
            (Some(c1 @ (' ' | '\n')), Some(tail)) if tail.starts_with("http") => {
                tail.find(')').and_then(|close| {
                    let inner = &tail[..close];
                    let c3 = inner.chars().last()?;
                    if c3 != ' ' && c3 != '\n' {
                        return None;
                    }
                    let url = &inner[..inner.len() - 1];
                    let before = if c1 == '\n' { "\n" } else { "" };
                    let after = if c3 == '\n' {
                        c1.to_string()
                    } else {
                        String::new()
                    };
                    Some((format!("{before}( {url} ){after}"), 1 + 1 + close + 1))
                })
            }
            _ => None,
        };
        match fixed {
            Some((replacement, used)) => {
                out.push_str(&replacement);
                rest = &rest[at + used..];
            }
            None => {
                out.push('(');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `line.gsub(/(.{1,65})(\s+|$)/, "\\1\n")`: the longest run of at most `width` characters
/// followed by white space or the end, again and again.
fn wrap_line(line: &str, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let longest = width.min(chars.len() - i);
        let found = (1..=longest)
            .rev()
            .find(|&k| i + k == chars.len() || chars[i + k].is_whitespace());
        match found {
            Some(k) => {
                out.extend(&chars[i..i + k]);
                out.push('\n');
                i += k;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&egrave;", "è")
        .replace("&agrave;", "à")
        .replace("&igrave;", "ì")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The name an export of a component is saved under in a test.
fn export_name(version: Version, component: i64, ext: &str) -> String {
    let v = format!("{version:?}").to_lowercase();
    format!("proposte-{v}-componente-{component}.{ext}")
}

/// Writes the admin exports of both components (one file each, as Decidim exports a component
/// at a time) and returns their names.
fn write_csv_exports(env: &Env, version: Version) -> Vec<String> {
    let all = proposals();
    [120, 121]
        .iter()
        .map(|&c| {
            let name = export_name(version, c, "csv");
            env.write(&name, csv_export(version, &in_component(&all, c), &all));
            name
        })
        .collect()
}

fn write_json_exports(env: &Env, version: Version) -> Vec<String> {
    let all = proposals();
    [120, 121]
        .iter()
        .map(|&c| {
            let name = export_name(version, c, "json");
            env.write(&name, json_export(version, &in_component(&all, c), &all));
            name
        })
        .collect()
}

fn write_xlsx_exports(env: &Env, version: Version) -> Vec<String> {
    let all = proposals();
    [120, 121]
        .iter()
        .map(|&c| {
            let name = export_name(version, c, "xlsx");
            env.write(&name, xlsx_export(version, &in_component(&all, c), &all));
            name
        })
        .collect()
}

// =============================================================================================
// Decidim's "Import answers from a file", emulated (decidim-admin's Importer and Verifier,
// decidim-proposals' ProposalAnswerCreator)

/// Which answer importer: the reader and the states it takes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Importer {
    /// `CSV.read(file, col_sep: ";")`: no BOM handling; states `accepted|rejected|evaluating`.
    V027,
    /// `CSV.read(file, col_sep: ";", encoding: "BOM|UTF-8")`; the same states.
    V028,
    /// The 0.28 reader; states are the component's `ProposalState` tokens.
    V029,
}

/// A proposal as the platform's database has it.
#[derive(Clone, Debug)]
struct Held {
    id: i64,
    component: i64,
    is_amend: bool,
}

/// The platform the answers go back to.
struct Platform {
    importer: Importer,
    default_locale: &'static str,
    locales: Vec<&'static str>,
    proposals: Vec<Held>,
    /// 0.29+: the tokens of each component's states.
    tokens: BTreeMap<i64, BTreeSet<String>>,
}

/// One row the platform took: the state it set and the answer hash it stored.
#[derive(Debug, Clone, PartialEq)]
struct Taken {
    id: i64,
    state: String,
    answer: BTreeMap<String, String>,
}

impl Platform {
    /// The platform whose CSV exports (`;`, one per component) hold these proposals. For
    /// 0.29+ the components' states are the default ones plus every token the exports show.
    fn from_exports(importer: Importer, exports: &[String]) -> Platform {
        let mut platform = Platform {
            importer,
            default_locale: "it",
            locales: vec!["it", "en"],
            proposals: Vec::new(),
            tokens: BTreeMap::new(),
        };
        for export in exports {
            platform.add_export(export);
        }
        platform
    }

    fn add_export(&mut self, export: &str) {
        let platform = self;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(export.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (id, component, is_amend, state) = (
            col("id"),
            col("component/id"),
            col("is_amend"),
            col("state"),
        );
        for record in reader.records() {
            let record = record.unwrap();
            let held = Held {
                id: record[id].parse().unwrap(),
                component: record[component].parse().unwrap(),
                is_amend: &record[is_amend] == "true",
            };
            let tokens = platform.tokens.entry(held.component).or_insert_with(|| {
                ["evaluating", "accepted", "rejected"]
                    .iter()
                    .map(|t| t.to_string())
                    .collect()
            });
            let token = &record[state];
            if !held.is_amend && !["", "not_answered", "withdrawn"].contains(&token) {
                tokens.insert(token.to_string());
            }
            platform.proposals.push(held);
        }
    }

    /// A component whose states were created in 0.29.x with an Italian default locale: the
    /// tokens came from their titles (#13535), so there is no `accepted`.
    fn with_tokens(mut self, component: i64, tokens: &[&str]) -> Platform {
        self.tokens
            .insert(component, tokens.iter().map(|t| t.to_string()).collect());
        self
    }

    /// Imports a file of answers into `component`: every row it takes, or why the whole file
    /// is refused.
    fn import_answers(&self, component: i64, bytes: &[u8]) -> Result<Vec<Taken>, Vec<String>> {
        let rows = ruby_csv_read(bytes, self.importer != Importer::V027).map_err(|e| vec![e])?;
        let mut rows = rows.into_iter();
        let headers: Vec<String> = match rows.next() {
            Some(h) => h.into_iter().map(|c| c.unwrap_or_default()).collect(),
            None => return Err(vec!["invalid file: no rows".into()]),
        };
        let mut errors = Vec::new();
        let answer_header = format!("answer/{}", self.default_locale);
        for required in ["id", "state", answer_header.as_str()] {
            if !headers.iter().any(|h| h == required) {
                errors.push(format!("missing headers: {required}"));
            }
        }
        let duplicated: BTreeSet<&String> = headers
            .iter()
            .filter(|h| headers.iter().filter(|o| o == h).count() > 1)
            .collect();
        for h in duplicated {
            errors.push(format!("duplicate headers: {h}"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let cell = |row: &[Option<String>], name: &str| -> Option<String> {
            let i = headers.iter().position(|h| h == name)?;
            row.get(i).cloned().flatten()
        };
        let mut taken = Vec::new();
        for (n, row) in rows.enumerate() {
            let line = n + 1;
            let id = ruby_to_i(cell(&row, "id").as_deref().unwrap_or(""));
            let Some(proposal) = self.proposals.iter().find(|p| p.id == id) else {
                errors.push(format!("line {line}: no proposal {id}"));
                continue;
            };
            if proposal.is_amend {
                errors.push(format!("line {line}: {id} is an amendment"));
                continue;
            }
            if proposal.component != component {
                errors.push(format!(
                    "line {line}: {id} belongs to component {}",
                    proposal.component
                ));
                continue;
            }
            let state = cell(&row, "state").unwrap_or_default();
            let valid = match self.importer {
                Importer::V027 | Importer::V028 => {
                    ["evaluating", "accepted", "rejected"].contains(&state.as_str())
                }
                Importer::V029 => self
                    .tokens
                    .get(&component)
                    .is_some_and(|t| t.contains(&state)),
            };
            if !valid {
                errors.push(format!("line {line}: state \"{state}\" is invalid"));
                continue;
            }
            let answer = self
                .locales
                .iter()
                .filter_map(|l| {
                    cell(&row, &format!("answer/{l}")).map(|text| (l.to_string(), text))
                })
                .collect();
            taken.push(Taken { id, state, answer });
        }
        if taken.is_empty() && errors.is_empty() {
            errors.push("invalid file: no rows".into());
        }
        if errors.is_empty() {
            Ok(taken)
        } else {
            Err(errors)
        }
    }
}

/// Ruby's `String#to_i`: the leading digits, 0 without any.
fn ruby_to_i(text: &str) -> i64 {
    let digits: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().unwrap_or(0)
}

/// What Ruby's `CSV.read(file, col_sep: ";")` gives (nil for an empty unquoted field, `""` for
/// a quoted one, `[]` for a blank line), or the MalformedCSVError it raises. The row separator
/// is the first line end of the file (`:auto`). With `bom_aware`, a UTF-8 BOM is dropped
/// (`encoding: "BOM|UTF-8"`); without, it stays in the first header.
fn ruby_csv_read(bytes: &[u8], bom_aware: bool) -> Result<Vec<Vec<Option<String>>>, String> {
    let mut text =
        std::str::from_utf8(bytes).map_err(|_| "invalid byte sequence in UTF-8".to_string())?;
    if bom_aware {
        text = text.strip_prefix('\u{feff}').unwrap_or(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let row_sep: Vec<char> = match chars.iter().position(|c| *c == '\r' || *c == '\n') {
        Some(i) if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') => vec!['\r', '\n'],
        Some(i) => vec![chars[i]],
        None => vec!['\n'],
    };
    let at_row_sep = |i: usize| chars[i..].starts_with(&row_sep);
    let n = chars.len();
    let mut rows = Vec::new();
    let mut row: Vec<Option<String>> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < n {
        let field = if chars[i] == '"' {
            let opened = line;
            i += 1;
            let mut value = String::new();
            loop {
                if i >= n {
                    return Err(format!("Unclosed quoted field in line {opened}."));
                }
                match chars[i] {
                    '"' if chars.get(i + 1) == Some(&'"') => {
                        value.push('"');
                        i += 2;
                    }
                    '"' => {
                        i += 1;
                        break;
                    }
                    c => {
                        if c == '\n' {
                            line += 1;
                        }
                        value.push(c);
                        i += 1;
                    }
                }
            }
            if i < n && chars[i] != ';' && !at_row_sep(i) {
                return Err(format!(
                    "Any value after quoted field isn't allowed in line {line}."
                ));
            }
            Some(value)
        } else {
            let mut value = String::new();
            while i < n && chars[i] != ';' && !at_row_sep(i) {
                match chars[i] {
                    '"' => return Err(format!("Illegal quoting in line {line}.")),
                    '\r' | '\n' => {
                        return Err(format!(
                            "Unquoted fields do not allow new line <{:?}> in line {line}.",
                            chars[i]
                        ))
                    }
                    c => value.push(c),
                }
                i += 1;
            }
            (!value.is_empty()).then_some(value)
        };
        if i < n && chars[i] == ';' {
            row.push(field);
            i += 1;
            if i == n {
                // `a;` at the very end: a last empty field.
                row.push(None);
                rows.push(std::mem::take(&mut row));
            }
            continue;
        }
        // The row separator, or the end.
        if row.is_empty() && field.is_none() {
            rows.push(Vec::new());
        } else {
            row.push(field);
            rows.push(std::mem::take(&mut row));
        }
        if i < n {
            i += row_sep.len();
            line += 1;
        }
    }
    Ok(rows)
}

// =============================================================================================
// Helpers of the tests

/// `suggestion import --format json`: the report of each file (`files`).
fn import(env: &Env, files: &[String], extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["suggestion", "import", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(String::as_str));
    let summary = env.json(&args);
    summary["files"]
        .as_array()
        .unwrap_or_else(|| panic!("no files: [...] in {summary}"))
        .clone()
}

/// `[read, inserted, updated, unchanged, rejected]` of a report.
fn counts(report: &Value) -> [u64; 5] {
    ["read", "inserted", "updated", "unchanged", "rejected"].map(|k| {
        report[k]
            .as_u64()
            .unwrap_or_else(|| panic!("no {k} in {report}"))
    })
}

fn list(env: &Env) -> Vec<Value> {
    match env.json(&["suggestion", "list", "--format", "json"]) {
        Value::Array(items) => items,
        other => panic!("not a list: {other}"),
    }
}

fn show(env: &Env, id: i64) -> Value {
    env.json(&["suggestion", "show", &reference(id), "--format", "json"])
}

fn by_ref(items: &[Value], id: i64) -> &Value {
    items
        .iter()
        .find(|s| s["ref"] == reference(id).as_str())
        .unwrap_or_else(|| panic!("no {} in the list", reference(id)))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// Everybody the consultation names: authors, their nicknames, groups and endorsers.
fn people() -> Vec<&'static str> {
    let mut names = Vec::new();
    for p in proposals() {
        for (_, name, nick) in p.authors {
            names.push(*name);
            names.push(*nick);
        }
        if let Some((group, nick)) = p.group {
            names.push(group);
            names.push(nick);
        }
        names.extend(p.endorsers.iter().copied());
    }
    names.sort();
    names.dedup();
    names
}

/// What every shape of the consultation must give: the six proposals with their titles,
/// components, amendment, withdrawal, axes, counts and states, and nobody's name outside the
/// personal data. `withdrawn_known`: the file says which proposal was withdrawn.
fn assert_the_consultation(env: &Env, version: Version, excel: bool, withdrawn_known: bool) {
    let all = proposals();
    let items = list(env);
    let mut refs: Vec<String> = items
        .iter()
        .map(|s| s["ref"].as_str().unwrap().to_string())
        .collect();
    refs.sort();
    let expected: Vec<String> = all.iter().map(|p| reference(p.id)).collect();
    assert_eq!(refs, expected);
    let axes: BTreeMap<i64, Vec<&str>> = [
        (9101, vec!["competenze"]),
        (9102, vec!["infrastrutture"]),
        (9103, vec!["competenze"]),
        (9104, vec![]),
        (9105, vec!["promozione"]),
        (9106, vec!["governance"]),
    ]
    .into();
    for p in &all {
        let s = by_ref(&items, p.id);
        // The formula guard of 9106's title is gone.
        assert_eq!(s["title"], p.title, "{s}");
        assert_eq!(s["channel"], "piattaforma", "{s}");
        assert_eq!(strings(&s["axes"]), axes[&p.id], "{s}");
        let state = state_of(p, version);
        if state.is_empty() {
            assert!(s["source_state"].is_null(), "{s}");
        } else {
            assert_eq!(s["source_state"], state.as_str(), "{s}");
        }
        // Decidim's times are UTC; an Excel cell holds the time without its zone.
        let published = p.published_at.0.replace(' ', "T");
        let published = if excel {
            published
        } else {
            format!("{published}+00:00")
        };
        assert_eq!(s["submitted_at"], published.as_str(), "{s}");
        if withdrawn_known {
            assert_eq!(s["withdrawn"], p.withdrawn_at.is_some(), "{s}");
        }

        let d = show(env, p.id);
        assert_eq!(d["source_id"], p.id.to_string().as_str(), "{d}");
        assert_eq!(d["component_id"], p.component.to_string().as_str(), "{d}");
        assert_eq!(d["url"], proposal_url(p).as_str(), "{d}");
        assert_eq!(d["supports"], p.supports, "{d}");
        assert_eq!(d["endorsements"], p.endorsers.len(), "{d}");
        assert_eq!(d["comments"], p.comments, "{d}");
        assert_eq!(d["is_amend"], p.amends.is_some(), "{d}");
        if p.amends.is_some() {
            assert_eq!(d["amends"], proposal_url(&all[0]).as_str(), "{d}");
            assert_eq!(d["amends_ref"], reference(9101).as_str(), "{d}");
        } else {
            assert!(d["amends"].is_null() && d["amends_ref"].is_null(), "{d}");
        }
        if version >= Version::V0284 {
            let (names, urls): (Vec<String>, Vec<String>) = match p.group {
                Some((group, nick)) => (
                    vec![group.to_string()],
                    vec![format!("https://{HOST}/profiles/{nick}")],
                ),
                None => p
                    .authors
                    .iter()
                    .map(|a| (a.1.to_string(), format!("https://{HOST}/profiles/{}", a.2)))
                    .unzip(),
            };
            assert_eq!(
                d["personal_data"]["author"],
                names.join(", ").as_str(),
                "{d}"
            );
            assert_eq!(
                d["personal_data"]["author_url"],
                urls.join(", ").as_str(),
                "{d}"
            );
        } else {
            assert!(d["personal_data"].is_null(), "{d}");
        }
        // The row as read keeps the endorsers for whoever may read it, staff only.
        let endorsers = p.endorsers.join(", ");
        assert_eq!(
            d["original"]["endorsements/user_endorsements"],
            endorsers.as_str(),
            "{d}"
        );
    }
    // Nobody's name reaches what can be published.
    let listed = env.stdout(&["suggestion", "list", "--format", "json"]);
    let csv = env.stdout(&["suggestion", "list", "--format", "csv"]);
    for name in people() {
        assert!(
            !listed.contains(name),
            "{name} in suggestion list --format json"
        );
        assert!(
            !csv.contains(name),
            "{name} in suggestion list --format csv"
        );
    }
    let leaked: i64 = conn(env)
        .query_row(
            "SELECT count(*) FROM suggestions WHERE title || body LIKE '%Nardini%' OR title || body LIKE '%Pacini%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
}

/// Asserts the report of one file of the consultation.
fn assert_report(report: &Value, file: &str, file_type: &str, counts_wanted: [u64; 5]) {
    assert_eq!(report["file"], file, "{report}");
    assert_eq!(report["file_type"], file_type, "{report}");
    assert_eq!(report["format"], "decidim", "{report}");
    assert_eq!(counts(report), counts_wanted, "{report}");
    assert_eq!(report["rejected_rows"], serde_json::json!([]), "{report}");
}

// =============================================================================================
// Decidim's exports, version by version

#[test]
fn decidim_0272_csv_with_html_bodies_imports_both_components_keeping_links_as_text_and_url() {
    let env = Env::collecting();
    let files = write_csv_exports(&env, Version::V0272);
    let reports = import(&env, &files, &[]);
    assert_report(&reports[0], &files[0], "csv", [4, 4, 0, 0, 0]);
    assert_report(&reports[1], &files[1], "csv", [2, 2, 0, 0, 0]);
    assert_eq!(reports[0]["delimiter"], ";");
    assert_eq!(reports[0]["encoding"], "utf-8");
    assert_the_consultation(&env, Version::V0272, false, true);
    let items = list(&env);
    // Paragraphs on their own lines, the link as `text (url)`, entities decoded.
    assert_eq!(
        by_ref(&items, 9101)["body"],
        "Molte persone anziane non riescono ad attivare lo SPID e a usare l'app IO senza aiuto.\n\
         Propongo uno sportello digitale nei centri civici, come i Punti Digitale Facile \
         (https://www.comune.prato.it/it/punti-digitale-facile), aperto anche il sabato mattina."
    );
    assert_eq!(
        by_ref(&items, 9102)["body"],
        "Nelle sale studio della Biblioteca Lazzerini mancano:\n- una rete Wi-Fi stabile;\n\
         - prese per ricaricare i portatili.\nChiedo di intervenire prima della sessione d'esami."
    );
    assert_eq!(
        by_ref(&items, 9105)["body"],
        "Uno schermo nella piazza di San Paolo con gli avvisi del Comune & delle associazioni del quartiere."
    );
    for s in &items {
        let body = s["body"].as_str().unwrap();
        assert!(!body.contains('<') && !body.contains("&#39;"), "{body}");
    }
    // 0.27 says a withdrawal in `state`.
    assert_eq!(by_ref(&items, 9104)["source_state"], "withdrawn");
}

#[test]
fn decidim_0276_plain_text_bodies_keep_premailers_paragraphs_bullets_and_links() {
    let env = Env::collecting();
    let files = write_csv_exports(&env, Version::V0276);
    let reports = import(&env, &files, &[]);
    assert_report(&reports[0], &files[0], "csv", [4, 4, 0, 0, 0]);
    assert_report(&reports[1], &files[1], "csv", [2, 2, 0, 0, 0]);
    assert_the_consultation(&env, Version::V0276, false, true);
    let items = list(&env);
    // premailer wrapped the lines at 65 and wrote the link `text ( url )` on a line of its
    // own: a plain-text body is stored as the platform gives it, paragraphs and all.
    assert_eq!(
        by_ref(&items, 9101)["body"],
        "Molte persone anziane non riescono ad attivare lo SPID e a usare\n\
         l'app IO senza aiuto.\n\
         \n\
         Propongo uno sportello digitale nei centri civici, come i Punti\n\
         Digitale Facile \n\
         ( https://www.comune.prato.it/it/punti-digitale-facile ), aperto\n\
         anche il sabato mattina."
    );
    assert_eq!(
        by_ref(&items, 9102)["body"],
        "Nelle sale studio della Biblioteca Lazzerini mancano:\n\
         \n\
         * una rete Wi-Fi stabile;\n\
         * prese per ricaricare i portatili.\n\
         Chiedo di intervenire prima della sessione d'esami."
    );
    for p in proposals() {
        assert_eq!(
            by_ref(&items, p.id)["body"],
            premailer(p.body_html).as_str()
        );
        for line in premailer(p.body_html).lines() {
            assert!(line.chars().count() <= 65, "{line}");
        }
    }
    // `answered_at` is in the row as read.
    assert_eq!(
        show(&env, 9101)["original"]["answered_at"],
        "2023-03-20 09:30:00 UTC"
    );
}

#[test]
fn decidim_0284_author_arrays_are_personal_data_and_never_listed() {
    let env = Env::collecting();
    let files = write_csv_exports(&env, Version::V0284);
    let reports = import(&env, &files, &[]);
    assert_report(&reports[0], &files[0], "csv", [4, 4, 0, 0, 0]);
    assert_report(&reports[1], &files[1], "csv", [2, 2, 0, 0, 0]);
    assert_the_consultation(&env, Version::V0284, false, true);
    // Two coauthors: both names, both profiles, kept apart from the suggestion.
    let d = show(&env, 9106);
    assert_eq!(
        d["personal_data"]["author"],
        "Marco Rinaldi, Sofia Cappellini"
    );
    let (author, url): (String, String) = conn(&env)
        .query_row(
            "SELECT p.author, p.author_url FROM suggestion_people p JOIN suggestions s ON s.id = p.suggestion_id
             WHERE s.reference = 'PO-PROP-2023-03-9105'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(author, "Comitato di quartiere San Paolo");
    assert_eq!(
        url,
        "https://partecipo.comune.prato.it/profiles/comitatosanpaolo"
    );
    let table = env.stdout(&["suggestion", "list"]);
    for name in people() {
        assert!(!table.contains(name), "{name} in suggestion list");
    }
}

#[test]
fn decidim_030_csv_reads_taxonomies_votes_withdrawn_and_custom_state_tokens() {
    let env = Env::collecting();
    let files = write_csv_exports(&env, Version::V030);
    let text = std::fs::read_to_string(env.path(&files[1])).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with(
            "id;author/id;author/name;author/url;taxonomies/ids;taxonomies/34/en;taxonomies/34/it;"
        ),
        "{header}"
    );
    // The union of the rows' keys: 9106's taxonomy and the nil cost report come last.
    assert!(
        header.ends_with(";taxonomies/35/en;taxonomies/35/it;cost_report;execution_period"),
        "{header}"
    );
    let reports = import(&env, &files, &[]);
    assert_report(&reports[0], &files[0], "csv", [4, 4, 0, 0, 0]);
    assert_report(&reports[1], &files[1], "csv", [2, 2, 0, 0, 0]);
    assert_the_consultation(&env, Version::V030, false, true);
    let items = list(&env);
    // `withdrawn` says it; `state` is `not_answered`.
    let w = by_ref(&items, 9104);
    assert_eq!(w["withdrawn"], true);
    assert_eq!(w["source_state"], "not_answered");
    assert_eq!(
        show(&env, 9104)["withdrawn_at"],
        "2023-03-12T16:40:00+00:00"
    );
    assert_eq!(by_ref(&items, 9106)["source_state"], "gia_in_corso");
    // Two taxonomies, one of them a district: only the axis tags.
    let d = show(&env, 9102);
    assert_eq!(d["original"]["taxonomies/ids"], "33, 32");
    assert_eq!(strings(&d["axes"]), ["infrastrutture"]);
    assert_eq!(d["axes_detail"][0]["origin"], "source");
}

#[test]
fn decidim_030_json_after_the_csv_adds_nothing_and_alone_gives_what_the_csv_gives() {
    let env = Env::collecting();
    let csv = write_csv_exports(&env, Version::V030);
    import(&env, &csv, &[]);
    let before = list(&env);
    let json = write_json_exports(&env, Version::V030);
    let text = std::fs::read_to_string(env.path(&json[0])).unwrap();
    assert!(
        text.starts_with("[\n  {\n    \"id\": 9101,\n    \"author\": {\n"),
        "{text}"
    );
    assert!(text.contains("\"published_at\": \"2023-03-01 10:15:00 UTC\""));
    assert!(text.contains("\"answer\": {\n      \"it\": \"<p>Accolta: gli sportelli apriranno nei centri civici nel 2023.</p>\",\n      \"en\": \"\"\n    }"), "{text}");
    let reports = import(&env, &json, &[]);
    for (report, file, read) in [(&reports[0], &json[0], 4), (&reports[1], &json[1], 2)] {
        assert_eq!(report["file"], file.as_str());
        assert_eq!(report["file_type"], "json");
        assert_eq!(report["format"], "decidim");
        assert_eq!(report["read"], read, "{report}");
        assert_eq!(report["inserted"], 0, "{report}");
        assert_eq!(report["rejected"], 0, "{report}");
    }
    let mut after = list(&env);
    for s in &mut after {
        s["batch"] = before.iter().find(|b| b["ref"] == s["ref"]).unwrap()["batch"].clone();
    }
    assert_eq!(after, before);

    // Alone, the JSON gives the same suggestions as the CSV.
    let alone = Env::collecting();
    let json = write_json_exports(&alone, Version::V030);
    let reports = import(&alone, &json, &[]);
    assert_eq!(counts(&reports[0]), [4, 4, 0, 0, 0]);
    assert_eq!(counts(&reports[1]), [2, 2, 0, 0, 0]);
    assert_the_consultation(&alone, Version::V030, false, true);
    assert_eq!(list(&alone), before);
}

#[test]
fn decidim_030_json_after_the_csv_finds_every_row_unchanged() {
    let env = Env::collecting();
    import(&env, &write_csv_exports(&env, Version::V030), &[]);
    let reports = import(&env, &write_json_exports(&env, Version::V030), &[]);
    assert_eq!(counts(&reports[0]), [4, 0, 0, 4, 0]);
    assert_eq!(counts(&reports[1]), [2, 0, 0, 2, 0]);
}

#[test]
fn decidim_open_data_file_holds_every_component_and_adds_nothing_after_the_admin_exports() {
    let env = Env::collecting();
    let all = proposals();
    let name = format!("{HOST}-open-data-proposals.csv");
    env.write(&name, open_data_export(Version::V0284, &all));
    // Alone: both components from one file.
    let reports = import(&env, std::slice::from_ref(&name), &[]);
    assert_report(&reports[0], &name, "csv", [6, 6, 0, 0, 0]);
    assert_the_consultation(&env, Version::V0284, false, true);
    assert_eq!(show(&env, 9105)["file"], name.as_str());

    // After the admin's exports of the same version: nothing new, the same suggestions.
    let admin = Env::collecting();
    import(&admin, &write_csv_exports(&admin, Version::V0284), &[]);
    let before = list(&admin);
    admin.write(&name, open_data_export(Version::V0284, &all));
    let reports = import(&admin, std::slice::from_ref(&name), &[]);
    assert_eq!(reports[0]["read"], 6);
    assert_eq!(reports[0]["inserted"], 0);
    assert_eq!(reports[0]["rejected"], 0);
    let titles = |items: &[Value]| -> Vec<(String, String, String)> {
        items
            .iter()
            .map(|s| {
                (
                    s["ref"].as_str().unwrap().to_string(),
                    s["title"].as_str().unwrap().to_string(),
                    s["body"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(titles(&list(&admin)), titles(&before));
}

#[test]
fn decidim_excel_export_is_read_with_its_numbers_dates_and_empty_booleans() {
    let env = Env::collecting();
    let files = write_xlsx_exports(&env, Version::V030);
    let reports = import(&env, &files, &[]);
    assert_report(&reports[0], &files[0], "xlsx", [4, 4, 0, 0, 0]);
    assert_report(&reports[1], &files[1], "xlsx", [2, 2, 0, 0, 0]);
    assert_eq!(reports[0]["encoding"], "");
    assert_eq!(reports[0]["delimiter"], "");
    // The amendment is one although rubyXL left `is_amend` empty: it names what it amends.
    assert_the_consultation(&env, Version::V030, true, false);
    let d = show(&env, 9103);
    assert_eq!(d["original"]["is_amend"], "");
    assert_eq!(d["line"], 4);
    let d = show(&env, 9105);
    assert_eq!(d["original"]["id"], "9105");
    assert_eq!(d["original"]["latitude"], "43.8794");
    assert_eq!(d["original"]["cost"], "1200");
    assert_eq!(d["original"]["answered_at"], "2023-03-21T11:00:00");
    assert_eq!(d["original"]["withdrawn"], "");
    assert_eq!(d["line"], 2);
    // The guard `'` rubyXL's strings carry is removed like the CSV's.
    assert_eq!(
        show(&env, 9106)["original"]["title/it"],
        "'@ComunediPrato: gli orari degli uffici come dati aperti"
    );

    // After the CSV of the same export: nothing new.
    let csv_first = Env::collecting();
    import(
        &csv_first,
        &write_csv_exports(&csv_first, Version::V030),
        &[],
    );
    let reports = import(
        &csv_first,
        &write_xlsx_exports(&csv_first, Version::V030),
        &[],
    );
    for (report, read) in [(&reports[0], 4), (&reports[1], 2)] {
        assert_eq!(report["read"], read, "{report}");
        assert_eq!(report["inserted"], 0, "{report}");
        assert_eq!(report["rejected"], 0, "{report}");
    }
    assert_eq!(list(&csv_first).len(), 6);
}

#[test]
fn decidim_excel_export_of_030_keeps_a_withdrawn_proposal_withdrawn() {
    let env = Env::collecting();
    import(&env, &write_xlsx_exports(&env, Version::V030), &[]);
    let items = list(&env);
    assert_eq!(by_ref(&items, 9104)["withdrawn"], true);
    assert_eq!(by_ref(&items, 9101)["withdrawn"], false);
    env.run(&[
        "suggestion",
        "respond",
        &reference(9104),
        "--outcome",
        "non-pertinente",
        "--reason",
        "La proposta è stata ritirata dall'autrice.",
    ])
    .success();
    let assert = env
        .run(&[
            "suggestion",
            "export-answers",
            "--component",
            "120",
            "--dry-run",
        ])
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(!out.contains("9104;"), "{out}");
}

/// The consultation with 9102's title and body emptied: Decidim exports `""` for both.
fn without_title_nor_body() -> Vec<Proposal> {
    let mut all = proposals();
    all[1].title = "";
    all[1].body_html = "";
    all
}

#[test]
fn a_json_record_without_title_nor_body_is_named_by_its_record_number() {
    let env = Env::collecting();
    let all = without_title_nor_body();
    env.write(
        "proposte.json",
        json_export(Version::V030, &in_component(&all, 120), &all),
    );
    let err = refused(&env, &["suggestion", "import", "proposte.json"], 3);
    assert!(
        err.contains("proposte.json has 1 invalid row(s); nothing was written:\n  proposte.json: record 2: neither a title nor a body"),
        "{err}"
    );
    assert!(!err.contains("no column holds a title"), "{err}");
    let reports = import(&env, &["proposte.json".into()], &["--skip-invalid"]);
    assert_eq!(counts(&reports[0]), [4, 3, 0, 0, 1]);
    assert_eq!(
        reports[0]["rejected_rows"],
        serde_json::json!(["proposte.json: record 2: neither a title nor a body"])
    );
}

#[test]
fn an_excel_row_without_title_nor_body_is_named_by_sheet_and_row() {
    let env = Env::collecting();
    let all = without_title_nor_body();
    env.write(
        "proposte.xlsx",
        xlsx_export(Version::V030, &in_component(&all, 120), &all),
    );
    let err = refused(&env, &["suggestion", "import", "proposte.xlsx"], 3);
    assert!(
        err.contains("proposte.xlsx has 1 invalid row(s); nothing was written:\n  proposte.xlsx:Sheet1:3: neither a title nor a body"),
        "{err}"
    );
    assert!(!err.contains("no column holds a title"), "{err}");
    let reports = import(&env, &["proposte.xlsx".into()], &["--skip-invalid"]);
    assert_eq!(counts(&reports[0]), [4, 3, 0, 0, 1]);
    assert_eq!(
        reports[0]["rejected_rows"],
        serde_json::json!(["proposte.xlsx:Sheet1:3: neither a title nor a body"])
    );
}

// =============================================================================================
// The emulated answer import: it takes what Decidim takes and refuses what Decidim refuses

/// The platform of the consultation, from its admin CSV exports of `version`.
fn platform(importer: Importer, version: Version) -> Platform {
    let all = proposals();
    let exports: Vec<String> = [120, 121]
        .iter()
        .map(|&c| csv_export(version, &in_component(&all, c), &all))
        .collect();
    Platform::from_exports(importer, &exports)
}

fn taken(id: i64, state: &str, answer: &[(&str, &str)]) -> Taken {
    Taken {
        id,
        state: state.into(),
        answer: answer
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect(),
    }
}

/// Asserts that the platform refuses the file, with a reason that says `why`.
fn assert_refused(platform: &Platform, component: i64, file: &str, why: &str) {
    match platform.import_answers(component, file.as_bytes()) {
        Ok(rows) => panic!("{file:?} was taken: {rows:?}"),
        Err(errors) => assert!(
            errors.iter().any(|e| e.contains(why)),
            "{file:?}: {errors:?} does not say {why:?}"
        ),
    }
}

#[test]
fn the_emulated_importer_takes_a_good_file_and_refuses_every_kind_of_bad_one() {
    let v027 = platform(Importer::V027, Version::V0272);
    let good = "id;state;answer/it\n9101;accepted;<p>Grazie.</p>\n9102;evaluating;\n";
    assert_eq!(
        v027.import_answers(120, good.as_bytes()),
        Ok(vec![
            taken(9101, "accepted", &[("it", "<p>Grazie.</p>")]),
            // An empty unquoted cell is nil: no answer in that locale.
            taken(9102, "evaluating", &[]),
        ])
    );
    // Decidim's own example has every organisation locale; CRLF rows are rows too; `""` is an
    // empty answer, not nil.
    assert_eq!(
        v027.import_answers(
            121,
            b"id;state;answer/it;answer/en\r\n9105;rejected;\"<p>No; grazie.</p>\";\"\"\r\n"
        ),
        Ok(vec![taken(
            9105,
            "rejected",
            &[("it", "<p>No; grazie.</p>"), ("en", "")]
        )])
    );
    // A BOM: 0.27 reads `\u{feff}id`, 0.28 drops it.
    let bom = format!("\u{feff}{good}");
    assert_refused(&v027, 120, &bom, "missing headers: id");
    let v028 = platform(Importer::V028, Version::V0284);
    assert_eq!(v028.import_answers(120, bom.as_bytes()).unwrap().len(), 2);
    // Ruby's CSV is strict.
    let header = "id;state;answer/it\n";
    for (rows, why) in [
        (
            "9101;accepted;<p>Il \"sì\" del Comune</p>\n",
            "Illegal quoting",
        ),
        (
            "9101;\"accepted\" ;<p>Sì.</p>\n",
            "Any value after quoted field",
        ),
        ("9101;accepted;\"<p>Sì.</p>\n", "Unclosed quoted field"),
        (
            "9101;accepted;<p>Sì.</p>\r\n",
            "Unquoted fields do not allow new line",
        ),
    ] {
        assert_refused(&v027, 120, &format!("{header}{rows}"), why);
    }
    // The rows: one the platform cannot take and the whole file is refused.
    for (row, why) in [
        ("9999;accepted;<p>Sì.</p>", "no proposal 9999"),
        ("9105;rejected;<p>No.</p>", "belongs to component 121"),
        ("9103;accepted;<p>Sì.</p>", "9103 is an amendment"),
        ("9101;not_answered;", "state \"not_answered\" is invalid"),
        ("9101;withdrawn;", "state \"withdrawn\" is invalid"),
        ("9101;Accepted;<p>Sì.</p>", "state \"Accepted\" is invalid"),
        ("9101;;<p>Sì.</p>", "state \"\" is invalid"),
        (
            "9101;gia_in_corso;<p>Sì.</p>",
            "state \"gia_in_corso\" is invalid",
        ),
    ] {
        assert_refused(
            &v027,
            120,
            &format!("{header}9102;evaluating;<p>In valutazione.</p>\n{row}\n"),
            why,
        );
    }
    // A blank line is a row without an id.
    assert_refused(
        &v027,
        120,
        &format!("{header}9101;accepted;<p>Sì.</p>\n\n"),
        "no proposal 0",
    );
    // The headers.
    assert_refused(
        &v027,
        120,
        "id;state;answer/en\n9101;accepted;<p>Sì.</p>\n",
        "missing headers: answer/it",
    );
    assert_refused(
        &v027,
        120,
        "id;answer/it\n9101;<p>Sì.</p>\n",
        "missing headers: state",
    );
    assert_refused(
        &v027,
        120,
        "id;state;answer/it;answer/it\n9101;accepted;<p>Sì.</p>;<p>Sì.</p>\n",
        "duplicate headers: answer/it",
    );
    assert_refused(&v027, 120, header, "invalid file");
    assert_refused(&v027, 120, "", "invalid file");
    // 0.29+: the component's tokens, custom ones included; nothing else.
    let v029 = platform(Importer::V029, Version::V030);
    assert_eq!(
        v029.import_answers(
            121,
            b"id;state;answer/it\n9106;gia_in_corso;<p>Gi\xc3\xa0.</p>\n"
        ),
        Ok(vec![taken(9106, "gia_in_corso", &[("it", "<p>Già.</p>")])])
    );
    assert_refused(
        &v029,
        120,
        "id;state;answer/it\n9101;gia_in_corso;<p>Sì.</p>\n",
        "invalid",
    );
    assert_refused(
        &v029,
        121,
        "id;state;answer/it\n9106;in_corso;<p>Sì.</p>\n",
        "invalid",
    );
    let localized = platform(Importer::V029, Version::V030)
        .with_tokens(121, &["accettata", "respinta", "in_valutazione"]);
    assert_refused(
        &localized,
        121,
        "id;state;answer/it\n9105;rejected;<p>No.</p>\n",
        "state \"rejected\" is invalid",
    );
}

// =============================================================================================
// The way back: export-answers

/// The office's responses: none for 9102, one for the amendment 9103 and one for the withdrawn
/// 9104 (neither can go back).
const RESPONSES: &str = "\
ref;outcome;reason;card
PO-PROP-2023-03-9101;accolto;Gli sportelli apriranno nei centri civici di Prato Nord e Prato Est.;COM-01
PO-PROP-2023-03-9103;accolto;L'apertura del sabato pomeriggio sarà valutata con i centri civici.;
PO-PROP-2023-03-9104;non-pertinente;La proposta è stata ritirata dall'autrice.;
PO-PROP-2023-03-9105;non-accolto;Gli avvisi del Comune sono già sul sito e sull'app IO.;
PO-PROP-2023-03-9106;gia-previsto;Gli orari degli uffici sono già previsti nel portale dei dati aperti.;GOV-02
";

const ROW_9101: &str = "9101;accepted;<p>Gli sportelli apriranno nei centri civici di Prato Nord e Prato Est.</p><p>Scheda COM-01 – Punti Digitale Facile</p>\n";
const ROW_9105: &str =
    "9105;rejected;\"<p>Gli avvisi del Comune sono già sul sito e sull&#39;app IO.</p>\"\n";
const ROW_9106: &str = "9106;accepted;<p>Gli orari degli uffici sono già previsti nel portale dei dati aperti.</p><p>Scheda GOV-02 – Portale dei dati aperti</p>\n";
const HEADER: &str = "id;state;answer/it\n";

/// The consultation imported from the admin CSV exports of `version`, with the responses.
fn answered(version: Version) -> Env {
    let env = Env::collecting();
    let files = write_csv_exports(&env, version);
    import(&env, &files, &[]);
    env.write("risposte.csv", RESPONSES);
    env.run(&["suggestion", "respond", "--from", "risposte.csv"])
        .success();
    env
}

fn respond(env: &Env, id: i64, outcome: &str, reason: &str, card: Option<&str>) {
    let reference = reference(id);
    let mut args = vec![
        "suggestion",
        "respond",
        reference.as_str(),
        "--outcome",
        outcome,
        "--reason",
        reason,
    ];
    if let Some(card) = card {
        args.extend(["--card", card]);
    }
    env.run(&args).success();
}

/// `export-answers` with `args`: its stderr.
fn export_answers(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["suggestion", "export-answers"];
    all.extend_from_slice(args);
    stderr(&env.run(&all).success())
}

fn read(env: &Env, name: &str) -> String {
    std::fs::read_to_string(env.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The files of a folder, sorted.
fn files_in(env: &Env, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.path(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn history(env: &Env) -> Vec<Value> {
    match env.json(&[
        "suggestion",
        "export-answers",
        "--history",
        "--format",
        "json",
    ]) {
        Value::Array(items) => items,
        other => panic!("not a list: {other}"),
    }
}

const FILE_120: &str = "risposte/risposte-decidim-componente-120.csv";
const FILE_121: &str = "risposte/risposte-decidim-componente-121.csv";

#[test]
fn answers_go_to_one_file_per_component_in_a_folder_and_pass_decidims_import() {
    for (version, importer) in [
        (Version::V0272, Importer::V027),
        (Version::V0284, Importer::V028),
        (Version::V030, Importer::V029),
    ] {
        let env = answered(version);
        let err = export_answers(&env, &["--out", "risposte/"]);
        assert!(
            err.contains(&format!(
                "wrote 1 answer(s) for Decidim component 120 to {FILE_120}"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "wrote 2 answer(s) for Decidim component 121 to {FILE_121}"
            )),
            "{err}"
        );
        assert!(
            err.contains("3 suggestion(s) from Decidim left out: 1 without a response, 1 amendment (Decidim takes no answer for it), 1 withdrawn"),
            "{err}"
        );
        assert_eq!(
            files_in(&env, "risposte"),
            [
                "risposte-decidim-componente-120.csv",
                "risposte-decidim-componente-121.csv"
            ]
        );
        assert_eq!(read(&env, FILE_120), format!("{HEADER}{ROW_9101}"));
        assert_eq!(
            read(&env, FILE_121),
            format!("{HEADER}{ROW_9105}{ROW_9106}")
        );

        // Decidim takes each file in its own component, and only there.
        let decidim = platform(importer, version);
        let rows = decidim
            .import_answers(120, read(&env, FILE_120).as_bytes())
            .unwrap_or_else(|e| panic!("{version:?}: {e:?}"));
        assert_eq!(
            rows,
            [taken(
                9101,
                "accepted",
                &[("it", "<p>Gli sportelli apriranno nei centri civici di Prato Nord e Prato Est.</p><p>Scheda COM-01 – Punti Digitale Facile</p>")]
            )]
        );
        let rows = decidim
            .import_answers(121, read(&env, FILE_121).as_bytes())
            .unwrap_or_else(|e| panic!("{version:?}: {e:?}"));
        assert_eq!(
            rows.iter()
                .map(|t| (t.id, t.state.as_str()))
                .collect::<Vec<_>>(),
            [(9105, "rejected"), (9106, "accepted")]
        );
        assert_eq!(
            rows[0].answer["it"],
            "<p>Gli avvisi del Comune sono già sul sito e sull&#39;app IO.</p>"
        );
        assert!(decidim
            .import_answers(120, read(&env, FILE_121).as_bytes())
            .is_err());
        assert!(decidim
            .import_answers(121, read(&env, FILE_120).as_bytes())
            .is_err());
    }
}

#[test]
fn a_suggestion_without_a_response_gets_no_row_where_the_old_tool_sent_evaluating() {
    let env = answered(Version::V0272);
    let err = export_answers(&env, &["--component", "120", "--out", "risposte-120.csv"]);
    assert!(err.contains("1 without a response"), "{err}");
    let file = read(&env, "risposte-120.csv");
    assert!(!file.contains("9102"), "{file}");
    assert!(!file.contains("evaluating"), "{file}");
    assert_eq!(file, format!("{HEADER}{ROW_9101}"));
    // Once it has a response, it goes.
    respond(
        &env,
        9102,
        "parzialmente-accolto",
        "La rete della Lazzerini sarà potenziata nel 2024; le prese saranno valutate.",
        None,
    );
    export_answers(
        &env,
        &["--component", "120", "--out", "risposte-120-bis.csv"],
    );
    assert_eq!(
        read(&env, "risposte-120-bis.csv"),
        format!("{HEADER}9102;accepted;\"<p>La rete della Lazzerini sarà potenziata nel 2024; le prese saranno valutate.</p>\"\n")
    );
}

#[test]
fn amendments_and_withdrawn_proposals_never_get_a_row_even_with_all() {
    for version in [Version::V0272, Version::V030] {
        let env = answered(version);
        let err = export_answers(&env, &["--all", "--out", "risposte/"]);
        assert!(
            err.contains("1 amendment (Decidim takes no answer for it)"),
            "{err}"
        );
        assert!(err.contains("1 withdrawn"), "{err}");
        let file = read(&env, FILE_120);
        assert!(!file.contains("9103") && !file.contains("9104"), "{file}");
        // Both keep their response locally.
        assert_eq!(show(&env, 9103)["outcome"], "accolto");
        assert_eq!(show(&env, 9104)["outcome"], "non-pertinente");
    }
}

#[test]
fn one_component_asked_for_is_the_only_file_written() {
    let env = answered(Version::V030);
    let err = export_answers(&env, &["--component", "121", "--out", "risposte/"]);
    assert_eq!(
        files_in(&env, "risposte"),
        ["risposte-decidim-componente-121.csv"]
    );
    assert_eq!(
        read(&env, FILE_121),
        format!("{HEADER}{ROW_9105}{ROW_9106}")
    );
    assert!(
        err.contains("4 suggestion(s) from Decidim left out: 1 amendment (Decidim takes no answer for it), 1 withdrawn, 2 of other components"),
        "{err}"
    );
    let h = history(&env);
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["component_id"], "121");
    assert_eq!(h[0]["rows"], 2);
    // A component no suggestion comes from is refused.
    let err = refused(
        &env,
        &["suggestion", "export-answers", "--component", "999"],
        4,
    );
    assert!(err.contains("component 999"), "{err}");
}

#[test]
fn one_file_for_two_components_is_refused_naming_both() {
    let env = answered(Version::V030);
    for args in [
        &[
            "suggestion",
            "export-answers",
            "--out",
            "risposte-decidim.csv",
        ][..],
        &["suggestion", "export-answers"][..],
    ] {
        let err = refused(&env, args, 4);
        assert!(
            err.contains("the responses to send belong to 2 Decidim components (120, 121)"),
            "{err}"
        );
        assert!(err.contains("--out FOLDER/"), "{err}");
    }
    assert!(!env.path("risposte-decidim.csv").exists());
    assert!(history(&env).is_empty());
}

#[test]
fn only_what_changed_since_the_last_export_is_sent_and_all_sends_everything() {
    let env = answered(Version::V030);
    export_answers(&env, &["--out", "risposte/"]);
    // Right after: nothing new, and nothing written.
    let err = export_answers(&env, &["--out", "ancora/"]);
    for c in ["120", "121"] {
        assert!(
            err.contains(&format!("component {c}: every response was sent already, as it is now; --all sends them again")),
            "{err}"
        );
    }
    assert!(
        err.contains("3 unchanged since the last export (--all sends them again)"),
        "{err}"
    );
    assert!(
        !env.path("ancora").exists() || files_in(&env, "ancora").is_empty(),
        "{err}"
    );
    assert_eq!(history(&env).len(), 2);

    // One response changed: the next file holds exactly that row.
    respond(
        &env,
        9105,
        "parzialmente-accolto",
        "Gli avvisi andranno anche sugli schermi delle biblioteche di quartiere.",
        None,
    );
    let err = export_answers(&env, &["--out", "dopo/"]);
    assert_eq!(
        files_in(&env, "dopo"),
        ["risposte-decidim-componente-121.csv"]
    );
    assert_eq!(
        read(&env, "dopo/risposte-decidim-componente-121.csv"),
        format!("{HEADER}9105;accepted;<p>Gli avvisi andranno anche sugli schermi delle biblioteche di quartiere.</p>\n")
    );
    assert!(
        err.contains("component 120: every response was sent already"),
        "{err}"
    );

    // The same outcome with another card is a change too.
    respond(
        &env,
        9101,
        "accolto",
        "Gli sportelli apriranno nei centri civici di Prato Nord e Prato Est.",
        Some("COM-03"),
    );
    export_answers(&env, &["--component", "120", "--out", "carta.csv"]);
    assert_eq!(
        read(&env, "carta.csv"),
        format!("{HEADER}9101;accepted;<p>Gli sportelli apriranno nei centri civici di Prato Nord e Prato Est.</p><p>Scheda COM-03 – Corsi di alfabetizzazione digitale per over 65</p>\n")
    );

    // --all: every response in force again.
    export_answers(&env, &["--all", "--out", "tutto/"]);
    assert_eq!(
        read(&env, "tutto/risposte-decidim-componente-121.csv"),
        format!("{HEADER}9105;accepted;<p>Gli avvisi andranno anche sugli schermi delle biblioteche di quartiere.</p>\n{ROW_9106}")
    );
    let h = history(&env);
    assert_eq!(
        h.iter()
            .map(|e| (
                e["component_id"].as_str().unwrap(),
                e["rows"].as_i64().unwrap(),
                e["every_response"].as_bool().unwrap()
            ))
            .collect::<Vec<_>>(),
        [
            ("120", 1, false),
            ("121", 2, false),
            ("121", 1, false),
            ("120", 1, false),
            ("120", 1, true),
            ("121", 2, true)
        ]
    );
}

#[test]
fn the_history_lists_every_export_with_the_sha256_of_the_file_on_disk() {
    let env = answered(Version::V0284);
    assert!(history(&env).is_empty());
    let none = env.stdout(&["suggestion", "export-answers", "--history"]);
    let none_err = stderr(
        &env.run(&["suggestion", "export-answers", "--history"])
            .success(),
    );
    assert!(
        format!("{none}{none_err}").contains("no answers exported yet"),
        "{none}{none_err}"
    );
    export_answers(&env, &["--out", "risposte/"]);
    export_answers(
        &env,
        &["--all", "--component", "121", "--out", "di-nuovo.csv"],
    );
    let h = history(&env);
    assert_eq!(h.len(), 3);
    for (entry, (id, component, file, rows)) in h.iter().zip([
        (1, "120", FILE_120, 1),
        (2, "121", FILE_121, 2),
        (3, "121", "di-nuovo.csv", 2),
    ]) {
        assert_eq!(entry["id"], id, "{entry}");
        assert_eq!(entry["component_id"], component, "{entry}");
        assert_eq!(entry["file"], file, "{entry}");
        assert_eq!(entry["rows"], rows, "{entry}");
        assert_eq!(entry["locale"], "it", "{entry}");
        assert_eq!(entry["user"], "collaudo", "{entry}");
        assert_eq!(entry["triennium"], "2021-2023", "{entry}");
        let on_disk = std::fs::read(env.path(file)).unwrap();
        let sha: String = Sha256::digest(&on_disk)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"], sha.as_str(), "{entry}");
    }
    assert_eq!(h[1]["sha256"], h[2]["sha256"]);
    let table = env.stdout(&["suggestion", "export-answers", "--history"]);
    assert!(
        table.contains(&h[0]["sha256"].as_str().unwrap()[..8]),
        "{table}"
    );
}

#[test]
fn custom_states_go_back_as_the_components_tokens() {
    let env = answered(Version::V030);
    export_answers(
        &env,
        &[
            "--component",
            "121",
            "--state",
            "gia-previsto=gia_in_corso",
            "--out",
            "risposte-121.csv",
        ],
    );
    let file = read(&env, "risposte-121.csv");
    assert_eq!(
        file,
        format!(
            "{HEADER}{ROW_9105}{}",
            ROW_9106.replace("9106;accepted;", "9106;gia_in_corso;")
        )
    );
    // 0.29+ takes the token of a state of that component, 0.27 does not.
    let rows = platform(Importer::V029, Version::V030)
        .import_answers(121, file.as_bytes())
        .unwrap();
    assert_eq!(rows[1].state, "gia_in_corso");
    assert_refused(
        &platform(Importer::V027, Version::V0272),
        121,
        &file,
        "state \"gia_in_corso\" is invalid",
    );
    // A component whose 0.29.x states got Italian tokens takes nothing of the defaults; with
    // a token for every outcome it takes the file. The dry run shows the file, records nothing.
    let localized = platform(Importer::V029, Version::V030).with_tokens(
        121,
        &["accettata", "respinta", "in_valutazione", "gia_in_corso"],
    );
    let preview = |states: &[&str]| -> String {
        let mut args = vec![
            "suggestion",
            "export-answers",
            "--component",
            "121",
            "--all",
            "--dry-run",
        ];
        for s in states {
            args.extend(["--state", s]);
        }
        let out = env.run(&args).success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    assert_refused(
        &localized,
        121,
        &preview(&[]),
        "state \"rejected\" is invalid",
    );
    let mapped = preview(&[
        "accolto=accettata",
        "parzialmente-accolto=accettata",
        "gia-previsto=gia_in_corso",
        "non-accolto=respinta",
        "non-pertinente=respinta",
        "duplicato=respinta",
    ]);
    let rows = localized.import_answers(121, mapped.as_bytes()).unwrap();
    assert_eq!(
        rows.iter()
            .map(|t| (t.id, t.state.as_str()))
            .collect::<Vec<_>>(),
        [(9105, "respinta"), (9106, "gia_in_corso")]
    );
    assert_eq!(history(&env).len(), 1);
    // A token Decidim could not have made is a usage error.
    env.run(&[
        "suggestion",
        "export-answers",
        "--state",
        "gia-previsto=Già in corso",
        "--out",
        "x/",
    ])
    .code(2);
}

#[test]
fn the_answer_is_escaped_html_with_the_card_paragraph_in_a_file_without_bom_or_cr() {
    let env = answered(Version::V0272);
    respond(
        &env,
        9101,
        "accolto",
        "Sì: l'assistenza <SPID> & CIE nei centri civici.\n\nDal 2023 anche il \"sabato\".",
        Some("COM-01"),
    );
    respond(
        &env,
        9102,
        "non-accolto",
        "=1+1 non è una formula: è l'inizio della risposta.",
        None,
    );
    export_answers(&env, &["--component", "120", "--out", "risposte-120.csv"]);
    let bytes = std::fs::read(env.path("risposte-120.csv")).unwrap();
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(!bytes.contains(&b'\r'));
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text,
        "id;state;answer/it\n\
         9101;accepted;\"<p>Sì: l&#39;assistenza &lt;SPID&gt; &amp; CIE nei centri civici.</p><p>Dal 2023 anche il &quot;sabato&quot;.</p><p>Scheda COM-01 – Punti Digitale Facile</p>\"\n\
         9102;rejected;\"<p>=1+1 non è una formula: è l&#39;inizio della risposta.</p>\"\n"
    );
    assert!(!text.contains("'="), "{text}");
    // What Decidim stores is the HTML as written, `=` first in the paragraph.
    let rows = platform(Importer::V027, Version::V0272)
        .import_answers(120, text.as_bytes())
        .unwrap();
    assert_eq!(
        rows[1].answer["it"],
        "<p>=1+1 non è una formula: è l&#39;inizio della risposta.</p>"
    );
    // --locale names the column.
    export_answers(
        &env,
        &[
            "--component",
            "120",
            "--all",
            "--locale",
            "en",
            "--out",
            "en.csv",
        ],
    );
    assert!(read(&env, "en.csv").starts_with("id;state;answer/en\n"));
}

#[test]
fn a_dry_run_records_nothing_and_writes_no_file() {
    let env = answered(Version::V030);
    let before = env.dump();
    let err = export_answers(&env, &["--out", "risposte/", "--dry-run"]);
    assert!(
        err.contains("would write 1 answer(s) for Decidim component 120"),
        "{err}"
    );
    assert!(
        err.contains("would write 2 answer(s) for Decidim component 121"),
        "{err}"
    );
    assert!(
        err.contains("dry run: nothing was written or recorded"),
        "{err}"
    );
    assert!(!env.path("risposte").exists());
    assert!(history(&env).is_empty());
    assert_eq!(env.dump(), before);
    let err = export_answers(
        &env,
        &["--component", "121", "--out", "uno.csv", "--dry-run"],
    );
    assert!(err.contains("would write 2 answer(s)"), "{err}");
    assert!(!env.path("uno.csv").exists());
    // Nothing was recorded, so the real export sends everything.
    export_answers(&env, &["--out", "risposte/"]);
    assert_eq!(
        read(&env, FILE_121),
        format!("{HEADER}{ROW_9105}{ROW_9106}")
    );
    assert_eq!(history(&env).len(), 2);
}

// =============================================================================================
// Office workbooks

/// Copies a fixture into the folder, so that messages name it as typed.
fn copy_fixture(env: &Env, name: &str, as_name: &str) -> String {
    std::fs::copy(fixture(name), env.path(as_name)).unwrap();
    as_name.to_string()
}

/// The ten suggestions of the 2023 meetings: (title, submitted_at, stakeholder, channel, axes,
/// e-mail, row).
#[allow(clippy::type_complexity)]
const MEETINGS: &[(&str, &str, &str, &str, &[&str], Option<&str>, i64)] = &[
    (
        "Wi-Fi gratuito nelle biblioteche",
        "2023-03-14",
        "cittadino",
        "incontro",
        &["infrastrutture"],
        Some("lucia.bartolini@example.it"),
        4,
    ),
    (
        "Aiuto con lo SPID per gli anziani",
        "2023-03-14T18:30:00",
        "cittadino",
        "incontro",
        &["competenze"],
        None,
        5,
    ),
    (
        "Appuntamenti online all'Anagrafe",
        "2023-03-16",
        "associazione",
        "email",
        &["semplificazione"],
        Some("segreteria@nonninrete.example.it"),
        6,
    ),
    (
        "Open data sulla qualità dell'aria",
        "2023-03-21",
        "impresa",
        "email",
        &["governance"],
        Some("a.pieri@example.it"),
        7,
    ),
    (
        "Pagamento della mensa con pagoPA",
        "2023-03-22",
        "ente",
        "modulo",
        &["semplificazione"],
        Some("segreteria.didattica@example.it"),
        8,
    ),
    (
        "Corsi di competenze digitali nei quartieri",
        "2023-03-23T09:15:00",
        "cittadino",
        "incontro",
        &["promozione", "competenze"],
        Some("francesca.guarducci@example.it"),
        9,
    ),
    (
        "Avvisi delle scadenze sull'app IO",
        "2023-03-28",
        "altro",
        "modulo",
        &["nuovi-servizi"],
        None,
        10,
    ),
    (
        "Sportello unico digitale per le imprese",
        "2023-03-30",
        "impresa",
        "email",
        &["semplificazione"],
        Some("chen.jie@example.it"),
        11,
    ),
    (
        "Banda ultralarga nel Macrolotto",
        "2023-04-04",
        "impresa",
        "incontro",
        &["infrastrutture"],
        Some("r.bini@example.it"),
        12,
    ),
    (
        "Sito del Comune accessibile",
        "2023-04-05",
        "associazione",
        "email",
        &[],
        Some("elena.sarti@example.it"),
        13,
    ),
];

fn assert_the_meetings(env: &Env, file: &str) {
    let items = list(env);
    assert_eq!(items.len(), 10);
    for (title, date, stakeholder, channel, axes, email, row) in MEETINGS {
        let s = items
            .iter()
            .find(|s| s["title"] == *title)
            .unwrap_or_else(|| panic!("no \"{title}\""));
        assert_eq!(s["submitted_at"], *date, "{s}");
        assert_eq!(s["stakeholder"], *stakeholder, "{s}");
        assert_eq!(s["channel"], *channel, "{s}");
        assert_eq!(strings(&s["axes"]), *axes, "{s}");
        let d = env.json(&[
            "suggestion",
            "show",
            &s["id"].to_string(),
            "--format",
            "json",
        ]);
        assert_eq!(d["line"], *row, "{d}");
        assert_eq!(d["file"], file, "{d}");
        match email {
            Some(e) => assert_eq!(d["personal_data"]["email"], *e, "{d}"),
            None => assert!(d["personal_data"]["email"].is_null(), "{d}"),
        }
    }
    let two_lines = items
        .iter()
        .find(|s| s["title"] == "Pagamento della mensa con pagoPA")
        .unwrap();
    assert_eq!(
        two_lines["body"],
        "Molte famiglie pagano ancora la mensa scolastica con il bollettino in posta e la segreteria deve controllare a mano le ricevute.\n\
         Chiediamo che ogni mese arrivi alle famiglie un avviso pagoPA con il riepilogo dei pasti consumati, pagabile anche dall'app IO."
    );
    let listed = env.stdout(&["suggestion", "list", "--format", "json"]);
    for (.., email, _) in MEETINGS {
        if let Some(e) = email {
            assert!(!listed.contains(e), "{e} in the list");
        }
    }
    for name in ["Lucia Bartolini", "Chen Jie", "Sergio Bellandi"] {
        assert!(!listed.contains(name), "{name} in the list");
    }
}

#[test]
fn office_xlsx_header_under_a_merged_title_with_dates_axes_channels_and_emails_apart() {
    let env = Env::collecting();
    let file = copy_fixture(&env, "incontri-2023.xlsx", "incontri-2023.xlsx");
    let reports = import(&env, std::slice::from_ref(&file), &[]);
    assert_eq!(counts(&reports[0]), [10, 10, 0, 0, 0]);
    assert_eq!(reports[0]["file_type"], "xlsx");
    assert_eq!(reports[0]["format"], "generic");
    assert_the_meetings(&env, &file);
}

#[test]
fn office_ods_after_the_xlsx_adds_nothing_and_alone_gives_the_same() {
    let env = Env::collecting();
    import(&env, &[fixture_arg("incontri-2023.xlsx")], &[]);
    let before = list(&env);
    let reports = import(&env, &[fixture_arg("incontri-2023.ods")], &[]);
    assert_eq!(counts(&reports[0]), [10, 0, 0, 10, 0]);
    assert_eq!(reports[0]["file_type"], "ods");
    assert_eq!(list(&env), before);

    let alone = Env::collecting();
    let file = copy_fixture(&alone, "incontri-2023.ods", "incontri-2023.ods");
    let reports = import(&alone, std::slice::from_ref(&file), &[]);
    assert_eq!(counts(&reports[0]), [10, 10, 0, 0, 0]);
    assert_the_meetings(&alone, &file);
    assert_eq!(list(&alone), before);
}

#[test]
fn a_sheet_without_a_header_is_refused_naming_file_sheet_and_row() {
    let env = Env::collecting();
    let file = copy_fixture(&env, "incontri-2023.xlsx", "incontri-2023.xlsx");
    for extra in [&[][..], &["--skip-invalid"][..]] {
        let mut args = vec!["suggestion", "import", &file, "--sheet", "Note"];
        args.extend_from_slice(extra);
        let err = refused(&env, &args, 3);
        assert!(
            err.contains("error: incontri-2023.xlsx:Note:1: no column holds a title or a body; the columns are: Contributi trascritti"),
            "{err}"
        );
    }
    // Sheet names are matched without regard to case.
    let reports = import(&env, &[file], &["--sheet", "contributi"]);
    assert_eq!(counts(&reports[0]), [10, 10, 0, 0, 0]);
}

#[test]
fn an_unknown_sheet_is_a_usage_error_listing_the_sheets() {
    let env = Env::collecting();
    let file = copy_fixture(&env, "incontri-2023.xlsx", "incontri-2023.xlsx");
    let err = refused(&env, &["suggestion", "import", &file, "--sheet", "Nope"], 2);
    assert!(
        err.contains(
            "--sheet: incontri-2023.xlsx has no sheet \"Nope\"; its sheets are: Contributi, Note"
        ),
        "{err}"
    );
    // A CSV has no sheets.
    let csv = env.write(
        "proposte.csv",
        csv_export(Version::V030, &proposals(), &proposals()),
    );
    let err = refused(
        &env,
        &["suggestion", "import", &csv, "--sheet", "Sheet1"],
        2,
    );
    assert!(err.contains("is a CSV file, not a workbook"), "{err}");
}

#[test]
fn a_workbook_named_csv_is_still_read_as_a_workbook() {
    let env = Env::collecting();
    let file = copy_fixture(&env, "incontri-2023.xlsx", "incontri-2023.csv");
    let reports = import(&env, std::slice::from_ref(&file), &[]);
    assert_eq!(reports[0]["file_type"], "xlsx");
    assert_eq!(counts(&reports[0]), [10, 10, 0, 0, 0]);
    assert_the_meetings(&env, &file);
    // And a Decidim JSON export saved as .csv is JSON.
    let all = proposals();
    env.write(
        "proposte.csv",
        json_export(Version::V030, &in_component(&all, 121), &all),
    );
    let reports = import(&env, &["proposte.csv".into()], &[]);
    assert_eq!(reports[0]["file_type"], "json");
    assert_eq!(counts(&reports[0]), [2, 2, 0, 0, 0]);
}

/// A workbook of one sheet per `(name, rows)`, every cell a string.
fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn workbooks_and_json_with_a_title_are_never_told_no_column_holds_one() {
    let env = Env::collecting();
    let one = r#"{"Oggetto": "Orari della biblioteca online", "Proposta": "Pubblicare gli orari aggiornati delle biblioteche di quartiere."}"#;
    // Generic JSON, with a BOM; wrapped in an object; with the title only from the second
    // record on.
    env.write("a.json", format!("\u{feff}[{one}]"));
    env.write(
        "b.json",
        r#"{"contributi": [{"Titolo": "Bando per le startup", "Testo": "Un bando per le startup digitali del distretto tessile."}]}"#,
    );
    env.write(
        "c.json",
        r#"[{"Testo": "Più panchine con le prese USB nei giardini."}, {"Titolo": "Mappa dei defibrillatori", "Testo": "Una mappa online dei defibrillatori pubblici."}]"#,
    );
    // Workbooks: a title and notes above the header, the table starting in column B, a
    // header cell with a trailing space.
    env.write(
        "d.xlsx",
        workbook(&[(
            "Foglio1",
            &[
                &["Contributi dello sportello Informagiovani"],
                &["Raccolti tra gennaio e marzo 2023"],
                &[],
                &["", "Data", "Titolo ", "Descrizione"],
                &[
                    "",
                    "12/01/2023",
                    "Aula studio aperta la sera",
                    "Un'aula studio con il Wi-Fi aperta fino alle 23.",
                ],
            ],
        )]),
    );
    for (file, read) in [("a.json", 1), ("b.json", 1), ("c.json", 2), ("d.xlsx", 1)] {
        let assert = env.run(&["suggestion", "import", "--format", "json", file]);
        let err = stderr(&assert);
        assert!(!err.contains("no column holds a title"), "{file}: {err}");
        let out = assert.success().get_output().stdout.clone();
        let summary: Value = serde_json::from_slice(&out).unwrap();
        let report = &summary["files"][0];
        assert_eq!(summary["read"], read, "{file}: {summary}");
        assert_eq!(report["read"], read, "{file}: {report}");
        assert_eq!(report["inserted"], read, "{file}: {report}");
        assert_eq!(report["format"], "generic", "{file}: {report}");
    }
    let titles: BTreeSet<String> = list(&env)
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_string())
        .collect();
    for t in [
        "Orari della biblioteca online",
        "Bando per le startup",
        "Più panchine con le prese USB nei giardini.",
        "Mappa dei defibrillatori",
        "Aula studio aperta la sera",
    ] {
        assert!(titles.contains(t), "{t} not in {titles:?}");
    }
}

#[test]
fn a_second_sheet_of_an_imported_workbook_is_imported_too() {
    let env = Env::collecting();
    let header: &[&str] = &["Data invio", "Oggetto", "Proposta"];
    env.write(
        "incontri.xlsx",
        workbook(&[
            (
                "14 marzo",
                &[
                    header,
                    &[
                        "14/03/2023",
                        "Wi-Fi nelle biblioteche",
                        "Estendere PratoWiFi alle sale studio.",
                    ],
                ],
            ),
            (
                "23 marzo",
                &[
                    header,
                    &[
                        "23/03/2023",
                        "Corsi nei quartieri",
                        "Corsi di base su SPID e posta elettronica.",
                    ],
                ],
            ),
        ]),
    );
    let first = import(&env, &["incontri.xlsx".into()], &["--sheet", "14 marzo"]);
    assert_eq!(counts(&first[0]), [1, 1, 0, 0, 0]);
    let second = import(&env, &["incontri.xlsx".into()], &["--sheet", "23 marzo"]);
    assert_eq!(counts(&second[0]), [1, 1, 0, 0, 0]);
    assert_eq!(list(&env).len(), 2);
}

// =============================================================================================
// The demo

#[test]
fn the_demo_writes_the_answers_of_component_82_that_decidim_takes() {
    let env = Env::empty();
    let dir = env.path("demo");
    let dir_arg = dir.to_str().unwrap();
    let assert = env.run(&["demo", "--dir", dir_arg]).success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let err = stderr(&assert);
    let file = dir
        .join("risposte-decidim")
        .join("risposte-decidim-componente-82.csv");
    assert!(
        out.contains(&format!(
            "  answers:  {}",
            dir.join("risposte-decidim").display()
        )),
        "{out}"
    );
    assert!(
        err.contains(&format!(
            "10. wrote the answers to 34 Decidim proposals of component 82 to {}",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(dir.join("risposte-decidim"))
            .unwrap()
            .count(),
        1
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("id;state;answer/it\n5101;accepted;"),
        "{text}"
    );
    // The 2021 consultation was on Decidim 0.27: the file passes its importer, and the two
    // withdrawn proposals (5114, 5127) have no row.
    let export = std::fs::read_to_string(fixture("decidim-2021-proposals-later.csv")).unwrap();
    let decidim = Platform::from_exports(Importer::V027, &[export]);
    let rows = decidim.import_answers(82, text.as_bytes()).unwrap();
    assert_eq!(rows.len(), 34);
    let ids: BTreeSet<i64> = rows.iter().map(|t| t.id).collect();
    let expected: BTreeSet<i64> = (5101..=5136)
        .filter(|id| ![5114, 5127].contains(id))
        .collect();
    assert_eq!(ids, expected);
    // It is recorded: the next export of the demo's database sends nothing again.
    let db = dir.join("agenda.db");
    let history = env.json(&[
        "--db",
        db.to_str().unwrap(),
        "suggestion",
        "export-answers",
        "--history",
        "--format",
        "json",
    ]);
    assert_eq!(history[0]["rows"], 34);
    assert_eq!(history[0]["component_id"], "82");
}
