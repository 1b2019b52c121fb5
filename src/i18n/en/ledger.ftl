# The implementation ledger: progress and milestones of the cards.

ledger-date-after-today = { $date } is after today: the ledger records what happened
ledger-progress-recorded = card { $card }: progress { $previous } → { $percent } % on { $date }
ledger-offer-conclusa = The card { $card } is at 100 %: mark it conclusa?
ledger-offer-conclusa-hint = the card { $card } is at 100 %: `agenda card status { $card } conclusa` marks it concluded
ledger-concluded = card { $card }: status conclusa
ledger-concluded-note = at 100 %
ledger-milestone-added = card { $card }: milestone { $id } "{ $title }" { $reached ->
        [yes] reached on { $date }
       *[other] planned for { $date }
    }
ledger-milestone-unknown = there is no milestone { $id }
ledger-milestone-unknown-hint = `agenda card milestone list` shows their numbers
ledger-milestone-edited = milestone { $id } of { $card } changed
ledger-milestone-unchanged = milestone { $id }: nothing to change
ledger-milestone-reached = card { $card }: milestone { $id } "{ $title }" reached on { $date }
ledger-milestone-removed = card { $card }: milestone { $id } "{ $title }" removed
ledger-milestone-state-reached = reached on { $date }
ledger-milestone-state-planned = planned
ledger-milestone-state-late = late
ledger-milestone-none = no milestones
ledger-milestone-count = { $count ->
        [one] 1 milestone
       *[other] { $count } milestones
    }
ledger-milestones = Milestones
ledger-head-card = card
ledger-head-date = date
ledger-head-milestone = milestone
ledger-head-state = state
ledger-row-progress = progress
ledger-progress-shown = { $percent } % ({ $date })
ledger-progress-none = not recorded

ledger-indicator-name-bad = an indicator needs a name, on one line
ledger-indicator-recorded = card { $card }: { $indicator }
ledger-indicator-last = { $value }{ $unit } ({ $date })
ledger-indicator-not-measured = not measured yet
ledger-indicator-baseline = baseline { $value }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }
ledger-indicator-target = target { $value }{ $date ->
        [none] {""}
       *[other] {" "}by { $date }
    }

ledger-ending-row = where its card stands
ledger-ending-card = { $card } – { $status }, { $percent } % ({ $date })
ledger-ending-card-no-progress = { $card } – { $status }, no progress recorded
ledger-ending-last = last milestone: { $title } ({ $date })
ledger-ending-next = next: { $title } ({ $date })

ledger-file-no-column = { $at }: no column of the { $what ->
        [code] card's code
       *[other] progress
    }; the columns are: { $columns }
ledger-file-columns-hint = a progress file has the columns Codice (or code), Avanzamento (or progress), and optionally Data (date) and Nota (note)
ledger-file-date-bad = "{ $value }" is not a date: write it as DD/MM/YYYY or YYYY-MM-DD
ledger-file-no-card = there is no card "{ $code }"
ledger-file-recorded = { $count ->
        [one] 1 progress
       *[other] { $count } progress figures
    } from { $file }{ $dry_run ->
        [yes] {""}; dry run: nothing written
       *[other] {""}
    }
ledger-file-at-100 = { $count ->
        [one] at 100 % and not conclusa: { $cards } (`agenda card status CODE conclusa` concludes it)
       *[other] at 100 % and not conclusa: { $cards } (`agenda card status CODE conclusa` concludes each)
    }

