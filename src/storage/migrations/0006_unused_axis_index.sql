-- Every query reaches the axes of a suggestion by its id (the primary key): the index by axis
-- served none of them, and cost every tag written (2.8 million on an autotag of a million
-- suggestions) a second B-tree insert.
DROP INDEX IF EXISTS suggestion_axes_axis;
