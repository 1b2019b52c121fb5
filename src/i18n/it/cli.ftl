args-lang = "{ $value }" non è una lingua dell'interfaccia: scrivi it (italiano) o en (inglese)
