//! What the server hands to server functions and pages while rendering (ssr only).

use domain::db::{DbPool, PooledConn};
use domain::rate_limit::Rule;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Shared handles for server functions, provided by the server for every request.
#[derive(Clone)]
pub struct ServerContext {
    /// The pool, limits, cache, media and payments the server shares with its jobs.
    pub services: domain::services::Services,
    /// Whether the server runs in development (demo data, the dev mailbox).
    pub development: bool,
    /// Whether production takes payments with the sandbox provider (the admin warns on every
    /// page).
    pub sandbox_in_production: bool,
    /// How long a signed-in session lives however active it is.
    pub session_max_age: std::time::Duration,
}

/// The cache scope of one product's pages.
fn product_scope(slug: &str) -> String {
    format!("product:{slug}")
}

impl ServerContext {
    /// The context of the current request.
    pub fn current() -> Result<Self, AppError> {
        use_context::<Self>().ok_or_else(|| AppError::internal("ServerContext was not provided"))
    }

    /// Counts one attempt under `rule` for `key`; `RateLimited` (429) when over the limit.
    pub async fn throttle(&self, rule: Rule, key: &str) -> Result<(), AppError> {
        self.services.limiter.hit(rule, key).await.map_err(|wait| {
            tracing::warn!(rule = ?rule, "rate limit reached");
            AppError::RateLimited {
                retry_after_seconds: u32::try_from(wait.as_secs() + 1).unwrap_or(u32::MAX),
            }
        })
    }

    /// The caller's address: the TCP peer, or the client a trusted proxy forwarded for (the
    /// server resolves it once per request, see the server's `http::client_ip`).
    pub fn client_ip() -> domain::rate_limit::ClientIp {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<domain::rate_limit::ClientIp>()
                    .copied()
            })
            .unwrap_or(domain::rate_limit::ClientIp(std::net::IpAddr::from([
                0, 0, 0, 0,
            ])))
    }

    /// This request's id (the `x-request-id` header the server sets), for the audit log.
    pub fn request_id() -> Option<String> {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.headers.get("x-request-id").cloned())
            .and_then(|v| v.to_str().ok().map(str::to_owned))
    }

    /// The answer cached under `key` (`kind` names it in the metrics), or `load`'s answer,
    /// cached when it succeeded. Errors are never cached.
    pub async fn cached<T, F>(&self, kind: &'static str, key: &str, load: F) -> Result<T, AppError>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T, AppError>>,
    {
        let key = self.services.cache.versioned(&format!("{kind}:{key}"));
        self.cached_under(kind, key, load).await
    }

    /// As [`Self::cached`], for an answer about one product (its page, its reviews): dropped by
    /// [`Self::product_changed`] as well as by [`Self::catalog_changed`].
    pub async fn cached_for_product<T, F>(
        &self,
        slug: &str,
        kind: &'static str,
        key: &str,
        load: F,
    ) -> Result<T, AppError>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T, AppError>>,
    {
        let key = self
            .services
            .cache
            .versioned_in(&product_scope(slug), &format!("{kind}:{key}"));
        self.cached_under(kind, key, load).await
    }

    async fn cached_under<T, F>(
        &self,
        kind: &'static str,
        key: String,
        load: F,
    ) -> Result<T, AppError>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T, AppError>>,
    {
        if let Some(bytes) = self.services.cache.get(&key, kind).await
            && let Ok(value) = serde_json::from_slice(&bytes)
        {
            return Ok(value);
        }
        let value = load.await?;
        match serde_json::to_vec(&value) {
            Ok(bytes) => self.services.cache.put(key, bytes).await,
            Err(e) => tracing::warn!(error = %e, cache.kind = kind, "answer not cached"),
        }
        Ok(value)
    }

    /// Drops every cached public read: call after each write that changes what shoppers see.
    pub async fn catalog_changed(&self) {
        self.services.cache.invalidate().await;
    }

    /// Drops the cached reads of one product's pages (a shopper's review or vote), leaving the
    /// rest of the shop cached: a customer must not be able to empty the cache for everyone.
    pub async fn product_changed(&self, slug: &str) {
        self.services
            .cache
            .invalidate_scope(&product_scope(slug))
            .await;
    }

    /// A database connection; `Unavailable` (503) when the database cannot be reached in time.
    pub async fn conn(&self) -> Result<PooledConn, AppError> {
        conn_from(&self.services.pool).await
    }
}

/// A connection from `pool`; `Unavailable` (503) when none comes within the pool's timeout.
pub async fn conn_from(pool: &DbPool) -> Result<PooledConn, AppError> {
    pool.get().await.map_err(|e| {
        tracing::warn!(error = %e, "no database connection available");
        AppError::Unavailable
    })
}
