//! Opening the database at start: the private cluster or `DATABASE_URL`, migrations, the pool.

use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use domain::db::{DbPool, build_pool, migrations};
use secrecy::{ExposeSecret, SecretString};

use crate::config::Config;
use crate::postgres::{ClusterError, Durability, PrivateCluster};

/// The database name the private cluster serves.
pub const DATABASE_NAME: &str = "daydream";

/// Advisory lock key that serialises migrations across server instances starting together.
const MIGRATION_LOCK: i64 = 0x6461_7964_7265_616d; // "daydream"

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("private PostgreSQL cluster: {0}")]
    Cluster(#[from] ClusterError),
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error(transparent)]
    Migrate(#[from] migrations::MigrationError),
    #[error("cannot build the connection pool: {0}")]
    Pool(String),
}

/// An open database: the pool, its URL, and the private cluster when the server runs one.
pub struct Database {
    pub pool: DbPool,
    pub url: SecretString,
    pub cluster: Option<PrivateCluster>,
}

impl Database {
    /// Opens the configured database, starting the private cluster when no URL is set, and
    /// brings its schema up to date.
    pub async fn open(config: &Config) -> Result<Self, DatabaseError> {
        let (url, cluster) = match &config.database.url {
            Some(url) => (url.clone(), None),
            None => {
                let cluster =
                    PrivateCluster::start(&config.data_dir.join("postgres"), Durability::Full)
                        .await?;
                cluster.ensure_database(DATABASE_NAME).await?;
                (
                    SecretString::from(cluster.connection_string(DATABASE_NAME)),
                    Some(cluster),
                )
            }
        };
        let ran = migrate(url.expose_secret()).await?;
        if ran > 0 {
            tracing::info!(migrations.ran = ran, "database migrated");
        }
        let pool = build_pool(
            url.expose_secret(),
            config.database.pool_size,
            config.database.timeout,
        )
        .map_err(|e| DatabaseError::Pool(e.to_string()))?;
        Ok(Self { pool, url, cluster })
    }

    /// Stops the private cluster if this process started it.
    pub async fn close(self) {
        drop(self.pool);
        if let Some(cluster) = self.cluster {
            match cluster.stop().await {
                Ok(()) if cluster.started_here() => {
                    tracing::info!("private PostgreSQL cluster stopped")
                }
                Ok(()) => {}
                Err(e) => {
                    tracing::error!(error = %e, "could not stop the private PostgreSQL cluster")
                }
            }
        }
    }
}

/// Runs pending migrations on the database at `url`, one server instance at a time.
pub async fn migrate(url: &str) -> Result<usize, DatabaseError> {
    let mut conn = AsyncPgConnection::establish(url)
        .await
        .map_err(|e| DatabaseError::Connect(e.to_string()))?;
    diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        .execute(&mut conn)
        .await
        .map_err(|e| DatabaseError::Connect(e.to_string()))?;
    // The lock is per session: it goes when this connection closes, whatever happens below.
    let ran = migrations::run_pending(conn)?;
    Ok(ran)
}
