# Il registro di attuazione: avanzamento e traguardi delle schede.

ledger-date-after-today = il { DATE($date) } è dopo oggi: il registro annota ciò che è avvenuto
ledger-progress-recorded = scheda { $card }: avanzamento { $previous } → { $percent } % al { DATE($date) }
ledger-offer-conclusa = La scheda { $card } è al 100 %: segnarla conclusa?
ledger-offer-conclusa-hint = la scheda { $card } è al 100 %: `agenda card status { $card } conclusa` la segna conclusa
ledger-concluded = scheda { $card }: stato conclusa
ledger-concluded-note = al 100 %
ledger-milestone-added = scheda { $card }: traguardo { $id } "{ $title }" { $reached ->
        [yes] raggiunto il { DATE($date) }
       *[other] previsto per il { DATE($date) }
    }
ledger-milestone-unknown = non c'è un traguardo { $id }
ledger-milestone-unknown-hint = `agenda card milestone list` mostra i loro numeri
ledger-milestone-edited = traguardo { $id } della scheda { $card } modificato
ledger-milestone-unchanged = traguardo { $id }: niente da cambiare
ledger-milestone-reached = scheda { $card }: traguardo { $id } "{ $title }" raggiunto il { DATE($date) }
ledger-milestone-removed = scheda { $card }: traguardo { $id } "{ $title }" tolto
ledger-milestone-state-reached = raggiunto il { DATE($date) }
ledger-milestone-state-planned = previsto
ledger-milestone-state-late = in ritardo
ledger-milestone-none = nessun traguardo
ledger-milestone-count = { $count ->
        [one] 1 traguardo
       *[other] { $count } traguardi
    }
ledger-milestones = Tappe
ledger-head-card = scheda
ledger-head-date = data
ledger-head-milestone = traguardo
ledger-head-state = stato
ledger-row-progress = avanzamento
ledger-progress-shown = { $percent } % ({ DATE($date) })
ledger-progress-none = non registrato

ledger-indicator-name-bad = un indicatore richiede un nome, su una riga
ledger-indicator-recorded = scheda { $card }: { $indicator }
ledger-indicator-last = { $value }{ $unit } ({ $date })
ledger-indicator-not-measured = non ancora misurato
ledger-indicator-baseline = base { $value }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }
ledger-indicator-target = obiettivo { $value }{ $date ->
        [none] {""}
       *[other] {" "}entro il { $date }
    }

ledger-ending-row = a che punto è la sua scheda
ledger-ending-card = { $card } – { $status }, { $percent } % ({ $date })
ledger-ending-card-no-progress = { $card } – { $status }, nessun avanzamento registrato
ledger-ending-last = ultimo traguardo: { $title } ({ $date })
ledger-ending-next = prossimo: { $title } ({ $date })

ledger-file-no-column = { $at }: manca la colonna { $what ->
        [code] del codice della scheda
       *[other] dell'avanzamento
    }; le colonne sono: { $columns }
ledger-file-columns-hint = un file di avanzamento ha le colonne Codice (o code), Avanzamento (o progress) e, se servono, Data (date) e Nota (note)
ledger-file-date-bad = "{ $value }" non è una data: scrivila come gg/mm/aaaa o aaaa-mm-gg
ledger-file-no-card = non c'è una scheda "{ $code }"
ledger-file-recorded = { $count ->
        [one] 1 avanzamento registrato
       *[other] { $count } avanzamenti registrati
    } da { $file }{ $dry_run ->
        [yes] {""}; prova: nulla è stato scritto
       *[other] {""}
    }
ledger-file-at-100 = { $count ->
        [one] al 100 % ma non conclusa: { $cards } (`agenda card status CODICE conclusa` la conclude)
       *[other] al 100 % ma non concluse: { $cards } (`agenda card status CODICE conclusa` conclude ciascuna)
    }

