# The `agenda suggestion …` commands: lists, a suggestion's record, imports, axes, responses.

## suggestion list

sugg-search-indexed = indexed { $count } suggestions for search
sugg-search-windowed = more than { $window } suggestions match: the best shown are those of the { $window } most recent; add a word to narrow the search
sugg-list-none = no suggestions match
sugg-list-col-ref = ref
sugg-list-col-title = title
sugg-list-col-date = date
sugg-list-col-axes = axes
sugg-list-col-state = state
sugg-list-col-outcome = outcome
sugg-list-withdrawn = withdrawn
sugg-list-count = { $count } suggestion(s)
sugg-list-page = more than { $count } suggestions: --limit N to see more, --format csv for all of them

## suggestion show

sugg-show-unknown = there is no suggestion "{ $id }"
sugg-show-unknown-hint = `agenda suggestion list` shows numbers and references
sugg-show-col-field = field
sugg-show-col-value = value
sugg-show-reason = reason
sugg-show-earlier-response = earlier response ({ $at }, { $user })
sugg-show-personal-data = personal data (not for publication)
sugg-show-axis-origin-source = source
sugg-show-axis-origin-rule = rule
sugg-show-axis-origin-person = person
sugg-show-yes = yes
sugg-show-no = no
sugg-show-number = number
sugg-show-reference = reference
sugg-show-cycle = cycle
sugg-show-title = title
sugg-show-published-title = published title
sugg-show-title-above = the title above
sugg-show-body = body
sugg-show-stakeholder = stakeholder
sugg-show-channel = channel
sugg-show-submitted = submitted
sugg-show-axes = axes
sugg-show-source-state = state at the source
sugg-show-withdrawn = withdrawn
sugg-show-supports = supports / endorsements / comments
sugg-show-url = url
sugg-show-decidim-id = Decidim id / component
sugg-show-amendment = amendment
sugg-show-amendment-of = yes, of { $of }
sugg-show-outcome = outcome
sugg-show-no-response = no response yet
sugg-show-cards = cards
sugg-show-imported-from = imported from
sugg-show-imported-from-value = { $file }:{ $line } (batch { $batch })

## suggestion batches

sugg-batches-col-batch = batch
sugg-batches-col-cycle = cycle
sugg-batches-col-file = file
sugg-batches-col-when = when
sugg-batches-col-who = who
sugg-batches-col-format = format
sugg-batches-col-encoding = encoding
sugg-batches-col-read = read
sugg-batches-col-inserted = ins.
sugg-batches-col-updated = upd.
sugg-batches-col-unchanged = same
sugg-batches-col-rejected = rej.
sugg-batches-rejected-row = batch { $batch }: { $file }:{ $line }: { $reason }

## suggestion import

sugg-import-progress-eta = { $eta } left
sugg-import-progress-rows = { $rows } rows, { $rate } rows/s
sugg-import-col-file = file
sugg-import-col-batch = batch
sugg-import-col-format = format
sugg-import-col-encoding = encoding
sugg-import-col-delimiter = delim.
sugg-import-col-read = read
sugg-import-col-inserted = inserted
sugg-import-col-updated = updated
sugg-import-col-unchanged = unchanged
sugg-import-col-rejected = rejected
sugg-import-already-imported = { $file }: already imported as batch { $batch } ({ $name }, { $at }), nothing to do
sugg-import-rejected-row = rejected { $row }
sugg-import-dry-run = dry run: nothing was written

## suggestion respond, export-answers, similar

sugg-respond-dry-run-needs-from = --dry-run goes with --from FILE.csv: a response given on the command line is written at once
sugg-respond-no-ids = give the suggestions to respond to (numbers or references), or --from FILE.csv
sugg-respond-no-outcome = a response needs --outcome ({ $valid })
sugg-respond-summary = { $new } new response(s), { $changed } changed (the old ones stay in the history), { $unchanged } unchanged
sugg-respond-axes-added = , { $count } axes added
sugg-dry-run-suffix = ; dry run: nothing written
sugg-answers-format-needs-history = --format { $format } lists the history: add --history, or leave --format decidim for the answers
sugg-answers-would-write = would write { $count } answer(s) for Decidim component { $component }
sugg-answers-wrote = wrote { $count } answer(s) for Decidim component { $component }
sugg-answers-wrote-to = wrote { $count } answer(s) for Decidim component { $component } to { $path }
sugg-answers-nothing-new = component { $component }: every response was sent already, as it is now; --all sends them again
sugg-answers-left-out = { $count } suggestion(s) from Decidim left out: { $reasons }
sugg-answers-how-to-import = import each file in Decidim from its proposals component: Proposals → Import → "Import answers from a file"
sugg-answers-dry-run = dry run: nothing was written or recorded
sugg-answers-none-yet = no answers exported yet: `agenda suggestion export-answers --out FOLDER/` writes them
sugg-answers-col-cycle = cycle
sugg-answers-col-when = when
sugg-answers-col-who = who
sugg-answers-col-component = comp.
sugg-answers-col-rows = rows
sugg-answers-col-file = file
sugg-answers-rows-all = { $rows } all
sugg-answers-stdout = stdout
sugg-similar-none = no similar suggestions
sugg-similar-col-score = score

## suggestion tag, untag, autotag, link, unlink, retitle

sugg-tag-done = { $count } tag(s) added ({ $unchanged } already there)
sugg-untag-done = { $count } tag(s) removed ({ $unchanged } already absent)
sugg-autotag-col-axis = axis
sugg-autotag-col-words = decided by
sugg-autotag-more = … and { $count } more (--limit, or --format json for all)
sugg-autotag-done = tagged { $tagged } of { $examined } untagged suggestions ({ $tags } tags)
sugg-autotag-would = would tag { $tagged } of { $examined } untagged suggestions ({ $tags } tags)
sugg-link-done = linked { $id } to card { $card }
sugg-link-already = { $id } was already linked to card { $card }
sugg-unlink-done = unlinked { $id } from card { $card }
sugg-unlink-not-linked = { $id } was not linked to card { $card }
sugg-retitle-done = { $id }: published as "{ $title }"
sugg-retitle-source = { $id }: published with the source's title again
