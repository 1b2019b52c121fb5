-- The rows as read of a batch are compressed against a dictionary: the first rows of its
-- file, personal cells blanked. NULL for batches imported before (their rows need none).
ALTER TABLE import_batches ADD COLUMN row_dictionary BLOB;
