//! The one place where SQLite and PostgreSQL differ at run time.

use sqlx::any::AnyConnectOptions;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use std::str::FromStr;
use std::time::Duration;

use super::Db;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The first line of a SQLite migration that must run with foreign keys off.
const FOREIGN_KEYS_OFF: &str = "-- techx: foreign keys off";

/// The database engines techx runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite: the default, single process.
    Sqlite,
    /// PostgreSQL: for several server processes.
    Postgres,
}

/// Why a database URL could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The URL names no supported engine.
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    /// The URL is malformed.
    #[error("DATABASE_URL is not valid: {0}")]
    InvalidUrl(String),
    /// The database could not be reached or opened.
    #[error("cannot open database {url}: {source}")]
    Unreachable {
        /// The URL with any password hidden.
        url: String,
        /// What the driver said.
        source: sqlx::Error,
    },
    /// Migrations failed.
    #[error("cannot migrate database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Backend {
    /// Which engine a URL names.
    pub fn of_url(url: &str) -> Result<Self, ConnectError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(ConnectError::UnsupportedUrl(redact(url)))
        }
    }

    /// The engine behind an open pool.
    pub fn of_pool(db: &Db) -> Self {
        match db.connect_options().database_url.scheme() {
            "sqlite" => Self::Sqlite,
            _ => Self::Postgres,
        }
    }
}

/// The turn of a hot write path (bids) at an SQLite database, held until its transaction ends.
pub type WriteTurn = tokio::sync::OwnedMutexGuard<()>;

/// Waits for a hot write path's turn at `db` when it is SQLite, which admits one writer per
/// database at a time: a writer that finds the lock taken waits in SQLite's busy handler, which
/// sleeps 1, 2, 5, 10 … ms between tries — many times longer than a bid's transaction holds the
/// lock — so under load the lock sat idle while writers slept. Waiting here instead, each starts
/// the moment the previous one finishes, in arrival order. On PostgreSQL (row locks, several
/// processes) there is nothing to wait for: `None`.
pub async fn write_turn(db: &Db) -> Option<WriteTurn> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};

    static GATES: OnceLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    if Backend::of_pool(db) != Backend::Sqlite {
        return None;
    }
    let key = db.connect_options().database_url.to_string();
    let gate = GATES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_default()
        .clone();
    Some(gate.lock_owned().await)
}

/// Begins a transaction that will write after reading. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`, waiting in the busy handler like any writer): a deferred
/// transaction that reads first and then writes fails at once with "database is locked" when
/// another connection's write lands in between (in WAL mode its snapshot is then stale), as a
/// background task's often does. On PostgreSQL a plain `BEGIN` (rows are locked as written).
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    match Backend::of_pool(db) {
        Backend::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => db.begin().await,
    }
}

/// `rows` groups of `width` numbered placeholders from `$first`: `($1, $2), ($3, $4)`; with a
/// width of 1, a plain list: `$1, $2`.
pub fn placeholders(first: usize, rows: usize, width: usize) -> String {
    let mut n = first;
    let mut groups = Vec::with_capacity(rows);
    for _ in 0..rows {
        let group: Vec<String> = (n..n + width).map(|k| format!("${k}")).collect();
        n += width;
        groups.push(if width == 1 {
            group.join(", ")
        } else {
            format!("({})", group.join(", "))
        });
    }
    groups.join(", ")
}

/// Hides the password in a URL so it can be printed.
pub fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((credentials, host)) => match credentials.split_once(':') {
                Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
                None => url.to_owned(),
            },
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Opens a pool: SQLite in WAL mode with a busy timeout and foreign keys on, created if missing
/// (its directory must exist); PostgreSQL as given.
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, ConnectError> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of_url(url)?;
    let url = match backend {
        Backend::Sqlite if !url.contains("mode=") => {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}mode=rwc")
        }
        _ => url.to_owned(),
    };
    let options =
        AnyConnectOptions::from_str(&url).map_err(|e| ConnectError::InvalidUrl(e.to_string()))?;
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                match backend {
                    Backend::Sqlite => apply_sqlite_pragmas(conn).await?,
                    Backend::Postgres => apply_postgres_settings(conn).await?,
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|source| ConnectError::Unreachable {
            url: redact(&url),
            source,
        })?;
    Ok(pool)
}

