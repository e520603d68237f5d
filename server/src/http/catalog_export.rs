//! `GET /admin/products/export.csv`: the whole catalog as a CSV download for staff (one line
//! per live variant; the import reads the same columns back). Anonymous visitors are sent to
//! sign in, customers get 403.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use tower_sessions::Session;

use crate::state::AppState;

/// The export handler.
pub async fn export(State(state): State<AppState>, session: Session) -> Response {
    // The same reading of the session and the same staff check as every server function: a
    // disabled staff account, or a session past its lifetime, is sent to sign in.
    if let Err(refused) = super::signed_in::staff(&state, &session, "/admin/products").await {
        return refused;
    }
    let Ok(mut conn) = state.services.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let csv = match domain::catalog::editing::export_lines(&mut conn).await {
        Ok(lines) => app::admin::products::csv::export(&lines),
        Err(e) => {
            tracing::error!(error = %e, "catalog export: reading the catalog failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match csv {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"catalog.csv\""),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "catalog export: writing the CSV failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
