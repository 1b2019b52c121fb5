-- The implementation ledger: how far each card is (its progress, dated, with who and why) and
-- its timeline of milestones, planned and reached.
CREATE TABLE card_progress (
    id       INTEGER PRIMARY KEY,
    card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    cycle_id INTEGER REFERENCES cycles (id),
    percent  INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    date     TEXT NOT NULL,                -- YYYY-MM-DD, the day the figure is about
    note     TEXT,
    user     TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX card_progress_card ON card_progress (card_id, date, id);

CREATE TABLE card_milestones (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,             -- YYYY-MM-DD, when it is planned
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    done_on     TEXT,                      -- YYYY-MM-DD, when it was reached; NULL while planned
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX card_milestones_card ON card_milestones (card_id, date, id);
