# L'aiuto di ogni comando e opzione, in italiano. Ogni messaggio ha per chiave il percorso del
# comando (cli-card-list) e, per un'opzione, il suo nome dopo i due trattini (cli-card-list--limit).
# Un attributo `.long` è il testo più lungo di `--help`; `.value` è il nome del valore dell'opzione.
cli = agenda — il processo partecipativo permanente dell'Agenda Digitale del Comune di Prato: schede progetto, contributi dei cittadini, risposte, fasi e relazione di aggiornamento triennale
cli--db = Il file del database
cli--yes = Risponde sì a ogni richiesta di conferma
cli--quiet = Stampa solo dati ed errori, senza avanzamento né riepiloghi
cli--cycle = Il ciclo su cui operare, indicato dal triennio (predefinito: il ciclo aperto, o l'ultimo)
cli--lang = La lingua dei messaggi e dell'aiuto: it (predefinita) o en

cli-init = Crea un nuovo database: Comune, i sei assi, il primo ciclo in Fase 1
cli-init--municipality = Il Comune titolare dell'Agenda
cli-init--office = L'ufficio che propone la delibera, indicato sulla copertina della relazione (ad es. "Servizio Sistema Informativo"); modificabile in seguito con `agenda config set office`
cli-init--triennium = Il triennio del primo ciclo (predefinito: quello che comincia nell'anno di --date, o di oggi)
cli-init--date = La data di inizio della Fase 1, se non è oggi (per un'Agenda il cui processo è iniziato prima)

cli-status = A che punto è il processo: ciclo, fase, schede, contributi
cli-status--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-config = Il Comune e l'ufficio che propone la delibera: `show`, `set`, `unset`

cli-config-show = Il Comune e l'ufficio, come li riporta la copertina della relazione
cli-config-show--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-config-set = Imposta il Comune o l'ufficio: `config set office "Servizio Sistema Informativo"`
cli-config-set--key = Cosa impostare: municipality (il Comune) o office (l'ufficio)
cli-config-set--value = Il nuovo valore (non vuoto)

cli-config-unset = Rimuove l'ufficio (il Comune non si può rimuovere)
cli-config-unset--key = Cosa rimuovere: office (l'ufficio)

cli-log = Il registro delle operazioni: ogni modifica fatta da qualsiasi comando
cli-log--limit = Quante voci mostrare, dalla più recente
cli-log--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-axis = I sei assi dell'Agenda: `list`

cli-axis-list = I sei assi con il loro nome per esteso e la descrizione
cli-axis-list--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-phase = La fase del ciclo corrente: `show`, `advance` (e chiusura), `back`, `history`

cli-phase-show = Il ciclo, la sua fase e da quando, e cosa manca prima del passaggio successivo (comando predefinito)
cli-phase-show--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-phase-advance = Fa avanzare il ciclo aperto: 1 → 2 (si apre la raccolta dei contributi), 2 → 3 (si chiude la raccolta), 3 → chiuso (ogni contributo deve avere una risposta e un asse, nessuno con data successiva alla chiusura; indicare l'atto o --without-act)
cli-phase-advance--note = Una nota conservata con il passaggio (ad es. dove è stata presentata l'Agenda)
cli-phase-advance--date = La data da cui decorre il passaggio, se non è oggi
cli-phase-advance--act = Solo alla chiusura: il numero della delibera di Giunta che approva l'aggiornamento, ad es. 12/2022 (un "DGC" o "n." iniziale viene tolto); la data va indicata con --act-date
cli-phase-advance--act_date = Solo alla chiusura: la data della delibera
cli-phase-advance--without_act = Solo alla chiusura: chiude il ciclo senza un atto di approvazione, intenzionalmente
cli-phase-advance--annex = Solo alla chiusura, con --act: i file approvati dalla Giunta (la relazione definitiva in PDF, Markdown, HTML o JSON, i suoi allegati CSV), verificati sui dati del ciclo e conservati byte per byte; `report --approved` li restituisce
cli-phase-advance--annex_as_is = Con --annex: conserva comunque i file che non si possono verificare, contrassegnati "così come sono, non verificati" con il motivo

cli-phase-back = Annulla l'ultimo passaggio del ciclo aperto (3 → 2 o 2 → 1), con il motivo; mai in silenzio
cli-phase-back--reason = Il motivo dell'annullamento; resta nella cronologia e nel registro delle operazioni

cli-phase-history = Tutti i passaggi dei cicli: apertura, avanzamenti, ritorni indietro, chiusura (tutti i cicli, salvo che --cycle ne indichi uno)
cli-phase-history--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-cycle = I cicli del processo, uno all'anno su un triennio: `open`, `list`, `show`

cli-cycle-open = Apre il ciclo successivo in Fase 1, una volta chiuso quello corrente; le schede passano al nuovo ciclo
cli-cycle-open--triennium = Il triennio del nuovo ciclo (predefinito: l'ultimo spostato avanti di un anno)
cli-cycle-open--date = La data di inizio della Fase 1, se non è oggi
cli-cycle-open--note = Una nota conservata con il passaggio

cli-cycle-list = Tutti i cicli: triennio, fase, date, atto, contributi e risposte
cli-cycle-list--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-cycle-show = Un ciclo: le sue fasi con le date, l'atto, i contributi (il ciclo corrente, salvo che un triennio, o --cycle, ne indichi un altro)
cli-cycle-show--triennium = Il triennio, ad es. 2021-2023
cli-cycle-show--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-card = Le schede progetto dell'Agenda: `add`, `list`, `show`, `edit`, `status`, `remove`, `import`, `export`, `progress`, `milestone`, `indicator`, `import-results`

cli-card-add = Aggiunge una scheda progetto
cli-card-add--code = Un codice univoco che identificherà per sempre questa scheda (ad es. SEM-01)
cli-card-add--title = Il titolo della scheda
cli-card-add--axis = L'asse: un codice (nuovi-servizi) o il suo nome per esteso ("Nuovi servizi")
cli-card-add--status = Lo stato: in-corso, programmata, breve-termine, pianificata, conclusa, sospesa (o i nomi per esteso)
cli-card-add--description = Che cos'è e che cosa fa il progetto
cli-card-add--objectives = Che cosa il progetto intende ottenere
cli-card-add--office = L'ufficio responsabile (ad es. "Servizio Sistema Informativo")
cli-card-add--partners = I partner coinvolti (altri uffici, imprese, associazioni)
cli-card-add--start = Mese di inizio, mm/aaaa o aaaa-mm ("" lo cancella in modifica)
cli-card-add--end = Mese di fine, mm/aaaa o aaaa-mm ("" lo cancella in modifica)
cli-card-add--budget = Budget in euro: 120000, 120000.50 o 120.000,50 ("" lo cancella in modifica)
cli-card-add--funding = Fonte di finanziamento, testo libero (ad es. "PNRR Misura 1.4.1")
cli-card-add--agid_refs = Un riferimento al Piano Triennale AGID, con la sua edizione (si può ripetere)
cli-card-add--indicators = Un indicatore di avanzamento (si può ripetere)

cli-card-list = Elenca le schede, asse per asse
cli-card-list--axis = Solo le schede di questo asse: un codice (nuovi-servizi) o il nome per esteso
cli-card-list--status = Solo le schede in questo stato: un codice (in-corso) o il nome per esteso
cli-card-list--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-card-show = Mostra una scheda con la sua cronologia
cli-card-show--code = Il codice della scheda (ad es. SEM-01)
cli-card-show--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-card-edit = Modifica alcuni campi di una scheda; i valori precedenti restano nella sua cronologia
cli-card-edit--code = Il codice della scheda (ad es. SEM-01)
cli-card-edit--title = Il titolo della scheda
cli-card-edit--axis = Il nuovo asse: un codice (nuovi-servizi) o il nome per esteso
cli-card-edit--status = Il nuovo stato: un codice (in-corso) o il nome per esteso
cli-card-edit--description = Che cos'è e che cosa fa il progetto
cli-card-edit--objectives = Che cosa il progetto intende ottenere
cli-card-edit--office = L'ufficio responsabile (ad es. "Servizio Sistema Informativo")
cli-card-edit--partners = I partner coinvolti (altri uffici, imprese, associazioni)
cli-card-edit--start = Mese di inizio, mm/aaaa o aaaa-mm ("" lo cancella in modifica)
cli-card-edit--end = Mese di fine, mm/aaaa o aaaa-mm ("" lo cancella in modifica)
cli-card-edit--budget = Budget in euro: 120000, 120000.50 o 120.000,50 ("" lo cancella in modifica)
cli-card-edit--funding = Fonte di finanziamento, testo libero (ad es. "PNRR Misura 1.4.1")
cli-card-edit--agid_refs = Un riferimento al Piano Triennale AGID, con la sua edizione (si può ripetere)
cli-card-edit--indicators = Un indicatore di avanzamento (si può ripetere)
cli-card-edit--note = Il motivo della modifica; resta nella cronologia della scheda

cli-card-status = Cambia lo stato di una scheda, con una nota
cli-card-status--code = Il codice della scheda (ad es. SEM-01)
cli-card-status--status = Il nuovo stato: in-corso, programmata, breve-termine, pianificata, conclusa, sospesa (o i nomi per esteso)
cli-card-status--note = Il motivo del cambio di stato; resta nella cronologia della scheda

cli-card-remove = Rimuove una scheda (non consentito se ha contributi collegati)
cli-card-remove--code = Il codice della scheda (ad es. SEM-01)

cli-card-import = Crea o aggiorna le schede da un file CSV, in base al codice; tutto o niente
cli-card-import--file = Il file CSV (`-` per lo standard input)
cli-card-import--dry_run = Mostra cosa cambierebbe, senza scrivere nulla
cli-card-import--encoding = La codifica del testo; auto la riconosce dai byte del file
cli-card-import--delimiter = Il separatore dei campi; auto lo riconosce dalla riga di intestazione
cli-card-import--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-card-export = Scrive tutte le schede in CSV o JSON (il CSV si può reimportare con `card import`), o come file dei risultati dell'Accountability di Decidim
cli-card-export--format = csv (predefinito, si reimporta con `card import`), json, o decidim-accountability (il file che l'importatore dei risultati di Decidim accetta)
cli-card-export--component = Con decidim-accountability: il componente Accountability a cui è destinato il file (il suo id); se omesso, l'unico noto
cli-card-export--only_known = Con decidim-accountability: solo le schede di cui è noto il risultato su Decidim (Decidim non ne crea)
cli-card-export--locale = Con decidim-accountability: la lingua predefinita dell'organizzazione su Decidim, per title/<lingua> e description/<lingua>
cli-card-export--out = Scrive in questo file invece che sullo standard output

cli-suggestion = I contributi dei cittadini: `import`, `batches`, `list`, `show`, `similar`, `tag`, `untag`, `autotag`, `retitle`, `link`, `unlink`, `respond`, `export-answers`

cli-suggestion-import = Importa i contributi: esportazioni di Decidim (CSV, JSON, Excel), fogli di calcolo degli uffici (CSV, .xlsx, .ods, .xls)
cli-suggestion-import--files = I file (CSV, JSON, .xlsx, .ods, .xls: riconosciuti dai loro byte); `-` legge lo standard input
cli-suggestion-import--sheet = Il foglio della cartella di lavoro da leggere (predefinito: il primo)
cli-suggestion-import--source = Che cosa sono i file: auto (in base all'intestazione), decidim, generic
cli-suggestion-import--locale = La lingua (locale) delle colonne title/body di Decidim (in mancanza, la prima presente)
cli-suggestion-import--encoding = La codifica del testo; auto la riconosce dai byte del file
cli-suggestion-import--delimiter = Il separatore dei campi; auto lo riconosce dalla riga di intestazione
cli-suggestion-import--map = Indica la colonna da cui leggere un campo: --map title="Oggetto della proposta" (si può ripetere). Campi: title, body, date, stakeholder, author, nickname, email, axis, channel, reference, url, state
cli-suggestion-import--channel = Il canale dei contributi il cui file non lo indica (predefinito: piattaforma per Decidim, altrimenti modulo)
cli-suggestion-import--stakeholder = La tipologia di soggetto dei contributi il cui file non la indica (predefinito: altro)
cli-suggestion-import--dry_run = Mostra cosa farebbe l'importazione, senza scrivere nulla
cli-suggestion-import--skip_invalid = Importa le righe valide e annota quelle non valide nel lotto di importazione, invece di rifiutare il file
cli-suggestion-import--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-list = Elenca i contributi
cli-suggestion-list--axis = Solo i contributi con questo asse
cli-suggestion-list--untagged = Solo i contributi senza alcun asse
cli-suggestion-list--unanswered = Solo i contributi senza risposta
cli-suggestion-list--outcome = Solo i contributi con questo esito
cli-suggestion-list--card = Solo i contributi collegati a questa scheda (o con una risposta che la indica)
cli-suggestion-list--search = Ricerca a testo libero, senza distinzione di accenti; risultati in ordine di pertinenza, i migliori prima
cli-suggestion-list--source_state = Solo i contributi con questo stato all'origine (ad es. accepted, withdrawn; "none" per lo stato vuoto)
cli-suggestion-list--stakeholder = Solo i contributi di questa tipologia di soggetto
cli-suggestion-list--batch = Solo i contributi portati o modificati da questo lotto di importazione
cli-suggestion-list--limit = Al massimo questo numero di contributi
cli-suggestion-list--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-show = Mostra un contributo, per numero o riferimento
cli-suggestion-show--id = Il numero del contributo, o il suo riferimento (ad es. PO-PROP-2021-10-5101)
cli-suggestion-show--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-batches = I lotti di importazione: file, impronte, conteggi, righe scartate
cli-suggestion-batches--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-tag = Assegna assi ai contributi: `tag 12 PO-PROP-2021-10-5101 competenze`
cli-suggestion-tag--items = Contributi (numeri o riferimenti) e assi (codici o nomi per esteso), in qualsiasi ordine

cli-suggestion-untag = Toglie assi dai contributi
cli-suggestion-untag--items = Contributi (numeri o riferimenti) e assi (codici o nomi per esteso), in qualsiasi ordine

cli-suggestion-autotag = Assegna gli assi ai contributi che non ne hanno, secondo le regole per parole chiave (`agenda rule list`)
cli-suggestion-autotag--dry_run = Mostra quali assi assegnerebbero le regole, senza scrivere nulla
cli-suggestion-autotag--limit = Quanti contributi classificati elencare nella tabella (tutti con --format json)
cli-suggestion-autotag--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-retitle = Dà a un contributo il titolo con cui viene pubblicato (il titolo originale resta conservato)
cli-suggestion-retitle--id = Il contributo (numero o riferimento)
cli-suggestion-retitle--title = Il titolo da pubblicare nella relazione e nei suoi allegati
cli-suggestion-retitle--source = Torna a pubblicare il titolo originale

cli-suggestion-link = Collega un contributo a una scheda (la risposta non cambia)
cli-suggestion-link--id = Il contributo (numero o riferimento)
cli-suggestion-link--card = Il codice della scheda

cli-suggestion-unlink = Rimuove il collegamento tra un contributo e una scheda
cli-suggestion-unlink--id = Il contributo (numero o riferimento)
cli-suggestion-unlink--card = Il codice della scheda

cli-suggestion-respond = Registra la risposta dell'amministrazione, con la motivazione; oppure molte risposte da un foglio di calcolo
cli-suggestion-respond--ids = I contributi (numeri o riferimenti) a cui va questa risposta
cli-suggestion-respond--outcome = L'esito: accolto, parzialmente-accolto, gia-previsto, non-accolto, non-pertinente, duplicato
cli-suggestion-respond--reason = La motivazione: una risposta non è mai senza motivazione
cli-suggestion-respond--card = La scheda che già comprende il contributo (obbligatoria per gia-previsto)
cli-suggestion-respond--duplicate_of = Il contributo di cui questo è un duplicato (obbligatorio per duplicato)
cli-suggestion-respond--from = Risposte da un foglio di calcolo: colonne id o ref, outcome, reason e, facoltative, card, axes (valgono anche numero, riferimento, esito, motivazione, scheda, assi)
cli-suggestion-respond--dry_run = Con --from: controlla il file e mostra cosa cambierebbe, senza scrivere nulla
cli-suggestion-respond--encoding = La codifica del testo; auto la riconosce dai byte del file
cli-suggestion-respond--delimiter = Il separatore dei campi; auto lo riconosce dalla riga di intestazione
cli-suggestion-respond--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-suggestion-export-answers = Scrive le risposte in un file da importare sulla piattaforma (risposte in blocco di Decidim)
cli-suggestion-export-answers--format = La piattaforma a cui è destinato il file (con --history: table o json)
cli-suggestion-export-answers--locale = La lingua predefinita dell'organizzazione su Decidim: la risposta va in answer/<locale>
cli-suggestion-export-answers--out = Scrive in questo file (un componente), o in questa cartella un file per componente (una cartella esistente, o un percorso che finisce con /); predefinito: standard output
cli-suggestion-export-answers--component = Solo le risposte di questo componente Decidim (il suo id, come in component/id dell'esportazione)
cli-suggestion-export-answers--all = Tutte le risposte in vigore, non solo quelle nuove o modificate dall'ultima esportazione
cli-suggestion-export-answers--states = Invia un esito come stato personalizzato del componente (Decidim 0.29+), ad es. --state gia-previsto=gia_in_corso (si può ripetere)
cli-suggestion-export-answers--dry_run = Dice cosa verrebbe scritto, senza scrivere né registrare nulla
cli-suggestion-export-answers--history = Elenca le esportazioni fatte finora: quando, chi, componente, righe, file, SHA-256

cli-suggestion-similar = I contributi più simili a uno dato, per individuare i duplicati
cli-suggestion-similar--id = Il contributo (numero o riferimento)
cli-suggestion-similar--limit = Quanti mostrarne
cli-suggestion-similar--all_cycles = Cerca in tutti i cicli, non solo in quello del contributo
cli-suggestion-similar--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-rule = Regole per parole chiave che assegnano in automatico gli assi ai contributi: `add`, `list`, `remove`

cli-rule-add = Aggiunge una regola: i contributi il cui testo contiene una delle parole chiave ricevono l'asse
cli-rule-add--axis = L'asse (codice o nome per esteso)
cli-rule-add--keywords = Una parola, una frase ("open data") o una radice (anzian*); si può ripetere o indicarne più d'una

cli-rule-list = Le regole, asse per asse
cli-rule-list--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-rule-remove = Rimuove una regola, dato il suo numero
cli-rule-remove--id = Il numero della regola, come lo mostra `rule list`

cli-triage = Scorre i contributi uno alla volta al terminale: assi, scheda, esito e motivazione
cli-triage--axis = Solo i contributi con questo asse
cli-triage--untagged = Solo i contributi senza alcun asse
cli-triage--unanswered = Solo i contributi senza risposta

cli-report = La relazione di aggiornamento triennale per la Giunta: Markdown, HTML, JSON o gli allegati CSV
cli-report--format = Il formato: md, html, pdf, json o csv (predefinito: dall'estensione di --out, altrimenti md)
cli-report--out = Il file da scrivere (predefinito: standard output); per csv, la cartella degli allegati
cli-report--draft = Una bozza: con la scritta BOZZA su ogni pagina e quanto ancora manca; si può produrre in qualsiasi fase
cli-report--date = La data riportata sulla relazione (predefinita: la data di chiusura del ciclo; oggi, per una bozza)
cli-report--annex_label = L'etichetta dell'allegato in copertina e nell'intestazione delle pagine (predefinita "Allegato A")
cli-report--excel = Con --format csv: variante per Excel (`;`, UTF-8 con BOM, gg/mm/aaaa, virgola decimale)
cli-report--approved = Gli allegati come li ha approvati la Giunta, conservati alla chiusura del ciclo, copiati byte per byte nella cartella --out; stampa l'SHA-256 e il percorso di ogni file

cli-demo = Costruisce un database dimostrativo dai dati di esempio inclusi e mostra l'intero procedimento
cli-demo--dir = Dove costruire la demo (predefinito: una nuova cartella temporanea, che poi resta)

cli-privacy = Dati personali: cosa è conservato per ogni ciclo (`report`) e la cancellazione una volta chiuso il ciclo (`purge`)

cli-privacy-report = Quali dati personali contiene il database, ciclo per ciclo: nomi, nickname, e-mail e url degli autori, e le righe lette dai file che li contengono; se i dati di ciascun ciclo sono stati cancellati
cli-privacy-report--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-privacy-purge = Cancella per sempre nomi, nickname, e-mail e url delle persone che hanno inviato i contributi di un ciclo chiuso (quello corrente, o --cycle), poi riscrive il file del database perché non ne resti nulla sul disco. Contributi, assi e risposte restano

cli-backup = Scrive una copia coerente del database in un nuovo file (permessi 0600), anche mentre altri vi scrivono
cli-backup--path = Il nuovo file da scrivere; un file esistente non viene mai sovrascritto

cli-restore = Sostituisce i dati con un backup, dopo averlo controllato e aver salvato accanto i dati attuali
cli-restore--path = Un backup scritto da `agenda backup` (o quello lasciato accanto al database prima di un aggiornamento)

cli-check = Controlla il database: integrità e chiavi esterne di SQLite, e le regole del processo
cli-check--format = Come stampare: una tabella da leggere (predefinita), o json/csv per gli script

cli-completions = Stampa lo script di completamento per una shell: bash, zsh, fish o powershell
cli-completions--shell = La shell per cui completare: bash, zsh, fish o powershell

cli-man = Stampa la pagina di manuale (roff), per `man -l` o una cartella del MANPATH

# I nomi dei valori nell'aiuto (<TRIENNIO>, <GG/MM/AAAA>).
cli-value-axis = ASSE
cli-value-batch = IMPORTAZIONE
cli-value-card = SCHEDA
cli-value-channel = CANALE
cli-value-code = CODICE
cli-value-description = DESCRIZIONE
cli-value-dir = CARTELLA
cli-value-eur = EURO
cli-value-field-header = CAMPO=INTESTAZIONE
cli-value-file = FILE
cli-value-file-csv = FILE.csv
cli-value-file-folder = FILE|CARTELLA/
cli-value-files = FILE
cli-value-format = FORMATO
cli-value-funding = FINANZIAMENTO
cli-value-id = ID
cli-value-ids = ID
cli-value-items = ELEMENTI
cli-value-key = CHIAVE
cli-value-keywords = PAROLE
cli-value-label = ETICHETTA
cli-value-limit = NUMERO
cli-value-locale = LINGUA
cli-value-municipality = COMUNE
cli-value-name = NOME
cli-value-note = NOTA
cli-value-objectives = OBIETTIVI
cli-value-office = UFFICIO
cli-value-out = DESTINAZIONE
cli-value-outcome = ESITO
cli-value-outcome-token = ESITO=VALORE
cli-value-partners = PARTNER
cli-value-path = PERCORSO
cli-value-reason = MOTIVAZIONE
cli-value-shell = SHELL
cli-value-source-state = STATO
cli-value-stakeholder = PROPONENTE
cli-value-status = STATO
cli-value-text = TESTO
cli-value-title = TITOLO
cli-value-triennium = TRIENNIO
cli-value-value = VALORE
cli-value-words = PAROLE
cli-value-yyyy-mm = AAAA-MM
cli-value-yyyy-mm-dd = GG/MM/AAAA
cli-value-yyyy-yyyy = AAAA-AAAA
cli-value-n-yyyy = n/aaaa
cli-value-auto-tab = auto|,|;|tab
cli-value-auto-decidim-generic = auto|decidim|generic
cli-value-auto-utf-8-windows-1252 = auto|utf-8|windows-1252
cli-value-it-en = it|en

cli-card-progress = Registra a che punto è una scheda (0–100 %), con la data e una nota; i valori precedenti restano
cli-card-progress--code = Il codice della scheda (ad es. SEM-01)
cli-card-progress--percent = L'avanzamento, un numero intero da 0 a 100 (60 o 60%)
cli-card-progress--date = Il giorno a cui si riferisce il valore, se non è oggi
cli-card-progress--note = Perché, o che cosa è stato raggiunto; resta con il valore
cli-card-progress--format = Come stampare: una riga per le persone (predefinito), o json per gli script
cli-card-milestone = I traguardi delle schede, previsti e raggiunti: `add`, `list`, `edit`, `done`, `remove`
cli-card-milestone-add = Aggiunge un traguardo a una scheda
cli-card-milestone-add--code = Il codice della scheda (ad es. SEM-01)
cli-card-milestone-add--date = Quando è previsto (o quando è stato raggiunto, con --done)
cli-card-milestone-add--title = Che cos'è il traguardo (ad es. "Collaudo del sistema")
cli-card-milestone-add--description = Qualcosa di più
cli-card-milestone-add--done = È già raggiunto, il giorno di --date
cli-card-milestone-list = I traguardi di tutte le schede, o di una, e a che punto è ciascuno oggi
cli-card-milestone-list--code = Solo i traguardi di questa scheda
cli-card-milestone-list--format = Come stampare: una tabella per le persone (predefinito), o json per gli script
cli-card-milestone-edit = Cambia la data, il titolo o la descrizione di un traguardo
cli-card-milestone-edit--id = Il numero del traguardo (lo mostra `card milestone list`)
cli-card-milestone-edit--date = La nuova data prevista
cli-card-milestone-edit--title = Il nuovo titolo
cli-card-milestone-edit--description = La nuova descrizione
cli-card-milestone-done = Segna un traguardo come raggiunto
cli-card-milestone-done--id = Il numero del traguardo (lo mostra `card milestone list`)
cli-card-milestone-done--date = Il giorno in cui è stato raggiunto, se non è oggi
cli-card-milestone-remove = Toglie un traguardo
cli-card-milestone-remove--id = Il numero del traguardo (lo mostra `card milestone list`)
cli-value-percent = PERCENTUALE

cli-card-indicator = I valori di un indicatore: unità, valore di partenza e obiettivo (valore e data), e un valore misurato; un nome che la scheda non ha ancora le viene aggiunto
cli-card-indicator--code = Il codice della scheda (ad es. SEM-01)
cli-card-indicator--name = L'indicatore, come lo chiama la scheda (ad es. "Accessi mensili")
cli-card-indicator--unit = Che cosa conta (ad es. accessi, %, servizi)
cli-card-indicator--baseline = Il valore di partenza
cli-card-indicator--baseline_date = Il giorno del valore di partenza
cli-card-indicator--target = Il valore da raggiungere
cli-card-indicator--target_date = Il giorno entro cui raggiungere l'obiettivo
cli-card-indicator--measure = Un valore misurato (12500, 12.500, 3,5)
cli-card-indicator--date = Il giorno a cui si riferisce il valore misurato, se non è oggi
cli-card-indicator--note = Una nota che resta con il valore misurato
cli-card-indicator--format = Come stampare: una riga per le persone (predefinito), o json per gli script
cli-value-baseline = VALORE
cli-value-measure = VALORE
cli-value-target = VALORE
cli-value-unit = UNITÀ
cli-suggestion-list--delivered = Solo i contributi accolti (accolto, parzialmente accolto, già previsto) con una scheda conclusa: ciò che chiedevano è stato realizzato
cli-suggestion-list--in_progress = Solo i contributi accolti con una scheda non ancora conclusa
cli-card-progress--from = Un file CSV di avanzamenti (UTF-8 o Windows-1252, "," o ";"): colonne Codice, Avanzamento, Data, Nota (o code, progress, date, note); tutto o niente
cli-card-progress--dry_run = Con --from: controlla il file e dice che cosa registrerebbe, senza scrivere nulla

cli-card-import-results = Legge un'esportazione dei risultati di un componente Accountability di Decidim: quale risultato è ogni scheda, gli stati, l'avanzamento; tutto o niente
cli-card-import-results--file = L'esportazione dei risultati (CSV come lo scrive Decidim, `-` per lo standard input)
cli-card-import-results--component = Il componente di cui è il file, se non ha la colonna component/id
cli-card-import-results--maps = Quale risultato è una scheda (SEM-01=70) o quale stato di scheda vuol dire uno stato di Decidim (conclusa=9), o un file di righe così; ripetibile
cli-card-import-results--dry_run = Controlla il file e dice cosa apprenderebbe e registrerebbe, senza scrivere nulla
cli-card-import-results--encoding = La codifica del testo; auto la riconosce dai byte del file
cli-card-import-results--delimiter = Il separatore dei campi; auto lo riconosce dalla riga di intestazione
cli-card-import-results--format = Come stampare: una tabella da leggere (predefinita), o json per gli script
cli-value-file-card-id = FILE|SCHEDA=ID
