# Le parole comuni dell'interfaccia: prefissi dei messaggi, errori d'uso della riga di comando,
# le parole di clap nell'aiuto.

error-prefix = errore:
error-caused-by = causa: { $cause }
error-hint = suggerimento: { $hint }
warning-prefix = attenzione:

cli-usage-heading = Uso:
cli-usage-options = [OPZIONI]
cli-heading-commands = Comandi
cli-heading-arguments = Argomenti
cli-heading-options = Opzioni
cli-value-command = COMANDO
cli-help-flag = Mostra questo aiuto
cli-version-flag = Mostra la versione
cli-help-command = Mostra l'aiuto di agenda o di un suo comando
cli-note-values = valori: { $values }
cli-note-default = predefinito: { $value }
cli-note-env = variabile d'ambiente: { $name }

usage-invalid-value = il valore "{ $value }" non è valido per { $arg } (valori ammessi: { $valid })
usage-missing-value = manca il valore di { $arg }
usage-unknown-argument = l'opzione { $arg } non esiste
usage-unknown-command = il comando "{ $name }" non esiste
usage-no-equals = { $arg } vuole il valore dopo un "=": { $arg }=VALORE
usage-bad-value = il valore "{ $value }" non va bene per { $arg }: { $reason }
usage-too-many-values = "{ $value }" è un valore di troppo per { $arg }
usage-wrong-number-of-values = { $arg } ha un numero di valori sbagliato
usage-conflict = { $arg } non si può usare insieme a { $other }
usage-missing-argument = manca { $arg }, che è obbligatorio
usage-missing-command = manca il comando da eseguire
usage-not-utf8 = un argomento non è testo UTF-8 valido
usage-did-you-mean = forse intendevi: { $value }
usage-more-help = Per l'aiuto: --help

# I moduli principali della libreria: l'ambiente, i file scritti con --out, le copie di
# sicurezza e i ripristini, le schede, le regole, gli assi e i collegamenti, le risposte, la
# ricerca, i dati personali, le risposte per Decidim, `agenda check`, la demo.

app-reading = lettura di { $path }
app-writing = scrittura di { $path }
app-creating = creazione di { $path }

app-env-user-empty = AGENDA_USER è impostata ma vuota
app-env-user-empty-hint = impostala con il nome che il registro delle operazioni deve riportare, oppure toglila
app-env-user-control = AGENDA_USER contiene caratteri di controllo (un a capo, una tabulazione, un escape …): il registro delle operazioni riporta il nome così com'è
app-env-user-control-hint = impostala con un nome semplice, per esempio AGENDA_USER="m.rossi"
app-env-user-long = AGENDA_USER è più lunga di 100 caratteri
app-env-user-long-hint = impostala con un nome, per esempio AGENDA_USER="m.rossi"
app-env-busy-timeout = AGENDA_BUSY_TIMEOUT="{ $timeout }" non è un numero di secondi (da 0 a 604800)
app-env-busy-timeout-hint = per esempio AGENDA_BUSY_TIMEOUT=300 aspetta cinque minuti un altro comando
app-env-now = AGENDA_NOW="{ $fixed }" non è un'ora nel formato RFC 3339
app-env-now-hint = per esempio AGENDA_NOW=2022-01-20T10:00:00Z, oppure toglila per usare l'orologio

app-outfile-database = { $path } è il database o uno dei suoi file di accompagnamento: lo strumento non ci scrive mai sopra
app-outfile-sqlite = { $path } è un database SQLite: lo strumento non ci scrive mai sopra
app-outfile-database-hint = dai a --out il nome di un file nuovo
app-outfile-symlink = { $path } è un collegamento simbolico: lo strumento scrive solo file propri, mai attraverso un collegamento
app-outfile-symlink-hint = dai a --out il percorso del file vero e proprio
app-outfile-folder = { $path } è una cartella, non un file
app-outfile-folder-hint = dai a --out il nome di un file
app-outfile-cannot-create = scrittura di { $path }: non si può creare un file in { $folder }

app-backup-counts = { $cycles ->
        [one] 1 ciclo
       *[other] { $cycles } cicli
    }, { $cards ->
        [one] 1 scheda
       *[other] { $cards } schede
    }, { $suggestions ->
        [one] 1 contributo
       *[other] { $suggestions } contributi
    }
app-backup-no-file = il file { $path } non esiste
app-backup-not-a-file = { $path } non è un file
app-backup-working-copy = preparazione di una copia di lavoro in { $folder }
app-backup-cannot-restore = { $path } non si può ripristinare: { $why }; il database non è stato toccato
app-backup-cannot-restore-hint = ripristina un file scritto da `agenda backup`, o uno dei file agenda.db.backup-*
app-backup-not-sqlite = non è un database SQLite
app-backup-damaged = è danneggiato (controllo di integrità: { $details })
app-backup-not-agenda = non è un database di agenda
app-backup-newer = { $path } è stato scritto da una versione più recente di agenda (versione dello schema { $version }; questa agenda arriva alla { $latest }); il database non è stato toccato
app-backup-newer-hint = ripristinalo con la versione più recente di agenda
app-backup-restoring = ripristino di { $path } (i dati di prima sono in { $safety })

