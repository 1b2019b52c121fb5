//! Schema versions through `PRAGMA user_version`.
//!
//! Version 1 is `schema.sql`. Each later change is one entry appended to [`MIGRATIONS`]: entry
//! `i` takes the schema from version `i + 1` to `i + 2`. They are applied on open, all in one
//! IMMEDIATE transaction, so a database is never left half-migrated. Never edit or reorder an
//! entry once released; append.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use super::Db;
use crate::domain::mapping::default_mapping;

pub const SCHEMA: &str = include_str!("../../schema.sql");

/// The migrations after version 1, in order.
pub const MIGRATIONS: &[&str] = &[
    // 2: suggestions imported from CSV exports, their batches, axes, links and responses.
    include_str!("migrations/0002_suggestions.sql"),
    // 3: keyword rules and the full-text index of suggestions.
    include_str!("migrations/0003_triage.sql"),
    // 4: the snapshot of the cards taken when a cycle closes.
    include_str!("migrations/0004_process.sql"),
    // 5: the dictionary the rows as read of each batch are compressed against.
    include_str!("migrations/0005_row_dictionary.sql"),
    // 6: the index of suggestion_axes by axis, which no query used.
    include_str!("migrations/0006_unused_axis_index.sql"),
    // 7: Decidim's component and amendments, the kind of file of a batch, the answer exports.
    include_str!("migrations/0007_decidim_both_ways.sql"),
    // 8: titles written for publication, and the record of backups.
    include_str!("migrations/0008_nothing_leaks.sql"),
    // 9: the annexes as the Giunta approved them, stored when the cycle closes.
    include_str!("migrations/0009_approved_annexes.sql"),
    // 10: the implementation ledger: the progress of each card and its milestones.
    include_str!("migrations/0010_ledger.sql"),
    // 11: indicators with figures (unit, baseline, target, measures); today's become figureless.
    include_str!("migrations/0011_indicators.sql"),
    // 12: the Decidim Accountability results and statuses that stand for the cards.
    include_str!("migrations/0012_decidim_results.sql"),
    // 13: the ledger as it stood when a cycle closed (progress, milestones, indicators).
    include_str!("migrations/0013_ledger_snapshots.sql"),
    // 14: a result's other languages and dates as last read; how a status's meaning was told.
    include_str!("migrations/0014_decidim_texts.sql"),
];

/// Work a migration needs done in Rust after its SQL, by the version it brings: what the SQL
/// cannot compute from the stored rows.
type Step = fn(&Connection) -> Result<()>;
const AFTER: &[(i64, Step)] = &[(7, backfill_decidim_fields), (8, refingerprint_rows)];

/// Version 8: a row's fingerprint no longer depends on the order of the columns, on empty
/// columns or on the formula guard. Stored fingerprints are computed again from the rows as
/// read (with the default settings, which most imports use), so that the first re-import
/// after the upgrade finds unchanged rows unchanged rather than rewriting them all.
fn refingerprint_rows(conn: &Connection) -> Result<()> {
    let batches: Vec<(i64, String, String, Vec<u8>)> = conn
        .prepare("SELECT id, headers, format, coalesce(row_dictionary, X'') FROM import_batches")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE suggestions SET content_hash = ?2 WHERE id = ?1")?;
    let mut rows = conn.prepare(
        "SELECT src.suggestion_id, src.row FROM suggestion_sources src WHERE src.batch_id = ?1",
    )?;
    for (batch, headers, format, dictionary) in batches {
        let headers: Vec<String> = serde_json::from_str(&headers)?;
        let Some(mapping) = default_mapping(&headers, &format) else {
            continue;
        };
        let mut query = rows.query([batch])?;
        while let Some(r) = query.next()? {
            let id: i64 = r.get(0)?;
            let cells = super::imports::decode_stored(&r.get(1)?, &dictionary);
            update.execute(rusqlite::params![
                id,
                mapping.raw_hash(&csv::StringRecord::from(cells))
            ])?;
        }
    }
    Ok(())
}

