args-lang = "{ $value }" is not a language of the interface: write it (Italian) or en (English)

cli-msg-demo-dir-in-use = the folder { $dir } already exists and is not empty: the demo does not write into it
cli-msg-demo-dir-in-use-hint = name a new folder with --dir, or leave --dir out for a temporary one

## Words shared by the commands

cli-msg-next = next: { $step }
cli-msg-cycle-closed = closed
cli-msg-cycle-open = open
cli-msg-triennium = triennio { $triennium }
cli-msg-phase-since = { $phase } (dal { $since })
cli-msg-confirm-no-terminal = { $question } — this needs a confirmation, and standard input is not a terminal
cli-msg-confirm-no-terminal-hint = pass --yes (or set AGENDA_YES=1) to confirm from a script
cli-msg-purge-completed = completed the purge of { $cycles }, left unfinished: the database file was rewritten and its WAL emptied

## Table headings and row names

cli-msg-head-code = code
cli-msg-head-name = name
cli-msg-head-description = description
cli-msg-head-when = when
cli-msg-head-who = who
cli-msg-head-axis = axis
cli-msg-row-municipality = municipality
cli-msg-row-cycle = cycle
cli-msg-row-phase = phase
cli-msg-row-cards = cards
cli-msg-row-suggestions = suggestions

## Values of the command line (dates)

cli-msg-limit-too-big = { $value } is more than the database can count ({ $max })
cli-msg-limit-not-a-number = "{ $value }" is not a whole number
cli-msg-limit-zero = the limit must be at least 1
cli-msg-date-bad = "{ $value }" is not a date: write it as DD/MM/YYYY (02/05/2022) or YYYY-MM-DD

## backup, restore, check

cli-msg-backup-not-recorded = the backup could not be recorded in { $db } (is it read-only?): a later purge will not name it
cli-msg-backup-written = wrote a backup of { $db } to { $path } (readable by you only); bring it back with `agenda restore { $path }`
cli-msg-restore-question = Replace all the data in { $db } with those of { $path } ({ $summary })?
cli-msg-restore-nothing = nothing was restored
cli-msg-restore-done = restored { $db } from { $from }; the data it held before are in { $before }
cli-msg-check-head-check = check
cli-msg-check-head-where = where
cli-msg-check-head-problem = problem
cli-msg-check-passed = { $db } passed { $count } checks: the file is intact and keeps the rules of the process

## config

cli-msg-config-key = { $key }
cli-msg-config-not-set = (not set)
cli-msg-config-set = { $key }: { $value }
cli-msg-config-unchanged = { $key } already is { $value }: nothing changed
cli-msg-config-removed = { $key } removed (it was { $before })
cli-msg-config-was-not-set = { $key } was not set: nothing changed

## demo, init

cli-msg-demo-creating = creating { $dir }
cli-msg-demo-creating-temp = creating a temporary folder
cli-msg-demo-ready =
    demo ready in { $dir }
      database: { $db }
      report:   { $markdown }
    {"            "}{ $html }
    {"            "}{ $pdf }
      answers:  { $answers }
cli-msg-init-created = created { $db } for the { $municipality }: six axes, cycle { $triennium } in Fase 1 – presentazione
cli-msg-init-created-office = created { $db } for the { $municipality } ({ $office }): six axes, cycle { $triennium } in Fase 1 – presentazione
cli-msg-init-next = next: add the project cards with `agenda card add` or `agenda card import FILE.csv`

## log, rule, status

cli-msg-log-head-action = action
cli-msg-log-head-target = target
cli-msg-log-head-changed = what changed
cli-msg-rule-added = rule { $id }: { $axis } ← { $keywords }
cli-msg-rule-head-keywords = keywords
cli-msg-rule-removed = rule { $id } removed
cli-msg-status-cards-of = { $count } { $status }
cli-msg-status-cards = { $count } ({ $by_status })
cli-msg-status-suggestions = { $count } ({ $untagged } untagged, { $unanswered } without a response{ $late ->
    [0] {""}
   *[other] , { $late } late
 })

## cycle

