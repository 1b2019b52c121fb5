-- The Accountability round trip with Decidim: for each card, the result that stands for it in
-- a Decidim Accountability component (learned from the component's results export, or said
-- with --map), and the component's statuses with the card status each one means. Decidim's
-- importer matches a result only by its own id, so these ids are what makes a later export
-- update the results instead of creating them again.
CREATE TABLE decidim_results (
    card_id      INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    component_id TEXT NOT NULL,             -- Decidim's component/id
    result_id    TEXT NOT NULL,             -- Decidim's id of the result
    parent_id    TEXT,                      -- parent/id as last read: written back unchanged
    category_id  TEXT,                      -- category/id as last read (Decidim up to 0.29)
    status_id    TEXT,                      -- status/id as last read
    progress     REAL,                      -- progress as last read
    learned_at   TEXT NOT NULL,
    user         TEXT NOT NULL,
    PRIMARY KEY (card_id, component_id),
    UNIQUE (component_id, result_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE decidim_statuses (
    component_id TEXT NOT NULL,
    status_id    TEXT NOT NULL,             -- the database id Decidim's importer takes in status/id
    key          TEXT,                      -- status/key, when the export has it
    name         TEXT,                      -- status/name/<locale>, when the export has it
    card_status  TEXT CHECK (card_status IN
                     ('in-corso', 'programmata', 'breve-termine', 'pianificata', 'conclusa', 'sospesa')),
    learned_at   TEXT NOT NULL,
    PRIMARY KEY (component_id, status_id)
) STRICT, WITHOUT ROWID;
