# The interface's common words: message prefixes, command-line usage errors, clap's words in
# the help.

error-prefix = error:
error-caused-by = caused by: { $cause }
error-hint = hint: { $hint }
warning-prefix = warning:

cli-usage-heading = Usage:
cli-usage-options = [OPTIONS]
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-value-command = COMMAND
cli-help-flag = Print help
cli-version-flag = Print version
cli-help-command = Print this message or the help of the given subcommand(s)
cli-note-values = possible values: { $values }
cli-note-default = default: { $value }
cli-note-env = env: { $name }

usage-invalid-value = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
usage-missing-value = a value is required for '{ $arg }' but none was supplied
usage-unknown-argument = unexpected argument '{ $arg }' found
usage-unknown-command = unrecognized subcommand '{ $name }'
usage-no-equals = equal sign is needed when assigning values to '{ $arg }'
usage-bad-value = invalid value '{ $value }' for '{ $arg }': { $reason }
usage-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-wrong-number-of-values = wrong number of values for '{ $arg }'
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-missing-argument = the following required arguments were not provided: { $arg }
usage-missing-command = a subcommand is required but one was not provided
usage-not-utf8 = invalid UTF-8 was detected in one or more arguments
usage-did-you-mean = tip: a similar value exists: '{ $value }'
usage-more-help = For more information, try '--help'.

# The library's top-level modules: the environment, files written with --out, backups and
# restores, cards, rules, tags and links, responses, search, personal data, the answers for
# Decidim, `agenda check`, the demo.

app-reading = reading { $path }
app-writing = writing { $path }
app-creating = creating { $path }

app-env-user-empty = AGENDA_USER is set but empty
app-env-user-empty-hint = set it to the name the audit log should record, or unset it
app-env-user-control = AGENDA_USER holds control characters (a new line, a tab, an escape …): the audit log records the name as it is
app-env-user-control-hint = set it to a plain name, e.g. AGENDA_USER="m.rossi"
app-env-user-long = AGENDA_USER is longer than 100 characters
app-env-user-long-hint = set it to a name, e.g. AGENDA_USER="m.rossi"
app-env-busy-timeout = AGENDA_BUSY_TIMEOUT="{ $timeout }" is not a number of seconds (0 to 604800)
app-env-busy-timeout-hint = e.g. AGENDA_BUSY_TIMEOUT=300 waits five minutes for another command
app-env-now = AGENDA_NOW="{ $fixed }" is not a time in RFC 3339
app-env-now-hint = e.g. AGENDA_NOW=2022-01-20T10:00:00Z, or unset it to use the clock

app-outfile-database = { $path } is the database or one of its companion files: the tool never writes over it
app-outfile-sqlite = { $path } is an SQLite database: the tool never writes over it
app-outfile-database-hint = give --out a new file name
app-outfile-symlink = { $path } is a symbolic link: the tool writes only files of its own, never through a link
app-outfile-symlink-hint = give --out the path of the file itself
app-outfile-folder = { $path } is a folder, not a file
app-outfile-folder-hint = give --out a file name
app-outfile-cannot-create = writing { $path }: cannot create a file in { $folder }

app-backup-counts = { $cycles } cycles, { $cards } cards, { $suggestions } suggestions
app-backup-no-file = there is no file { $path }
app-backup-not-a-file = { $path } is not a file
app-backup-working-copy = making a working copy in { $folder }
app-backup-cannot-restore = { $path } cannot be restored: { $why }; the database was not touched
app-backup-cannot-restore-hint = restore a file written by `agenda backup`, or one of the agenda.db.backup-* files
app-backup-not-sqlite = it is not an SQLite database
app-backup-damaged = it is damaged (integrity check: { $details })
app-backup-not-agenda = it is not an agenda database
app-backup-newer = { $path } was written by a newer agenda (schema version { $version }; this agenda knows up to { $latest }); the database was not touched
app-backup-newer-hint = restore it with the newer agenda
app-backup-restoring = restoring { $path } (the data before are in { $safety })

app-rule-none = there are no rules
app-rule-none-hint = add one with `agenda rule add AXIS --keyword WORD`
app-rule-thread-stopped = the rules thread stopped
app-rule-needs-keyword = a rule needs at least one --keyword
app-rule-missing = there is no rule { $id }
app-rule-missing-hint = `agenda rule list` shows them

app-card-cycle-closed = the cycle { $triennium } is closed{ $approved }, so the cards cannot change: they stand as the Agenda it approved
app-card-cycle-closed-hint = open the next cycle with `agenda cycle open` (triennium { $next } by default), then change the cards
app-card-exists = a card with code { $code } already exists
app-card-exists-hint = choose another code, or change the card with `agenda card edit`
app-card-linked = card { $code } cannot be removed: { $count } suggestion(s) are linked to it
app-card-linked-hint = unlink them first, or set the card's status to sospesa or conclusa instead
app-card-file-empty = { $file }: the file has a header but no cards
app-card-two-columns = { $at }: two columns mean the card's { $field }
app-card-no-code-column = { $at }: no column holds the card code; the columns are: { $columns }
app-card-expected-columns = the expected columns are: { $columns }
app-card-code-empty = the code is empty
app-card-again = card { $code } appears again (first on { $first })
app-card-needs = a new card needs a { $field }
app-fields-mismatch = { $fields } fields, but the header has { $header }