app-rule-none = non c'è nessuna regola
app-rule-none-hint = aggiungine una con `agenda rule add AXIS --keyword WORD`
app-rule-thread-stopped = il lavoro delle regole si è interrotto
app-rule-needs-keyword = una regola vuole almeno una --keyword
app-rule-missing = la regola { $id } non esiste
app-rule-missing-hint = `agenda rule list` le elenca

app-card-cycle-closed = il ciclo { $triennium } è chiuso{ $approved }, quindi le schede non possono cambiare: restano come nell'Agenda che ha approvato
app-card-cycle-closed-hint = apri il ciclo successivo con `agenda cycle open` (triennio { $next } se non indicato), poi modifica le schede
app-card-exists = esiste già una scheda con codice { $code }
app-card-exists-hint = scegli un altro codice, oppure modifica la scheda con `agenda card edit`
app-card-linked = { $count ->
        [one] la scheda { $code } non si può eliminare: 1 contributo è collegato a essa
       *[other] la scheda { $code } non si può eliminare: { $count } contributi sono collegati a essa
    }
app-card-linked-hint = scollegali prima, oppure porta la scheda allo stato sospesa o conclusa
app-card-file-empty = { $file }: il file ha l'intestazione ma nessuna scheda
app-card-two-columns = { $at }: due colonne indicano lo stesso campo della scheda, { $field }
app-card-no-code-column = { $at }: nessuna colonna contiene il codice della scheda; le colonne sono: { $columns }
app-card-expected-columns = le colonne previste sono: { $columns }
app-card-code-empty = il codice è vuoto
app-card-again = la scheda { $code } compare di nuovo (la prima volta: { $first })
app-card-needs = una scheda nuova vuole il campo { $field }
app-fields-mismatch = { $fields ->
        [one] 1 campo, ma l'intestazione ne ha { $header }
       *[other] { $fields } campi, ma l'intestazione ne ha { $header }
    }

app-sugg-missing = il contributo "{ $id }" non esiste
app-sugg-missing-hint = `agenda suggestion list` mostra numeri e riferimenti
app-sugg-closed = il contributo { $reference } appartiene al ciclo { $triennium }, che è chiuso: i suoi assi, collegamenti e risposte si possono solo leggere
app-sugg-closed-act = il contributo { $reference } appartiene al ciclo { $triennium }, che è chiuso (approvato con { $act }): i suoi assi, collegamenti e risposte si possono solo leggere
app-sugg-closed-hint = `agenda cycle list` mostra i cicli; il lavoro prosegue in quello aperto
app-tag-needs-both = indica uno o più contributi (numeri o riferimenti) e uno o più assi ({ $axes })
app-tag-not-an-axis = "{ $word }" non è un asse; gli assi sono: { $axes }
app-card-missing = non esiste una scheda con codice "{ $code }"
app-card-missing-hint = `agenda card list` mostra i codici
app-retitle-empty = il titolo è vuoto: indica il titolo da pubblicare, oppure --source per tornare a quello della fonte

app-respond-self-duplicate = un contributo non può essere il duplicato di se stesso
app-respond-columns = { $at }: un file di risposte vuole le colonne id o ref, outcome e reason (anche in italiano: numero o riferimento, esito, motivazione); le sue colonne sono: { $columns }
app-respond-columns-hint = colonne facoltative: card, axes (separati da |), duplicate_of (in italiano: scheda, assi, duplicato di)
app-respond-file-empty = { $file }: il file ha l'intestazione ma nessuna riga
app-respond-no-id = manca id o ref
app-respond-again = il contributo { $id } compare di nuovo (la prima volta alla riga { $first })
app-respond-outcome-empty = l'esito è vuoto

app-search-no-words = --search "{ $query }" non contiene parole da cercare
app-search-no-words-hint = cerca con delle parole, per esempio --search "anziani spid"

app-privacy-batch-columns = lettura delle colonne personali dell'importazione n. { $batch }
app-privacy-unfinished = la cancellazione dei dati personali di { $cycles } non è ancora completa: un altro comando ha continuato a leggere { $path } per più di { $seconds } s
app-privacy-unfinished-hint = esegui di nuovo `agenda privacy purge` o `agenda check` quando nessun altro usa il database
app-privacy-open = il ciclo { $triennium } è ancora aperto: i dati personali dei suoi contributi si cancellano solo dopo la chiusura
app-privacy-open-hint = chiudilo con `agenda phase advance`, oppure indica un ciclo chiuso con --cycle AAAA-AAAA
app-privacy-waiting = in attesa: un altro comando di agenda sta leggendo { $path }; la cancellazione svuota il WAL quando ha finito (al massimo { $seconds } s)

