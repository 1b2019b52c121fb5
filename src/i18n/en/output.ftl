# Tables for people: what is left out on a narrow terminal.

output-hidden-columns = { $count ->
        [one] left out to fit { $width } columns: { $columns } (--format csv shows it)
       *[other] left out to fit { $width } columns: { $columns } (--format csv shows them)
    }
