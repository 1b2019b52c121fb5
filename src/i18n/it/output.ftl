# Le tabelle per le persone: cosa resta fuori quando il terminale è stretto.

output-hidden-columns = { $count ->
        [one] in { $width } colonne non entra: { $columns } (--format csv la mostra)
       *[other] in { $width } colonne non entrano: { $columns } (--format csv le mostra)
    }
