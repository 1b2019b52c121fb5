//! `agenda completions SHELL` and `agenda man`: the shell's completion script and the manual
//! page, both generated from the same command-line definitions as `--help`, in the run's
//! language.

use anyhow::Result;
use clap::{Args, CommandFactory, ValueEnum};

use super::output::print;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for: bash, zsh, fish or powershell.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {}

/// The command line as people read it: the definitions with the catalogue's help.
fn command() -> clap::Command {
    crate::i18n::clap::localise(super::Cli::command())
}

pub fn completions(args: CompletionsArgs) -> Result<()> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "agenda", &mut out);
    print(&String::from_utf8_lossy(&out))
}

pub fn man(_args: ManArgs) -> Result<()> {
    let mut cmd = command();
    // The page's NAME line is "agenda \- <about>": the about's own "agenda — " would say it twice.
    if let Some(about) = cmd.get_about().map(|a| a.to_string()) {
        let short = about
            .split_once(" — ")
            .map_or(about.as_str(), |(_, rest)| rest);
        cmd = cmd.about(short.to_string());
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    print(&String::from_utf8_lossy(&out))
}