cli-msg-row-act = act
cli-msg-cycle-opened = opened the cycle { $triennium } in Fase 1 – presentazione from { $date }; { $cards } cards carried over as they stand
cli-msg-cycle-opened-next = next: update the cards for the new triennium, present the Agenda, then `agenda phase advance` to open the collection
cli-msg-cycle-head-triennium = triennium
cli-msg-cycle-head-opened = opened
cli-msg-cycle-head-closed = closed
cli-msg-cycle-head-answered = answered
cli-msg-cycle-phase-ran = { $from } – { $to }
cli-msg-cycle-phase-runs = dal { $from }
cli-msg-cycle-row-state = state
cli-msg-cycle-closed-on = closed on { $date }
cli-msg-cycle-act-none = none (closed without an act)
cli-msg-cycle-act-later = given when closing
cli-msg-cycle-suggestions = { $count } ({ $answered } with a response, { $unanswered } without, { $untagged } without an axis)
cli-msg-cycle-row-late = late
cli-msg-cycle-late = { $count } submitted after the collection closed on { $date }
cli-msg-cycle-row-annex = annex
cli-msg-cycle-left = left before closing: { $left }
cli-msg-annex-line = { $name } – { $size } bytes – sha256 { $sha256 } – { $check }
cli-msg-annex-verified = verified
cli-msg-annex-as-is = as is, not checked: { $why }

## phase

cli-msg-head-date = date
cli-msg-head-note = note
cli-msg-phase-closed-with-act = triennio { $triennium } – ciclo chiuso il { $date } ({ $act })
cli-msg-phase-closed-without-act = triennio { $triennium } – ciclo chiuso il { $date } (senza atto)
cli-msg-phase-current = triennio { $triennium } – { $phase } (dal { $since })
cli-msg-phase-left = left before the next phase: { $left }
cli-msg-phase-closing-freezes = closing the cycle { $triennium } freezes its { $suggestions } suggestions with their axes, links and responses, and keeps its { $cards } cards as they stand; it cannot be undone
cli-msg-phase-closing-cover = the report's cover will read: { $cover }
cli-msg-phase-closing-annexes = the { $count } annexes given are checked against the cycle's data as they stand and kept byte for byte
cli-msg-phase-closing-annexes-as-is = the { $count } annexes given are checked against the cycle's data as they stand and kept byte for byte; those that cannot be verified are kept as is, flagged "not checked"
cli-msg-phase-closing-question = Close the cycle { $triennium } for good?
cli-msg-phase-not-closed = the cycle was not closed
cli-msg-phase-advanced = triennio { $triennium }: { $from } → { $to } from { $date }
cli-msg-phase-collection-closed = the collection closed on { $date }: suggestions submitted after it count as late{ $late ->
    [0] {""}
   *[other] {" "}({ $late } already are)
 }
cli-msg-phase-closed-act = with { $act }
cli-msg-phase-closed-no-act = without an act
cli-msg-phase-closed = triennio { $triennium }: closed on { $date } { $act }; { $suggestions } suggestions and their responses are now read-only, and the { $cards } cards are kept as they stand in the cycle's snapshot
cli-msg-phase-annex-kept = kept the annex { $name } ({ $size } bytes, sha256 { $sha256 }): { $flag }
cli-msg-phase-annexes-back = `agenda --cycle { $triennium } report --approved --out DIR` gives them back byte for byte
cli-msg-phase-closed-next = next: open the next cycle with `agenda cycle open` (triennium { $triennium } by default)
cli-msg-phase-back = triennio { $triennium }: back from { $from } to { $to }
cli-msg-phase-head-step = step
cli-msg-phase-head-recorded = recorded at
cli-msg-phase-short = Fase { $number }
cli-msg-phase-step-open = open
cli-msg-phase-step-back = back: { $from } → { $to }
cli-msg-phase-step = { $from } → { $to }
cli-msg-phase-suggestions = suggestions: { $count } ({ $answered } with a response, { $unanswered } without{ $untagged ->
    [0] {""}
   *[other] , { $untagged } without an axis
 })
cli-msg-phase-suggestions-late = ; collection closed on { $date }, { $late } late

## privacy

