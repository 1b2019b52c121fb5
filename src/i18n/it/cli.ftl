args-lang = "{ $value }" non è una lingua dell'interfaccia: scrivi it (italiano) o en (inglese)

cli-msg-demo-dir-in-use = la cartella { $dir } esiste già e non è vuota: la demo non vi scrive
cli-msg-demo-dir-in-use-hint = indica con --dir una cartella nuova, oppure ometti --dir per usarne una temporanea

## Parole comuni dei comandi

cli-msg-next = prossimo passo: { $step }
cli-msg-cycle-closed = chiuso
cli-msg-cycle-open = aperto
cli-msg-triennium = triennio { $triennium }
cli-msg-phase-since = { $phase } (dal { DATE($since) })
cli-msg-confirm-no-terminal = { $question } — serve una conferma, e lo standard input non è un terminale
cli-msg-confirm-no-terminal-hint = passa --yes (o imposta AGENDA_YES=1) per confermare da uno script
cli-msg-purge-completed = completata la cancellazione dei dati personali di { $cycles }, rimasta a metà: il file del database è stato riscritto e il suo WAL svuotato

## Intestazioni delle tabelle e nomi delle righe

cli-msg-head-code = codice
cli-msg-head-name = nome
cli-msg-head-description = descrizione
cli-msg-head-when = quando
cli-msg-head-who = chi
cli-msg-head-axis = asse
cli-msg-row-municipality = comune
cli-msg-row-cycle = ciclo
cli-msg-row-phase = fase
cli-msg-row-cards = schede
cli-msg-row-suggestions = contributi

## Valori dei comandi (date)

cli-msg-limit-too-big = { $value } è più di quanto il database sappia contare ({ $max })
cli-msg-limit-not-a-number = "{ $value }" non è un numero intero
cli-msg-limit-zero = il limite deve essere almeno 1
cli-msg-date-bad = "{ $value }" non è una data: scrivila come gg/mm/aaaa (02/05/2022) o aaaa-mm-gg

## backup, restore, check

cli-msg-backup-not-recorded = non è stato possibile registrare la copia di sicurezza in { $db } (è in sola lettura?): una cancellazione successiva dei dati personali non la nominerà
cli-msg-backup-written = scritta una copia di sicurezza di { $db } in { $path } (leggibile solo da te); per il ripristino: `agenda restore { $path }`
cli-msg-restore-question = Sostituire tutti i dati di { $db } con quelli di { $path } ({ $summary })?
cli-msg-restore-nothing = nessun ripristino: i dati sono rimasti come erano
cli-msg-restore-done = ripristinato { $db } da { $from }; i dati che conteneva prima sono in { $before }
cli-msg-check-head-check = controllo
cli-msg-check-head-where = dove
cli-msg-check-head-problem = problema
cli-msg-check-passed = { $db } ha superato { $count ->
    [one] 1 controllo
   *[other] { $count } controlli
 }: il file è integro e rispetta le regole del processo

## config

cli-msg-config-key = { $key ->
    [municipality] comune
    [office] ufficio
   *[other] { $key }
 }
cli-msg-config-not-set = (non impostato)
cli-msg-config-set = { $key }: { $value }
cli-msg-config-unchanged = { $key } è già { $value }: nulla è cambiato
cli-msg-config-removed = { $key } tolto (era { $before })
cli-msg-config-was-not-set = { $key } non era impostato: nulla è cambiato

## demo, init

cli-msg-demo-creating = creazione di { $dir }
cli-msg-demo-creating-temp = creazione di una cartella temporanea
cli-msg-demo-ready =
    demo pronta in { $dir }
      database:  { $db }
      relazione: { $markdown }
    {"             "}{ $html }
    {"             "}{ $pdf }
      risposte:  { $answers }
cli-msg-init-created = creato { $db } per il { $municipality }: sei assi, ciclo { $triennium } in Fase 1 – presentazione
cli-msg-init-created-office = creato { $db } per il { $municipality } ({ $office }): sei assi, ciclo { $triennium } in Fase 1 – presentazione
cli-msg-init-next = prossimo passo: aggiungi le schede progetto con `agenda card add` o `agenda card import FILE.csv`

## log, rule, status

