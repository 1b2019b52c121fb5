storage-no-database = non c'è un database dell'agenda in { $path }
storage-no-database-hint = crealo con `agenda init`, oppure indica con --db (o AGENDA_DB) uno esistente