app-check-problems = { $count ->
        [one] { $path } ha 1 problema; il primo: { $first }
       *[other] { $path } ha { $count } problemi; il primo: { $first }
    }
app-check-problems-hint = ripristina una copia di sicurezza (`agenda restore PERCORSO`), oppure correggi le righe elencate; poi esegui di nuovo `agenda check`

app-answers-state-syntax = --state "{ $setting }": scrivilo come ESITO=STATO, per esempio --state gia-previsto=gia_in_corso
app-answers-state-token = --state { $setting }: "{ $token }" non è uno stato di Decidim (lettere minuscole, cifre e _, come in gia_in_corso)
app-answers-left-without-response = { $count ->
        [one] 1 senza risposta
       *[other] { $count } senza risposta
    }
app-answers-left-amendments = { $count ->
        [one] 1 emendamento (Decidim non accetta risposte agli emendamenti)
       *[other] { $count } emendamenti (Decidim non accetta risposte agli emendamenti)
    }
app-answers-left-withdrawn = { $count ->
        [one] 1 ritirato
       *[other] { $count } ritirati
    }
app-answers-left-without-component = { $count ->
        [one] 1 da un'esportazione che non indicava il componente
       *[other] { $count } da un'esportazione che non indicava il componente
    }
app-answers-left-unchanged = { $count ->
        [one] 1 invariato dall'ultima esportazione (--all lo rimanda)
       *[other] { $count } invariati dall'ultima esportazione (--all li rimanda)
    }
app-answers-left-other-components = { $count ->
        [one] 1 di un altro componente
       *[other] { $count } di altri componenti
    }
app-answers-unknown-component = nessun contributo del ciclo { $triennium } proviene dal componente Decidim { $component }; i componenti sono: { $components }
app-answers-no-components = nessuno
app-answers-unknown-component-hint = `agenda suggestion show ID` indica il componente di ogni contributo
app-answers-several-components = { $count ->
        [one] le risposte da inviare appartengono a 1 componente Decidim ({ $names }): Decidim accetta le risposte di un solo componente per file
       *[other] le risposte da inviare appartengono a { $count } componenti Decidim ({ $names }): Decidim accetta le risposte di un solo componente per file
    }
app-answers-several-components-hint = scrivi le risposte di uno solo con --component { $first }, oppure un file per componente con --out CARTELLA/
app-answers-creating-folder = creazione della cartella { $path }

app-demo-created = 1. creato { $db } (Comune di Prato, { $office }, triennio 2021-2023, Fase 1)
app-demo-cards = { $count ->
        [one] 2. importata 1 scheda progetto da { $file }
       *[other] 2. importate { $count } schede progetto da { $file }
    }
app-demo-collection-open = 3. Fase 2 – ascolto dal { DATE($date) }: la raccolta dei contributi è aperta
app-demo-imported = 4. importato { $file }: { $inserted ->
        [one] 1 nuovo
       *[other] { $inserted } nuovi
    }, { $updated ->
        [one] 1 aggiornato
       *[other] { $updated } aggiornati
    }, { $unchanged ->
        [one] 1 invariato
       *[other] { $unchanged } invariati
    } ({ $format }, { $encoding })
app-demo-tagged = 5. le regole per parole chiave hanno assegnato un asse a { $tagged } contributi su { $examined } che ne erano privi
app-demo-responses = { $count ->
        [one] 6. registrata 1 risposta da { $file }
       *[other] 6. registrate { $count } risposte da { $file }
    }
app-demo-collection-closed = 7. Fase 3 – aggiornamento e restituzione dal { DATE($date) }: la raccolta è chiusa
app-demo-answered = 8. risposto uno per uno ai contributi del file Excel ({ $answered }), e assegnato a mano un asse { $by_hand ->
        [one] all'unico contributo
       *[other] ai contributi ({ $by_hand })
    } che le regole avevano lasciato senza
app-demo-report-draft = 9. scritta la bozza della relazione, con data { DATE($date) }, in Markdown, HTML e PDF/A
app-demo-report-final = 9. scritta la relazione definitiva, con data { DATE($date) }, in Markdown, HTML e PDF/A
app-demo-answers = 10. scritte le risposte a { $count } proposte Decidim del componente { $component } in { $path }
app-demo-try = comandi da provare sul database della demo:
app-demo-try-close-note = chiude il ciclo, come l'approvazione dell'aggiornamento da parte della Giunta: non si può annullare
app-demo-ledger = 2. registrati l'avanzamento di { $cards } schede, { $milestones } traguardi e i valori di { $indicators } indicatori
