-- What else a result carried when last read, written back by the export where the card has
-- nothing to say: its titles and descriptions in the organisation's other languages, and its
-- description and dates when the card has none (Decidim's importer overwrites every column it
-- knows, and fills a blank language from the default one). And how a status's meaning was told:
-- what the office said with --map is not overridden by a key read later.
ALTER TABLE decidim_results ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';  -- JSON {"title/en": …}
ALTER TABLE decidim_statuses ADD COLUMN told_by TEXT;                   -- map, key, name
