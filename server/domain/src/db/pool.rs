//! The deadpool pool of async PostgreSQL connections every request and job borrows from.

use std::time::Duration;

use diesel_async::AsyncPgConnection;
use diesel_async::pooled_connection::deadpool::{BuildError, Pool};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod,
};

/// The shared pool type.
pub type DbPool = Pool<AsyncPgConnection>;

/// A connection borrowed from the pool.
pub type PooledConn = diesel_async::pooled_connection::deadpool::Object<AsyncPgConnection>;

/// The error a failed checkout gives (timeout, connection refused, ...).
pub type PoolError = diesel_async::pooled_connection::deadpool::PoolError;

/// Builds a pool of at most `size` connections to `url` (a URL or a `key=value` string).
///
/// Connections are opened lazily; a checkout waits at most `wait` before failing, so a
/// database that is down answers quickly with an error instead of hanging a request.
///
/// A connection goes back into use after the fast check (no open transaction, not broken),
/// without the default's test query: that `SELECT 1` was a round trip on every checkout, a
/// fifth of a dashboard page's statements. A connection the server closed under us fails its
/// first statement and is dropped as broken.
pub fn build_pool(url: &str, size: usize, wait: Duration) -> Result<DbPool, BuildError> {
    let mut config = ManagerConfig::default();
    config.recycling_method = RecyclingMethod::Fast;
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new_with_config(url, config);
    Pool::builder(manager)
        .max_size(size)
        .wait_timeout(Some(wait))
        .create_timeout(Some(wait))
        .recycle_timeout(Some(wait))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
}
