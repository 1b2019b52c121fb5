//! `agenda demo`: a fresh database from the bundled fixtures, to see the whole job at once
//! (see [`crate::demo`]).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::output::{print, say};
use crate::error::refused;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build the demo (default: a new temporary folder, kept afterwards).
    #[arg(long)]
    dir: Option<PathBuf>,
}

pub fn run(args: DemoArgs) -> Result<()> {
    let dir = match args.dir {
        Some(dir) => {
            refuse_a_folder_in_use(&dir)?;
            std::fs::create_dir_all(&dir).with_context(|| {
                crate::t!("cli-msg-demo-creating", dir = dir.display().to_string())
            })?;
            dir
        }
        None => tempfile::Builder::new()
            .prefix("agenda-demo-")
            .tempdir()
            .with_context(|| crate::t!("cli-msg-demo-creating-temp"))?
            .keep(),
    };
    let demo = crate::demo::build(&dir, &mut |line| say(line))?;
    let db_arg = demo.db.display();
    let mut ready = crate::t!(
        "cli-msg-demo-ready",
        dir = dir.display().to_string(),
        db = db_arg.to_string(),
        markdown = demo.markdown.display().to_string(),
        html = demo.html.display().to_string(),
        pdf = demo.pdf.display().to_string(),
        answers = demo.answers.display().to_string()
    );
    ready.push('\n');
    print(&ready)?;
    // What to try next, each command as it runs (the closing one last, with what it does).
    say(format!(
        "{}\n{}",
        crate::t!("app-demo-try"),
        demo.commands.join("\n")
    ));
    Ok(())
}

/// The demo writes its files (`agenda.db`, `schede.csv`, the reports…) into `--dir`: a folder
/// that already holds something is refused, so that nothing there is overwritten.
fn refuse_a_folder_in_use(dir: &std::path::Path) -> Result<()> {
    let in_use = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) => dir.exists(),
    };
    if in_use {
        let shown = dir.display().to_string();
        return Err(refused(crate::t!("cli-msg-demo-dir-in-use", dir = shown))
            .hint(crate::t!("cli-msg-demo-dir-in-use-hint"))
            .into());
    }
    Ok(())
}
