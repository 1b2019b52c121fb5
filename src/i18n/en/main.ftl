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
