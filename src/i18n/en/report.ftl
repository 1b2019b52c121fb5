# The report's messages to the person running the command: refusals, the guards of the final
# report, the files it needs. The report itself is Italian in both languages.

report-blocker-phase = the cycle is in { $phase }: the final report comes in Fase 3, once the collection has closed
report-blocker-date-of = the date of the report
report-needs-date = the final report of the open cycle { $triennium } needs the date it bears: --date YYYY-MM-DD
report-needs-date-hint = the date is not taken from the clock, so that the same data give the same report; a closed cycle's report bears the date it closed
report-not-yet = the final report of the cycle { $triennium } cannot be produced yet: { $blockers }
report-not-yet-hint = record what is missing (`agenda phase` says what is left), or write a draft with --draft: it is marked BOZZA and lists what is missing
report-csv-needs-out = the CSV annexes are several files: write them with --out DIR
report-csv-out-is-file = { $path } is a file: --format csv writes several files, so --out names a folder
report-thread-stopped = the thread writing the report stopped

report-pdf-too-big = the cycle has { $count } suggestions: a PDF holds at most { $max } (it is typeset whole, in memory)
report-pdf-too-big-hint = write the report as HTML (--format html) and the responses as the CSV annex (--format csv --out DIR)
report-pdf-source-path = the report's source path: { $error }
report-pdf-typesetting = typesetting the report
report-pdf-standards = the PDF standards: { $error }
report-pdf-writing = writing the report as PDF/A-2a
report-pdf-date-invalid = the report's date "{ $date }" is not YYYY-MM-DD
report-pdf-date-range = the report's date "{ $date }" is out of range
