# The database: opening it, creating it, upgrading its schema, waiting for another command,
# backups, the checks of `agenda check`.

storage-no-database = there is no agenda database at { $path }
storage-no-database-hint = run `agenda init` to create it, or point --db (or AGENDA_DB) at an existing one
storage-db-is-folder = { $path } is a folder, not a database file
storage-db-is-folder-hint = point --db (or AGENDA_DB) at the file, e.g. agenda.db inside it
storage-removed-stale-copy = removed { $path }, left behind by a backup or restore that did not finish
storage-init-exists = { $path } already exists; init never touches an existing file
storage-init-exists-hint = choose another --db path, or remove the file yourself if you really mean to start over
storage-opening-new-database = opening the new database { $path }
storage-not-agenda-database = { $path } is not an agenda database
storage-not-agenda-database-hint = point --db at the file `agenda init` created
storage-newer-agenda = { $path } was written by a newer agenda (schema version { $version }; this agenda knows up to { $latest })
storage-newer-agenda-hint = install the newer agenda; this one will not touch the file
storage-file-moved-hint = check what moved or deleted the file (a sync client, a restore by hand), then run the command again
storage-file-deleted = { $path } was deleted while this command ran: nothing was kept
storage-file-replaced = { $path } was replaced by another file while this command ran: nothing was kept, and the new file was not touched
storage-creating-file = creating { $path }

# Another command writes to the database.
storage-waiting = waiting: another agenda command is writing to { $path }; this one will go on when it has finished (at most { $seconds } s)
storage-busy = another agenda command kept { $path } busy for more than { $seconds } s, so this one gave up; nothing was changed
storage-busy-hint = try again when the other command has finished, or raise AGENDA_BUSY_TIMEOUT (seconds)

# SQLite's errors on the database file.
storage-read-only = { $path } cannot be written: the file or its folder is read-only
storage-read-only-hint = agenda writes the database and its -wal and -shm files beside it: give yourself write access to both, or copy the file somewhere writable
storage-disk-full = the disk that holds { $path } is full
storage-disk-full-hint = free some space, then run the command again; nothing was changed
storage-cannot-open = { $path } cannot be opened: { $why }
storage-cannot-open-folder = it is a folder, not a database file
storage-cannot-open-folder-read-only = its folder cannot be written (SQLite creates its -wal and -shm files there)
storage-cannot-open-hint = check the path and the permissions of the file and of its folder
storage-read-io-error = reading { $path } failed with an input/output error
storage-read-io-error-hint = check the disk (and, for a network folder, the connection); `agenda check` tells whether the file is intact
storage-write-read-only = { $path } cannot be written: the file or its folder is read-only; nothing was changed
storage-write-read-only-hint = agenda writes the database and its -wal and -shm files beside it: give yourself write access to both
storage-write-disk-full = the disk that holds { $path } is full; nothing was changed
storage-write-disk-full-hint = free some space, then run the command again
storage-write-io-error = writing { $path } failed with an input/output error; nothing was changed
storage-write-io-error-hint = check the disk; `agenda check` tells whether the file is intact

# The schema and its migrations.
storage-creating-schema = creating the schema
storage-upgrade-backup = writing a backup of { $path } before upgrading its schema; nothing was changed
storage-upgrading = upgrading { $path } from schema version { $from } to { $to }; a copy of it as it was is in { $copy }
storage-upgrading-schema = upgrading the schema of { $path }
storage-applying-migration = applying migration to schema version { $version }
storage-completing-migration = completing schema version { $version }

# Backups.
storage-backup-companion-name = { $path }: a name ending in { $suffix } is what SQLite gives the companion files of a database; a backup so named would be taken for one (and deleted or replayed with it)
storage-backup-companion-name-hint = choose a name such as agenda-2022-01-20.db
storage-backup-exists = { $path } already exists; a backup never overwrites a file
storage-backup-exists-hint = choose a new file name, or move the old file away yourself
storage-backup-opening = opening the backup file { $path }
storage-backup-writing = writing the backup { $path }
storage-backup-naming = naming the backup { $path }
storage-backup-busy = another agenda command kept the database busy, so the copy gave up; nothing was changed

# Cycles, cards, personal data.
storage-no-cycle = the database has no cycle; it was not made by `agenda init`
storage-unknown-triennium = there is no cycle for the triennium { $triennium }; the cycles are: { $cycles }
storage-unknown-card = there is no card with code "{ $code }"
storage-unknown-card-hint = `agenda card list` shows the codes
storage-adding-card = adding card { $code }
storage-card-vanished = the card vanished while it was being edited
storage-vacuum = rewriting the database file (VACUUM)
storage-emptying-wal = emptying the WAL

# The problems `agenda check` finds.
storage-check-database-file = database file
storage-check-a-column = a column
storage-check-dangling-key = { $column } points to a row of { $parent } that does not exist
storage-check-schema-version = schema version { $version }, expected { $expected }
storage-check-no-municipality = the municipality is not set
storage-check-axis-missing = the axis { $axis } is missing
storage-check-axis-unknown = { $code } is not one of the six axes of the Agenda
storage-check-open-cycles = { $count } cycles are open ({ $trienniums }); at most one may be
storage-check-cycle-phase = cycle { $triennium } is in phase { $phase }; phases are 1, 2 and 3
storage-check-cycle-snapshot = cycle { $triennium } is closed but has no snapshot of the cards
storage-check-card-axis = card { $code } has the axis { $axis }, which does not exist
storage-check-card-status = card { $code } has the status { $status }, which is not one of { $statuses }
storage-check-snapshot-axis = card { $code } in the snapshot has the axis { $axis }, which does not exist
storage-check-suggestion-cycle = suggestion { $suggestion } belongs to cycle #{ $cycle }, which does not exist
storage-check-tag-axis = suggestion { $suggestion } is tagged with { $axis }, which is not an axis
storage-check-rule-axis = rule { $rule } tags with { $axis }, which is not an axis
storage-check-tag-suggestion = the tag { $axis } is on suggestion #{ $id }, which does not exist
storage-check-link-card = suggestion { $suggestion } is linked to card #{ $card }, which does not exist
storage-check-link-suggestion = card { $card } is linked to suggestion #{ $id }, which does not exist
storage-check-response-suggestion = the response is to suggestion #{ $id }, which does not exist
storage-check-response-reason = suggestion { $suggestion } has a response with an empty reason
storage-check-response-outcome = suggestion { $suggestion } has the outcome { $outcome }, which is not one of { $outcomes }
storage-check-current-responses = suggestion { $suggestion } has { $count } current responses; it may have one
storage-check-gia-previsto-card = suggestion { $suggestion } is gia-previsto but its response names no card
storage-check-response-card = suggestion { $suggestion } has a response that names card #{ $card }, which does not exist
storage-check-duplicato-target = suggestion { $suggestion } is a duplicato but its response names no suggestion
storage-check-duplicate-missing = suggestion { $suggestion } is a duplicate of suggestion #{ $other }, which does not exist
storage-check-duplicate-itself = suggestion { $suggestion } is recorded as a duplicate of itself
storage-check-index-orphans = { $count } entries of the search index belong to no suggestion (first: #{ $first })
storage-check-index-ahead = the search index says it is synced up to suggestion #{ $synced } but the last suggestion is #{ $last }
storage-check-annex-hash = the annex { $name } of the cycle { $triennium } no longer matches the SHA-256 recorded when it was stored ({ $sha256 }; its bytes now give { $actual })
storage-check-annex-open-cycle = the annex { $name } belongs to the cycle { $triennium }, which is not closed: annexes are stored only when a cycle closes
