//! `AppState`: what every request handler shares.

use std::sync::Arc;

use axum::extract::FromRef;
use domain::services::Services;
use leptos::prelude::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::Config;

/// Handles shared by all requests; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    pub metrics: PrometheusHandle,
    /// The pool, mail, limits, media, cache, OpenAI and payments, shared with the server
    /// functions' context and the jobs.
    pub services: Services,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
