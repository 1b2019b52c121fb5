//! The test harness: a temporary folder with its own database, and the binary run in it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fixtures folder of the repository.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A temporary folder where `agenda` runs with `agenda.db` as its database.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    /// An empty folder: no database yet.
    pub fn empty() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// A folder with a database made by `agenda init`, for the triennium 2021-2023 (which the
    /// fixtures are about) whatever the year of the run.
    pub fn new() -> Env {
        let env = Env::empty();
        env.run(&["init", "--triennium", "2021-2023"]).success();
        env
    }

    /// A database with the fixture cards imported.
    pub fn with_cards() -> Env {
        let env = Env::new();
        env.run(&["card", "import", fixture("cards.csv").to_str().unwrap()])
            .success();
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("agenda.db")
    }

    /// The command, ready to run in the folder, with a fixed user and no inherited settings.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("agenda").expect("the agenda binary");
        cmd.current_dir(self.dir.path())
            .env_remove("AGENDA_DB")
            .env("AGENDA_LANG", "en")
            .env_remove("AGENDA_YES")
            .env_remove("AGENDA_NOW")
            .env("AGENDA_USER", "collaudo")
            .env("NO_COLOR", "1")
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd(args).assert()
    }

    /// Runs and returns stdout, asserting success.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(out).expect("stdout is UTF-8")
    }

    /// Runs with `--format json` already in `args` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.stdout(args)).expect("stdout is JSON")
    }

    /// Every table's rows as text, to compare a database before and after a command.
    pub fn dump(&self) -> String {
        self.snapshot()
    }

    /// Like [`Env::dump`], with the schema version, and for every kind of table: rows are
    /// sorted by all their columns, so tables made `WITHOUT ROWID` (which `ORDER BY rowid`
    /// cannot read) are compared too.
    pub fn snapshot(&self) -> String {
        let conn = rusqlite::Connection::open(self.db()).expect("open the database");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.retain(|t| !t.contains("_fts"));
        let mut out = format!("user_version {version}\n");
        for table in tables {
            out.push_str(&format!("## {table}\n"));
            let n = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .unwrap()
                .column_count();
            let order = (1..=n)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY {order}"))
                .unwrap();
            let rows = stmt
                .query_map([], |r| {
                    let mut cells = Vec::new();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        cells.push(format!("{v:?}"));
                    }
                    Ok(cells.join("|"))
                })
                .unwrap();
            for row in rows {
                out.push_str(&row.unwrap());
                out.push('\n');
            }
        }
        out
    }
}

impl Env {
    /// A database of the 2021-2023 cycle with the fixture cards, moved to Fase 2 – ascolto:
    /// ready to import suggestions.
    pub fn collecting() -> Env {
        let env = Env::empty();
        env.run(&["init", "--date", "2021-09-01"]).success();
        env.run(&["card", "import", fixture("cards.csv").to_str().unwrap()])
            .success();
        env.run(&["phase", "advance", "--date", "2021-10-01"])
            .success();
        env
    }

    /// Writes a file in the folder and returns its path as text.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write a file in the temporary folder");
        path.to_str().unwrap().to_string()
    }
}

/// The path of a fixture as text, for command arguments.
pub fn fixture_arg(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

/// What a command printed on stderr.
pub fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// A connection to the folder's database, to look at (or damage) what the binary wrote.
pub fn conn(env: &Env) -> rusqlite::Connection {
    rusqlite::Connection::open(env.db()).expect("open the database")
}

/// Runs a command that must be refused with `code`, leaving the database as it was; returns
/// stderr.
pub fn refused(env: &Env, args: &[&str], code: i32) -> String {
    let before = env.dump();
    let assert = env.run(args).code(code);
    assert_eq!(
        env.dump(),
        before,
        "a refused command changed the database: {args:?}"
    );
    stderr(&assert)
}

/// How many rows `PRAGMA foreign_key_check` reports: references to rows that do not exist.
pub fn foreign_key_violations(conn: &rusqlite::Connection) -> usize {
    conn.prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count()
}

/// Every file in the folder, with its bytes: to look for a datum in every byte the tool left.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path, bytes));
        }
    }
    out
}

/// Whether `needle` stands anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Closes the open cycle (in Fase 3, every suggestion answered and tagged) without an act, on `date`,
/// confirming as a script does.
pub fn close_without_act(env: &Env, date: &str) {
    env.run(&["phase", "advance", "--yes", "--without-act", "--date", date])
        .success();
}

/// Gives every suggestion without an axis the axis `governance`, as a person would: closing a
/// cycle and its final report need an axis on every suggestion.
pub fn tag_untagged(env: &Env) {
    conn(env)
        .execute(
            "INSERT INTO suggestion_axes (suggestion_id, axis, origin, detail, user, at)
             SELECT id, 'governance', 'person', NULL, 'collaudo', '2021-12-15T10:00:00Z'
             FROM suggestions s
             WHERE NOT EXISTS (SELECT 1 FROM suggestion_axes a WHERE a.suggestion_id = s.id)",
            [],
        )
        .expect("tag the untagged suggestions");
}

/// The command on a pseudo-terminal, as a person runs it, in the language `lang`, with the
/// same settings as [`Env::cmd`].
#[cfg(unix)]
pub fn on_a_terminal(env: &Env, lang: &str, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("agenda"));
    cmd.current_dir(env.dir.path())
        .env_remove("AGENDA_DB")
        .env("AGENDA_LANG", lang)
        .env_remove("AGENDA_YES")
        .env("AGENDA_USER", "collaudo")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .args(args);
    let mut p = expectrl::Session::spawn(cmd).expect("spawn agenda on a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    p
}