app-sugg-missing = there is no suggestion "{ $id }"
app-sugg-missing-hint = `agenda suggestion list` shows numbers and references
app-sugg-closed = suggestion { $reference } belongs to the cycle { $triennium }, which is closed: its axes, links and responses are read-only
app-sugg-closed-act = suggestion { $reference } belongs to the cycle { $triennium }, which is closed (approved with { $act }): its axes, links and responses are read-only
app-sugg-closed-hint = `agenda cycle list` shows the cycles; work goes on in the open one
app-tag-needs-both = give one or more suggestions (numbers or references) and one or more axes ({ $axes })
app-tag-not-an-axis = "{ $word }" is not an axis; the axes are: { $axes }
app-card-missing = there is no card with code "{ $code }"
app-card-missing-hint = `agenda card list` shows the codes
app-retitle-empty = the title is empty: give the title to publish, or --source to go back to the source's

app-respond-self-duplicate = a suggestion cannot duplicate itself
app-respond-columns = { $at }: a response file needs the columns id or ref, outcome and reason; its columns are: { $columns }
app-respond-columns-hint = optional columns: card, axes (separated by |), duplicate_of
app-respond-file-empty = { $file }: the file has a header but no rows
app-respond-no-id = no id or ref
app-respond-again = suggestion { $id } appears again (first on line { $first })
app-respond-outcome-empty = the outcome is empty

app-search-no-words = --search "{ $query }" holds no word to look for
app-search-no-words-hint = search with words, e.g. --search "anziani spid"

app-privacy-batch-columns = reading the personal columns of batch { $batch }
app-privacy-unfinished = the purge of { $cycles } is still unfinished: another command kept reading { $path } for more than { $seconds } s
app-privacy-unfinished-hint = run `agenda privacy purge` or `agenda check` again when nobody else is using the database
app-privacy-open = the cycle { $triennium } is still open: the personal data of its suggestions are purged only once it has closed
app-privacy-open-hint = close it with `agenda phase advance`, or name a closed cycle with --cycle YYYY-YYYY
app-privacy-waiting = waiting: another agenda command is reading { $path }; the purge empties the WAL when it has finished (at most { $seconds } s)

app-check-problems = { $count ->
        [one] { $path } has { $count } problem; the first: { $first }
       *[other] { $path } has { $count } problems; the first: { $first }
    }
app-check-problems-hint = restore a backup (`agenda restore PATH`), or correct the rows listed; run `agenda check` again afterwards

app-answers-state-syntax = --state "{ $setting }": write it as OUTCOME=TOKEN, e.g. --state gia-previsto=gia_in_corso
app-answers-state-token = --state { $setting }: "{ $token }" is not a Decidim state token (lower-case letters, digits and _, as in gia_in_corso)
app-answers-left-without-response = { $count } without a response
app-answers-left-amendments = { $count ->
        [one] { $count } amendment (Decidim takes no answer for it)
       *[other] { $count } amendments (Decidim takes no answer for them)
    }
app-answers-left-withdrawn = { $count } withdrawn
app-answers-left-without-component = { $count ->
        [one] { $count } from an export that did not say its component
       *[other] { $count } from an export that did not say their component
    }
app-answers-left-unchanged = { $count ->
        [one] { $count } unchanged since the last export (--all sends it again)
       *[other] { $count } unchanged since the last export (--all sends them again)
    }
app-answers-left-other-components = { $count ->
        [one] { $count } of another component
       *[other] { $count } of other components
    }
app-answers-unknown-component = no suggestion of the cycle { $triennium } comes from the Decidim component { $component }; the components are: { $components }
app-answers-no-components = none
app-answers-unknown-component-hint = `agenda suggestion show ID` gives each suggestion's component
app-answers-several-components = the responses to send belong to { $count } Decidim components ({ $names }): Decidim takes the answers of one component per file
app-answers-several-components-hint = write one of them with --component { $first }, or one file each with --out FOLDER/
app-answers-creating-folder = creating the folder { $path }

app-demo-created = 1. created { $db } (Comune di Prato, { $office }, triennio 2021-2023, Fase 1)
app-demo-cards = 2. imported { $count } project cards from { $file }
app-demo-collection-open = 3. Fase 2 – ascolto from { $date }: the collection of suggestions is open
app-demo-imported = 4. imported { $file }: { $inserted } new, { $updated } updated, { $unchanged } unchanged ({ $format }, { $encoding })
app-demo-tagged = 5. tagged { $tagged } of { $examined } untagged suggestions by the keyword rules
app-demo-responses = 6. recorded { $count } responses from { $file }
app-demo-collection-closed = 7. Fase 3 – aggiornamento e restituzione from { $date }: the collection is closed
app-demo-answered = 8. responded one by one to the { $answered } suggestions of the Excel file, and tagged by hand the { $by_hand } the rules left without an axis
app-demo-report-draft = 9. wrote the draft report, dated { $date }, in Markdown, HTML and PDF/A
app-demo-report-final = 9. wrote the final report, dated { $date }, in Markdown, HTML and PDF/A
app-demo-answers = 10. wrote the answers to { $count } Decidim proposals of component { $component } to { $path }
app-demo-try = commands to try on the demo's database:
app-demo-try-close-note = closes the cycle, as the Giunta's approval of the update does: it cannot be undone
app-demo-ledger = 2. recorded the progress of { $cards } cards, { $milestones } milestones and the figures of { $indicators } indicators
