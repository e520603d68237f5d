//! Database plumbing: the generated schema, the connection pool and embedded migrations.

pub mod migrations;
pub mod pool;
pub mod schema;

pub use diesel_async::AsyncPgConnection;
pub use pool::{DbPool, PoolError, PooledConn, build_pool};