/// WAL lets readers and the writer work at once; the busy timeout makes a writer wait for the lock
/// instead of failing; SQLite leaves foreign keys off unless asked. `synchronous = FULL` syncs the
/// log at every commit, so what was acknowledged (a bid above all) survives a power cut as well
/// as a crash of the process; `NORMAL` would only survive the latter. Measured here: 0.19 ms per
/// commit instead of 0.03 ms. Reads go through a memory map of the file (up to 1 GiB) instead of
/// a `read` call and a copy per page into each connection's small page cache: a search's count
/// reading 1,001 listing rows took 1.0 ms instead of 2.0 ms on the scale-10 file.
async fn apply_sqlite_pragmas(conn: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
    for pragma in [
        "PRAGMA journal_mode = WAL",
        "PRAGMA busy_timeout = 5000",
        "PRAGMA foreign_keys = ON",
        "PRAGMA synchronous = FULL",
        "PRAGMA mmap_size = 1073741824",
    ] {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Each query runs in its own connection's process, without parallel workers or JIT compilation:
/// the server answers many small queries at once, where starting workers or compiling costs more
/// than it saves. A search counting matches with a filter planned two workers on this 2-core
/// machine (54 ms while other searches waited).
async fn apply_postgres_settings(conn: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
    for setting in ["SET max_parallel_workers_per_gather = 0", "SET jit = off"] {
        sqlx::query(setting).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Applies every pending migration for the pool's engine, logging each one as it starts and
/// finishes, since a migration on a large database can take a while.
pub async fn migrate(db: &Db) -> Result<(), ConnectError> {
    use sqlx::migrate::{Migrate, MigrateError};

    let migrator_is_sqlite = Backend::of_pool(db) == Backend::Sqlite;
    let migrator = if migrator_is_sqlite {
        &SQLITE_MIGRATIONS
    } else {
        &POSTGRES_MIGRATIONS
    };
    let mut conn = db
        .acquire()
        .await
        .map_err(|source| ConnectError::Migrate(MigrateError::Execute(source)))?;
    // Several server processes may start at once against PostgreSQL: one migrates at a time.
    conn.lock().await?;
    let result = async {
        conn.ensure_migrations_table().await?;
        if let Some(version) = conn.dirty_version().await? {
            return Err(MigrateError::Dirty(version));
        }
        let applied: std::collections::HashMap<i64, Vec<u8>> = conn
            .list_applied_migrations()
            .await?
            .into_iter()
            .map(|m| (m.version, m.checksum.into_owned()))
            .collect();
        let mut pending = Vec::new();
        for migration in migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
        {
            match applied.get(&migration.version) {
                // An applied migration edited afterwards would leave databases inconsistent.
                Some(checksum) if checksum.as_slice() != &*migration.checksum => {
                    return Err(MigrateError::VersionMismatch(migration.version));
                }
                Some(_) => {}
                None => pending.push(migration),
            }
        }
        for (n, migration) in pending.iter().enumerate() {
            tracing::info!(
                "migration {}/{}: {} {} …",
                n + 1,
                pending.len(),
                migration.version,
                migration.description
            );
            // A SQLite migration that rebuilds a table others refer to asks for foreign keys to
            // be off while it runs (dropping the old table would otherwise delete or orphan
            // every row referring to it); they are checked once it is applied.
            let keys_off = migrator_is_sqlite && migration.sql.starts_with(FOREIGN_KEYS_OFF);
            if keys_off {
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *conn)
                    .await
                    .map_err(MigrateError::Execute)?;
            }
            let took = conn.apply(migration).await;
            if keys_off {
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await
                    .map_err(MigrateError::Execute)?;
                let broken: Vec<sqlx::any::AnyRow> = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(MigrateError::Execute)?;
                if !broken.is_empty() {
                    return Err(MigrateError::ExecuteMigration(
                        sqlx::Error::Protocol(format!(
                            "{} rows refer to missing rows after the migration",
                            broken.len()
                        )),
                        migration.version,
                    ));
                }
            }
            let took = took?;
            tracing::info!(
                "migration {} applied in {} ms",
                migration.version,
                took.as_millis()
            );
        }
        Ok(())
    }
    .await;
    conn.unlock().await?;
    result?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_rows_and_lists() {
        assert_eq!(super::placeholders(1, 2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(super::placeholders(2, 3, 1), "$2, $3, $4");
        assert_eq!(super::placeholders(2, 1, 3), "($2, $3, $4)");
    }

    #[test]
    fn urls_pick_their_engine_and_others_are_refused() {
        assert_eq!(
            Backend::of_url("sqlite://data/techx.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::of_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert!(matches!(
            Backend::of_url("mysql://h/db"),
            Err(ConnectError::UnsupportedUrl(_))
        ));
    }

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
