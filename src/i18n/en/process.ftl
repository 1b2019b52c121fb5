# The process: the steps from phase to phase, the closing, the next cycle, where a cycle
# stands and what to do next, the annexes as approved, the settings.

## Advancing and closing

process-act-date-without-act = --act-date goes with --act: give the act's number too, e.g. --act 12/2022 --act-date 2022-01-20
process-act-and-without-act = --act and --without-act exclude each other: choose one
process-annex-without-act = --annex goes with --act: the annexes kept are those the act approved, e.g. --act 12/2022 --act-date 2022-01-20 --annex relazione.pdf
process-annex-as-is-without-annex = --annex-as-is goes with --annex FILE…
process-no-open-cycle = no cycle is open: every cycle is closed
process-no-open-cycle-hint = open the next one with `agenda cycle open`
process-act-only-when-closing = --act and --without-act are for closing the cycle, from Fase 3, and so is --annex; the cycle { $triennium } is in { $phase }
process-remedy-respond = record a response with its reason for each suggestion without one
process-remedy-tag = tag each suggestion without an axis (`agenda suggestion tag REF AXIS`, or `agenda suggestion autotag`)
process-dated-after-the-closing = the closing
process-remedy-date = close on or after the latest date of submission (--date)
process-cannot-close = the cycle { $triennium } cannot close: { $problems }
process-cannot-close-hint = { $remedies }, then close again.{ $act_hint }
process-cannot-close-act-hint = Closing also needs the approving act: --act n/yyyy --act-date YYYY-MM-DD, or --without-act.
process-closing-needs-act = the cycle { $triennium } cannot leave Fase 3 and close without saying which act approves the update
process-closing-needs-act-hint = pass --act n/yyyy --act-date YYYY-MM-DD (the Giunta's deliberation), or --without-act to close without one

## Going back, opening the next cycle

process-back-needs-reason = going back needs a reason: --reason TEXT
process-back-closed = the cycle { $triennium } is closed{ $approved }: closing cannot be undone, and its suggestions, responses and cards stay as they were approved
process-back-closed-hint = open the next cycle with `agenda cycle open`
process-back-nothing-to-undo = the cycle { $triennium } is in { $phase } since it opened: there is no step to undo
process-open-still-open = the cycle { $triennium } is still open, in { $phase }: close it before opening the next one
process-open-still-open-hint = from Fase 3, `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD` (or --without-act) closes it
process-no-cycle = the database has no cycle
process-open-not-after-last = the triennium { $triennium } does not come after the last cycle, { $last }
process-open-not-after-last-hint = the next cycle of the rolling plan is { $next }
process-open-before-closing = { $date } comes before the closing of the cycle { $last } ({ $closed_on })
process-open-before-closing-hint = give a --date on or after it

## Where a cycle stands, what is left, what to do next

process-left-no-cards = the Agenda has no project cards yet
process-left-act = the act that approves the update, given when closing (--act n/yyyy --act-date YYYY-MM-DD, or --without-act)
process-have-no-axis = { $count ->
    [one] { $count } suggestion has no axis
   *[other] { $count } suggestions have no axis
    }
process-have-no-response = { $count ->
    [one] { $count } suggestion has no response
   *[other] { $count } suggestions have no response
    }
process-next-closed-with-act = with { $act }
process-next-closed-another-open = the cycle { $triennium } closed{ $act } and is read-only; the work goes on in the open cycle { $open } (`agenda --cycle { $open } phase`)
process-next-closed-open-next = the cycle { $triennium } is closed{ $act }: open the next one with `agenda cycle open` (triennium { $next } by default)
process-next-add-cards = add the project cards (`agenda card add` or `agenda card import FILE.csv`), then present the Agenda and `agenda phase advance` to open the collection
process-next-present = present the Agenda, then `agenda phase advance` to open the collection of suggestions (Fase 2)
process-next-import = import the suggestions as they arrive (`agenda suggestion import FILE.csv`); `agenda phase advance` closes the collection
process-next-collecting = { $count ->
    [one] { $count } suggestion so far; when the collection closes, `agenda phase advance` moves to Fase 3
   *[other] { $count } suggestions so far; when the collection closes, `agenda phase advance` moves to Fase 3
    }
process-next-missing-both = { $no_response } and { $no_axis }
process-next-respond = { $missing }: record the responses, each with its reason, and tag the suggestions with their axes; the final report and the closing need a response and an axis on every suggestion
process-next-answered-untagged = { $count ->
    [one] every suggestion has a response, but { $count } suggestion has no axis yet: tag them (`agenda suggestion tag REF AXIS`), since the final report and the closing need an axis on every suggestion; then write the report, and when the Giunta approves the update close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD` (or `--without-act`)
   *[other] every suggestion has a response, but { $count } suggestions have no axis yet: tag them (`agenda suggestion tag REF AXIS`), since the final report and the closing need an axis on every suggestion; then write the report, and when the Giunta approves the update close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD` (or `--without-act`)
    }
process-next-answered = every suggestion has a response; write the report, and when the Giunta approves the update close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD` (or `--without-act`)

## The annexes given with the closing

process-annex-same-name = { $first } and { $second } are both named { $name }: the annexes of a cycle are kept and given back by name
process-annex-same-name-hint = give each annex once, under a name of its own
process-annex-no-such-file = there is no such file
process-annex-permission-denied = permission denied
process-annex-unreadable = the annex { $path } cannot be read: { $why }
process-annex-unreadable-hint = give the path of each file the Giunta approved, e.g. --annex relazione.pdf relazione.md
process-annex-is-a-folder = the annex { $path } is a folder, not a file
process-annex-is-a-folder-hint = name the files themselves, e.g. --annex allegati/relazione.pdf allegati/esiti-contributi.csv
process-annex-too-large = the annex { $path } is larger than { $mib } MiB, the most an annex may be
process-annex-too-large-hint = the report and its CSV annexes are far smaller: check that this is the file the Giunta approved
process-annex-bad-name = the annex { $path } has no file name the tool can keep (it must be UTF-8)
process-annex-bad-name-hint = rename the file, e.g. relazione.pdf
process-annex-verified = verified
process-annex-as-is = as is, not checked: { $why }
process-annex-unverified = { $count ->
    [one] an annex of the cycle { $triennium } cannot be verified, so nothing was stored and the cycle was not closed: { $failed }
   *[other] { $count } annexes of the cycle { $triennium } cannot be verified, so nothing was stored and the cycle was not closed: { $failed }
    }
process-annex-unverified-hint = give the files exactly as agenda wrote them from this cycle's data, the final report (not --draft) and its CSV annexes; --annex-as-is stores them anyway, flagged "as is, not checked"
# Why an annex cannot be verified. The English text is also what the database keeps with an
# annex stored as is, whatever the language of the run.
process-annex-other-cycle = its stamp says it is the report of the cycle { $stamp }, not of the cycle { $cycle }
process-annex-draft = it is a draft (BOZZA): the Giunta approves the final report, written without --draft
process-annex-other-version = it was made by agenda { $made }, and this is agenda { $current }: it cannot be checked, since only the version that made a report makes the same bytes again
process-annex-changed = its bytes differ from the report this cycle's data give with the options of its stamp: it was changed after it was made, or made from other data
process-annex-foreign = not a report made by agenda: it carries no stamp, and it is none of the CSV annexes (open-data or Excel) this cycle's data give

## The annexes as approved, given back

process-approved-out-is-a-file = { $path } is a file: --approved writes every annex of the cycle, so --out names a folder
process-approved-creating = creating { $path }
process-approved-not-closed = the cycle { $triennium } is not closed: its annexes as approved are stored when it closes
process-approved-not-closed-hint = when the Giunta approves the update, close the cycle with `agenda phase advance --act n/yyyy --act-date YYYY-MM-DD --annex relazione.pdf …`; until then `agenda report` writes the report
process-approved-none-stored = the cycle { $triennium } was closed{ $approved } without storing its annexes as approved
process-approved-none-stored-hint = `agenda report` writes its report again from the data; the annexes are stored only with the closing (`phase advance --annex`)
process-approved-damaged = the annex { $name } of the cycle { $triennium } no longer matches the SHA-256 recorded when it was stored ({ $sha256 }): the database was damaged or edited, and no file was written
process-approved-damaged-hint = run `agenda check`, and restore a backup (`agenda restore PATH`) taken after the closing
process-approved-bad-name = a stored annex is named "{ $name }", which is not a plain file name: the database was edited, and no file was written
process-approved-bad-name-hint = run `agenda check`, and restore a backup (`agenda restore PATH`)

## The settings

process-config-empty = the { $key } cannot be empty
process-config-municipality-empty-hint = give its name, e.g. "Comune di Prato"
process-config-office-empty-hint = to leave the office out, use `agenda config unset office`
process-config-one-line = the { $key } stands on one line of the report's cover: write it without line breaks or tabs
process-config-municipality-required = the municipality cannot be removed: the report's cover names it
process-config-municipality-required-hint = give another with `agenda config set municipality "Comune di …"`
