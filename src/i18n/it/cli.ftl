args-lang = "{ $value }" non è una lingua dell'interfaccia: scrivi it (italiano) o en (inglese)

cli-msg-demo-dir-in-use = la cartella { $dir } esiste già e non è vuota: la demo non vi scrive
cli-msg-demo-dir-in-use-hint = indica con --dir una cartella nuova, oppure ometti --dir per usarne una temporanea
