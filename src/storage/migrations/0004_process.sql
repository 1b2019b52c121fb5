-- The cards as they stood when a cycle closed: the cycle's final report is made from this
-- snapshot, so it can be regenerated identically whatever happens to the cards afterwards.
-- The columns are those of `cards`, so the same code reads both.
CREATE TABLE card_snapshots (
    cycle_id     INTEGER NOT NULL REFERENCES cycles (id),
    code         TEXT NOT NULL,
    title        TEXT NOT NULL,
    axis         TEXT NOT NULL REFERENCES axes (code),
    status       TEXT NOT NULL,
    description  TEXT NOT NULL,
    objectives   TEXT NOT NULL,
    office       TEXT NOT NULL,
    partners     TEXT NOT NULL,
    start_month  TEXT,
    end_month    TEXT,
    budget_cents INTEGER,
    funding      TEXT NOT NULL,
    agid_refs    TEXT NOT NULL,             -- JSON array of strings
    indicators   TEXT NOT NULL,             -- JSON array of strings
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (cycle_id, code)
) STRICT, WITHOUT ROWID;

-- A closed cycle is frozen: its snapshot never changes.
CREATE TRIGGER card_snapshots_frozen_update BEFORE UPDATE ON card_snapshots
BEGIN
    SELECT RAISE(ABORT, 'the card snapshot of a closed cycle is read-only');
END;
CREATE TRIGGER card_snapshots_frozen_delete BEFORE DELETE ON card_snapshots
BEGIN
    SELECT RAISE(ABORT, 'the card snapshot of a closed cycle is read-only');
END;
