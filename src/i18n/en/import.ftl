# Reading files (CSV, JSON, workbooks) and importing suggestions.

# Choices about the file and the command.
import-unknown-encoding = unknown encoding "{ $value }"; valid values: auto, utf-8, windows-1252
import-unknown-delimiter = unknown delimiter "{ $value }"; valid values: auto, ",", ";", tab
import-unknown-source = unknown --source "{ $value }"; valid values: auto, decidim, generic
import-sheet-not-workbook-csv = --sheet { $sheet }: { $file } is a CSV file, not a workbook
import-sheet-not-workbook-json = --sheet { $sheet }: { $file } is a JSON document, not a workbook

# Opening and reading the file.
import-reading-file = reading { $file }
import-opening-file = opening { $file }
import-stdin-temp-file = creating a temporary file for standard input
import-reading-stdin = reading standard input
import-no-such-file = no such file
import-no-such-file-hint = check the path; use - to read standard input
import-permission-denied = the file cannot be read (permission denied)
import-permission-denied-hint = check the file's permissions, or copy it somewhere you can read it
import-unreadable = the file cannot be read ({ $error })
import-unreadable-hint = check the path and the disk
import-unreadable-permissions-hint = check the file's permissions
import-is-folder = is a folder, not a file
import-is-folder-hint = name the file inside it
import-is-fifo = is a named pipe (FIFO), not a file
import-is-device = is a device, not a file
import-is-socket = is a socket, not a file
import-not-regular = is not a regular file
import-not-regular-hint = save the data to a file first, or pipe it to standard input with -
import-file-empty = { $file }: the file is empty; a CSV needs a header row and at least one row
import-file-changed = { $file }: the file changed while it was being read; nothing was written
import-file-changed-hint = wait until whatever writes the file has finished, then run the command again
import-file-changed-sizes = { $file }: the file changed while it was being read ({ $checked } bytes when it was checked, { $read } when it was read); nothing was written
import-file-changed-grew = { $file }: the file changed while it was being read ({ $checked } bytes when it was checked, more when it was read); nothing was written
import-file-changed-download-hint = wait until whatever writes the file has finished (a download, an export), then run the command again
import-file-changed-then = { $file }: the file changed while it was being read ({ $before } bytes, then { $after }); nothing was written
import-file-changed-again-hint = import it again once whatever writes it has finished
import-hash-thread-stopped = the thread computing the SHA-256 stopped
import-reader-thread-stopped = the thread reading { $file } stopped unexpectedly
import-record-too-long = the record that starts on this line is longer than { $mib } MiB: a quoted field opened here is probably never closed
import-record-too-long-hint = look for an unbalanced " on that line; nothing was written
import-record-too-long-short = a record is longer than { $mib } MiB

# The encoding.
import-text-not-utf8 = the text is not valid UTF-8
import-try-windows-1252 = try --encoding windows-1252
import-nul-byte = byte { $pos } is a NUL (0x00): this is not a text file
import-nul-byte-hint = export the data again as CSV from the spreadsheet or the platform
import-byte-not-utf8 = byte { $pos } ({ $byte }) is not valid UTF-8
import-byte-not-utf8-hint = if the file comes from Excel's plain "CSV", try --encoding windows-1252
import-mixed-encodings = byte { $pos } ({ $byte }) is not valid UTF-8, but other parts of the file are: the file mixes encodings
import-mixed-encodings-hint = open it in a spreadsheet and save it again as "CSV UTF-8", or fix that line; --encoding windows-1252 forces a reading
import-not-text-export = byte { $pos } ({ $byte }) is neither UTF-8 nor Windows-1252: this does not look like a text export
import-not-text-export-hint = export the data again as CSV ("CSV UTF-8" in Excel)

# JSON.
import-json-no-records = { $file }: the JSON document holds no records
import-json-not-utf8 = byte { $pos } is not valid UTF-8: a JSON export is always UTF-8
import-json-not-utf8-hint = export the data again from the platform
import-json-invalid = this is not valid JSON ({ $error })
import-json-invalid-hint = a JSON export must be read whole: check that the download finished
import-json-not-a-list = { $file }: the JSON document is not a list of records
import-json-not-a-list-hint = Decidim's JSON export is an array of proposals: export it again
import-json-not-an-object = is not an object but { $kind }
import-json-kind-null = null
import-json-kind-boolean = a boolean
import-json-kind-number = a number
import-json-kind-string = a string
import-json-kind-list = a list
import-json-kind-object = an object

# Workbooks (xlsx, ods, xls).
import-no-such-sheet = --sheet: { $file } has no sheet "{ $wanted }"; its sheets are: { $sheets }
import-workbook-no-sheet = { $file }: the workbook has no sheet
import-workbook-unreadable = { $file }: the { $kind } workbook cannot be read ({ $error })
import-workbook-unreadable-zip-hint = a ZIP that is not a workbook (Decidim's open-data download is a ZIP of CSV files) must be extracted first: import the CSV inside it; a workbook, open it in the spreadsheet and save it again
import-workbook-unreadable-hint = open it in the spreadsheet and save it again, or export the sheet as CSV
import-not-a-workbook = { $file }: not a workbook
import-sheet-empty = the sheet is empty

# Places in a file, in sentences.
import-place-line = line { $n }
import-place-row = row { $n }
import-place-record = record { $n }
import-header-list-more = … and { $count } more

# The problems of the rows and what becomes of the file.
import-invalid-rows = { $file } has { $count } invalid row(s); nothing was written:
import-more-problems = … and { $count } more
import-fix-rows-hint = fix the rows and run the command again
import-wrong-field-count = { $count } fields, but the header has { $columns }
import-unclosed-quote = a quoted field opened on this line is never closed: it runs to the end of the file
import-no-rows = { $file }: the file has a header but no rows
import-every-row-invalid = { $file }: every row is invalid, so nothing was imported:

# The cycle that collects suggestions.
import-every-cycle-closed = every cycle is closed: suggestions can only be imported into an open cycle
import-every-cycle-closed-hint = open the next cycle with `agenda cycle open`
import-cycle-in-phase-one = the cycle { $triennium } is in Fase 1 – presentazione: suggestions are collected from Fase 2 on
import-cycle-in-phase-one-hint = open the collection with `agenda phase advance`, then import