cli-msg-privacy-head-names = names
cli-msg-privacy-head-nicknames = nicknames
cli-msg-privacy-head-emails = e-mails
cli-msg-privacy-head-urls = urls
cli-msg-privacy-head-rows = rows as read
cli-msg-privacy-head-purged = purged
cli-msg-privacy-source-cells = { $triennium }: personal cells in the rows as read: { $cells }
cli-msg-privacy-unfinished = the purge of { $cycles } is unfinished: erased values may still be in the file's free pages or its WAL; `agenda privacy purge` or `agenda check` completes it
cli-msg-privacy-backups = backups written by agenda: { $backups }
cli-msg-privacy-purgeable = closed cycles that still hold personal data: { $cycles }; erase them with `agenda privacy purge --cycle YYYY-YYYY`
cli-msg-privacy-in-title = title: { $kinds }
cli-msg-privacy-in-reason = reason: { $kinds }
cli-msg-privacy-omissis = { $triennium }: { $reference } is published with [omissis] ({ $places }); { $mend }
cli-msg-privacy-mend-reason = correct the reason with `agenda suggestion respond`
cli-msg-privacy-mend-title = give it a proper title with `agenda suggestion retitle { $reference } "…"`
cli-msg-privacy-none = the cycle { $triennium } holds no personal data; nothing to erase
cli-msg-privacy-none-purged = the cycle { $triennium } holds no personal data (purged on { $at }); nothing to erase
cli-msg-privacy-question = Erase for ever the personal data of the cycle { $triennium } ({ $names } names, { $nicknames } nicknames, { $emails } e-mails, { $urls } urls, { $rows } rows as read)?
cli-msg-privacy-nothing-erased = nothing was erased
cli-msg-privacy-erased = erased the personal data of { $people } suggestions of the cycle { $triennium } and blanked { $rows } rows as read; the database file was rewritten
cli-msg-privacy-wal-busy = another command kept reading { $db } for more than { $seconds } s, so its -wal file may still hold erased data: the purge is recorded as unfinished; run `agenda privacy purge` or `agenda check` when nobody is using it
cli-msg-privacy-copies = backups beside the database still hold the personal data: { $copies }; delete them once they are no longer needed

## report

cli-msg-report-label-length = write the label of the annex in 1 to 40 characters, e.g. "Allegato A"
cli-msg-report-label-chars = the label of the annex is one line of text, without < > or "
cli-msg-report-excel-needs-csv = --excel is the flavour of the CSV annexes: use it with --format csv
cli-msg-report-csv-needs-out = --format csv writes several files: name their folder with --out DIR
cli-msg-report-wrote-file = wrote { $path }
cli-msg-report-wrote = wrote the report of the cycle { $triennium } to { $path }
cli-msg-report-wrote-draft = wrote the draft report of the cycle { $triennium } to { $path }
cli-msg-report-pdf-terminal = a PDF is not for a terminal: name the file with --out relazione.pdf, or send it to a file or a pipe
cli-msg-report-draft-missing = the draft lists what is missing before the final report:
cli-msg-report-approved-written = wrote the { $count } annexes as approved of the cycle { $triennium }{ $unchecked ->
    [0] {""}
   *[other] {" "}({ $unchecked } stored as is, not checked)
 } to { $dir }

## card

cli-msg-head-title = title
cli-msg-head-status = status
cli-msg-head-ref = ref
cli-msg-head-outcome = outcome
cli-msg-card-added = added card { $code } – { $title } ({ $axis }, { $status })
cli-msg-card-none = no cards
cli-msg-card-head-office = office
cli-msg-card-head-timing = timing
cli-msg-card-head-budget = budget
cli-msg-card-count = { $count } card(s)
cli-msg-card-timing = { $start } → { $end }
cli-msg-card-timing-from = da { $start }
cli-msg-card-timing-by = entro { $end }
cli-msg-card-head-field = field
cli-msg-card-head-value = value
cli-msg-card-row-objectives = objectives
cli-msg-card-row-partners = partners
cli-msg-card-row-funding = funding
cli-msg-card-row-agid = AGID references
cli-msg-card-row-indicators = indicators
cli-msg-card-row-linked = linked suggestions
cli-msg-card-head-change = change
cli-msg-card-created = created ({ $what })
cli-msg-card-change = { $field }: { $before } → { $after }
cli-msg-card-field = { $field }
cli-msg-card-empty = (vuoto)
cli-msg-card-history = History
cli-msg-card-linked = Linked suggestions
cli-msg-card-no-response = no response yet
cli-msg-card-edit-nothing = nothing to change: give at least one field, e.g. --title or --office
cli-msg-card-unchanged = card { $code }: nothing changed
cli-msg-card-changed = card { $code }: { $changes }
cli-msg-card-remove-question = remove card { $code } – { $title }?
cli-msg-card-remove-nothing = nothing removed
cli-msg-card-remove-cancelled = cancelled: the card was not removed
cli-msg-card-removed = removed card { $code }
cli-msg-card-imported = { $file }: { $read } card(s) read; { $created } created, { $updated } updated, { $unchanged } unchanged
cli-msg-card-import-dry-run = { $file }: { $read } card(s) read; { $created } would be created, { $updated } would be updated, { $unchanged } unchanged (dry run: nothing written)
cli-msg-card-exported = { $count } card(s) written to { $path }
cli-msg-confirm-keys = [y/N]
cli-msg-confirm-yes = yes
cli-msg-confirm-no = no
cli-msg-card-export-component-needs-decidim = --component and --only-known are for --format decidim-accountability