pub const LATEST_VERSION: i64 = 1 + MIGRATIONS.len() as i64;

/// Creates the whole schema in a new database.
pub(super) fn create_schema(db: &mut Db) -> Result<()> {
    let tx = db
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA)
        .with_context(|| crate::t!("storage-creating-schema"))?;
    tx.pragma_update(None, "user_version", 1)?;
    apply(&tx, MIGRATIONS)?;
    tx.commit()?;
    Ok(())
}

/// Brings an existing database up to [`LATEST_VERSION`].
pub(super) fn migrate(db: &mut Db) -> Result<()> {
    let version = version(&db.conn)?;
    if version >= LATEST_VERSION {
        return Ok(());
    }
    let path = db.path.clone();
    // The upgrade is one transaction, but it cannot be undone once committed: keep the file as
    // it was, so an older agenda (or a bug in a migration) never costs the data.
    let copy = super::backups::write_beside(&db.conn, &path, &format!(".backup-v{version}"))
        .with_context(|| crate::t!("storage-upgrade-backup", path = path.display().to_string()))?;
    eprintln!(
        "{}",
        crate::t!(
            "storage-upgrading",
            path = path.display().to_string(),
            from = version,
            to = LATEST_VERSION,
            copy = copy.display().to_string()
        )
    );
    let tx = db
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| super::busy_or(e, &path))?;
    apply(&tx, MIGRATIONS).with_context(|| {
        crate::t!(
            "storage-upgrading-schema",
            path = path.display().to_string()
        )
    })?;
    super::backups::record(&tx, &copy, "upgrade")?;
    tx.commit()?;
    Ok(())
}

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies the migrations the database has not seen yet. Reads the version inside the
/// transaction, so two processes opening an old database at once migrate it once.
fn apply(conn: &Connection, migrations: &[&str]) -> Result<()> {
    let current = version(conn)?;
    for (index, sql) in migrations.iter().enumerate() {
        let target = index as i64 + 2;
        if target <= current {
            continue;
        }
        conn.execute_batch(sql)
            .with_context(|| crate::t!("storage-applying-migration", version = target))?;
        for (_, step) in AFTER.iter().filter(|(v, _)| *v == target) {
            step(conn)
                .with_context(|| crate::t!("storage-completing-migration", version = target))?;
        }
        conn.pragma_update(None, "user_version", target)?;
    }
    Ok(())
}

