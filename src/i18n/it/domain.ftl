# Le regole del dominio: gli elenchi del glossario, i cicli, la deliberazione, le risposte, le
# schede, le regole per parole chiave, le colonne dei file che l'importazione legge.

## Gli elenchi chiusi del glossario

domain-what-axis = asse
domain-what-status = stato
domain-what-stakeholder-type = tipo di proponente
domain-what-channel = canale
domain-what-outcome = esito
domain-unknown-term = { $what } sconosciuto: "{ $input }"; valori ammessi: { $valid }
domain-did-you-mean = forse intendevi "{ $value }"?

## I cicli

domain-triennium-bad = "{ $input }" non è un triennio: scrivilo come AAAA-AAAA, tre anni, per esempio 2022-2024
domain-approved-with = (approvato con { $act })
domain-cycle-read-only = il ciclo { $triennium } è chiuso{ $approved }: i suoi contributi, assi, collegamenti e risposte non si possono più modificare
domain-cycle-read-only-hint = lavora sul ciclo aperto; `agenda cycle list` mostra i cicli

## Ciò che impedisce la chiusura o la relazione definitiva

domain-unanswered = { $count ->
    [one] { $count } contributo su { $of } non ha una risposta: { $list }
   *[other] { $count } contributi su { $of } non hanno una risposta: { $list }
    }
domain-untagged = { $count ->
    [one] { $count } contributo su { $of } non ha un asse: { $list }
   *[other] { $count } contributi su { $of } non hanno un asse: { $list }
    }
domain-dated-after = { $count ->
    [one] { $count } contributo su { $of } ha una data successiva al { DATE($date) }, { $of_what }{ DATE($latest) }: { $list }
   *[other] { $count } contributi su { $of } hanno una data successiva al { DATE($date) }, { $of_what }{ DATE($latest) }: { $list }
    }
domain-dated-after-latest = (il più recente è del { DATE($latest) })
domain-listed-and-more = { $shown } e altri { $more }

## Le date dei passaggi, la deliberazione

domain-step-before-phase = il { DATE($date) } viene prima dell'inizio della fase in corso ({ DATE($since) })
domain-step-before-phase-hint = i passaggi vanno avanti nel tempo: indica con --date quel giorno o uno successivo
domain-step-after-today = il { DATE($date) } è dopo oggi ({ DATE($today) }): un passaggio del processo si registra quando avviene
domain-step-after-today-hint = indica con --date oggi o un giorno passato, oppure omettila per usare la data di oggi
domain-act-bad = --act "{ $input }": scrivi il numero e l'anno della deliberazione, per esempio --act 12/2022 (oppure "DGC 12/2022")
domain-act-needs-date = --act { $number }/{ $year } richiede la data della deliberazione: --act-date AAAA-MM-GG (per esempio --act-date 2022-01-20)
domain-act-date-bad = --act-date "{ $date }" non è una data (AAAA-MM-GG, per esempio 2022-01-20)
domain-act-year-mismatch = la deliberazione { $number }/{ $year } ha data { DATE($date) }: il numero di una deliberazione si conta nell'anno della sua data
domain-act-year-mismatch-hint = controlla il numero e la data sulla deliberazione
domain-act-before-fase-3 = la deliberazione ha data { DATE($date) }, prima dell'inizio della Fase 3 ({ DATE($since) }): non può approvare questo aggiornamento
domain-act-before-fase-3-hint = controlla --act-date
domain-act-after-closing = la deliberazione ha data { DATE($date) }, dopo la chiusura ({ DATE($closing) }): la chiusura va fatta il giorno della deliberazione o dopo

## Le risposte

domain-response-needs-reason = una risposta richiede una motivazione (--reason): dar conto di ogni scelta è lo scopo della Fase 3
domain-response-needs-card = gia-previsto richiede la scheda che già comprende il contributo (--card CODICE)
domain-response-needs-duplicate = duplicato richiede il contributo di cui è un doppione (--duplicate-of ID)
domain-response-stray-duplicate = --duplicate-of si usa solo con l'esito duplicato

## Le schede

domain-card-needs-code = una scheda richiede un codice
domain-card-code-bad = il codice di scheda "{ $code }" ha spazi all'inizio o alla fine o caratteri di controllo
domain-card-needs-title = la scheda { $code } richiede un titolo
domain-card-end-before-start = scheda { $code }: la fine { $end } viene prima dell'inizio { $start }
domain-month-bad = "{ $input }" non è un mese: scrivilo come AAAA-MM (per esempio 2022-03)
domain-budget-bad = "{ $input }" non è un importo in euro: scrivi per esempio 120000, 120000.50, 120.000,50 o € 1.500,00

## Le regole per parole chiave

domain-keyword-empty = "{ $written }" non è una parola chiave: scrivi una parola, una frase o una radice che finisce con * (per esempio anzian*)
domain-keyword-stem-too-short = la radice "{ $written }" è troppo corta: troverebbe troppe parole; scrivi almeno 3 lettere
domain-default-rules = le regole predefinite: { $error }

## Le colonne di un file importato

domain-map-unknown-field = --map: il campo "{ $name }" non esiste; i campi sono: { $fields }
domain-map-bad = --map "{ $value }": scrivilo come CAMPO=INTESTAZIONE, per esempio --map title="Oggetto della proposta"
domain-map-no-title-nor-body = { $header_at }: nessuna colonna contiene un titolo o un testo; le colonne sono: { $columns }
domain-map-no-title-nor-body-hint = l'importazione riconosce (maiuscole o minuscole, con o senza accenti): { $expected }, title/it e body/it (o un'altra lingua); altrimenti indica la colonna con --map title="…" o --map body="…"
domain-map-no-such-column = --map: { $name } non ha la colonna "{ $header }"; le sue colonne sono: { $columns }

# Le righe di un'importazione: cosa non va in una riga.
domain-row-no-title-body = né un titolo né un testo
domain-row-not-a-date-example = la colonna { $column } non contiene una data (ad es. 02/05/2022, 2022-05-02 o 2022-05-02 15:44:00 +0100)
domain-row-not-a-date = la colonna { $column } non contiene una data
domain-row-not-a-number = la colonna { $column } non contiene un numero
domain-row-proposal-id-not-a-number = la colonna { $column } non contiene un numero: le proposte di Decidim hanno id numerici
domain-row-component-id-not-a-number = la colonna { $column } non contiene un numero: i componenti di Decidim hanno id numerici
domain-row-duplicate-key-at = la chiave "{ $key }" compare di nuovo (è già in { $place }): un contributo per riga
domain-row-duplicate-key = la chiave "{ $key }" compare di nuovo (c'è già in una riga precedente): un contributo per riga

# La regola del registro: lo stato di una scheda e il suo avanzamento.
domain-percent-bad = "{ $value }" non è un avanzamento: scrivi un numero intero da 0 a 100 (60 o 60%)
domain-progress-conclusa = la scheda { $code } è conclusa, quindi è al 100 %: non può scendere a { $percent } %
domain-progress-conclusa-hint = se il lavoro è ripreso, cambiane prima lo stato (`agenda card status { $code } in-corso`)
domain-progress-sospesa = la scheda { $code } è sospesa: { $last ->
        [none] resta senza avanzamento finché non riprende
       *[other] resta al suo ultimo avanzamento ({ $last } %)
    }
domain-progress-sospesa-hint = riprendila prima (`agenda card status { $code } in-corso`), poi registra l'avanzamento
domain-milestone-title-bad = un traguardo richiede un titolo, su una riga
domain-indicator-value-bad = "{ $value }" non è un valore: scrivi un numero come 12500, 12.500 o 3,5
