# Il processo: i passaggi da una fase all'altra, la chiusura, il ciclo successivo, a che punto
# è un ciclo e che cosa fare dopo, gli allegati approvati, le impostazioni.

## Avanzare e chiudere

process-act-date-without-act = --act-date va insieme a --act: indica anche il numero della deliberazione, per esempio --act 12/2022 --act-date 2022-01-20
process-act-and-without-act = --act e --without-act si escludono a vicenda: scegline uno
process-annex-without-act = --annex va insieme a --act: si conservano gli allegati che la deliberazione ha approvato, per esempio --act 12/2022 --act-date 2022-01-20 --annex relazione.pdf
process-annex-as-is-without-annex = --annex-as-is va insieme a --annex, per esempio --annex relazione.pdf --annex-as-is
process-no-open-cycle = nessun ciclo è aperto: tutti i cicli sono chiusi
process-no-open-cycle-hint = apri il successivo con `agenda cycle open`
process-act-only-when-closing = --act e --without-act servono a chiudere il ciclo, dalla Fase 3, e così --annex; il ciclo { $triennium } è in { $phase }
process-remedy-respond = registra una risposta con la sua motivazione per ogni contributo che non ce l'ha
process-remedy-tag = assegna un asse a ogni contributo che non ne ha (`agenda suggestion tag PO-PROP-2021-10-5101 competenze`, oppure `agenda suggestion autotag`)
process-dated-after-the-closing = la data della chiusura
process-remedy-date = chiudi il giorno dell'ultimo invio o dopo (--date)
process-cannot-close = il ciclo { $triennium } non si può chiudere: { $problems }
process-cannot-close-hint = { $remedies }, poi chiudi di nuovo.{ $act_hint }
process-cannot-close-act-hint = Per chiudere serve anche la deliberazione che approva l'aggiornamento: --act 12/2022 --act-date 2022-01-20 (con il numero e la data della deliberazione), oppure --without-act.
process-closing-needs-act = il ciclo { $triennium } non può lasciare la Fase 3 e chiudersi senza indicare quale deliberazione approva l'aggiornamento
process-closing-needs-act-hint = indica la deliberazione della Giunta con --act e --act-date, per esempio --act 12/2022 --act-date 2022-01-20, oppure usa --without-act per chiudere senza

## Tornare indietro, aprire il ciclo successivo

process-back-needs-reason = per tornare indietro serve una motivazione: --reason TESTO
process-back-closed = il ciclo { $triennium } è chiuso{ $approved }: la chiusura non si può annullare, e i suoi contributi, risposte e schede restano come sono stati approvati
process-back-closed-hint = apri il ciclo successivo con `agenda cycle open`
process-back-nothing-to-undo = il ciclo { $triennium } è in { $phase } da quando è stato aperto: non c'è alcun passaggio da annullare
process-open-still-open = il ciclo { $triennium } è ancora aperto, in { $phase }: chiudilo prima di aprire il successivo
process-open-still-open-hint = dalla Fase 3, `agenda phase advance --act 12/2022 --act-date 2022-01-20` (con il numero e la data della deliberazione; oppure --without-act) lo chiude
process-no-cycle = il database non ha alcun ciclo
process-open-not-after-last = il triennio { $triennium } non viene dopo l'ultimo ciclo, { $last }
process-open-not-after-last-hint = il ciclo successivo del piano a scorrimento è { $next }
process-open-before-closing = il { DATE($date) } viene prima della chiusura del ciclo { $last } ({ DATE($closed_on) })
process-open-before-closing-hint = indica con --date quel giorno o uno successivo

## A che punto è un ciclo, che cosa manca, che cosa fare dopo

process-left-no-cards = l'Agenda non ha ancora schede progetto
process-left-act = la deliberazione che approva l'aggiornamento, da indicare alla chiusura (--act 12/2022 --act-date 2022-01-20, con il numero e la data della deliberazione, oppure --without-act)
process-have-no-axis = { $count ->
    [one] { $count } contributo non ha un asse
   *[other] { $count } contributi non hanno un asse
    }
process-have-no-response = { $count ->
    [one] { $count } contributo non ha una risposta
   *[other] { $count } contributi non hanno una risposta
    }
