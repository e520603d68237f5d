//! Database plumbing: the generated schema, the connection pool, embedded migrations, and the
//! hubs that hear LISTEN/NOTIFY changes (`changes`).

pub mod changes;
pub mod migrations;
pub mod pool;
pub mod schema;

pub use diesel::result::Error as QueryError;
pub use diesel_async::AsyncPgConnection;
pub use pool::{DbPool, PoolError, PooledConn, build_pool};

/// A `LIKE`/`ILIKE` pattern matching text that contains `q` literally (its `%`, `_` and `\\`
/// escaped), trimmed.
pub fn like_pattern(q: &str) -> String {
    format!(
        "%{}%",
        q.trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}
