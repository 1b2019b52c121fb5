//! clap's help in the run's language: every command's description and every argument's help
//! come from the `help` catalogue, by a key made of the command's path (`cli-card-list`, with
//! `.long` for the long form) and the argument's id (`cli-card-list--limit`; a global option is
//! `cli--db`). clap's own words — the headings, `[OPTIONS]`, `[default: …]`, the help and
//! version flags — are replaced too when the language is not English. Usage errors are written
//! by [`usage_error`], since clap has no catalogue of its own.

use clap::builder::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Arg;

use super::Lang;

/// The key of a command's description: `cli` for the top level, `cli-card-list` below.
pub fn command_key(path: &[&str]) -> String {
    if path.is_empty() {
        "cli".to_string()
    } else {
        format!("cli-{}", path.join("-"))
    }
}

/// The key of an argument's help: a global option belongs to the top level.
pub fn arg_key(path: &[&str], arg: &Arg) -> String {
    let owner = if arg.is_global_set() { &[][..] } else { path };
    format!("{}--{}", command_key(owner), arg.get_id())
}

/// The key of a value's name in the help (`<TRIENNIUM>`, `<YYYY-MM-DD>`): `cli-value-triennium`,
/// `cli-value-yyyy-mm-dd`.
pub fn value_key(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("cli-value-{}", slug.trim_matches('-'))
}

/// Whether the argument is one clap adds by itself (`--help`, `--version`).
pub fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// The command tree with its texts in the run's language.
pub fn localise(mut cmd: Command) -> Command {
    cmd.build();
    let lang = super::lang();
    walk(cmd, &mut Vec::new(), lang)
}

fn walk(mut cmd: Command, path: &mut Vec<String>, lang: Lang) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let key = command_key(&names);
    if path.last().map(String::as_str) == Some("help") && !super::has(&key) {
        // clap's own `help` subcommand.
        cmd = cmd.about(t!("cli-help-command"));
    } else {
        cmd = cmd.about(super::tr(&key, None));
        cmd = match super::attribute(&key, "long") {
            Some(long) => cmd.long_about(long),
            None => cmd.long_about(None::<&'static str>),
        };
    }
    let arg_keys: Vec<(String, String)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), arg_key(&names, a)))
        .collect();
    for (id, key) in arg_keys {
        cmd = cmd.mut_arg(&id, |arg| localise_arg(arg, &key, lang));
    }
    if lang != Lang::En {
        cmd = cmd
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
                t!("cli-usage-heading")
            ))
            .subcommand_help_heading(t!("cli-heading-commands"))
            .subcommand_value_name(t!("cli-value-command"));
        let usage = cmd.render_usage().to_string();
        let usage = usage
            .split_once(':')
            .map(|(_, rest)| rest.trim_start())
            .unwrap_or(&usage)
            .replace("[OPTIONS]", &t!("cli-usage-options"));
        cmd = cmd.override_usage(usage);
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subcommands {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| walk(sub, path, lang));
        path.pop();
    }
    cmd
}

fn localise_arg(mut arg: Arg, key: &str, lang: Lang) -> Arg {
    if is_builtin(&arg) {
        let help = match arg.get_id().as_str() {
            "help" => t!("cli-help-flag"),
            _ => t!("cli-version-flag"),
        };
        arg = arg.help(help).long_help(None::<&'static str>);
    } else {
        arg = arg.help(super::tr(key, None));
        arg = match super::attribute(key, "long") {
            Some(long) => arg.long_help(long),
            None => arg.long_help(None::<&'static str>),
        };
        if let Some(value) = super::attribute(key, "value") {
            arg = arg.value_name(value);
        }
        // The names of the values in the run's language (`<TRIENNIO>`, `<GG/MM/AAAA>`).
        let names: Option<Vec<String>> = arg.get_value_names().map(|names| {
            names
                .iter()
                .map(|n| {
                    let key = value_key(n);
                    if super::has(&key) {
                        super::tr(&key, None)
                    } else {
                        n.to_string()
                    }
                })
                .collect()
        });
        if let Some(names) = names {
            arg = arg.value_names(names);
        }
    }
    if lang == Lang::En {
        return arg;
    }
    let mut notes = Vec::new();
    if !arg.is_hide_possible_values_set() {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && arg.get_action().takes_values() {
            notes.push(t!("cli-note-values", values = values.join(", ")));
        }
    }
    if !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if arg.get_action().takes_values() {
            notes.push(t!("cli-note-default", value = defaults.join(", ")));
        }
    }
    if !arg.is_hide_env_set() {
        if let Some(env) = arg.get_env() {
            notes.push(t!(
                "cli-note-env",
                name = env.to_string_lossy().into_owned()
            ));
        }
    }
    if !notes.is_empty() {
        let extra = format!(" [{}]", notes.join("; "));
        let short = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let long = arg.get_long_help().map(|h| h.to_string());
        arg = arg.help(format!("{short}{extra}"));
        if let Some(long) = long {
            arg = arg.long_help(format!("{long}{extra}"));
        }
    }
    let heading = if arg.get_help_heading().is_some() {
        None
    } else if arg.is_positional() {
        Some(t!("cli-heading-arguments"))
    } else {
        Some(t!("cli-heading-options"))
    };
    if let Some(heading) = heading {
        arg = arg.help_heading(heading);
    }
    arg.hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
}

/// A usage error in the run's language. English keeps clap's own message; Italian is written
/// from the error's kind and context (the argument, the value, the valid values, the closest
/// one), with the command's usage and where to read the help.
pub fn usage_error(error: &clap::Error) -> String {
    if super::lang() == Lang::En {
        return error.render().to_string();
    }
    let text = |kind: ContextKind| -> Option<String> {
        match error.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            ContextValue::Bool(b) => Some(b.to_string()),
            ContextValue::None => None,
            _ => None,
        }
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = Vec::new();
    let message = match error.kind() {
        ErrorKind::InvalidValue => match text(ContextKind::ValidValue) {
            Some(valid) => t!(
                "usage-invalid-value",
                value = value,
                arg = arg,
                valid = valid
            ),
            None => t!("usage-missing-value", arg = arg),
        },
        ErrorKind::UnknownArgument => t!("usage-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "usage-unknown-command",
            name = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::NoEquals => t!("usage-no-equals", arg = arg),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|e| e.to_string())
                .unwrap_or_default();
            t!("usage-bad-value", value = value, arg = arg, reason = reason)
        }
        ErrorKind::TooManyValues => t!("usage-too-many-values", value = value, arg = arg),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("usage-wrong-number-of-values", arg = arg)
        }
        ErrorKind::ArgumentConflict => t!(
            "usage-conflict",
            arg = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => t!("usage-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("usage-missing-command")
        }
        ErrorKind::InvalidUtf8 => t!("usage-not-utf8"),
        _ => error.kind().as_str().unwrap_or("").to_string(),
    };
    lines.push(format!("{} {message}", t!("error-prefix")));
    if let Some(suggested) = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| text(ContextKind::SuggestedValue))
    {
        lines.push(format!("  {}", t!("usage-did-you-mean", value = suggested)));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage
            .trim()
            .split_once(':')
            .map(|(_, rest)| rest.trim().to_string())
            .unwrap_or(usage);
        lines.push(String::new());
        lines.push(format!("{} {usage}", t!("cli-usage-heading")));
    }
    lines.push(String::new());
    lines.push(t!("usage-more-help"));
    lines.join("\n") + "\n"
}
