-- Suggestions (contributi) and the imports that brought them.

-- One import of one file: what it was, how it was read, what it did.
CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycles (id),
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    encoding   TEXT NOT NULL,
    delimiter  TEXT NOT NULL,
    format     TEXT NOT NULL CHECK (format IN ('decidim', 'generic')),
    headers    TEXT NOT NULL,               -- JSON array: the header row, to read original rows
    personal_columns TEXT NOT NULL DEFAULT '[]', -- JSON array of the columns holding personal data
    read       INTEGER NOT NULL DEFAULT 0,
    inserted   INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    user       TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX import_batches_sha256 ON import_batches (sha256);

-- Rows an import with --skip-invalid left out, and why.
CREATE TABLE batch_rejections (
    batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    line     INTEGER NOT NULL,
    reason   TEXT NOT NULL
) STRICT;
CREATE INDEX batch_rejections_batch ON batch_rejections (batch_id, line);

-- A suggestion, as its source gives it. No personal data here: see suggestion_people.
CREATE TABLE suggestions (
    id             INTEGER PRIMARY KEY,
    cycle_id       INTEGER NOT NULL REFERENCES cycles (id),
    source_key     TEXT NOT NULL,           -- the platform's reference, its id, or a fingerprint
    format         TEXT NOT NULL CHECK (format IN ('decidim', 'generic')),
    reference      TEXT,
    source_id      TEXT,
    url            TEXT,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    stakeholder    TEXT NOT NULL CHECK (stakeholder IN ('cittadino', 'impresa', 'associazione', 'ente', 'altro')),
    channel        TEXT NOT NULL CHECK (channel IN ('piattaforma', 'modulo', 'email', 'incontro', 'altro')),
    submitted_at   TEXT,                    -- ISO 8601; the first ten characters are the date
    source_state   TEXT,                    -- Decidim's state as exported
    withdrawn      INTEGER NOT NULL DEFAULT 0,
    withdrawn_at   TEXT,
    supports       INTEGER,
    endorsements   INTEGER,
    comments       INTEGER,
    batch_id       INTEGER NOT NULL REFERENCES import_batches (id),  -- the import that brought it
    line           INTEGER NOT NULL,                                 -- and the line it was on
    last_batch_id  INTEGER NOT NULL REFERENCES import_batches (id),  -- the last import that changed it
    content_hash   INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (cycle_id, source_key)
) STRICT;
-- Pages of a cycle in order (suggestion list, triage, the report) without sorting it all.
CREATE INDEX suggestions_cycle ON suggestions (cycle_id, id);

-- The row as read: a JSON array of its cells, LZ4-compressed (see encode_row in
-- src/storage/suggestions.rs). It may hold personal data, so it is purged with it.
CREATE TABLE suggestion_sources (
    suggestion_id INTEGER PRIMARY KEY REFERENCES suggestions (id) ON DELETE CASCADE,
    batch_id      INTEGER NOT NULL REFERENCES import_batches (id),
    line          INTEGER NOT NULL,
    row           BLOB NOT NULL
) STRICT;

-- Personal data, kept apart: only for contacting people, never in a report or a public export.
CREATE TABLE suggestion_people (
    suggestion_id INTEGER PRIMARY KEY REFERENCES suggestions (id) ON DELETE CASCADE,
    author        TEXT,
    nickname      TEXT,
    email         TEXT,
    author_url    TEXT
) STRICT;

-- The axes of a suggestion: from the source's category, from a rule, or from a person.
CREATE TABLE suggestion_axes (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    axis          TEXT NOT NULL REFERENCES axes (code),
    origin        TEXT NOT NULL CHECK (origin IN ('source', 'rule', 'person')),
    detail        TEXT,                     -- for a rule: the words that decided it
    user          TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (suggestion_id, axis)
) STRICT, WITHOUT ROWID;
CREATE INDEX suggestion_axes_axis ON suggestion_axes (axis, suggestion_id);

-- Links between suggestions and the cards that concern them.
CREATE TABLE suggestion_cards (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    card_id       INTEGER NOT NULL REFERENCES cards (id),
    user          TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (suggestion_id, card_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX suggestion_cards_card ON suggestion_cards (card_id, suggestion_id);

-- The administration's responses. The one in force has current = 1; older ones are history.
CREATE TABLE responses (
    id            INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    outcome       TEXT NOT NULL CHECK (outcome IN
                      ('accolto', 'parzialmente-accolto', 'gia-previsto', 'non-accolto', 'non-pertinente', 'duplicato')),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    card_id       INTEGER REFERENCES cards (id),
    duplicate_of  INTEGER REFERENCES suggestions (id),
    current       INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    user          TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX responses_current ON responses (suggestion_id) WHERE current = 1;
CREATE INDEX responses_suggestion ON responses (suggestion_id, id);
CREATE INDEX responses_card ON responses (card_id) WHERE card_id IS NOT NULL;
