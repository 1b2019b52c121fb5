//! The agenda's settings a person keeps: the municipality and the office that proposes the
//! deliberation (the report's cover names both). Each change is one transaction with its audit
//! entry.

use anyhow::Result;
use serde::Serialize;

use crate::error::usage;
use crate::storage::{settings, Db, Handle};

/// A setting `agenda config` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// `municipality`: required, never empty.
    Municipality,
    /// `office`: the office that proposes the deliberation, e.g. "Servizio Sistema Informativo".
    Office,
}

impl Key {
    pub fn code(self) -> &'static str {
        match self {
            Key::Municipality => "municipality",
            Key::Office => "office",
        }
    }
}

/// The settings as `config show` gives them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Config {
    pub municipality: String,
    /// `None` until it is set.
    pub office: Option<String>,
}

/// What `config set` or `config unset` did: the value before and after (`None`: not set).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Changed {
    pub key: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Changed {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

pub fn show(conn: &Handle) -> Result<Config> {
    Ok(Config {
        municipality: settings::get(conn, Key::Municipality.code())?
            .unwrap_or_else(|| super::DEFAULT_MUNICIPALITY.to_string()),
        office: settings::get(conn, Key::Office.code())?,
    })
}

/// The value of a setting, trimmed; refused (exit 2) when empty or on more than one line, since
/// it stands on one line of the report's cover.
pub fn checked(key: Key, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        let hint = match key {
            Key::Municipality => t!("process-config-municipality-empty-hint"),
            Key::Office => t!("process-config-office-empty-hint"),
        };
        return Err(usage(t!("process-config-empty", key = key.code()))
            .hint(hint)
            .into());
    }
    if value.chars().any(char::is_control) {
        return Err(usage(t!("process-config-one-line", key = key.code())).into());
    }
    Ok(value.to_string())
}

/// Sets a setting; writes (and audits) nothing when it already holds the value.
pub fn set(db: &mut Db, key: Key, value: &str) -> Result<Changed> {
    let value = checked(key, value)?;
    db.write(|tx| {
        let before = settings::get(tx, key.code())?;
        let changed = Changed {
            key: key.code(),
            before: before.clone(),
            after: Some(value.clone()),
        };
        if changed.changed() {
            settings::set(tx, key.code(), &value)?;
            tx.audit(
                "config.set",
                Some(key.code()),
                &match before {
                    Some(b) => format!("{}: \"{b}\" → \"{value}\"", key.code()),
                    None => format!("{}: \"{value}\"", key.code()),
                },
            )?;
        }
        Ok(changed)
    })
}

/// Removes the office (the municipality cannot be removed: exit 2).
pub fn unset(db: &mut Db, key: Key) -> Result<Changed> {
    if key == Key::Municipality {
        return Err(usage(t!("process-config-municipality-required"))
            .hint(t!("process-config-municipality-required-hint"))
            .into());
    }
    db.write(|tx| {
        let before = settings::get(tx, key.code())?;
        if let Some(b) = &before {
            settings::remove(tx, key.code())?;
            tx.audit(
                "config.unset",
                Some(key.code()),
                &format!("{}: \"{b}\" removed", key.code()),
            )?;
        }
        Ok(Changed {
            key: key.code(),
            before,
            after: None,
        })
    })
}