ledger-percent = { $value } %
ledger-results-progress-bad = l'avanzamento "{ $value }" non è un numero: Decidim lo scrive come 60 o 46.33
ledger-results-progress-range = l'avanzamento "{ $value }" è fuori da 0–100
ledger-results-id-bad = { $column } "{ $value }" non è un id di Decidim (solo cifre)
ledger-results-updated-bad = updated_at "{ $value }" non è una data
ledger-results-not-results = { $at }: non è un'esportazione dei risultati di Decidim (manca id con title/…, status/id o external_id); le colonne sono: { $columns }
ledger-results-not-results-hint = esporta i risultati del componente Accountability dall'amministrazione di Decidim (Esporta → Risultati come CSV), oppure dai il foglio di avanzamento dell'ufficio a `agenda card progress --from FILE`
ledger-results-no-component = { $file } non ha la colonna component/id: indica di quale componente Accountability è
ledger-results-no-component-hint = aggiungi --component ID (il numero dopo /f/ nell'indirizzo del componente su Decidim)
ledger-results-other-component = il risultato è del componente { $row }, non del --component { $given }
ledger-results-row-no-component = la riga non ha component/id: aggiungi --component ID
ledger-results-card-twice = la scheda { $card } è già il risultato della riga { $line }: una scheda è un solo risultato di un componente
ledger-results-kept-undated = la scheda ha { $percent } % al { DATE($date) }, e l'esportazione non dice quando è stato dato il valore di Decidim (Decidim prima della 0.30): resta quello della scheda; se è più recente quello di Decidim, registralo con `agenda card progress`
ledger-progress-from-results-hint = `agenda card import-results { $file } --component ID` lo legge (con --map se serve)
ledger-results-kept-newer = la scheda ha { $percent } % al { DATE($date) }, un valore più recente
ledger-results-note = da Decidim (componente { $component }, risultato { $id })
ledger-results-conflict = il risultato { $id } corrisponde alla scheda { $learned }, ma il suo external_id è { $code }: indica quale con --map { $code }={ $id } o --map { $learned }={ $id }
ledger-map-unreadable = non riesco a leggere il file di abbinamenti { $file }: { $error }
ledger-map-neither = --map { $value }: non c'è un file con questo nome, e non è SCHEDA=ID_RISULTATO
ledger-map-hint = scrivi --map SEM-01=70 (la scheda SEM-01 è il risultato 70), --map conclusa=9 (lo stato 9 vuol dire conclusa), o un file di righe così
ledger-map-line-bad = "{ $line }" non è SCHEDA=ID_RISULTATO né STATO=ID_STATO
ledger-map-id-bad = "{ $value }" non è un id di Decidim (solo cifre)
ledger-map-result-twice = il risultato { $id } è già della scheda { $card }
ledger-map-left-bad = "{ $value }" non è né il codice di una scheda né uno stato di scheda
ledger-export-which-component = si conoscono i risultati di più componenti Accountability ({ $components }): indica per quale è il file
ledger-export-which-component-hint = aggiungi --component ID
ledger-head-line = riga
ledger-head-result = risultato
ledger-head-matched-by = abbinata per
ledger-head-progress-change = scheda → Decidim
ledger-head-outcome = esito
ledger-matched-by = { $by ->
        [map] --map
        [id] id del risultato
        [external_id] external_id
       *[title] titolo
    }
ledger-results-kept-why = riga { $line } ({ $card }): { $reason }
ledger-results-recorded = registrato
ledger-results-unchanged = invariato
ledger-results-no-progress = assente su Decidim
ledger-results-kept = resta la scheda
ledger-results-not-matched = nessuna scheda
ledger-results-summary = { $file }: { $read ->
        [one] 1 riga
       *[other] { $read } righe
    }, { $matched } abbinate a schede, { $learned ->
        [one] 1 id di risultato appreso
       *[other] { $learned } id di risultato appresi
    }, { $recorded ->
        [one] 1 avanzamento registrato
       *[other] { $recorded } avanzamenti registrati
    }{ $dry_run ->
        [yes] {" "}(prova: nulla è stato scritto)
       *[other] {""}
    }
ledger-results-unmatched = { $count ->
        [one] 1 risultato non è di nessuna scheda (riga { $lines }): lasciato com'era
       *[other] { $count } risultati non sono di nessuna scheda (righe { $lines }): lasciati com'erano
    }; --map SCHEDA=ID_RISULTATO dice di quale scheda è
ledger-results-status = componente { $component }: lo stato { $id } ({ $named }) vuol dire { $status } (per { $by ->
        [map] --map
        [key] la sua chiave
        [name] il suo nome
       *[known] quanto già noto
    })
ledger-results-status-unknown = componente { $component }: lo stato { $id } ({ $named }) non corrisponde ancora a uno stato di scheda: --map STATO={ $id } dice quale
ledger-export-written = { $count ->
        [one] 1 scheda scritta
       *[other] { $count } schede scritte
    } in { $path } per Decidim{ $component ->
        [none] {""}
       *[other] {" "}(componente { $component })
    }
ledger-export-to-create = Decidim creerà { $count ->
        [one] 1 nuovo risultato
       *[other] { $count } nuovi risultati
    }, per le schede senza id di risultato noto: { $cards }
ledger-export-to-create-hint = quando Decidim avrà importato il file, esportane i risultati (Esporta → Risultati come CSV) e dalli ad `agenda card import-results`: la prossima esportazione li aggiornerà
ledger-export-status-unknown = "{ $status }" non ha uno stato noto sul componente: { $cards } { $count ->
        [one] tiene quello del suo risultato
       *[other] tengono quello dei loro risultati
    } (o nessuno)
ledger-export-status-hint = `agenda card import-results FILE --map STATO=ID_STATO` dice quale stato di Decidim corrisponde a uno stato di scheda
ledger-export-weights-reset = l'importatore di Decidim azzera il peso dei risultati che aggiorna (il CSV non lo ha), che pesa l'avanzamento del loro risultato padre: { $cards }
ledger-export-proposals-cut = l'importatore di Decidim collega a un risultato una sola proposta, la prima di proposal_ids; { $count ->
        [one] una scheda ne ha altre
       *[other] { $count } schede ne hanno altre
    }, da collegare dalla scheda del risultato su Decidim: { $others }
