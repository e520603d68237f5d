//! `/healthz` (the process answers) and `/readyz` (the database answers too).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use diesel_async::RunQueryDsl;

use crate::state::AppState;

/// Alive: answers as long as the process serves HTTP.
pub async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok\n")
}

/// Ready: a connection from the pool answers `SELECT 1`; 503 with a reason otherwise.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let mut conn = match state.services.pool.get().await {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: no database connection");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n");
        }
    };
    match diesel::sql_query("SELECT 1").execute(&mut conn).await {
        Ok(_) => (StatusCode::OK, "ready\n"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database query failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
    }
}
