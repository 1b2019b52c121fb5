# Il registro di attuazione: avanzamento e tappe delle schede.

ledger-date-after-today = il { DATE($date) } è dopo oggi: il registro annota ciò che è avvenuto
ledger-progress-recorded = scheda { $card }: avanzamento { $previous } → { $percent } % al { DATE($date) }
ledger-offer-conclusa = La scheda { $card } è al 100 %: segnarla conclusa?
ledger-offer-conclusa-hint = la scheda { $card } è al 100 %: `agenda card status { $card } conclusa` la segna conclusa
ledger-concluded = scheda { $card }: stato conclusa
ledger-concluded-note = al 100 %
ledger-milestone-added = scheda { $card }: tappa { $id } "{ $title }" { $reached ->
        [yes] raggiunta il { DATE($date) }
       *[other] prevista per il { DATE($date) }
    }
ledger-milestone-unknown = non c'è una tappa { $id }
ledger-milestone-unknown-hint = `agenda card milestone list` mostra i loro numeri
ledger-milestone-edited = tappa { $id } della scheda { $card } modificata
ledger-milestone-unchanged = tappa { $id }: niente da cambiare
ledger-milestone-reached = scheda { $card }: tappa { $id } "{ $title }" raggiunta il { DATE($date) }
ledger-milestone-removed = scheda { $card }: tappa { $id } "{ $title }" tolta
ledger-milestone-state-reached = raggiunta il { DATE($date) }
ledger-milestone-state-planned = prevista
ledger-milestone-state-late = in ritardo
ledger-milestone-none = nessuna tappa
ledger-milestone-count = { $count ->
        [one] 1 tappa
       *[other] { $count } tappe
    }
ledger-milestones = Tappe
ledger-head-card = scheda
ledger-head-date = data
ledger-head-milestone = tappa
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
ledger-ending-last = ultima tappa: { $title } ({ $date })
ledger-ending-next = prossima: { $title } ({ $date })

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
