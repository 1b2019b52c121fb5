-- The schema of an agenda database, version 1. It is embedded in the binary and run by
-- `agenda init`; later changes are migrations appended in src/storage/migrations.rs and applied
-- on open according to PRAGMA user_version. Never edit a released version of this file in a way
-- that changes what it creates: add a migration instead.

-- Key/value settings of the installation: municipality.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The six axes of the Agenda, seeded by init.
CREATE TABLE axes (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL UNIQUE
) STRICT;

-- One cycle of the participatory process a year, each on a triennium (2021-2023, 2022-2024 …).
-- At most one cycle is open (closed_at IS NULL).
CREATE TABLE cycles (
    id          INTEGER PRIMARY KEY,
    triennium   TEXT NOT NULL UNIQUE,
    first_year  INTEGER NOT NULL UNIQUE,
    phase       INTEGER NOT NULL CHECK (phase BETWEEN 1 AND 3),
    phase_since TEXT NOT NULL,              -- date (YYYY-MM-DD) the current phase began
    opened_at   TEXT NOT NULL,              -- timestamp
    closed_at   TEXT,                       -- timestamp, NULL while the cycle is open
    closed_on   TEXT,                       -- date of closing, for the report
    act         TEXT                        -- the approving deliberation, e.g. "DGC 29/2021"
) STRICT;
CREATE UNIQUE INDEX cycles_one_open ON cycles ((closed_at IS NULL)) WHERE closed_at IS NULL;

-- Every move of a cycle from phase to phase, forward or back.
CREATE TABLE phase_transitions (
    id             INTEGER PRIMARY KEY,
    cycle_id       INTEGER NOT NULL REFERENCES cycles (id),
    kind           TEXT NOT NULL CHECK (kind IN ('open', 'advance', 'close', 'back')),
    from_phase     INTEGER,                 -- NULL when the cycle opens
    to_phase       INTEGER,                 -- NULL when the cycle closes
    effective_date TEXT NOT NULL,           -- the date the step counts from (YYYY-MM-DD)
    at             TEXT NOT NULL,           -- when it was recorded
    user           TEXT NOT NULL,
    note           TEXT
) STRICT;
CREATE INDEX phase_transitions_cycle ON phase_transitions (cycle_id, id);

-- Project cards (schede). A code stands for the same card forever.
CREATE TABLE cards (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    axis         TEXT NOT NULL REFERENCES axes (code),
    status       TEXT NOT NULL CHECK (status IN
                     ('in-corso', 'programmata', 'breve-termine', 'pianificata', 'conclusa', 'sospesa')),
    description  TEXT NOT NULL DEFAULT '',
    objectives   TEXT NOT NULL DEFAULT '',
    office       TEXT NOT NULL DEFAULT '',
    partners     TEXT NOT NULL DEFAULT '',
    start_month  TEXT,                      -- YYYY-MM
    end_month    TEXT,                      -- YYYY-MM
    budget_cents INTEGER CHECK (budget_cents IS NULL OR budget_cents >= 0),
    funding      TEXT NOT NULL DEFAULT '',
    agid_refs    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    indicators   TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX cards_axis ON cards (axis, code);

-- Every change to a card: creation, each edited field, status changes, with the cycle it
-- happened in, so the report can say what changed since the previous edition.
CREATE TABLE card_history (
    id        INTEGER PRIMARY KEY,
    card_id   INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    cycle_id  INTEGER REFERENCES cycles (id),
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    field     TEXT NOT NULL,                -- a card field, or 'created'
    old_value TEXT,
    new_value TEXT,
    note      TEXT
) STRICT;
CREATE INDEX card_history_card ON card_history (card_id, id);

-- Every change any command made: when, who, the command line, what changed.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    user    TEXT NOT NULL,
    command TEXT NOT NULL,
    action  TEXT NOT NULL,                  -- e.g. card.add, phase.advance
    target  TEXT,                           -- what it acted on, e.g. a card code
    details TEXT NOT NULL DEFAULT ''
) STRICT;
