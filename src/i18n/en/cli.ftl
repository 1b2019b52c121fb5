args-lang = "{ $value }" is not a language of the interface: write it (Italian) or en (English)
