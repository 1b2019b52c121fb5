//! Exit codes and the errors that carry them.
//!
//! Every failure the user can act on is a [`Failure`] with a kind that decides the exit code;
//! anything else (I/O, SQLite) is an unexpected failure and exits 1. The codes are documented in
//! README.md and are part of the interface for scripts: do not renumber them.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something went wrong that is not the user's input (I/O, database): exit 1.
    Failed,
    /// The command line is wrong: unknown flag, unknown axis or status, missing value: exit 2.
    Usage,
    /// An input file is invalid; nothing was written: exit 3.
    InvalidInput,
    /// The request conflicts with the data or with a rule of the process: exit 4.
    Refused,
    /// Another command kept the database busy for longer than the timeout: exit 5.
    Busy,
    /// `agenda check` found problems: exit 6.
    CheckFailed,
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Failed => 1,
            Kind::Usage => 2,
            Kind::InvalidInput => 3,
            Kind::Refused => 4,
            Kind::Busy => 5,
            Kind::CheckFailed => 6,
        }
    }
}

/// An error with a sentence for the user, an optional hint on what to do, and an exit code.
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            message: message.into(),
            hint: None,
        }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

pub fn usage(message: impl Into<String>) -> Failure {
    Failure::new(Kind::Usage, message)
}
pub fn refused(message: impl Into<String>) -> Failure {
    Failure::new(Kind::Refused, message)
}
pub fn invalid_input(message: impl Into<String>) -> Failure {
    Failure::new(Kind::InvalidInput, message)
}

/// The exit code and hint for any error chain: the first [`Failure`] in the chain decides.
pub fn classify(error: &anyhow::Error) -> (Kind, Option<&str>) {
    // A Failure attached with `.context(…)` is found by downcasting the error itself; one deeper
    // in the chain by walking it.
    if let Some(failure) = error.downcast_ref::<Failure>() {
        return (failure.kind, failure.hint.as_deref());
    }
    for cause in error.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return (failure.kind, failure.hint.as_deref());
        }
    }
    (Kind::Failed, None)
}

/// True when the error is a closed pipe on stdout (`agenda card list | head`): not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
