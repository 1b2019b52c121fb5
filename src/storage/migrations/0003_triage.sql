-- Triage: keyword rules for automatic tagging, and the full-text index of suggestions.

-- A rule tags with its axis the suggestions whose text holds one of its keywords.
CREATE TABLE rules (
    id         INTEGER PRIMARY KEY,
    axis       TEXT NOT NULL REFERENCES axes (code),
    keywords   TEXT NOT NULL,               -- JSON array of words, phrases and stems ("anzian*")
    created_at TEXT NOT NULL,
    user       TEXT NOT NULL
) STRICT;

-- The full-text index of titles and bodies, accent-insensitive. It is brought up to date
-- before each search (see src/search.rs), so that imports of a million rows stay fast.
CREATE VIRTUAL TABLE suggestions_fts USING fts5 (
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
