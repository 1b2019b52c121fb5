# Il database: aprirlo, crearlo, aggiornarne lo schema, attendere un altro comando, le copie di
# sicurezza, i controlli di `agenda check`.

storage-no-database = non c'è un database dell'agenda in { $path }
storage-no-database-hint = crealo con `agenda init`, oppure indica con --db (o AGENDA_DB) uno esistente
storage-db-is-folder = { $path } è una cartella, non un file di database
storage-db-is-folder-hint = indica con --db (o AGENDA_DB) il file, per esempio agenda.db al suo interno
storage-removed-stale-copy = rimosso { $path }, lasciato da una copia di sicurezza o da un ripristino non terminati
storage-init-exists = { $path } esiste già; init non tocca mai un file esistente
storage-init-exists-hint = scegli un altro percorso per --db, oppure rimuovi tu il file se vuoi davvero ricominciare da capo
storage-opening-new-database = apertura del nuovo database { $path }
storage-not-agenda-database = { $path } non è un database dell'agenda
storage-not-agenda-database-hint = indica con --db il file creato da `agenda init`
storage-newer-agenda = { $path } è stato scritto da una versione più recente di agenda (versione dello schema { $version }; questa conosce fino alla { $latest })
storage-newer-agenda-hint = installa la versione più recente di agenda; questa non toccherà il file
storage-file-moved-hint = controlla che cosa ha spostato o cancellato il file (un client di sincronizzazione, un ripristino a mano), poi riesegui il comando
storage-file-deleted = { $path } è stato cancellato mentre questo comando era in corso: non è stato conservato nulla
storage-file-replaced = { $path } è stato sostituito da un altro file mentre questo comando era in corso: non è stato conservato nulla, e il nuovo file non è stato toccato
storage-creating-file = creazione di { $path }

# Un altro comando scrive nel database.
storage-waiting = attesa: un altro comando di agenda sta scrivendo in { $path }; questo proseguirà quando avrà finito (al massimo { $seconds } s)
storage-busy = un altro comando di agenda ha tenuto occupato { $path } per più di { $seconds } s, così questo ha rinunciato; non è stato modificato nulla
storage-busy-hint = riprova quando l'altro comando avrà finito, oppure aumenta AGENDA_BUSY_TIMEOUT (in secondi)

# Gli errori di SQLite sul file del database.
storage-read-only = { $path } non si può scrivere: il file o la sua cartella sono in sola lettura
storage-read-only-hint = agenda scrive il database e, accanto a esso, i suoi file -wal e -shm: datti il permesso di scrittura su entrambi, oppure copia il file dove puoi scrivere
storage-disk-full = il disco che contiene { $path } è pieno
storage-disk-full-hint = libera un po' di spazio, poi riesegui il comando; non è stato modificato nulla
storage-cannot-open = { $path } non si può aprire: { $why }
storage-cannot-open-folder = è una cartella, non un file di database
storage-cannot-open-folder-read-only = la sua cartella non si può scrivere (SQLite vi crea i file -wal e -shm)
storage-cannot-open-hint = controlla il percorso e i permessi del file e della sua cartella
storage-read-io-error = la lettura di { $path } non è riuscita per un errore di input/output
storage-read-io-error-hint = controlla il disco (e, per una cartella di rete, la connessione); `agenda check` dice se il file è integro
storage-write-read-only = { $path } non si può scrivere: il file o la sua cartella sono in sola lettura; non è stato modificato nulla
storage-write-read-only-hint = agenda scrive il database e, accanto a esso, i suoi file -wal e -shm: datti il permesso di scrittura su entrambi
storage-write-disk-full = il disco che contiene { $path } è pieno; non è stato modificato nulla
storage-write-disk-full-hint = libera un po' di spazio, poi riesegui il comando
storage-write-io-error = la scrittura di { $path } non è riuscita per un errore di input/output; non è stato modificato nulla
storage-write-io-error-hint = controlla il disco; `agenda check` dice se il file è integro

# Lo schema e le sue migrazioni.
storage-creating-schema = creazione dello schema
storage-upgrade-backup = scrittura di una copia di sicurezza di { $path } prima di aggiornarne lo schema; non è stato modificato nulla
storage-upgrading = aggiornamento di { $path } dalla versione dello schema { $from } alla { $to }; una copia del file com'era prima è in { $copy }
storage-upgrading-schema = aggiornamento dello schema di { $path }
storage-applying-migration = applicazione della migrazione alla versione dello schema { $version }
storage-completing-migration = completamento della versione dello schema { $version }

