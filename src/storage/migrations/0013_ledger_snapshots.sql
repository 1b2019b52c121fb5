-- The implementation ledger as it stood when a cycle closed: the last progress of each card,
-- the milestones, and each indicator's figures with its last measure. The report of a closed
-- cycle reads these, so its chapter "Stato di attuazione" stays as approved whatever is
-- recorded afterwards. No `user` column: who recorded a figure is not part of what was approved.
CREATE TABLE ledger_snapshots (
    cycle_id INTEGER PRIMARY KEY REFERENCES cycles (id),
    -- 'closing': taken when the cycle closed; 'reconstructed': the cycle had closed before
    -- snapshots existed, and its figures were read back as at its closing date.
    taken    TEXT NOT NULL CHECK (taken IN ('closing', 'reconstructed'))
) STRICT;

CREATE TABLE progress_snapshots (
    cycle_id INTEGER NOT NULL REFERENCES cycles (id),
    code     TEXT NOT NULL,
    percent  INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    date     TEXT NOT NULL,
    note     TEXT,
    PRIMARY KEY (cycle_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE milestone_snapshots (
    cycle_id     INTEGER NOT NULL REFERENCES cycles (id),
    milestone_id INTEGER NOT NULL,
    code         TEXT NOT NULL,
    date         TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    done_on      TEXT,
    PRIMARY KEY (cycle_id, milestone_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE indicator_snapshots (
    cycle_id       INTEGER NOT NULL REFERENCES cycles (id),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    baseline_value REAL,
    baseline_date  TEXT,
    target_value   REAL,
    target_date    TEXT,
    measure_value  REAL,                   -- the last measure, by date
    measure_date   TEXT,
    PRIMARY KEY (cycle_id, code, name)
) STRICT, WITHOUT ROWID;

-- A closed cycle's ledger is frozen, like its cards.
CREATE TRIGGER ledger_snapshots_frozen_update BEFORE UPDATE ON ledger_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER ledger_snapshots_frozen_delete BEFORE DELETE ON ledger_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER progress_snapshots_frozen_update BEFORE UPDATE ON progress_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER progress_snapshots_frozen_delete BEFORE DELETE ON progress_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER milestone_snapshots_frozen_update BEFORE UPDATE ON milestone_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER milestone_snapshots_frozen_delete BEFORE DELETE ON milestone_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER indicator_snapshots_frozen_update BEFORE UPDATE ON indicator_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;
CREATE TRIGGER indicator_snapshots_frozen_delete BEFORE DELETE ON indicator_snapshots
BEGIN SELECT RAISE(ABORT, 'the ledger snapshot of a closed cycle is read-only'); END;

-- Cycles closed before this version: their ledger read back as at the closing date (progress
-- and measures dated up to it, milestones written by it and reached by it), for the cards of
-- their card snapshot. Frozen from now on.
INSERT INTO ledger_snapshots (cycle_id, taken)
    SELECT id, 'reconstructed' FROM cycles WHERE closed_on IS NOT NULL;

INSERT INTO progress_snapshots (cycle_id, code, percent, date, note)
    SELECT y.id, c.code, p.percent, p.date, p.note
    FROM cycles y
    JOIN card_snapshots s ON s.cycle_id = y.id
    JOIN cards c ON c.code = s.code
    JOIN card_progress p ON p.id = (
        SELECT q.id FROM card_progress q
        WHERE q.card_id = c.id AND q.date <= y.closed_on
        ORDER BY q.date DESC, q.id DESC LIMIT 1)
    WHERE y.closed_on IS NOT NULL;

INSERT INTO milestone_snapshots (cycle_id, milestone_id, code, date, title, description, done_on)
    SELECT y.id, m.id, c.code, m.date, m.title, m.description,
        CASE WHEN m.done_on <= y.closed_on THEN m.done_on END
    FROM cycles y
    JOIN card_snapshots s ON s.cycle_id = y.id
    JOIN cards c ON c.code = s.code
    JOIN card_milestones m ON m.card_id = c.id
    WHERE y.closed_on IS NOT NULL AND substr(m.created_at, 1, 10) <= y.closed_on;

INSERT INTO indicator_snapshots (cycle_id, code, name, unit, baseline_value, baseline_date,
        target_value, target_date, measure_value, measure_date)
    SELECT y.id, c.code, i.name, i.unit, i.baseline_value, i.baseline_date,
        i.target_value, i.target_date, m.value, m.date
    FROM cycles y
    JOIN card_snapshots s ON s.cycle_id = y.id
    JOIN cards c ON c.code = s.code
    JOIN card_indicators i ON i.card_id = c.id
    LEFT JOIN indicator_measures m ON m.id = (
        SELECT n.id FROM indicator_measures n
        WHERE n.indicator_id = i.id AND n.date <= y.closed_on
        ORDER BY n.date DESC, n.id DESC LIMIT 1)
    WHERE y.closed_on IS NOT NULL;