/// Version 7: the component and the amendment of the Decidim suggestions imported before it,
/// read from their rows as read (`component/id`, `is_amend`, `original_proposal/…`) by the
/// mapping an import gives their batch's header.
fn backfill_decidim_fields(conn: &Connection) -> Result<()> {
    let batches: Vec<(i64, String, Vec<u8>)> = conn
        .prepare(
            "SELECT id, headers, coalesce(row_dictionary, X'') FROM import_batches WHERE format = 'decidim'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = conn.prepare(
        "SELECT src.suggestion_id, src.row FROM suggestion_sources src
         JOIN suggestions s ON s.id = src.suggestion_id
         WHERE src.batch_id = ?1 AND s.format = 'decidim'",
    )?;
    let mut update = conn.prepare(
        "UPDATE suggestions SET component_id = ?2, is_amend = ?3, amends = ?4 WHERE id = ?1",
    )?;
    for (batch, headers, dictionary) in batches {
        let headers: Vec<String> = serde_json::from_str(&headers)?;
        let Some(mapping) = default_mapping(&headers, "decidim") else {
            continue;
        };
        let mut query = rows.query([batch])?;
        while let Some(r) = query.next()? {
            let id: i64 = r.get(0)?;
            let cells = super::imports::decode_stored(&r.get(1)?, &dictionary);
            let fields = mapping.decidim_fields(&csv::StringRecord::from(cells));
            update.execute(rusqlite::params![
                id,
                fields.component_id,
                fields.is_amend,
                fields.amends
            ])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_MIGRATIONS: &[&str] = &[
        "CREATE TABLE extra (id INTEGER PRIMARY KEY);",
        "ALTER TABLE extra ADD COLUMN note TEXT;",
    ];

    fn v1() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn
    }

    #[test]
    fn an_older_schema_upgrades_and_migrating_twice_is_harmless() {
        let conn = v1();
        apply(&conn, TEST_MIGRATIONS).unwrap();
        assert_eq!(version(&conn).unwrap(), 3);
        conn.execute("INSERT INTO extra (note) VALUES ('x')", [])
            .unwrap();
        apply(&conn, TEST_MIGRATIONS).unwrap();
        assert_eq!(version(&conn).unwrap(), 3);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM extra", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_partly_migrated_schema_gets_only_the_rest() {
        let conn = v1();
        apply(&conn, &TEST_MIGRATIONS[..1]).unwrap();
        assert_eq!(version(&conn).unwrap(), 2);
        apply(&conn, TEST_MIGRATIONS).unwrap();
        assert_eq!(version(&conn).unwrap(), 3);
    }

    /// After the upgrade to version 8 a row's stored fingerprint is what an import computes
    /// now: a re-import of the same rows finds them unchanged.
    #[test]
    fn regression_fingerprints_are_computed_again_by_the_upgrade() {
        let conn = v1();
        apply(&conn, MIGRATIONS).unwrap();
        let headers = vec!["id".to_string(), "title/it".into(), "body/it".into()];
        let cells = ["5101", "Titolo", "'=Corpo"];
        conn.execute_batch(
            "INSERT INTO cycles (id, triennium, first_year, phase, phase_since, opened_at) VALUES (1, '2021-2023', 2021, 2, '2021-10-01', 'x');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO import_batches (id, cycle_id, file_name, sha256, size, encoding, delimiter, format, headers, user, at)
             VALUES (1, 1, 'p.csv', 'x', 1, 'utf-8', ';', 'decidim', ?1, 'u', 'x')",
            [serde_json::to_string(&headers).unwrap()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO suggestions (id, cycle_id, source_key, format, title, body, stakeholder, channel,
                 batch_id, line, last_batch_id, content_hash, created_at, updated_at)
             VALUES (1, 1, 'id:5101', 'decidim', 'Titolo', 'Corpo', 'altro', 'piattaforma', 1, 2, 1, 12345, 'x', 'x')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO suggestion_sources (suggestion_id, batch_id, line, row) VALUES (1, 1, 2, ?1)",
            [crate::domain::row_codec::encode_row(cells, &[])],
        )
        .unwrap();
        refingerprint_rows(&conn).unwrap();
        let stored: i64 = conn
            .query_row(
                "SELECT content_hash FROM suggestions WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mapping = default_mapping(&headers, "decidim").unwrap();
        assert_eq!(
            stored,
            mapping.raw_hash(&csv::StringRecord::from(cells.to_vec()))
        );
        assert_ne!(stored, 12345);
    }

    /// Version 7 gives the Decidim suggestions imported before it their component and whether
    /// they amend another proposal, from their rows as read.
    #[test]
    fn regression_decidim_fields_are_backfilled_from_the_rows_as_read() {
        let conn = v1();
        apply(&conn, MIGRATIONS).unwrap();
        let headers = vec![
            "id".to_string(),
            "component/id".into(),
            "title/it".into(),
            "is_amend".into(),
            "original_proposal/url".into(),
        ];
        conn.execute_batch(
            "INSERT INTO cycles (id, triennium, first_year, phase, phase_since, opened_at) VALUES (1, '2021-2023', 2021, 2, '2021-10-01', 'x');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO import_batches (id, cycle_id, file_name, sha256, size, encoding, delimiter, format, headers, user, at)
             VALUES (1, 1, 'p.csv', 'x', 1, 'utf-8', ';', 'decidim', ?1, 'u', 'x')",
            [serde_json::to_string(&headers).unwrap()],
        )
        .unwrap();
        for (id, cells) in [
            (1, ["5101", "82", "Titolo", "false", ""]),
            (
                2,
                [
                    "5102",
                    "82",
                    "Emendamento",
                    "true",
                    "https://x/proposals/5101",
                ],
            ),
        ] {
            conn.execute(
                "INSERT INTO suggestions (id, cycle_id, source_key, format, title, body, stakeholder, channel,
                     batch_id, line, last_batch_id, content_hash, created_at, updated_at)
                 VALUES (?1, 1, ?2, 'decidim', 'T', 'B', 'altro', 'piattaforma', 1, 2, 1, 0, 'x', 'x')",
                rusqlite::params![id, format!("id:{}", cells[0])],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO suggestion_sources (suggestion_id, batch_id, line, row) VALUES (?1, 1, 2, ?2)",
                rusqlite::params![id, crate::domain::row_codec::encode_row(cells, &[])],
            )
            .unwrap();
        }
        backfill_decidim_fields(&conn).unwrap();
        let got: Vec<(Option<String>, bool, Option<String>)> = conn
            .prepare("SELECT component_id, is_amend, amends FROM suggestions ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            got,
            [
                (Some("82".to_string()), false, None),
                (
                    Some("82".to_string()),
                    true,
                    Some("https://x/proposals/5101".to_string())
                )
            ]
        );
    }

    /// Version 9: an annex as approved is verified or kept as is with its reason, never both
    /// nor neither, and a cycle keeps one annex of a name.
    #[test]
    fn an_annex_is_verified_or_as_is_with_a_reason() {
        let conn = v1();
        apply(&conn, MIGRATIONS).unwrap();
        conn.execute_batch(
            "INSERT INTO cycles (id, triennium, first_year, phase, phase_since, opened_at) VALUES (1, '2021-2023', 2021, 3, '2021-11-20', 'x');",
        )
        .unwrap();
        let insert = |position: i64, name: &str, verified: bool, reason: Option<&str>| {
            conn.execute(
                "INSERT INTO approved_annexes (cycle_id, position, name, format, bytes, sha256, verified, as_is_reason, user, stored_at)
                 VALUES (1, ?1, ?2, 'md', X'41', 'h', ?3, ?4, 'u', 'x')",
                rusqlite::params![position, name, verified, reason],
            )
        };
        insert(0, "relazione.md", true, None).unwrap();
        insert(1, "firmata.pdf", false, Some("not a report made by agenda")).unwrap();
        assert!(insert(2, "a.md", true, Some("why")).is_err());
        assert!(insert(3, "b.md", false, None).is_err());
        assert!(insert(4, "relazione.md", true, None).is_err());
    }

    /// The free-text indicators of the cards become indicators without figures, once each.
    #[test]
    fn indicators_of_the_cards_are_migrated_without_figures() {
        let conn = v1();
        apply(&conn, &MIGRATIONS[..9]).unwrap();
        conn.execute_batch(
            "INSERT INTO axes (code, name, description, position) VALUES ('semplificazione', 'Semplificazione', '', 1);
             INSERT INTO cards (code, title, axis, status, indicators, created_at, updated_at)
             VALUES ('SEM-01', 'SPID', 'semplificazione', 'in-corso',
                     '[\"Accessi mensili\", \" Servizi con SPID \", \"Accessi mensili\", \"\"]',
                     '2021-09-01', '2021-09-01'),
                    ('SEM-02', 'Agende', 'semplificazione', 'conclusa', '[]',
                     '2021-09-01', '2021-09-01');",
        )
        .unwrap();
        apply(&conn, MIGRATIONS).unwrap();
        let names: Vec<(String, Option<f64>)> = conn
            .prepare("SELECT name, target_value FROM card_indicators ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            names,
            [
                ("Accessi mensili".to_string(), None),
                ("Servizi con SPID".to_string(), None)
            ]
        );
    }

    #[test]
    fn the_real_migrations_apply_on_version_one() {
        let conn = v1();
        apply(&conn, MIGRATIONS).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
    }
}