# Le copie di sicurezza.
storage-backup-companion-name = { $path }: un nome che finisce in { $suffix } è quello che SQLite dà ai file di accompagnamento di un database; una copia di sicurezza con questo nome verrebbe scambiata per uno di essi (e cancellata o riapplicata insieme al database)
storage-backup-companion-name-hint = scegli un nome come agenda-2022-01-20.db
storage-backup-exists = { $path } esiste già; una copia di sicurezza non sovrascrive mai un file
storage-backup-exists-hint = scegli un nuovo nome di file, oppure sposta tu altrove il file vecchio
storage-backup-opening = apertura del file della copia di sicurezza { $path }
storage-backup-writing = scrittura della copia di sicurezza { $path }
storage-backup-naming = assegnazione del nome alla copia di sicurezza { $path }
storage-backup-busy = un altro comando di agenda ha tenuto occupato il database, così la copia ha rinunciato; non è stato modificato nulla

# Cicli, schede, dati personali.
storage-no-cycle = il database non ha cicli; non è stato creato da `agenda init`
storage-unknown-triennium = non c'è un ciclo per il triennio { $triennium }; i cicli sono: { $cycles }
storage-unknown-card = non c'è una scheda con codice "{ $code }"
storage-unknown-card-hint = `agenda card list` mostra i codici
storage-adding-card = aggiunta della scheda { $code }
storage-card-vanished = la scheda è scomparsa mentre veniva modificata
storage-vacuum = riscrittura del file del database (VACUUM)
storage-emptying-wal = svuotamento del WAL

# I problemi trovati da `agenda check`.
storage-check-database-file = file del database
storage-check-a-column = una colonna
storage-check-dangling-key = { $column } rimanda a una riga di { $parent } che non esiste
storage-check-schema-version = versione dello schema { $version }, attesa la { $expected }
storage-check-no-municipality = il comune non è impostato
storage-check-axis-missing = manca l'asse { $axis }
storage-check-axis-unknown = { $code } non è uno dei sei assi dell'Agenda
storage-check-open-cycles = { $count } cicli sono aperti ({ $trienniums }); al massimo uno può esserlo
storage-check-cycle-phase = il ciclo { $triennium } è nella fase { $phase }; le fasi sono 1, 2 e 3
storage-check-cycle-snapshot = il ciclo { $triennium } è chiuso ma non ha un'istantanea delle schede
storage-check-card-axis = la scheda { $code } ha l'asse { $axis }, che non esiste
storage-check-card-status = la scheda { $code } ha lo stato { $status }, che non è tra { $statuses }
storage-check-snapshot-axis = la scheda { $code } nell'istantanea ha l'asse { $axis }, che non esiste
storage-check-suggestion-cycle = il contributo { $suggestion } appartiene al ciclo #{ $cycle }, che non esiste
storage-check-tag-axis = al contributo { $suggestion } è assegnato { $axis }, che non è un asse
storage-check-rule-axis = la regola { $rule } assegna { $axis }, che non è un asse
storage-check-tag-suggestion = l'asse { $axis } è assegnato al contributo #{ $id }, che non esiste
storage-check-link-card = il contributo { $suggestion } è collegato alla scheda #{ $card }, che non esiste
storage-check-link-suggestion = la scheda { $card } è collegata al contributo #{ $id }, che non esiste
storage-check-response-suggestion = la risposta è al contributo #{ $id }, che non esiste
storage-check-response-reason = il contributo { $suggestion } ha una risposta con la motivazione vuota
storage-check-response-outcome = il contributo { $suggestion } ha l'esito { $outcome }, che non è tra { $outcomes }
storage-check-current-responses = il contributo { $suggestion } ha { $count } risposte correnti; ne può avere una sola
storage-check-gia-previsto-card = il contributo { $suggestion } ha l'esito già previsto, ma la sua risposta non indica alcuna scheda
storage-check-response-card = il contributo { $suggestion } ha una risposta che indica la scheda #{ $card }, che non esiste
storage-check-duplicato-target = il contributo { $suggestion } ha l'esito duplicato, ma la sua risposta non indica alcun contributo
storage-check-duplicate-missing = il contributo { $suggestion } è un duplicato del contributo #{ $other }, che non esiste
storage-check-duplicate-itself = il contributo { $suggestion } è registrato come duplicato di se stesso
storage-check-index-orphans = { $count ->
    [one] 1 voce dell'indice di ricerca non appartiene ad alcun contributo (#{ $first })
   *[other] { $count } voci dell'indice di ricerca non appartengono ad alcun contributo (la prima: #{ $first })
    }
storage-check-index-ahead = l'indice di ricerca dice di essere aggiornato fino al contributo #{ $synced }, ma l'ultimo contributo è #{ $last }
storage-check-annex-hash = l'allegato { $name } del ciclo { $triennium } non corrisponde più allo SHA-256 registrato quando è stato conservato ({ $sha256 }; i suoi byte ora danno { $actual })
storage-check-annex-open-cycle = l'allegato { $name } appartiene al ciclo { $triennium }, che non è chiuso: gli allegati si conservano solo alla chiusura di un ciclo
