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
