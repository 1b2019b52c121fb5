-- Decidim both ways: where a proposal lives on the platform and whether it is an amendment
-- (the answer import refuses both a proposal of another component and an amendment), what
-- kind of file a batch was, and every file of answers written for the platform.
ALTER TABLE suggestions ADD COLUMN component_id TEXT;        -- Decidim's component/id
ALTER TABLE suggestions ADD COLUMN is_amend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE suggestions ADD COLUMN amends TEXT;              -- the amended proposal's URL or title
ALTER TABLE import_batches ADD COLUMN file_type TEXT NOT NULL DEFAULT 'csv';
ALTER TABLE import_batches ADD COLUMN sheet TEXT;             -- the sheet read, for a workbook

-- One file of answers for one Decidim component (`suggestion export-answers`).
CREATE TABLE answer_exports (
    id            INTEGER PRIMARY KEY,
    cycle_id      INTEGER NOT NULL REFERENCES cycles (id),
    component_id  TEXT NOT NULL,
    file          TEXT,                     -- the path written; NULL for standard output
    sha256        TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    every_response INTEGER NOT NULL CHECK (every_response IN (0, 1)),  -- --all
    locale        TEXT NOT NULL,
    user          TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;

-- The responses an export carried, as they were sent: a later export sends only what differs.
CREATE TABLE answer_export_rows (
    export_id     INTEGER NOT NULL REFERENCES answer_exports (id) ON DELETE CASCADE,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
    response_id   INTEGER NOT NULL REFERENCES responses (id),
    state         TEXT NOT NULL,
    answer_sha256 TEXT NOT NULL,            -- of the state and the answer as written
    PRIMARY KEY (export_id, suggestion_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX answer_export_rows_suggestion ON answer_export_rows (suggestion_id, export_id);
