//! Prometheus metrics: request counts and latency by route, and pool and queue gauges rendered
//! at `/metrics`.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;

use crate::state::AppState;

/// Counts and times every request under its route template (`/products/{slug}`, not the URL,
/// so the label set stays small).
pub async fn track_requests(
    State(_state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// Renders every metric in the Prometheus text format, with the pool's and the job queue's
/// gauges read now (the queue's only when the database answers).
///
/// Guarded: with `DAYDREAM_METRICS_TOKEN` set, only a request carrying `Authorization: Bearer
/// <token>` is answered (401 otherwise); without one, production answers 404 and development
/// answers anyone (it listens on loopback by default).
pub async fn render(State(state): State<AppState>, headers: http::HeaderMap) -> Response {
    match &state.config.http.metrics_token {
        Some(token) => {
            use secrecy::ExposeSecret;
            use subtle::ConstantTimeEq;
            let given = headers
                .get(http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or("");
            let expected = token.expose_secret();
            if !bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
                return (
                    http::StatusCode::UNAUTHORIZED,
                    [(http::header::WWW_AUTHENTICATE, "Bearer")],
                    "The metrics need the bearer token set in DAYDREAM_METRICS_TOKEN.\n",
                )
                    .into_response();
            }
        }
        None if state.config.environment == crate::config::Environment::Production => {
            return (
                http::StatusCode::NOT_FOUND,
                "Metrics are off: set DAYDREAM_METRICS_TOKEN to read them.\n",
            )
                .into_response();
        }
        None => {}
    }
    let pool = state.services.pool.status();
    metrics::gauge!("db_pool_connections").set(pool.size as f64);
    metrics::gauge!("db_pool_available").set(pool.available as f64);
    metrics::gauge!("db_pool_waiting").set(pool.waiting as f64);
    metrics::gauge!("db_pool_max_size").set(pool.max_size as f64);
    if let Ok(mut conn) = state.services.pool.get().await
        && let Ok(counts) = domain::jobs::queue::count_by_status(&mut conn).await
    {
        for status in ["pending", "running", "done", "dead"] {
            let n = counts
                .iter()
                .find(|(s, _)| s == status)
                .map_or(0, |(_, n)| *n);
            metrics::gauge!("jobs", "status" => status).set(n as f64);
        }
    }
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.metrics.render(),
    )
        .into_response()
}
