//! What the server hands to server functions and pages while rendering (ssr only).

use domain::db::{DbPool, PooledConn};
use leptos::prelude::*;

use crate::error::AppError;

/// Shared handles for server functions, provided by the server for every request.
#[derive(Clone)]
pub struct ServerContext {
    pub pool: DbPool,
    /// The site's public origin, for links in emails.
    pub public_url: String,
}

impl ServerContext {
    /// The context of the current request.
    pub fn current() -> Result<Self, AppError> {
        use_context::<Self>().ok_or_else(|| AppError::internal("ServerContext was not provided"))
    }

    /// A database connection; `Unavailable` (503) when the database cannot be reached in time.
    pub async fn conn(&self) -> Result<PooledConn, AppError> {
        self.pool.get().await.map_err(|e| {
            tracing::warn!(error = %e, "no database connection available");
            AppError::Unavailable
        })
    }
}
