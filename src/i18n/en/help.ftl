# The help of every command and option, in English. Each message is keyed by the command's
# path (cli-card-list) and, for an option, its name after two dashes (cli-card-list--limit).
# A `.long` attribute is the longer text of `--help`; `.value` names the option's value.
cli = agenda — the permanent participatory process of the Digital Agenda of the Comune di Prato: project cards, citizens' suggestions, responses, phases and the triennial update report
cli--db = The database file
cli--yes = Answer yes to every confirmation
cli--quiet = Print only data and errors, no progress or summaries
cli--cycle = The cycle to act on, by triennium (default: the open cycle, or the latest)
cli--lang = The language of messages and help: it (the default) or en

cli-init = Create a new database: municipality, the six axes, the first cycle in Fase 1
cli-init--municipality = The municipality whose Agenda this is
cli-init--office = The office that proposes the deliberation, named on the report's cover (e.g. "Servizio Sistema Informativo"); later `agenda config set office`
cli-init--triennium = The triennium of the first cycle (by default the one that starts in the year of --date, or of today)
cli-init--date = The date Fase 1 began, if not today (for an Agenda whose process started earlier)

cli-status = Where the process stands: cycle, phase, cards, suggestions
cli-status--format = How to print: a table for people (the default), or json/csv for scripts

cli-config = The municipality and the office that proposes the deliberation: `show`, `set`, `unset`

cli-config-show = The municipality and the office, as the report's cover names them
cli-config-show--format = How to print: a table for people (the default), or json/csv for scripts

cli-config-set = Set the municipality or the office: `config set office "Servizio Sistema Informativo"`
cli-config-set--key = What to set: municipality or office
cli-config-set--value = The new value (not empty)

cli-config-unset = Remove the office (the municipality cannot be removed)
cli-config-unset--key = What to remove: office

cli-log = The audit log: every change any command made
cli-log--limit = How many entries, newest first
cli-log--format = How to print: a table for people (the default), or json/csv for scripts

cli-axis = The six axes of the Agenda: `list`

cli-axis-list = The six axes with their Italian names and descriptions
cli-axis-list--format = How to print: a table for people (the default), or json/csv for scripts

cli-phase = The phase of the current cycle: `show`, `advance` (and close), `back`, `history`

cli-phase-show = The cycle, its phase and since when, and what is left before the next step (the default)
cli-phase-show--format = How to print: a table for people (the default), or json/csv for scripts

cli-phase-advance = Move the open cycle forward: 1 → 2 (collection opens), 2 → 3 (collection closes), 3 → closed (every suggestion needs a response and an axis, none dated after the closing; give the act or --without-act)
cli-phase-advance--note = A note kept with the step (e.g. where the Agenda was presented)
cli-phase-advance--date = The date the step counts from, if not today
cli-phase-advance--act = Closing only: the number of the Giunta's deliberation that approves the update, e.g. 12/2022 (a leading "DGC" or "n." is dropped); give its date with --act-date
cli-phase-advance--act_date = Closing only: the date of the deliberation
cli-phase-advance--without_act = Closing only: close the cycle without an approving act, on purpose
cli-phase-advance--annex = Closing only, with --act: the files the Giunta approved (the final report as PDF, Markdown, HTML or JSON, its CSV annexes), checked against the cycle's data and kept byte for byte; `report --approved` gives them back
cli-phase-advance--annex_as_is = With --annex: store the files that cannot be verified anyway, flagged "as is, not checked" with the reason

cli-phase-back = Undo the last step of the open cycle (3 → 2 or 2 → 1), with the reason; never silent
cli-phase-back--reason = Why the step is undone; kept in the history and the audit log

cli-phase-history = Every step of the cycles: opening, advances, steps back, closing (all cycles unless --cycle names one)
cli-phase-history--format = How to print: a table for people (the default), or json/csv for scripts

cli-cycle = The cycles of the process, one a year on a triennium: `open`, `list`, `show`

cli-cycle-open = Open the next cycle in Fase 1, once the current one is closed; the cards carry over
cli-cycle-open--triennium = The triennium of the new cycle (default: the last one shifted by a year)
cli-cycle-open--date = The date Fase 1 begins, if not today
cli-cycle-open--note = A note kept with the step