cli-msg-log-head-action = azione
cli-msg-log-head-target = oggetto
cli-msg-log-head-changed = che cosa è cambiato
cli-msg-rule-added = regola { $id }: { $axis } ← { $keywords }
cli-msg-rule-head-keywords = parole chiave
cli-msg-rule-removed = regola { $id } tolta
cli-msg-status-cards-of = { $count } { $status }
cli-msg-status-cards = { $count } ({ $by_status })
cli-msg-status-suggestions = { $count } ({ $untagged } senza asse, { $unanswered } senza risposta{ $late ->
    [0] {""}
   *[other] , { $late } in ritardo
 })

## cycle

cli-msg-row-act = atto
cli-msg-cycle-opened = aperto il ciclo { $triennium } in Fase 1 – presentazione dal { DATE($date) }; { $cards ->
    [one] 1 scheda riportata così com'è
   *[other] { $cards } schede riportate così come sono
 }
cli-msg-cycle-opened-next = prossimo passo: aggiorna le schede per il nuovo triennio, presenta l'Agenda, poi `agenda phase advance` per aprire la raccolta dei contributi
cli-msg-cycle-head-triennium = triennio
cli-msg-cycle-head-opened = aperto il
cli-msg-cycle-head-closed = chiuso il
cli-msg-cycle-head-answered = con risposta
cli-msg-cycle-phase-ran = { $from } – { $to }
cli-msg-cycle-phase-runs = dal { $from }
cli-msg-cycle-row-state = stato
cli-msg-cycle-closed-on = chiuso il { DATE($date) }
cli-msg-cycle-act-none = nessuno (chiuso senza atto)
cli-msg-cycle-act-later = si indica alla chiusura
cli-msg-cycle-suggestions = { $count } ({ $answered } con risposta, { $unanswered } senza, { $untagged } senza asse)
cli-msg-cycle-row-late = in ritardo
cli-msg-cycle-late = { $count ->
    [one] 1 inviato
   *[other] { $count } inviati
 } dopo la chiusura della raccolta, il { DATE($date) }
cli-msg-cycle-row-annex = allegato
cli-msg-cycle-left = prima della chiusura restano: { $left }
cli-msg-annex-line = { $name } – { $size } byte – sha256 { $sha256 } – { $check }
cli-msg-annex-verified = verificato
cli-msg-annex-as-is = conservato così com'è, non verificato: { $why }

## phase

cli-msg-head-date = data
cli-msg-head-note = nota
cli-msg-phase-closed-with-act = triennio { $triennium } – ciclo chiuso il { DATE($date) } ({ $act })
cli-msg-phase-closed-without-act = triennio { $triennium } – ciclo chiuso il { DATE($date) } (senza atto)
cli-msg-phase-current = triennio { $triennium } – { $phase } (dal { DATE($since) })
cli-msg-phase-left = prima della fase successiva restano: { $left }
cli-msg-phase-closing-freezes = chiudere il ciclo { $triennium } congela { $suggestions ->
    [one] il suo contributo
   *[other] i suoi { $suggestions } contributi
 } con assi, collegamenti e risposte, e conserva { $cards ->
    [one] la sua scheda così com'è
   *[other] le sue { $cards } schede così come sono
 }; non si può tornare indietro
cli-msg-phase-closing-cover = la copertina della relazione riporterà: { $cover }
cli-msg-phase-closing-annexes = { $count ->
    [one] l'allegato indicato è confrontato con i dati del ciclo così come sono e conservato byte per byte
   *[other] i { $count } allegati indicati sono confrontati con i dati del ciclo così come sono e conservati byte per byte
 }
cli-msg-phase-closing-annexes-as-is = { $count ->
    [one] l'allegato indicato è confrontato con i dati del ciclo così come sono e conservato byte per byte; se non si può verificare è conservato così com'è, segnato "non verificato"
   *[other] i { $count } allegati indicati sono confrontati con i dati del ciclo così come sono e conservati byte per byte; quelli che non si possono verificare sono conservati così come sono, segnati "non verificato"
 }
cli-msg-phase-closing-question = Chiudere definitivamente il ciclo { $triennium }?
cli-msg-phase-not-closed = il ciclo non è stato chiuso
cli-msg-phase-advanced = triennio { $triennium }: { $from } → { $to } dal { DATE($date) }
cli-msg-phase-collection-closed = la raccolta si è chiusa il { DATE($date) }: i contributi inviati dopo contano come in ritardo{ $late ->
    [0] {""}
    [one] {" "}(1 lo è già)
   *[other] {" "}({ $late } lo sono già)
 }