process-next-closed-with-act = con { $act }
process-next-closed-another-open = il ciclo { $triennium } si è chiuso{ $act } e si può solo consultare; il lavoro prosegue nel ciclo aperto { $open } (`agenda --cycle { $open } phase`)
process-next-closed-open-next = il ciclo { $triennium } è chiuso{ $act }: apri il successivo con `agenda cycle open` (triennio { $next } se non indicato)
process-next-add-cards = inserisci le schede progetto (`agenda card add` o `agenda card import schede.csv`), poi presenta l'Agenda e apri la raccolta dei contributi con `agenda phase advance`
process-next-present = presenta l'Agenda, poi apri la raccolta dei contributi (Fase 2) con `agenda phase advance`
process-next-import = importa i contributi man mano che arrivano (`agenda suggestion import contributi.csv`); `agenda phase advance` chiude la raccolta
process-next-collecting = { $count ->
    [one] { $count } contributo finora; quando la raccolta si chiude, `agenda phase advance` passa alla Fase 3
   *[other] { $count } contributi finora; quando la raccolta si chiude, `agenda phase advance` passa alla Fase 3
    }
process-next-missing-both = { $no_response } e { $no_axis }
process-next-respond = { $missing }: registra le risposte, ciascuna con la sua motivazione, e assegna gli assi ai contributi; la relazione definitiva e la chiusura richiedono una risposta e un asse per ogni contributo
process-next-answered-untagged = { $count ->
    [one] ogni contributo ha una risposta, ma { $count } contributo non ha ancora un asse: assegnalo (`agenda suggestion tag PO-PROP-2021-10-5101 competenze`), perché la relazione definitiva e la chiusura richiedono un asse per ogni contributo; poi scrivi la relazione e, quando la Giunta approva l'aggiornamento, chiudi il ciclo con `agenda phase advance --act 12/2022 --act-date 2022-01-20` (con il numero e la data della deliberazione; oppure `--without-act`)
   *[other] ogni contributo ha una risposta, ma { $count } contributi non hanno ancora un asse: assegnali (`agenda suggestion tag PO-PROP-2021-10-5101 competenze`), perché la relazione definitiva e la chiusura richiedono un asse per ogni contributo; poi scrivi la relazione e, quando la Giunta approva l'aggiornamento, chiudi il ciclo con `agenda phase advance --act 12/2022 --act-date 2022-01-20` (con il numero e la data della deliberazione; oppure `--without-act`)
    }
process-next-answered = ogni contributo ha una risposta; scrivi la relazione e, quando la Giunta approva l'aggiornamento, chiudi il ciclo con `agenda phase advance --act 12/2022 --act-date 2022-01-20` (con il numero e la data della deliberazione; oppure `--without-act`)

## Gli allegati indicati alla chiusura

process-annex-same-name = { $first } e { $second } hanno entrambi il nome { $name }: gli allegati di un ciclo si conservano e si restituiscono per nome
process-annex-same-name-hint = indica ogni allegato una volta sola, con un nome tutto suo
process-annex-no-such-file = il file non esiste
process-annex-permission-denied = permesso negato
process-annex-unreadable = l'allegato { $path } non si può leggere: { $why }
process-annex-unreadable-hint = indica il percorso di ogni file approvato dalla Giunta, per esempio --annex relazione.pdf relazione.md
process-annex-is-a-folder = l'allegato { $path } è una cartella, non un file
process-annex-is-a-folder-hint = indica i file stessi, per esempio --annex allegati/relazione.pdf allegati/esiti-contributi.csv
process-annex-too-large = l'allegato { $path } supera { $mib } MiB, la dimensione massima di un allegato
process-annex-too-large-hint = la relazione e i suoi allegati CSV sono molto più piccoli: controlla che sia proprio il file approvato dalla Giunta
process-annex-bad-name = l'allegato { $path } non ha un nome di file che lo strumento possa conservare (deve essere UTF-8)
process-annex-bad-name-hint = rinomina il file, per esempio relazione.pdf
process-annex-verified = verificato
process-annex-as-is = così com'è, non verificato: { $why }
process-annex-unverified = { $count ->
    [one] un allegato del ciclo { $triennium } non si può verificare, perciò non è stato conservato nulla e il ciclo non è stato chiuso: { $failed }
   *[other] { $count } allegati del ciclo { $triennium } non si possono verificare, perciò non è stato conservato nulla e il ciclo non è stato chiuso: { $failed }
    }
