# I comandi `agenda suggestion …`: elenchi, scheda del contributo, importazioni, assi, risposte.

## suggestion list

sugg-search-indexed = indicizzati { $count } contributi per la ricerca
sugg-search-windowed = più di { $window } contributi corrispondono: i migliori mostrati sono tra i { $window } più recenti; aggiungi una parola per restringere la ricerca
sugg-list-none = nessun contributo corrisponde
sugg-list-col-ref = rif.
sugg-list-col-title = titolo
sugg-list-col-date = data
sugg-list-col-axes = assi
sugg-list-col-state = stato
sugg-list-col-outcome = esito
sugg-list-withdrawn = ritirato
sugg-list-count = { $count ->
    [one] 1 contributo
   *[other] { $count } contributi
 }
sugg-list-page = più di { $count } contributi: --limit N per vederne altri, --format csv per averli tutti

## suggestion show

sugg-show-unknown = non c'è nessun contributo "{ $id }"
sugg-show-unknown-hint = `agenda suggestion list` mostra numeri e riferimenti
sugg-show-col-field = campo
sugg-show-col-value = valore
sugg-show-reason = motivazione
sugg-show-earlier-response = risposta precedente ({ $at }, { $user })
sugg-show-personal-data = dati personali (da non pubblicare)
sugg-show-axis-origin-source = dalla fonte
sugg-show-axis-origin-rule = regola
sugg-show-axis-origin-person = a mano
sugg-show-yes = sì
sugg-show-no = no
sugg-show-number = numero
sugg-show-reference = riferimento
sugg-show-cycle = ciclo
sugg-show-title = titolo
sugg-show-published-title = titolo pubblicato
sugg-show-title-above = quello qui sopra
sugg-show-body = testo
sugg-show-stakeholder = tipo di proponente
sugg-show-channel = canale
sugg-show-submitted = inviato il
sugg-show-axes = assi
sugg-show-source-state = stato sulla piattaforma
sugg-show-withdrawn = ritirato
sugg-show-supports = sostegni / adesioni / commenti
sugg-show-url = indirizzo
sugg-show-decidim-id = id Decidim / componente
sugg-show-amendment = emendamento
sugg-show-amendment-of = sì, di { $of }
sugg-show-outcome = esito
sugg-show-no-response = ancora nessuna risposta
sugg-show-cards = schede
sugg-show-imported-from = importato da
sugg-show-imported-from-value = { $file }:{ $line } (importazione n. { $batch })

## suggestion batches

sugg-batches-col-batch = n.
sugg-batches-col-cycle = ciclo
sugg-batches-col-file = file
sugg-batches-col-when = quando
sugg-batches-col-who = chi
sugg-batches-col-format = formato
sugg-batches-col-encoding = codifica
sugg-batches-col-read = letti
sugg-batches-col-inserted = nuovi
sugg-batches-col-updated = agg.
sugg-batches-col-unchanged = uguali
sugg-batches-col-rejected = scart.
sugg-batches-rejected-row = importazione n. { $batch }: { $file }:{ $line }: { $reason }

## suggestion import

sugg-import-progress-eta = { $eta } al termine
sugg-import-progress-rows = { $rows } righe, { $rate } righe/s
sugg-import-col-file = file
sugg-import-col-batch = n.
sugg-import-col-format = formato
sugg-import-col-encoding = codifica
sugg-import-col-delimiter = separ.
sugg-import-col-read = letti
sugg-import-col-inserted = nuovi
sugg-import-col-updated = aggiornati
sugg-import-col-unchanged = invariati
sugg-import-col-rejected = scartati
sugg-import-already-imported = { $file }: già importato come importazione n. { $batch } ({ $name }, { $at }), niente da fare
sugg-import-rejected-row = scartata: { $row }
sugg-import-dry-run = prova: nulla è stato scritto

## suggestion respond, export-answers, similar