cli-msg-phase-closed-act = con { $act }
cli-msg-phase-closed-no-act = senza atto
cli-msg-phase-closed = triennio { $triennium }: chiuso il { DATE($date) } { $act }; { $suggestions } contributi e le loro risposte sono ora in sola lettura, e le { $cards } schede sono conservate così come sono nell'istantanea del ciclo
cli-msg-phase-annex-kept = conservato l'allegato { $name } ({ $size } byte, sha256 { $sha256 }): { $flag }
cli-msg-phase-annexes-back = `agenda --cycle { $triennium } report --approved --out CARTELLA` li restituisce byte per byte
cli-msg-phase-closed-next = prossimo passo: apri il ciclo successivo con `agenda cycle open` (triennio { $triennium } se non indicato)
cli-msg-phase-back = triennio { $triennium }: tornato da { $from } a { $to }
cli-msg-phase-head-step = passaggio
cli-msg-phase-head-recorded = registrato il
cli-msg-phase-short = Fase { $number }
cli-msg-phase-step-open = apertura
cli-msg-phase-step-back = indietro: { $from } → { $to }
cli-msg-phase-step = { $from } → { $to }
cli-msg-phase-suggestions = contributi: { $count } ({ $answered } con risposta, { $unanswered } senza{ $untagged ->
    [0] {""}
   *[other] , { $untagged } senza asse
 })
cli-msg-phase-suggestions-late = ; raccolta chiusa il { DATE($date) }, { $late } in ritardo

## privacy

cli-msg-privacy-head-names = nomi
cli-msg-privacy-head-nicknames = nickname
cli-msg-privacy-head-emails = e-mail
cli-msg-privacy-head-urls = url
cli-msg-privacy-head-rows = righe come lette
cli-msg-privacy-head-purged = cancellati il
cli-msg-privacy-source-cells = { $triennium }: celle con dati personali nelle righe come lette: { $cells }
cli-msg-privacy-unfinished = la cancellazione dei dati personali di { $cycles } è a metà: i valori cancellati possono essere ancora nelle pagine libere del file o nel suo WAL; `agenda privacy purge` o `agenda check` la completano
cli-msg-privacy-backups = copie di sicurezza scritte da agenda: { $backups }
cli-msg-privacy-purgeable = cicli chiusi che hanno ancora dati personali: { $cycles }; cancellali con `agenda privacy purge --cycle AAAA-AAAA`
cli-msg-privacy-in-title = titolo: { $kinds }
cli-msg-privacy-in-reason = motivazione: { $kinds }
cli-msg-privacy-omissis = { $triennium }: { $reference } è pubblicato con [omissis] ({ $places }); { $mend }
cli-msg-privacy-mend-reason = correggi la motivazione con `agenda suggestion respond`
cli-msg-privacy-mend-title = dagli un titolo adatto con `agenda suggestion retitle { $reference } "…"`
cli-msg-privacy-none = il ciclo { $triennium } non ha dati personali; niente da cancellare
cli-msg-privacy-none-purged = il ciclo { $triennium } non ha dati personali (cancellati il { $at }); niente da cancellare
cli-msg-privacy-question = Cancellare per sempre i dati personali del ciclo { $triennium } ({ $names } nomi, { $nicknames } nickname, { $emails } e-mail, { $urls } url, { $rows } righe come lette)?
cli-msg-privacy-nothing-erased = nulla è stato cancellato
cli-msg-privacy-erased = cancellati i dati personali di { $people ->
    [one] 1 contributo
   *[other] { $people } contributi
 } del ciclo { $triennium } e svuotate { $rows ->
    [one] 1 riga come letta
   *[other] { $rows } righe come lette
 }; il file del database è stato riscritto
cli-msg-privacy-wal-busy = un altro comando ha continuato a leggere { $db } per più di { $seconds } s, quindi il suo file -wal può contenere ancora dati cancellati: la cancellazione risulta a metà; esegui `agenda privacy purge` o `agenda check` quando nessuno lo usa
cli-msg-privacy-copies = le copie di sicurezza accanto al database contengono ancora i dati personali: { $copies }; cancellale quando non servono più

## report

