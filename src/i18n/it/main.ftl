# Le parole comuni dell'interfaccia: prefissi dei messaggi, errori d'uso della riga di comando,
# le parole di clap nell'aiuto.

error-prefix = errore:
error-caused-by = causa: { $cause }
error-hint = suggerimento: { $hint }
warning-prefix = attenzione:

cli-usage-heading = Uso:
cli-usage-options = [OPZIONI]
cli-heading-commands = Comandi
cli-heading-arguments = Argomenti
cli-heading-options = Opzioni
cli-value-command = COMANDO
cli-help-flag = Mostra questo aiuto
cli-version-flag = Mostra la versione
cli-help-command = Mostra l'aiuto di agenda o di un suo comando
cli-note-values = valori: { $values }
cli-note-default = predefinito: { $value }
cli-note-env = variabile d'ambiente: { $name }

usage-invalid-value = il valore "{ $value }" non è valido per { $arg } (valori ammessi: { $valid })
usage-missing-value = manca il valore di { $arg }
usage-unknown-argument = l'opzione { $arg } non esiste
usage-unknown-command = il comando "{ $name }" non esiste
usage-no-equals = { $arg } vuole il valore dopo un "=": { $arg }=VALORE
usage-bad-value = il valore "{ $value }" non va bene per { $arg }: { $reason }
usage-too-many-values = "{ $value }" è un valore di troppo per { $arg }
usage-wrong-number-of-values = { $arg } ha un numero di valori sbagliato
usage-conflict = { $arg } non si può usare insieme a { $other }
usage-missing-argument = manca { $arg }, che è obbligatorio
usage-missing-command = manca il comando da eseguire
usage-not-utf8 = un argomento non è testo UTF-8 valido
usage-did-you-mean = forse intendevi: { $value }
usage-more-help = Per l'aiuto: --help
