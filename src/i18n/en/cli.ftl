args-lang = "{ $value }" is not a language of the interface: write it (Italian) or en (English)

cli-msg-demo-dir-in-use = the folder { $dir } already exists and is not empty: the demo does not write into it
cli-msg-demo-dir-in-use-hint = name a new folder with --dir, or leave --dir out for a temporary one
