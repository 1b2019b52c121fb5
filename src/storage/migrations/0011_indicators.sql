-- Indicators with figures: each indicator a card names gets a unit, a baseline and a target
-- (value and date), and the values measured over time. The names stay the card's own field
-- (`cards.indicators`, the card CSV round trip); the figures hang on the name. Today's
-- free-text indicators become indicators without figures: nothing is lost.
CREATE TABLE card_indicators (
    id             INTEGER PRIMARY KEY,
    card_id        INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL DEFAULT '',
    baseline_value REAL,
    baseline_date  TEXT,                   -- YYYY-MM-DD
    target_value   REAL,
    target_date    TEXT,                   -- YYYY-MM-DD
    UNIQUE (card_id, name)
) STRICT;

CREATE TABLE indicator_measures (
    id           INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES card_indicators (id) ON DELETE CASCADE,
    value        REAL NOT NULL,
    date         TEXT NOT NULL,            -- YYYY-MM-DD, the day the value is about
    note         TEXT,
    user         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_measures_indicator ON indicator_measures (indicator_id, date, id);

INSERT OR IGNORE INTO card_indicators (card_id, name)
    SELECT c.id, trim(j.value) FROM cards c, json_each(c.indicators) j
    WHERE j.type = 'text' AND trim(j.value) <> '';
