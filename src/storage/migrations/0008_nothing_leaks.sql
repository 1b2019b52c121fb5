-- Nothing leaks, nothing is destroyed: a title staff write for publication when the one the
-- source gave holds personal data, and every backup the tool writes, so that a purge can name
-- the copies made before it.
ALTER TABLE suggestions ADD COLUMN public_title TEXT;

CREATE TABLE backups (
    id    INTEGER PRIMARY KEY,
    path  TEXT NOT NULL,                -- as written (absolute)
    kind  TEXT NOT NULL CHECK (kind IN ('backup', 'upgrade')),
    user  TEXT NOT NULL,
    at    TEXT NOT NULL
) STRICT;
ALTER TABLE cycles ADD COLUMN act_date TEXT;              -- the date of the approving act
