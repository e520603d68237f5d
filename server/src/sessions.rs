//! The tower-sessions store on PostgreSQL (through diesel-async, the one database driver), and
//! the session layer's cookie settings.

use async_trait::async_trait;
use domain::db::{DbPool, PooledConn};
use domain::sessions::{SessionRow, queries};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "daydream_session";

/// Sessions stored in the `sessions` table, shared by every server instance.
#[derive(Clone)]
pub struct PgSessionStore {
    pool: DbPool,
}

impl std::fmt::Debug for PgSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgSessionStore")
    }
}

impl PgSessionStore {
    pub fn new(pool: DbPool) -> Self {
        Self { pool }
    }

    async fn conn(&self) -> session_store::Result<PooledConn> {
        self.pool
            .get()
            .await
            .map_err(|e| session_store::Error::Backend(e.to_string()))
    }
}

fn to_row(record: &Record) -> session_store::Result<SessionRow> {
    Ok(SessionRow {
        id: record.id.to_string(),
        data: serde_json::to_value(&record.data)
            .map_err(|e| session_store::Error::Encode(e.to_string()))?,
        expiry_date: record.expiry_date,
    })
}

fn backend(e: diesel::result::Error) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let mut conn = self.conn().await?;
        // A fresh random 128-bit id collides essentially never; if it does, draw another.
        loop {
            if queries::insert_new(&mut conn, &to_row(record)?)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let mut conn = self.conn().await?;
        queries::upsert(&mut conn, &to_row(record)?)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let mut conn = self.conn().await?;
        let Some(row) = queries::find_live(&mut conn, &id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_value(row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: row.expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let mut conn = self.conn().await?;
        queries::delete(&mut conn, &id.to_string())
            .await
            .map_err(backend)
    }
}

/// The session layer: HttpOnly, SameSite=Lax, Secure when the site is served over https,
/// expiring after the configured inactivity.
pub fn layer(pool: DbPool, config: &Config) -> SessionManagerLayer<PgSessionStore> {
    let ttl = time::Duration::try_from(config.sessions.ttl).unwrap_or(time::Duration::days(14));
    SessionManagerLayer::new(PgSessionStore::new(pool))
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.is_https())
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(ttl))
}
