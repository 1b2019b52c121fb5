# La lettura dei file (CSV, JSON, cartelle di lavoro) e l'importazione dei contributi.

# Scelte sul file e sul comando.
import-unknown-encoding = codifica "{ $value }" sconosciuta; valori ammessi: auto, utf-8, windows-1252
import-unknown-delimiter = separatore "{ $value }" sconosciuto; valori ammessi: auto, ",", ";", tab
import-unknown-source = --source "{ $value }" sconosciuto; valori ammessi: auto, decidim, generic
import-sheet-not-workbook-csv = --sheet { $sheet }: { $file } è un file CSV, non una cartella di lavoro
import-sheet-not-workbook-json = --sheet { $sheet }: { $file } è un documento JSON, non una cartella di lavoro

# Aprire e leggere il file.
import-reading-file = lettura di { $file }
import-opening-file = apertura di { $file }
import-stdin-temp-file = creazione di un file temporaneo per lo standard input
import-reading-stdin = lettura dello standard input
import-no-such-file = il file non esiste
import-no-such-file-hint = controlla il percorso; usa - per leggere lo standard input
import-permission-denied = il file non si può leggere (permesso negato)
import-permission-denied-hint = controlla i permessi del file, oppure copialo dove puoi leggerlo
import-unreadable = il file non si può leggere ({ $error })
import-unreadable-hint = controlla il percorso e il disco
import-unreadable-permissions-hint = controlla i permessi del file
import-is-folder = è una cartella, non un file
import-is-folder-hint = indica il file al suo interno
import-is-fifo = è una pipe con nome (FIFO), non un file
import-is-device = è un dispositivo, non un file
import-is-socket = è un socket, non un file
import-not-regular = non è un file regolare
import-not-regular-hint = salva prima i dati in un file, oppure passali allo standard input con -
import-file-empty = { $file }: il file è vuoto; un CSV deve avere una riga di intestazione e almeno una riga di dati
import-file-changed = { $file }: il file è cambiato mentre veniva letto; non è stato scritto nulla
import-file-changed-hint = aspetta che abbia finito chi sta scrivendo il file, poi riesegui il comando
import-file-changed-sizes = { $file }: il file è cambiato mentre veniva letto ({ $checked } byte al controllo, { $read } alla lettura); non è stato scritto nulla
import-file-changed-grew = { $file }: il file è cambiato mentre veniva letto ({ $checked } byte al controllo, di più alla lettura); non è stato scritto nulla
import-file-changed-download-hint = aspetta che abbia finito chi sta scrivendo il file (uno scaricamento, un'esportazione), poi riesegui il comando
import-file-changed-then = { $file }: il file è cambiato mentre veniva letto ({ $before } byte, poi { $after }); non è stato scritto nulla
import-file-changed-again-hint = importalo di nuovo quando avrà finito chi lo sta scrivendo
import-hash-thread-stopped = il thread che calcola lo SHA-256 si è fermato
import-reader-thread-stopped = il thread che legge { $file } si è fermato inaspettatamente
import-record-too-long = il record che inizia su questa riga supera { $mib } MiB: probabilmente un campo tra virgolette aperto qui non viene mai chiuso
import-record-too-long-hint = cerca su quella riga un " che non viene chiuso; non è stato scritto nulla
import-record-too-long-short = un record supera { $mib } MiB

# La codifica.
import-text-not-utf8 = il testo non è UTF-8 valido
import-try-windows-1252 = prova --encoding windows-1252
import-nul-byte = il byte { $pos } è un NUL (0x00): questo non è un file di testo
import-nul-byte-hint = esporta di nuovo i dati in CSV dal foglio di calcolo o dalla piattaforma
import-byte-not-utf8 = il byte { $pos } ({ $byte }) non è UTF-8 valido
import-byte-not-utf8-hint = se il file viene dal "CSV" semplice di Excel, prova --encoding windows-1252
import-mixed-encodings = il byte { $pos } ({ $byte }) non è UTF-8 valido, ma altre parti del file lo sono: il file mescola due codifiche
import-mixed-encodings-hint = aprilo in un foglio di calcolo e salvalo di nuovo come "CSV UTF-8", oppure correggi quella riga; --encoding windows-1252 ne forza la lettura
import-not-text-export = il byte { $pos } ({ $byte }) non è né UTF-8 né Windows-1252: non sembra un'esportazione di testo
import-not-text-export-hint = esporta di nuovo i dati in CSV ("CSV UTF-8" in Excel)

# JSON.
import-json-no-records = { $file }: il documento JSON non contiene record
import-json-not-utf8 = il byte { $pos } non è UTF-8 valido: un'esportazione JSON è sempre in UTF-8
import-json-not-utf8-hint = esporta di nuovo i dati dalla piattaforma
import-json-invalid = questo non è JSON valido ({ $error })
import-json-invalid-hint = un'esportazione JSON va letta per intero: controlla che lo scaricamento sia terminato
import-json-not-a-list = { $file }: il documento JSON non è un elenco di record
import-json-not-a-list-hint = l'esportazione JSON di Decidim è un elenco di proposte: esportala di nuovo
import-json-not-an-object = non è un oggetto ma { $kind }
import-json-kind-null = null
import-json-kind-boolean = un booleano
import-json-kind-number = un numero
import-json-kind-string = una stringa
import-json-kind-list = un elenco
import-json-kind-object = un oggetto

# Cartelle di lavoro (xlsx, ods, xls).
import-no-such-sheet = --sheet: { $file } non ha un foglio "{ $wanted }"; i suoi fogli sono: { $sheets }
import-workbook-no-sheet = { $file }: la cartella di lavoro non ha fogli
import-workbook-unreadable = { $file }: la cartella di lavoro { $kind } non si può leggere ({ $error })
import-workbook-unreadable-zip-hint = uno ZIP che non è una cartella di lavoro (lo scaricamento open data di Decidim è uno ZIP di file CSV) va prima estratto: importa il CSV che contiene; se è una cartella di lavoro, aprila nel foglio di calcolo e salvala di nuovo
import-workbook-unreadable-hint = aprila nel foglio di calcolo e salvala di nuovo, oppure esporta il foglio in CSV
import-not-a-workbook = { $file }: non è una cartella di lavoro
import-sheet-empty = il foglio è vuoto

# I luoghi di un file nelle frasi.
import-place-line = riga { $n }
import-place-row = riga { $n }
import-place-record = record { $n }
import-header-list-more = … e altre { $count }

# I problemi delle righe e l'esito del file.
import-invalid-rows = { $count ->
    [one] { $file } ha una riga non valida; non è stato scritto nulla:
   *[other] { $file } ha { $count } righe non valide; non è stato scritto nulla:
    }
import-more-problems = { $count ->
    [one] … e un'altra
   *[other] … e altre { $count }
    }
import-fix-rows-hint = correggi le righe e riesegui il comando
import-wrong-field-count = { $count ->
    [one] 1 campo, ma l'intestazione ne ha { $columns }
   *[other] { $count } campi, ma l'intestazione ne ha { $columns }
    }
import-unclosed-quote = un campo tra virgolette aperto su questa riga non viene mai chiuso: arriva fino alla fine del file
import-no-rows = { $file }: il file ha l'intestazione ma nessuna riga
import-every-row-invalid = { $file }: nessuna riga è valida, quindi non è stato importato nulla:

# Il ciclo che raccoglie i contributi.
import-every-cycle-closed = tutti i cicli sono chiusi: i contributi si possono importare solo in un ciclo aperto
import-every-cycle-closed-hint = apri il ciclo successivo con `agenda cycle open`
import-cycle-in-phase-one = il ciclo { $triennium } è in Fase 1 – presentazione: i contributi si raccolgono dalla Fase 2 in poi
import-cycle-in-phase-one-hint = apri la raccolta con `agenda phase advance`, poi importa