ledger-percent = { $value } %
ledger-results-progress-bad = progress "{ $value }" is not a number: Decidim writes it as 60 or 46.33
ledger-results-progress-range = progress "{ $value }" is outside 0–100
ledger-results-id-bad = { $column } "{ $value }" is not a Decidim id (digits only)
ledger-results-updated-bad = updated_at "{ $value }" is not a date
ledger-results-not-results = { $at }: this is not a Decidim results export (no id with title/…, status/id or external_id); the columns are: { $columns }
ledger-results-not-results-hint = export the results of the Accountability component from Decidim's admin (Export → Results as CSV), or give the office's progress sheet to `agenda card progress --from FILE`
ledger-results-no-component = { $file } has no component/id column: say which Accountability component it is of
ledger-results-no-component-hint = add --component ID (the number after /f/ in the component's address on Decidim)
ledger-results-other-component = the result is of component { $row }, not of --component { $given }
ledger-results-row-no-component = the row has no component/id: add --component ID
ledger-results-card-twice = card { $card } is already the result on line { $line }: a card is one result of a component
ledger-results-kept-undated = the card has { $percent } % on { DATE($date) }, and the export does not say when Decidim's figure was set (Decidim before 0.30): the card's is kept; record Decidim's with `agenda card progress` if it is the newer
ledger-progress-from-results-hint = `agenda card import-results { $file } --component ID` reads it (with --map when needed)
ledger-results-kept-newer = the card has { $percent } % on { DATE($date) }, a later figure
ledger-results-note = from Decidim (component { $component }, result { $id })
ledger-results-conflict = result { $id } stands for card { $learned }, but its external_id is { $code }: say which with --map { $code }={ $id } or --map { $learned }={ $id }
ledger-map-unreadable = cannot read the map file { $file }: { $error }
ledger-map-neither = --map { $value }: there is no such file, and it is not CARD=RESULT_ID
ledger-map-hint = write --map SEM-01=70 (card SEM-01 is result 70), --map conclusa=9 (status 9 means conclusa), or a file of such lines
ledger-map-line-bad = "{ $line }" is not CARD=RESULT_ID or STATUS=STATUS_ID
ledger-map-id-bad = "{ $value }" is not a Decidim id (digits only)
ledger-map-result-twice = result { $id } is already card { $card }'s
ledger-map-left-bad = "{ $value }" is neither a card code nor a card status
ledger-export-which-component = the results of several Accountability components are known ({ $components }): say which one the file is for
ledger-export-which-component-hint = add --component ID
ledger-head-line = line
ledger-head-result = result
ledger-head-matched-by = matched by
ledger-head-progress-change = card → Decidim
ledger-head-outcome = outcome
ledger-matched-by = { $by ->
        [map] --map
        [id] result id
        [external_id] external_id
       *[title] title
    }
ledger-results-kept-why = line { $line } ({ $card }): { $reason }
ledger-results-recorded = recorded
ledger-results-unchanged = unchanged
ledger-results-no-progress = none on Decidim
ledger-results-kept = kept the card's
ledger-results-not-matched = no card
ledger-results-summary = { $file }: { $read } row(s), { $matched } matched to cards, { $learned } result id(s) learned, { $recorded } progress figure(s) recorded{ $dry_run ->
        [yes] {" "}(dry run: nothing was written)
       *[other] {""}
    }
ledger-results-unmatched = { $count ->
        [one] 1 result is no card's (line { $lines }): left alone
       *[other] { $count } results are no card's (lines { $lines }): left alone
    }; --map CARD=RESULT_ID says which card one is
ledger-results-status = component { $component }: status { $id } ({ $named }) means { $status } (by { $by ->
        [map] --map
        [key] its key
        [name] its name
       *[known] what was known
    })
ledger-results-status-unknown = component { $component }: status { $id } ({ $named }) means no card status yet: --map STATUS={ $id } says which
ledger-export-written = { $count } card(s) written to { $path } for Decidim{ $component ->
        [none] {""}
       *[other] {" "}(component { $component })
    }
ledger-export-to-create = Decidim will create { $count } new result(s), for cards with no known result id: { $cards }
ledger-export-to-create-hint = once Decidim has imported the file, export its results (Export → Results as CSV) and give it to `agenda card import-results`: the next export then updates them
ledger-export-status-unknown = "{ $status }" has no known status on the component: { $cards } { $count ->
        [one] keeps its result's
       *[other] keep their results'
    } (or none)
ledger-export-status-hint = `agenda card import-results FILE --map STATUS=STATUS_ID` says which Decidim status means a card status
ledger-export-weights-reset = Decidim's importer resets the weight of the results it updates (the CSV has none), which weighs their parent's progress: { $cards }
ledger-export-proposals-cut = Decidim's importer links one proposal to a result, the first of proposal_ids; { $count ->
        [one] one card has more
       *[other] { $count } cards have more
    }, to link in the result's form on Decidim: { $others }
