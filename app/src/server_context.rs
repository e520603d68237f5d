//! What the server hands to server functions and pages while rendering (ssr only).

use std::sync::Arc;

use domain::db::{DbPool, PooledConn};
use domain::rate_limit::{RateLimiter, Rule};
use leptos::prelude::*;

use crate::error::AppError;

/// Shared handles for server functions, provided by the server for every request.
#[derive(Clone)]
pub struct ServerContext {
    pub pool: DbPool,
    /// The site's public origin, for links in emails.
    pub public_url: String,
    /// Limits on sign-in attempts and the like.
    pub limiter: Arc<dyn RateLimiter>,
}

impl ServerContext {
    /// The context of the current request.
    pub fn current() -> Result<Self, AppError> {
        use_context::<Self>().ok_or_else(|| AppError::internal("ServerContext was not provided"))
    }

    /// Counts one attempt under `rule` for `key`; `RateLimited` (429) when over the limit.
    pub async fn throttle(&self, rule: Rule, key: &str) -> Result<(), AppError> {
        self.limiter.hit(rule, key).await.map_err(|wait| {
            tracing::warn!(rule = ?rule, "rate limit reached");
            AppError::RateLimited {
                retry_after_seconds: u32::try_from(wait.as_secs() + 1).unwrap_or(u32::MAX),
            }
        })
    }

    /// The caller's IP address (the TCP peer; a proxy in front should be configured later).
    pub async fn client_ip() -> String {
        leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .await
            .map(|info| info.0.ip().to_string())
            .unwrap_or_else(|_| "unknown".to_owned())
    }

    /// This request's id (the `x-request-id` header the server sets), for the audit log.
    pub fn request_id() -> Option<String> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.headers.get("x-request-id").cloned())
            .and_then(|v| v.to_str().ok().map(str::to_owned))
    }

    /// A database connection; `Unavailable` (503) when the database cannot be reached in time.
    pub async fn conn(&self) -> Result<PooledConn, AppError> {
        self.pool.get().await.map_err(|e| {
            tracing::warn!(error = %e, "no database connection available");
            AppError::Unavailable
        })
    }
}