cli-cycle-list = Every cycle: triennium, phase, dates, act, suggestions and responses
cli-cycle-list--format = How to print: a table for people (the default), or json/csv for scripts

cli-cycle-show = One cycle: its phases with their dates, the act, the suggestions (the current cycle unless a triennium, or --cycle, names another)
cli-cycle-show--triennium = The triennium, e.g. 2021-2023
cli-cycle-show--format = How to print: a table for people (the default), or json/csv for scripts

cli-card = Project cards (schede) of the Agenda: `add`, `list`, `show`, `edit`, `status`, `remove`, `import`, `export`, `progress`, `milestone`, `indicator`, `import-results`

cli-card-add = Add a project card
cli-card-add--code = A unique code that will stand for this card forever (e.g. SEM-01)
cli-card-add--title = The title of the card
cli-card-add--axis = The axis: a code (nuovi-servizi) or its Italian name ("Nuovi servizi")
cli-card-add--status = in-corso, programmata, breve-termine, pianificata, conclusa, sospesa (or the Italian names)
cli-card-add--description = What the project is and does
cli-card-add--objectives = What the project means to achieve
cli-card-add--office = The office in charge (e.g. "Servizio Sistema Informativo")
cli-card-add--partners = The partners involved (other offices, companies, associations)
cli-card-add--start = Start month, YYYY-MM ("" clears it on edit)
cli-card-add--end = End month, YYYY-MM ("" clears it on edit)
cli-card-add--budget = Budget in euro: 120000, 120000.50 or 120.000,50 ("" clears it on edit)
cli-card-add--funding = Funding source, free text (e.g. "PNRR Misura 1.4.1")
cli-card-add--agid_refs = A reference to the AGID Piano Triennale, with its edition (repeat for more)
cli-card-add--indicators = An indicator of progress (repeat for more)

cli-card-list = List the cards, axis by axis
cli-card-list--axis = Only the cards of this axis: a code (nuovi-servizi) or its Italian name
cli-card-list--status = Only the cards in this status: a code (in-corso) or its Italian name
cli-card-list--format = How to print: a table for people (the default), or json/csv for scripts

cli-card-show = Show one card with its history
cli-card-show--code = The code of the card (e.g. SEM-01)
cli-card-show--format = How to print: a table for people (the default), or json/csv for scripts

cli-card-edit = Change some fields of a card; the old values stay in its history
cli-card-edit--code = The code of the card (e.g. SEM-01)
cli-card-edit--title = The title of the card
cli-card-edit--axis = The new axis: a code (nuovi-servizi) or its Italian name
cli-card-edit--status = The new status: a code (in-corso) or its Italian name
cli-card-edit--description = What the project is and does
cli-card-edit--objectives = What the project means to achieve
cli-card-edit--office = The office in charge (e.g. "Servizio Sistema Informativo")
cli-card-edit--partners = The partners involved (other offices, companies, associations)
cli-card-edit--start = Start month, YYYY-MM ("" clears it on edit)
cli-card-edit--end = End month, YYYY-MM ("" clears it on edit)
cli-card-edit--budget = Budget in euro: 120000, 120000.50 or 120.000,50 ("" clears it on edit)
cli-card-edit--funding = Funding source, free text (e.g. "PNRR Misura 1.4.1")
cli-card-edit--agid_refs = A reference to the AGID Piano Triennale, with its edition (repeat for more)
cli-card-edit--indicators = An indicator of progress (repeat for more)
cli-card-edit--note = Why the card changed; kept in its history

cli-card-status = Change the status of a card, with a note
cli-card-status--code = The code of the card (e.g. SEM-01)
cli-card-status--status = The new status: in-corso, programmata, breve-termine, pianificata, conclusa, sospesa (or the Italian names)
cli-card-status--note = Why the status changed; kept in the card's history

cli-card-remove = Remove a card (refused when suggestions are linked to it)
cli-card-remove--code = The code of the card (e.g. SEM-01)

