storage-no-database = there is no agenda database at { $path }
storage-no-database-hint = run `agenda init` to create it, or point --db (or AGENDA_DB) at an existing one
