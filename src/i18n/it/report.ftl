# I messaggi della relazione a chi esegue il comando: i rifiuti, le condizioni della relazione
# definitiva, i file che servono. La relazione stessa è in italiano in entrambe le lingue.

report-blocker-phase = il ciclo è in { $phase }: la relazione definitiva si scrive in Fase 3, chiusa la raccolta dei contributi
report-blocker-date-of = la data della relazione
report-needs-date = la relazione definitiva del ciclo aperto { $triennium } vuole la data che porta: --date AAAA-MM-GG
report-needs-date-hint = la data non si prende dall'orologio, perché gli stessi dati diano la stessa relazione; la relazione di un ciclo chiuso porta la data della chiusura
report-not-yet = la relazione definitiva del ciclo { $triennium } non si può ancora produrre: { $blockers }
report-not-yet-hint = registra ciò che manca (`agenda phase` dice cosa resta da fare), oppure scrivi una bozza con --draft: è segnata BOZZA ed elenca ciò che manca
report-csv-needs-out = gli allegati CSV sono più file: scrivili con --out CARTELLA
report-csv-out-is-file = { $path } è un file: --format csv scrive più file, quindi --out indica una cartella
report-thread-stopped = la scrittura della relazione si è interrotta

report-pdf-too-big = il ciclo ha { $count } contributi: un PDF ne contiene al massimo { $max } (si compone tutto insieme, in memoria)
report-pdf-too-big-hint = scrivi la relazione in HTML (--format html) e le risposte come allegato CSV (--format csv --out CARTELLA)
report-pdf-source-path = il percorso del sorgente della relazione: { $error }
report-pdf-typesetting = composizione della relazione
report-pdf-standards = gli standard PDF: { $error }
report-pdf-writing = scrittura della relazione in PDF/A-2a
report-pdf-date-invalid = la data della relazione "{ $date }" non è nel formato AAAA-MM-GG
report-pdf-date-range = la data della relazione "{ $date }" è fuori dall'intervallo ammesso
