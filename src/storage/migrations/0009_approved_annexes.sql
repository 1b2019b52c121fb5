-- The annex as approved is kept: the files the Giunta approved with the deliberation that
-- closed a cycle, byte for byte, with their SHA-256, and whether the tool checked them against
-- the cycle's data (verified) or stored them as they were given (as is, with the reason).
CREATE TABLE approved_annexes (
    id           INTEGER PRIMARY KEY,
    cycle_id     INTEGER NOT NULL REFERENCES cycles (id),
    position     INTEGER NOT NULL,          -- the order they were given in
    name         TEXT NOT NULL,             -- the file's base name, as given
    format       TEXT NOT NULL,             -- md, html, pdf, json, csv; '' when not a report
    bytes        BLOB NOT NULL,
    sha256       TEXT NOT NULL,             -- of bytes, lowercase hex
    verified     INTEGER NOT NULL CHECK (verified IN (0, 1)),
    as_is_reason TEXT,                      -- why it was stored unchecked; NULL when verified
    stamp        TEXT,                      -- the stamp line the report carries, if any
    user         TEXT NOT NULL,
    stored_at    TEXT NOT NULL,
    UNIQUE (cycle_id, name),
    UNIQUE (cycle_id, position),
    CHECK ((verified = 1) = (as_is_reason IS NULL))
) STRICT;
