//! What the server hands to server functions and pages while rendering (ssr only).

use std::sync::Arc;

use domain::cache::ReadCache;
use domain::db::{DbPool, PooledConn};
use domain::rate_limit::{RateLimiter, Rule};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Shared handles for server functions, provided by the server for every request.
#[derive(Clone)]
pub struct ServerContext {
    pub pool: DbPool,
    /// The site's public origin, for links in emails.
    pub public_url: String,
    /// Limits on sign-in attempts and the like.
    pub limiter: Arc<dyn RateLimiter>,
    /// Public catalog reads, shared by every visitor.
    pub cache: ReadCache,
    /// Where uploaded images are stored.
    pub media: domain::media::MediaStore,
    /// The payment provider checkout charges through.
    pub payments: Arc<dyn domain::payments::PaymentProvider>,
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

    /// The answer cached under `key` (`kind` names it in the metrics), or `load`'s answer,
    /// cached when it succeeded. Errors are never cached.
    pub async fn cached<T, F>(&self, kind: &'static str, key: &str, load: F) -> Result<T, AppError>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T, AppError>>,
    {
        let key = self.cache.versioned(&format!("{kind}:{key}"));
        if let Some(bytes) = self.cache.get(&key, kind).await
            && let Ok(value) = serde_json::from_slice(&bytes)
        {
            return Ok(value);
        }
        let value = load.await?;
        match serde_json::to_vec(&value) {
            Ok(bytes) => self.cache.put(key, bytes).await,
            Err(e) => tracing::warn!(error = %e, cache.kind = kind, "answer not cached"),
        }
        Ok(value)
    }

    /// Drops every cached public read: call after each write that changes what shoppers see.
    pub async fn catalog_changed(&self) {
        self.cache.invalidate().await;
    }

    /// A database connection; `Unavailable` (503) when the database cannot be reached in time.
    pub async fn conn(&self) -> Result<PooledConn, AppError> {
        self.pool.get().await.map_err(|e| {
            tracing::warn!(error = %e, "no database connection available");
            AppError::Unavailable
        })
    }
}