sugg-respond-dry-run-needs-from = --dry-run va con --from FILE.csv: una risposta data sulla riga di comando è scritta subito
sugg-respond-no-ids = indica i contributi a cui rispondere (numeri o riferimenti), oppure --from FILE.csv
sugg-respond-no-outcome = una risposta vuole --outcome ({ $valid })
sugg-respond-summary = { $new ->
    [one] 1 risposta nuova
   *[other] { $new } risposte nuove
 }, { $changed ->
    [one] 1 cambiata
   *[other] { $changed } cambiate
 } (le precedenti restano nella cronologia), { $unchanged ->
    [one] 1 invariata
   *[other] { $unchanged } invariate
 }
sugg-respond-axes-added = , { $count ->
    [one] 1 asse assegnato
   *[other] { $count } assi assegnati
 }
sugg-dry-run-suffix = ; prova: nulla è stato scritto
sugg-answers-format-needs-history = --format { $format } elenca la cronologia: aggiungi --history, oppure lascia --format decidim per le risposte
sugg-answers-would-write = { $count ->
    [one] si scriverebbe 1 risposta
   *[other] si scriverebbero { $count } risposte
 } per il componente Decidim { $component }
sugg-answers-wrote = { $count ->
    [one] scritta 1 risposta
   *[other] scritte { $count } risposte
 } per il componente Decidim { $component }
sugg-answers-wrote-to = { $count ->
    [one] scritta 1 risposta
   *[other] scritte { $count } risposte
 } per il componente Decidim { $component } in { $path }
sugg-answers-nothing-new = componente { $component }: ogni risposta è già stata inviata così com'è ora; --all le invia di nuovo
sugg-answers-left-out = { $count ->
    [one] 1 contributo di Decidim escluso
   *[other] { $count } contributi di Decidim esclusi
 }: { $reasons }
sugg-answers-how-to-import = importa ogni file in Decidim dal componente delle sue proposte, con l'importazione delle risposte da file (nell'interfaccia inglese: Proposals → Import → "Import answers from a file")
sugg-answers-dry-run = prova: nulla è stato scritto né registrato
sugg-answers-none-yet = nessuna risposta esportata finora: `agenda suggestion export-answers --out FOLDER/` le scrive
sugg-answers-col-cycle = ciclo
sugg-answers-col-when = quando
sugg-answers-col-who = chi
sugg-answers-col-component = comp.
sugg-answers-col-rows = righe
sugg-answers-col-file = file
sugg-answers-rows-all = { $rows } tutte
sugg-answers-stdout = stdout
sugg-similar-none = nessun contributo simile
sugg-similar-col-score = punti

## suggestion tag, untag, autotag, link, unlink, retitle

sugg-tag-done = { $count ->
    [one] 1 asse assegnato
   *[other] { $count } assi assegnati
 } ({ $unchanged ->
    [one] 1 già presente
   *[other] { $unchanged } già presenti
 })
sugg-untag-done = { $count ->
    [one] 1 asse tolto
   *[other] { $count } assi tolti
 } ({ $unchanged ->
    [one] 1 già assente
   *[other] { $unchanged } già assenti
 })
sugg-autotag-col-axis = asse
sugg-autotag-col-words = deciso da
sugg-autotag-more = { $count ->
    [one] … e un altro (--limit, oppure --format json per averli tutti)
   *[other] … e altri { $count } (--limit, oppure --format json per averli tutti)
 }
sugg-autotag-done = assi assegnati a { $tagged ->
    [one] 1 contributo
   *[other] { $tagged } contributi
 } su { $examined } senza asse ({ $tags ->
    [one] 1 asse
   *[other] { $tags } assi
 })
sugg-autotag-would = si assegnerebbero assi a { $tagged ->
    [one] 1 contributo
   *[other] { $tagged } contributi
 } su { $examined } senza asse ({ $tags ->
    [one] 1 asse
   *[other] { $tags } assi
 })
sugg-link-done = { $id } collegato alla scheda { $card }
sugg-link-already = { $id } era già collegato alla scheda { $card }
sugg-unlink-done = { $id } scollegato dalla scheda { $card }
sugg-unlink-not-linked = { $id } non era collegato alla scheda { $card }
sugg-retitle-done = { $id }: pubblicato come "{ $title }"
sugg-retitle-source = { $id }: di nuovo pubblicato con il titolo della fonte