process-annex-unverified-hint = indica i file esattamente come agenda li ha scritti dai dati di questo ciclo: la relazione definitiva (senza --draft) e i suoi allegati CSV; --annex-as-is li conserva comunque, segnati "così com'è, non verificato"
# Perché un allegato non si può verificare. Il testo inglese è anche quello che il database
# conserva con un allegato accettato così com'è, qualunque sia la lingua.
process-annex-other-cycle = il suo timbro dice che è la relazione del ciclo { $stamp }, non del ciclo { $cycle }
process-annex-draft = è una bozza (BOZZA): la Giunta approva la relazione definitiva, scritta senza --draft
process-annex-other-version = è stato fatto da agenda { $made }, e questo è agenda { $current }: non si può verificare, perché solo la versione che ha fatto una relazione ne rifà gli stessi byte
process-annex-changed = i suoi byte sono diversi dalla relazione che i dati di questo ciclo danno con le opzioni del suo timbro: è stato modificato dopo essere stato fatto, o è stato fatto da altri dati
process-annex-foreign = non è una relazione fatta da agenda: non ha alcun timbro e non è nessuno degli allegati CSV (dati aperti o Excel) che i dati di questo ciclo danno

## Gli allegati approvati, restituiti

process-approved-out-is-a-file = { $path } è un file: --approved scrive tutti gli allegati del ciclo, perciò --out indica una cartella
process-approved-creating = creazione della cartella { $path }
process-approved-not-closed = il ciclo { $triennium } non è chiuso: i suoi allegati approvati si conservano alla chiusura
process-approved-not-closed-hint = quando la Giunta approva l'aggiornamento, chiudi il ciclo con `agenda phase advance --act 12/2022 --act-date 2022-01-20 --annex relazione.pdf …` (con il numero e la data della deliberazione); fino ad allora `agenda report` scrive la relazione
process-approved-none-stored = il ciclo { $triennium } è stato chiuso{ $approved } senza conservare i suoi allegati approvati
process-approved-none-stored-hint = `agenda report` scrive di nuovo la relazione dai dati; gli allegati si conservano solo alla chiusura (`phase advance --annex`)
process-approved-damaged = l'allegato { $name } del ciclo { $triennium } non corrisponde più allo SHA-256 registrato quando è stato conservato ({ $sha256 }): il database è stato danneggiato o modificato, e non è stato scritto alcun file
process-approved-damaged-hint = esegui `agenda check` e fai il ripristino da una copia di sicurezza presa dopo la chiusura (per esempio `agenda restore /mnt/backup/agenda-2022-01-20.db`)
process-approved-bad-name = un allegato conservato si chiama "{ $name }", che non è un semplice nome di file: il database è stato modificato, e non è stato scritto alcun file
process-approved-bad-name-hint = esegui `agenda check` e fai il ripristino da una copia di sicurezza (per esempio `agenda restore /mnt/backup/agenda-2022-01-20.db`)

## Le impostazioni

process-config-empty = { $key ->
    [municipality] il nome del comune (municipality) non può essere vuoto
   *[other] il nome dell'ufficio (office) non può essere vuoto
    }
process-config-municipality-empty-hint = scrivi il suo nome, per esempio "Comune di Prato"
process-config-office-empty-hint = per togliere l'ufficio, usa `agenda config unset office`
process-config-one-line = { $key ->
    [municipality] il nome del comune (municipality) sta su una riga della copertina della relazione: scrivilo senza a capo né tabulazioni
   *[other] il nome dell'ufficio (office) sta su una riga della copertina della relazione: scrivilo senza a capo né tabulazioni
    }
process-config-municipality-required = il comune non si può togliere: la copertina della relazione lo nomina
process-config-municipality-required-hint = indicane un altro con `agenda config set municipality "Comune di Prato"`