cli-card-import = Create or update cards from a CSV file, by code; all or nothing
cli-card-import--file = The CSV file (`-` for standard input)
cli-card-import--dry_run = Report what would change and write nothing
cli-card-import--encoding = The text encoding; auto tells it from the file's bytes
cli-card-import--delimiter = The field separator; auto tells it from the header line
cli-card-import--format = How to print: a table for people (the default), or json/csv for scripts

cli-card-export = Write every card as CSV or JSON (the CSV reads back with `card import`), or as the results file of Decidim's Accountability
cli-card-export--format = csv (the default, reads back with `card import`), json, or decidim-accountability (the file Decidim's results importer takes)
cli-card-export--component = With decidim-accountability: the Accountability component the file is for (its id); the only one known when left out
cli-card-export--only_known = With decidim-accountability: only the cards whose result on Decidim is known (Decidim creates none)
cli-card-export--locale = With decidim-accountability: the organisation's default locale on Decidim, for title/<locale> and description/<locale>
cli-card-export--out = Write to this file instead of standard output

cli-suggestion = Citizens' suggestions (contributi): `import`, `batches`, `list`, `show`, `similar`, `tag`, `untag`, `autotag`, `retitle`, `link`, `unlink`, `respond`, `export-answers`

cli-suggestion-import = Import suggestions: Decidim exports (CSV, JSON, Excel), office spreadsheets (CSV, .xlsx, .ods, .xls)
cli-suggestion-import--files = The files (CSV, JSON, .xlsx, .ods, .xls: told from their bytes); `-` reads standard input
cli-suggestion-import--sheet = The sheet of a workbook to read (default: the first)
cli-suggestion-import--source = What the files are: auto (by their header), decidim, generic
cli-suggestion-import--locale = The locale of Decidim's title/body columns (falls back to the first one present)
cli-suggestion-import--encoding = The text encoding; auto tells it from the file's bytes
cli-suggestion-import--delimiter = The field separator; auto tells it from the header line
cli-suggestion-import--map = Name the column of a field: --map title="Oggetto della proposta" (repeatable). Fields: title, body, date, stakeholder, author, nickname, email, axis, channel, reference, url, state
cli-suggestion-import--channel = The channel of suggestions whose file does not say (default: piattaforma for Decidim, modulo otherwise)
cli-suggestion-import--stakeholder = The stakeholder type of suggestions whose file does not say (default: altro)
cli-suggestion-import--dry_run = Report what the import would do and write nothing
cli-suggestion-import--skip_invalid = Import the valid rows and record the invalid ones on the batch, instead of refusing the file
cli-suggestion-import--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-list = List suggestions
cli-suggestion-list--axis = Only suggestions tagged with this axis
cli-suggestion-list--untagged = Only suggestions without any axis
cli-suggestion-list--unanswered = Only suggestions without a response
cli-suggestion-list--outcome = Only suggestions with this outcome
cli-suggestion-list--card = Only suggestions linked to this card (or answered with it)
cli-suggestion-list--search = Full-text search, accent-insensitive; results ranked, best first
cli-suggestion-list--source_state = Only suggestions with this state at the source (e.g. accepted, withdrawn; "none" for empty)
cli-suggestion-list--stakeholder = Only suggestions from this stakeholder type
cli-suggestion-list--batch = Only suggestions brought or changed by this import batch
cli-suggestion-list--limit = At most this many
cli-suggestion-list--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-show = Show one suggestion, by number or reference
cli-suggestion-show--id = The suggestion's number, or its reference (e.g. PO-PROP-2021-10-5101)
cli-suggestion-show--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-batches = The import batches: files, fingerprints, counts, rejected rows
cli-suggestion-batches--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-tag = Tag suggestions with axes: `tag 12 PO-PROP-2021-10-5101 competenze`
cli-suggestion-tag--items = Suggestions (numbers or references) and axes (codes or Italian names), in any order

cli-suggestion-untag = Remove axes from suggestions
cli-suggestion-untag--items = Suggestions (numbers or references) and axes (codes or Italian names), in any order

cli-suggestion-autotag = Tag the untagged suggestions by the keyword rules (`agenda rule list`)
cli-suggestion-autotag--dry_run = Show what the rules would tag, and write nothing
cli-suggestion-autotag--limit = How many tagged suggestions to list in the table (all of them with --format json)
cli-suggestion-autotag--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-retitle = Give a suggestion the title it is published with (the source's title is kept)
cli-suggestion-retitle--id = The suggestion (number or reference)
cli-suggestion-retitle--title = The title to publish in the report and its annexes
cli-suggestion-retitle--source = Publish the source's own title again

cli-suggestion-link = Link a suggestion to a card (the response does not change)
cli-suggestion-link--id = The suggestion (number or reference)
cli-suggestion-link--card = The card's code

cli-suggestion-unlink = Remove the link between a suggestion and a card
cli-suggestion-unlink--id = The suggestion (number or reference)
cli-suggestion-unlink--card = The card's code

cli-suggestion-respond = Record the administration's response, with its reason; or many from a spreadsheet
cli-suggestion-respond--ids = The suggestions (numbers or references) that get this response
cli-suggestion-respond--outcome = accolto, parzialmente-accolto, gia-previsto, non-accolto, non-pertinente, duplicato
cli-suggestion-respond--reason = Why: a response is never without its reason
cli-suggestion-respond--card = The card that covers the suggestion (required for gia-previsto)
cli-suggestion-respond--duplicate_of = The suggestion this one duplicates (required for duplicato)
cli-suggestion-respond--from = Responses from a spreadsheet: columns id or ref, outcome, reason, optional card, axes
cli-suggestion-respond--dry_run = With --from: check the file and report what would change, writing nothing
cli-suggestion-respond--encoding = The text encoding; auto tells it from the file's bytes
cli-suggestion-respond--delimiter = The field separator; auto tells it from the header line
cli-suggestion-respond--format = How to print: a table for people (the default), or json/csv for scripts

cli-suggestion-export-answers = Write the responses as a file the platform imports (Decidim's bulk answers)
cli-suggestion-export-answers--format = The platform the file is for (with --history: table or json)
cli-suggestion-export-answers--locale = The organisation's default locale on Decidim: the answer goes in answer/<locale>
cli-suggestion-export-answers--out = Write to this file (one component), or to this folder one file per component (an existing folder, or a path ending in /); default: standard output
cli-suggestion-export-answers--component = Only the answers of this Decidim component (its id, as in component/id of the export)
cli-suggestion-export-answers--all = Every response in force, not only those new or changed since the last export
cli-suggestion-export-answers--states = Send an outcome as a custom state of the component (Decidim 0.29+), e.g. --state gia-previsto=gia_in_corso (repeatable)
cli-suggestion-export-answers--dry_run = Say what would be written, write and record nothing
cli-suggestion-export-answers--history = List the exports made so far: when, who, component, rows, file, SHA-256

cli-suggestion-similar = The suggestions most like one, to spot duplicates
cli-suggestion-similar--id = The suggestion (number or reference)
cli-suggestion-similar--limit = How many
cli-suggestion-similar--all_cycles = Look in every cycle, not only the suggestion's own
cli-suggestion-similar--format = How to print: a table for people (the default), or json/csv for scripts

cli-rule = Keyword rules for tagging suggestions automatically: `add`, `list`, `remove`

cli-rule-add = Add a rule: suggestions whose text holds one of the keywords get the axis
cli-rule-add--axis = The axis (code or Italian name)
cli-rule-add--keywords = A word, a phrase ("open data") or a stem (anzian*); repeat or list several

cli-rule-list = The rules, axis by axis
cli-rule-list--format = How to print: a table for people (the default), or json/csv for scripts

cli-rule-remove = Remove a rule by its number
cli-rule-remove--id = The number of the rule, as `rule list` shows it

cli-triage = Walk the suggestions one at a time on a terminal: axes, card, outcome and reason
cli-triage--axis = Only suggestions tagged with this axis
cli-triage--untagged = Only suggestions without any axis
cli-triage--unanswered = Only suggestions without a response

cli-report = The triennial update report for the Giunta: Markdown, HTML, JSON or the CSV annexes
cli-report--format = md, html, pdf, json, or csv (default: from the extension of --out, else md)
cli-report--out = The file to write (default: standard output); for csv, the folder of the annexes
cli-report--draft = A draft: marked BOZZA on every page, with what is still missing; produced at any phase
cli-report--date = The date the report bears (default: the date the cycle closed; today, for a draft)
cli-report--annex_label = The label of the annex on the cover and in the running header (default "Allegato A")
cli-report--excel = With --format csv: Excel flavour (`;`, UTF-8 with BOM, dd/mm/yyyy, decimal comma)
cli-report--approved = The annexes as the Giunta approved them, kept when the cycle closed, byte for byte into the folder --out; prints each file's SHA-256 and path

cli-demo = Build a demo database from the bundled fixtures and show the whole job
cli-demo--dir = Where to build the demo (default: a new temporary folder, kept afterwards)

cli-privacy = Personal data: what is held for each cycle (`report`), and its purge once a cycle has closed (`purge`)

cli-privacy-report = What personal data the database holds, cycle by cycle: authors' names, nicknames, e-mails and urls, and the rows as read that hold them; whether each cycle was purged
cli-privacy-report--format = How to print: a table for people (the default), or json/csv for scripts

cli-privacy-purge = Erase for ever the names, nicknames, e-mails and urls of the people behind the suggestions of a closed cycle (the current one, or --cycle), then rewrite the database file so that nothing of them is left on disk. Suggestions, tags and responses stay

cli-backup = Write a consistent copy of the database to a new file (0600), even while others write
cli-backup--path = The new file to write; an existing file is never overwritten

cli-restore = Replace the data with a backup, after checking it and saving the current data beside
cli-restore--path = A backup written by `agenda backup` (or beside the database before an upgrade)

cli-check = Check the database: SQLite's integrity and foreign keys, and the rules of the process
cli-check--format = How to print: a table for people (the default), or json/csv for scripts

cli-completions = Print the completion script for a shell: bash, zsh, fish or powershell
cli-completions--shell = The shell to complete for: bash, zsh, fish or powershell

cli-man = Print the manual page (roff), for `man -l` or a folder of MANPATH

# The names of the values in the help (<TRIENNIUM>, <YYYY-MM-DD>).
cli-value-axis = AXIS
cli-value-batch = BATCH
cli-value-card = CARD
cli-value-channel = CHANNEL
cli-value-code = CODE
cli-value-description = DESCRIPTION
cli-value-dir = DIR
cli-value-eur = EUR
cli-value-field-header = FIELD=HEADER
cli-value-file = FILE
cli-value-file-csv = FILE.csv
cli-value-file-folder = FILE|FOLDER/
cli-value-files = FILES
cli-value-format = FORMAT
cli-value-funding = FUNDING
cli-value-id = ID
cli-value-ids = IDS
cli-value-items = ITEMS
cli-value-key = KEY
cli-value-keywords = KEYWORDS
cli-value-label = LABEL
cli-value-limit = LIMIT
cli-value-locale = LOCALE
cli-value-municipality = MUNICIPALITY
cli-value-name = NAME
cli-value-note = NOTE
cli-value-objectives = OBJECTIVES
cli-value-office = OFFICE
cli-value-out = OUT
cli-value-outcome = OUTCOME
cli-value-outcome-token = OUTCOME=TOKEN
cli-value-partners = PARTNERS
cli-value-path = PATH
cli-value-reason = REASON
cli-value-shell = SHELL
cli-value-source-state = SOURCE_STATE
cli-value-stakeholder = STAKEHOLDER
cli-value-status = STATUS
cli-value-text = TEXT
cli-value-title = TITLE
cli-value-triennium = TRIENNIUM
cli-value-value = VALUE
cli-value-words = WORDS
cli-value-yyyy-mm = YYYY-MM
cli-value-yyyy-mm-dd = YYYY-MM-DD
cli-value-yyyy-yyyy = YYYY-YYYY
cli-value-n-yyyy = n/yyyy
cli-value-auto-tab = auto|,|;|tab
cli-value-auto-decidim-generic = auto|decidim|generic
cli-value-auto-utf-8-windows-1252 = auto|utf-8|windows-1252
cli-value-it-en = it|en

cli-card-progress = Record how far a card is (0–100 %), dated, with a note; kept with every earlier figure
cli-card-progress--code = The code of the card (e.g. SEM-01)
cli-card-progress--percent = The progress, a whole number from 0 to 100 (60 or 60%)
cli-card-progress--date = The day the figure is about, if not today
cli-card-progress--note = Why, or what was reached; kept with the figure
cli-card-progress--format = How to print: a line for people (the default), or json for scripts
cli-card-milestone = The milestones of the cards, planned and reached: `add`, `list`, `edit`, `done`, `remove`
cli-card-milestone-add = Add a milestone to a card
cli-card-milestone-add--code = The code of the card (e.g. SEM-01)
cli-card-milestone-add--date = When it is planned (or was reached, with --done)
cli-card-milestone-add--title = What the milestone is (e.g. "Collaudo del sistema")
cli-card-milestone-add--description = More about it
cli-card-milestone-add--done = It is reached already, on --date
cli-card-milestone-list = The milestones of every card, or of one, with where each stands today
cli-card-milestone-list--code = Only the milestones of this card
cli-card-milestone-list--format = How to print: a table for people (the default), or json for scripts
cli-card-milestone-edit = Change a milestone's date, title or description
cli-card-milestone-edit--id = The milestone's number (`card milestone list` shows it)
cli-card-milestone-edit--date = The new planned date
cli-card-milestone-edit--title = The new title
cli-card-milestone-edit--description = The new description
cli-card-milestone-done = Mark a milestone reached
cli-card-milestone-done--id = The milestone's number (`card milestone list` shows it)
cli-card-milestone-done--date = The day it was reached, if not today
cli-card-milestone-remove = Remove a milestone
cli-card-milestone-remove--id = The milestone's number (`card milestone list` shows it)
cli-value-percent = PERCENT

cli-card-indicator = An indicator's figures: its unit, baseline and target (value and date), and a measured value; a name the card does not have yet is added to it
cli-card-indicator--code = The code of the card (e.g. SEM-01)
cli-card-indicator--name = The indicator, as the card names it (e.g. "Accessi mensili")
cli-card-indicator--unit = What it counts (e.g. accessi, %, servizi)
cli-card-indicator--baseline = The value it started from
cli-card-indicator--baseline_date = The day of the baseline
cli-card-indicator--target = The value to reach
cli-card-indicator--target_date = The day the target is for
cli-card-indicator--measure = A measured value (12500, 12.500, 3,5)
cli-card-indicator--date = The day the measured value is about, if not today
cli-card-indicator--note = A note kept with the measured value
cli-card-indicator--format = How to print: a line for people (the default), or json for scripts
cli-value-baseline = VALUE
cli-value-measure = VALUE
cli-value-target = VALUE
cli-value-unit = UNIT
cli-suggestion-list--delivered = Only suggestions accepted (accolto, parzialmente accolto, già previsto) with a card that is concluded: what was asked was delivered
cli-suggestion-list--in_progress = Only suggestions accepted with a card that is not concluded yet
cli-card-progress--from = A CSV file of progress figures (UTF-8 or Windows-1252, "," or ";"): columns Codice, Avanzamento, Data, Nota (or code, progress, date, note); all or nothing
cli-card-progress--dry_run = With --from: check the file and say what it would record, writing nothing

cli-card-import-results = Read a results export of a Decidim Accountability component: which result is each card, the statuses, the progress; all or nothing
cli-card-import-results--file = The results export (CSV as Decidim writes it, `-` for standard input)
cli-card-import-results--component = The component the file is of, when it has no component/id column
cli-card-import-results--maps = Which result is a card (SEM-01=70) or which card status a Decidim status means (conclusa=9), or a file of such lines; repeatable
cli-card-import-results--dry_run = Check the file and say what it would learn and record, writing nothing
cli-card-import-results--encoding = The text encoding; auto tells it from the file's bytes
cli-card-import-results--delimiter = The field separator; auto tells it from the header line
cli-card-import-results--format = How to print: a table for people (the default), or json for scripts
cli-value-file-card-id = FILE|CARD=ID
