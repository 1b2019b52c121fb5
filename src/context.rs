//! Who runs the command, with which command line, and what time it is.
//!
//! Set once at start-up; the audit log, the history tables and the batches read it.

use std::sync::OnceLock;

use chrono::{DateTime, SecondsFormat, Utc};

static COMMAND_LINE: OnceLock<String> = OnceLock::new();

/// Records the command line for the audit log (arguments after the program name).
pub fn set_command_line(args: &[String]) {
    let line = std::iter::once("agenda".to_string())
        .chain(args.iter().skip(1).map(|a| quote_arg(a)))
        .collect::<Vec<_>>()
        .join(" ");
    let _ = COMMAND_LINE.set(line);
}

pub fn command_line() -> &'static str {
    COMMAND_LINE.get().map(String::as_str).unwrap_or("agenda")
}

pub(crate) fn quote_arg(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./=:,@".contains(c))
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// The operating-system user, as the audit log records it. `AGENDA_USER` overrides it (for
/// shared service accounts, where a script says on whose behalf it runs).
pub fn user() -> String {
    static USER: OnceLock<String> = OnceLock::new();
    USER.get_or_init(find_user).clone()
}

fn find_user() -> String {
    ["AGENDA_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(user_from_passwd)
        .unwrap_or_else(|| "sconosciuto".to_string())
}

/// The name of the process's user from /etc/passwd, for cron jobs and containers where no
/// USER variable is set.
fn user_from_passwd() -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let uid = std::fs::metadata("/proc/self").ok()?.uid();
        let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
        passwd.lines().find_map(|line| {
            let mut parts = line.split(':');
            let name = parts.next()?;
            let id: u32 = parts.nth(1)?.parse().ok()?;
            (id == uid).then(|| name.to_string())
        })
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The current time. `AGENDA_NOW` (RFC 3339) fixes it, so that a demo or a test gives the
/// same database twice.
pub fn now() -> DateTime<Utc> {
    if let Ok(fixed) = std::env::var("AGENDA_NOW") {
        if let Ok(t) = DateTime::parse_from_rfc3339(fixed.trim()) {
            return t.with_timezone(&Utc);
        }
    }
    Utc::now()
}

/// The current time as stored: `2022-05-02T13:44:00Z`.
pub fn timestamp() -> String {
    now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Today's date, `YYYY-MM-DD`, in local time.
pub fn today() -> String {
    if std::env::var("AGENDA_NOW").is_ok() {
        return now().format("%Y-%m-%d").to_string();
    }
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// Refuses settings in the environment that would be misread: a user name with control
/// characters (it goes into the audit log as is), a busy timeout that is not a number of
/// seconds, a fixed "now" that is not RFC 3339. Each with the sentence that says so.
pub fn check_environment() -> Result<(), crate::error::Failure> {
    use crate::error::usage;
    if let Ok(user) = std::env::var("AGENDA_USER") {
        if user.trim().is_empty() {
            return Err(usage(t!("app-env-user-empty")).hint(t!("app-env-user-empty-hint")));
        }
        if user.chars().any(char::is_control) {
            return Err(usage(t!("app-env-user-control")).hint(t!("app-env-user-control-hint")));
        }
        if user.chars().count() > 100 {
            return Err(usage(t!("app-env-user-long")).hint(t!("app-env-user-long-hint")));
        }
    }
    if let Ok(timeout) = std::env::var("AGENDA_BUSY_TIMEOUT") {
        let valid = timeout
            .trim()
            .parse::<u64>()
            .is_ok_and(|s| s <= 7 * 24 * 3600);
        if !valid {
            return Err(
                usage(t!("app-env-busy-timeout", timeout = timeout.as_str()))
                    .hint(t!("app-env-busy-timeout-hint")),
            );
        }
    }
    if let Ok(fixed) = std::env::var("AGENDA_NOW") {
        if DateTime::parse_from_rfc3339(fixed.trim()).is_err() {
            return Err(
                usage(t!("app-env-now", fixed = fixed.as_str())).hint(t!("app-env-now-hint"))
            );
        }
    }
    Ok(())
}
