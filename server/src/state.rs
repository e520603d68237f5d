//! `AppState`: what every request handler shares.

use std::sync::Arc;

use axum::extract::FromRef;
use domain::db::DbPool;
use leptos::prelude::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::Config;

/// Handles shared by all requests; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub pool: DbPool,
    pub leptos_options: LeptosOptions,
    pub metrics: PrometheusHandle,
    /// The SMTP mailer when `SMTP_URL` is set; otherwise mail stays in the dev mailbox.
    pub mailer: Option<domain::email::Mailer>,
    /// Rate limits (in-process; shared across instances once a Redis backend exists).
    pub limiter: Arc<dyn domain::rate_limit::RateLimiter>,
    /// Stored images (`<data dir>/media`, served at `/media`).
    pub media: domain::media::MediaStore,
    /// Cached public catalog reads, dropped on every catalog write.
    pub cache: domain::cache::ReadCache,
    /// The OpenAI client when `OPENAI_API_KEY` is set.
    pub openai: Option<domain::ai::OpenAi>,
    /// The payment provider (the built-in sandbox until a real provider's adapter is added).
    pub payments: Arc<dyn domain::payments::PaymentProvider>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
