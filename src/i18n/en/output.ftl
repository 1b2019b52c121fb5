# Tables for people: what is left out on a narrow terminal.

output-hidden-columns = { $count ->
        [one] the column { $columns } does not fit in { $width } terminal columns: a wider window or --format csv shows it
       *[other] the columns { $columns } do not fit in { $width } terminal columns: a wider window or --format csv shows them
    }
