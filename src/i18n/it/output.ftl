# Le tabelle per le persone: cosa resta fuori quando il terminale è stretto.

output-hidden-columns = { $count ->
        [one] in { $width } colonne di terminale non entra la colonna { $columns }: la mostrano una finestra più larga o --format csv
       *[other] in { $width } colonne di terminale non entrano le colonne { $columns }: le mostrano una finestra più larga o --format csv
    }
