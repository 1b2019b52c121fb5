//! The header names the import knows without being told: the generic files' Italian and
//! English names of each field, and the columns of a Decidim export that hold no personal data.

use super::Field;

/// Header names recognised without configuration in generic files, already folded.
pub(super) const GENERIC_HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Title,
        &[
            "titolo",
            "oggetto",
            "title",
            "titolo della proposta",
            "oggetto della proposta",
            "subject",
        ],
    ),
    (
        Field::Body,
        &[
            "proposta",
            "suggerimento",
            "contributo",
            "testo",
            "descrizione",
            "body",
            "testo della proposta",
            "messaggio",
            "proposal",
            "description",
            "text",
        ],
    ),
    (
        Field::Date,
        &[
            "data",
            "data invio",
            "date",
            "data di invio",
            "data inserimento",
            "data ricezione",
            "informazioni cronologiche",
            "timestamp",
            "submitted at",
        ],
    ),
    (
        Field::Stakeholder,
        &[
            "tipologia soggetto",
            "tipo",
            "stakeholder",
            "tipologia",
            "tipo soggetto",
            "soggetto",
            "tipologia di soggetto",
            "stakeholder type",
        ],
    ),
    (
        Field::Author,
        &[
            "nome e cognome",
            "autore",
            "name",
            "nominativo",
            "cognome e nome",
            "author",
            "full name",
        ],
    ),
    (
        Field::Nickname,
        &["nickname", "nick", "username", "nome utente"],
    ),
    (
        Field::Email,
        &[
            "e mail",
            "email",
            "indirizzo e mail",
            "indirizzo email",
            "posta elettronica",
            "mail",
        ],
    ),
    (
        Field::Axis,
        &[
            "asse",
            "asse tematico",
            "categoria",
            "category",
            "axis",
            "ambito",
            "tema",
        ],
    ),
    (
        Field::Channel,
        &["canale", "channel", "fonte", "modalita di invio"],
    ),
    (
        Field::Reference,
        &[
            "codice",
            "riferimento",
            "reference",
            "id",
            "ref",
            "numero",
            "protocollo",
        ],
    ),
    (Field::Url, &["url", "link"]),
    (Field::State, &["stato", "state", "status"]),
];

/// Whether a header row is a Decidim proposals export.
pub fn is_decidim(headers: &[String]) -> bool {
    headers
        .iter()
        .any(|h| h.starts_with("title/") || h.starts_with("body/"))
}

/// The headers recognised as a title or a body in generic files, already folded.
pub(super) fn title_and_body_headers() -> impl Iterator<Item = &'static str> {
    GENERIC_HEADERS
        .iter()
        .filter(|(f, _)| matches!(f, Field::Title | Field::Body))
        .flat_map(|(_, names)| names.iter().copied())
}

/// Whether a column of a Decidim export holds no personal data: the proposal's own fields.
/// Everything else — `author/…`, `endorsements/user_endorsements`, `likes/user_likes`,
/// `address`, `latitude`, `longitude`, and any column a later version or a module adds — is
/// treated as personal.
pub(crate) fn is_known_decidim_column(header: &str) -> bool {
    const EXACT: &[&str] = &[
        "id",
        "reference",
        "url",
        "state",
        "state_published_at",
        "answered_at",
        "published_at",
        "created_at",
        "updated_at",
        "withdrawn",
        "withdrawn_at",
        "supports",
        "votes",
        "endorsements/total_count",
        "likes/total_count",
        "likes/count",
        "endorsements_count",
        "comments",
        "comments_count",
        "attachments",
        "followers",
        "follows_count",
        "meeting_urls",
        "related_proposals",
        "is_amend",
        "cost",
        "created_in_meeting",
        "coauthorships_count",
    ];
    const PREFIXES: &[&str] = &[
        "title/",
        "body/",
        "answer/",
        "category/",
        "scope/",
        "taxonomies/",
        "participatory_space/",
        "component/",
        "original_proposal/",
        "cost_report/",
        "execution_period/",
    ];
    EXACT.contains(&header) || PREFIXES.iter().any(|p| header.starts_with(p))
}
