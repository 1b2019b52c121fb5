//! `agenda demo`: a fresh database from the bundled fixtures, to see the whole job at once
//! (see [`crate::demo`]).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::output::{print, say};
use crate::error::refused;
use crate::process;
use crate::storage::Db;

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
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            dir
        }
        None => tempfile::Builder::new()
            .prefix("agenda-demo-")
            .tempdir()
            .context("creating a temporary folder")?
            .keep(),
    };
    let demo = crate::demo::build(&dir, &mut |line| say(line))?;
    let db = Db::open(&demo.db)?;
    let cycle = crate::storage::cycles::current(db.conn())?;
    let status = process::status(&db, &cycle)?;
    let db_arg = demo.db.display();
    print(&format!(
        "demo ready in {}\n  database: {db_arg}\n  report:   {}\n            {}\n            {}\n  answers:  {}\n  try: agenda --db {db_arg} status\n       agenda --db {db_arg} suggestion list\n       agenda --db {db_arg} report --format csv --out {}\n",
        dir.display(),
        demo.markdown.display(),
        demo.html.display(),
        demo.pdf.display(),
        demo.answers.display(),
        dir.join("allegati").display(),
    ))?;
    say(format!("next: {}", status.next_step));
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
