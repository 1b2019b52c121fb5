# agenda triage: il giro interattivo dei contributi del ciclo, uno alla volta.

triage-needs-terminal = `agenda triage` è interattivo e ha bisogno di un terminale, ma lo standard input (o lo standard error) non lo è
triage-needs-terminal-hint = da uno script usa i comandi non interattivi: `agenda suggestion tag ID... ASSE...`, `agenda suggestion link ID SCHEDA`, `agenda suggestion respond ID... --outcome ESITO --reason TESTO [--card CODICE] [--duplicate-of ID]`, o molti insieme con `agenda suggestion respond --from FILE.csv`
triage-nothing = nessun contributo del ciclo { $triennium } corrisponde: niente da esaminare
triage-start = { $count ->
    [one] 1 contributo del ciclo { $triennium } da esaminare.
   *[other] { $count } contributi del ciclo { $triennium } da esaminare.
 } Ogni risposta è salvata appena data; Esc passa al menu.
triage-first = questo è il primo contributo
triage-all-seen = { $count ->
    [one] visto l'unico contributo
   *[other] visti tutti i { $count } contributi
 }
triage-done = esame: { $tags ->
    [one] 1 modifica agli assi
   *[other] { $tags } modifiche agli assi
 }, { $links ->
    [one] 1 collegamento
   *[other] { $links } collegamenti
 }, { $responses ->
    [one] 1 risposta salvata
   *[other] { $responses } risposte salvate
 }
triage-done-skipped = { $saved }; lasciati per dopo: { $skipped }
triage-disappeared = il contributo { $id } è sparito durante l'esame
triage-no-date = senza data
triage-withdrawn = ritirato
triage-axes-none = nessuno
triage-axis-by-rule = { $axis } (regola: { $words })
triage-axis-by = { $axis } ({ $origin })
triage-axis-origin = { $origin ->
    [source] dalla fonte
    [rule] regola
    [person] a mano
   *[other] { $origin }
 }
triage-axes = assi: { $axes }
triage-cards = schede: { $cards }
triage-response = risposta: { $outcome } — { $reason }
triage-similar = contributi simili che hanno già una risposta:
triage-ask-axes = Assi (spazio per spuntare, invio per confermare)
triage-no-card = (nessuna scheda)
triage-ask-card = Collega una scheda (scrivi per filtrare)
triage-skip-response = salta: per ora nessuna risposta
triage-ask-outcome = Esito
triage-ask-reason = Motivazione
triage-reason-empty = una risposta non è mai senza motivazione
triage-response-outcome = risposta “{ $outcome }”
triage-response-saved = { $response } salvata
triage-ask-covering-card = già previsto: quale scheda lo prevede già?
triage-ask-duplicate = duplicato: di quale contributo? (numero o riferimento)
triage-duplicate-itself = un contributo non può essere il duplicato di sé stesso
triage-duplicate-unknown = non c'è nessun contributo "{ $value }"
triage-menu = Poi
triage-menu-next = avanti
triage-menu-back = torna al contributo precedente
triage-menu-skip = salta: lascialo per dopo
triage-menu-quit = esci
