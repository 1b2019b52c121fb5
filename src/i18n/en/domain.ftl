# The domain's rules: the glossary's lists, cycles, the act, responses, cards, keyword rules,
# the columns of the files the import reads.

## The glossary's closed lists

domain-what-axis = axis
domain-what-status = status
domain-what-stakeholder-type = stakeholder type
domain-what-channel = channel
domain-what-outcome = outcome
domain-unknown-term = unknown { $what } "{ $input }"; valid values: { $valid }
domain-did-you-mean = did you mean "{ $value }"?

## Cycles

domain-triennium-bad = "{ $input }" is not a triennium: write it as YYYY-YYYY, three years, e.g. 2022-2024
domain-approved-with = (approved with { $act })
domain-cycle-read-only = the cycle { $triennium } is closed{ $approved }: its suggestions, axes, links and responses are read-only
domain-cycle-read-only-hint = work on the open cycle; `agenda cycle list` shows the cycles

## What stands in the way of a closing or a final report

domain-unanswered = { $count ->
    [one] { $count } of { $of } suggestion has no response: { $list }
   *[other] { $count } of { $of } suggestions have no response: { $list }
    }
domain-untagged = { $count ->
    [one] { $count } of { $of } suggestion has no axis: { $list }
   *[other] { $count } of { $of } suggestions have no axis: { $list }
    }
domain-dated-after = { $count ->
    [one] { $count } of { $of } suggestion is dated after { $date }, { $of_what }{ $latest }: { $list }
   *[other] { $count } of { $of } suggestions are dated after { $date }, { $of_what }{ $latest }: { $list }
    }
domain-dated-after-latest = (the latest { $latest })
domain-listed-and-more = { $shown } and { $more } more

## The dates of the steps, the act

domain-step-before-phase = { $date } comes before the start of the current phase ({ $since })
domain-step-before-phase-hint = steps go forward in time: give a --date on or after it
domain-step-after-today = { $date } is after today ({ $today }): a step of the process is recorded when it happens
domain-step-after-today-hint = give --date on or before today, or leave it out for today
domain-act-bad = --act "{ $input }": write the deliberation's number and year, e.g. --act 12/2022 (or "DGC 12/2022")
domain-act-needs-date = --act { $number }/{ $year } needs the date of the deliberation: --act-date YYYY-MM-DD
domain-act-date-bad = --act-date "{ $date }" is not a date (YYYY-MM-DD)
domain-act-year-mismatch = the act { $number }/{ $year } is dated { $date }: a deliberation's number counts within the year of its date
domain-act-year-mismatch-hint = check the number and the date on the deliberation
domain-act-before-fase-3 = the act is dated { $date }, before Fase 3 began ({ $since }): it cannot approve this update
domain-act-before-fase-3-hint = check --act-date
domain-act-after-closing = the act is dated { $date }, after the closing ({ $closing }): close on or after the day of the act

## Responses

domain-response-needs-reason = a response needs a reason (--reason): giving account of every choice is the point of Fase 3
domain-response-needs-card = gia-previsto needs the card that already covers the suggestion (--card CODE)
domain-response-needs-duplicate = duplicato needs the suggestion it duplicates (--duplicate-of ID)
domain-response-stray-duplicate = --duplicate-of goes with the outcome duplicato

## Cards

domain-card-needs-code = a card needs a code
domain-card-code-bad = card code "{ $code }" has spaces at the ends or control characters
domain-card-needs-title = card { $code } needs a title
domain-card-end-before-start = card { $code }: end { $end } comes before start { $start }
domain-month-bad = "{ $input }" is not a month: write it as YYYY-MM (e.g. 2022-03)
domain-budget-bad = "{ $input }" is not an amount in euro: write e.g. 120000, 120000.50, 120.000,50 or € 1.500,00

## Keyword rules

domain-keyword-empty = "{ $written }" is not a keyword: give a word, a phrase, or a stem ending in * (e.g. anzian*)
domain-keyword-stem-too-short = the stem "{ $written }" is too short: it would match too many words; give at least 3 letters
domain-default-rules = the default rules: { $error }

## The columns of an imported file

domain-map-unknown-field = --map: unknown field "{ $name }"; the fields are: { $fields }
domain-map-bad = --map "{ $value }": write it as FIELD=HEADER, e.g. --map title="Oggetto della proposta"
domain-map-no-title-nor-body = { $header_at }: no column holds a title or a body; the columns are: { $columns }
domain-map-no-title-nor-body-hint = the import recognises (in any case, with or without accents): { $expected }, title/<locale>, body/<locale>; otherwise name the column with --map title="…" or --map body="…"
domain-map-no-such-column = --map: { $name } has no column "{ $header }"; its columns are: { $columns }

# The rows of an import: what is wrong with one.
domain-row-no-title-body = neither a title nor a body
domain-row-not-a-date-example = the column { $column } does not hold a date (expected e.g. 02/05/2022, 2022-05-02 or 2022-05-02 15:44:00 +0100)
domain-row-not-a-date = the column { $column } does not hold a date
domain-row-not-a-number = the column { $column } does not hold a number
domain-row-proposal-id-not-a-number = the column { $column } does not hold a number: Decidim's proposals have numeric ids
domain-row-component-id-not-a-number = the column { $column } does not hold a number: Decidim's components have numeric ids
domain-row-duplicate-key-at = the key "{ $key }" appears again ({ $place } has it too): one suggestion per row
domain-row-duplicate-key = the key "{ $key }" appears again (an earlier row has it too): one suggestion per row

# The ledger's rule: a card's status and its progress.
domain-percent-bad = "{ $value }" is not a progress: write a whole number from 0 to 100 (60 or 60%)
domain-progress-conclusa = the card { $code } is conclusa, so it is at 100 %: it cannot go to { $percent } %
domain-progress-conclusa-hint = if the work resumed, change its status first (`agenda card status { $code } in-corso`)
domain-progress-sospesa = the card { $code } is sospesa: { $last ->
        [none] it stays without progress until it is resumed
       *[other] it keeps its last progress ({ $last } %)
    }
domain-progress-sospesa-hint = resume it first (`agenda card status { $code } in-corso`), then record its progress
domain-milestone-title-bad = a milestone needs a title, on one line
domain-indicator-value-bad = "{ $value }" is not a value: write a number such as 12500, 12.500 or 3,5