cli-msg-report-label-length = scrivi l'etichetta dell'allegato in 1-40 caratteri, per esempio "Allegato A"
cli-msg-report-label-chars = l'etichetta dell'allegato è una riga di testo, senza < > o "
cli-msg-report-excel-needs-csv = --excel è la variante degli allegati CSV: usalo con --format csv
cli-msg-report-csv-needs-out = --format csv scrive più file: indica la loro cartella con --out CARTELLA
cli-msg-report-wrote-file = scritto { $path }
cli-msg-report-wrote = scritta la relazione del ciclo { $triennium } in { $path }
cli-msg-report-wrote-draft = scritta la bozza della relazione del ciclo { $triennium } in { $path }
cli-msg-report-pdf-terminal = un PDF non è fatto per il terminale: indica il file con --out relazione.pdf, oppure mandalo in un file o in una pipe
cli-msg-report-draft-missing = la bozza elenca che cosa manca prima della relazione definitiva:
cli-msg-report-approved-written = { $count ->
    [one] scritto l'allegato approvato
   *[other] scritti i { $count } allegati approvati
 } del ciclo { $triennium }{ $unchecked ->
    [0] {""}
    [one] {" "}(1 conservato così com'è, non verificato)
   *[other] {" "}({ $unchecked } conservati così come sono, non verificati)
 } in { $dir }

## card

cli-msg-head-title = titolo
cli-msg-head-status = stato
cli-msg-head-ref = rif.
cli-msg-head-outcome = esito
cli-msg-card-added = aggiunta la scheda { $code } – { $title } ({ $axis }, { $status })
cli-msg-card-none = nessuna scheda
cli-msg-card-head-office = ufficio
cli-msg-card-head-timing = tempi
cli-msg-card-head-budget = importo
cli-msg-card-count = { $count ->
    [one] 1 scheda
   *[other] { $count } schede
 }
cli-msg-card-timing = { $start } → { $end }
cli-msg-card-timing-from = da { $start }
cli-msg-card-timing-by = entro { $end }
cli-msg-card-head-field = campo
cli-msg-card-head-value = valore
cli-msg-card-row-objectives = obiettivi
cli-msg-card-row-partners = partner
cli-msg-card-row-funding = finanziamento
cli-msg-card-row-agid = riferimenti AGID
cli-msg-card-row-indicators = indicatori
cli-msg-card-row-linked = contributi collegati
cli-msg-card-head-change = modifica
cli-msg-card-created = creata ({ $what })
cli-msg-card-change = { $field }: { $before } → { $after }
cli-msg-card-field = { $field ->
    [code] codice
    [title] titolo
    [axis] asse
    [status] stato
    [description] descrizione
    [objectives] obiettivi
    [office] ufficio
    [partners] partner
    [start] inizio
    [end] fine
    [budget] importo
    [funding] finanziamento
    [agid_refs] riferimenti AGID
    [indicators] indicatori
   *[other] { $field }
 }
cli-msg-card-empty = (vuoto)
cli-msg-card-history = Storia
cli-msg-card-linked = Contributi collegati
cli-msg-card-no-response = ancora senza risposta
cli-msg-card-edit-nothing = niente da cambiare: indica almeno un campo, per esempio --title o --office
cli-msg-card-unchanged = scheda { $code }: nulla è cambiato
cli-msg-card-changed = scheda { $code }: { $changes }
cli-msg-card-remove-question = togliere la scheda { $code } – { $title }?
cli-msg-card-remove-nothing = nulla è stato tolto
cli-msg-card-remove-cancelled = annullato: la scheda non è stata tolta
cli-msg-card-removed = tolta la scheda { $code }
cli-msg-card-imported = { $file }: { $read ->
    [one] 1 scheda letta
   *[other] { $read } schede lette
 }; { $created ->
    [one] 1 creata
   *[other] { $created } create
 }, { $updated ->
    [one] 1 aggiornata
   *[other] { $updated } aggiornate
 }, { $unchanged ->
    [one] 1 invariata
   *[other] { $unchanged } invariate
 }
cli-msg-card-import-dry-run = { $file }: { $read ->
    [one] 1 scheda letta
   *[other] { $read } schede lette
 }; { $created ->
    [one] 1 verrebbe creata
   *[other] { $created } verrebbero create
 }, { $updated ->
    [one] 1 verrebbe aggiornata
   *[other] { $updated } verrebbero aggiornate
 }, { $unchanged ->
    [one] 1 invariata
   *[other] { $unchanged } invariate
 } (prova: nulla è stato scritto)
cli-msg-card-exported = { $count ->
    [one] 1 scheda scritta
   *[other] { $count } schede scritte
 } in { $path }
cli-msg-confirm-keys = [s/N]
cli-msg-confirm-yes = sì
cli-msg-confirm-no = no
cli-msg-card-export-component-needs-decidim = --component e --only-known valgono per --format decidim-accountability
