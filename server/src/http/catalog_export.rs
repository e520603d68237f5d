//! `GET /admin/products/export.csv`: the whole catalog as a CSV download for staff (one line
//! per live variant; the import reads the same columns back). Anonymous visitors are sent to
//! sign in, customers get 403.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderValue, StatusCode, header};
use tower_sessions::Session;

use crate::state::AppState;

/// The export handler.
pub async fn export(State(state): State<AppState>, session: Session) -> Response {
    let sign_in = || Redirect::to("/login?next=/admin/products").into_response();
    let Ok(Some(id)) = session
        .get::<String>(app::accounts::auth::USER_ID_KEY)
        .await
    else {
        return sign_in();
    };
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return sign_in();
    };
    let signed_in_at = session
        .get::<i64>(app::accounts::auth::SIGNED_IN_AT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    if app::accounts::auth::past_max_age(signed_in_at, state.config.sessions.max_age) {
        return sign_in();
    }
    let Ok(mut conn) = state.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    match domain::accounts::queries::find_by_id(&mut conn, id).await {
        Ok(Some(user)) if !user.is_disabled() && user.role().is_staff() => {}
        Ok(Some(user)) if !user.is_disabled() => return StatusCode::FORBIDDEN.into_response(),
        Ok(_) => return sign_in(),
        Err(e) => {
            tracing::error!(error = %e, "catalog export: reading the caller failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let csv = match domain::catalog::editing::export_lines(&mut conn).await {
        Ok(lines) => app::admin::catalog_csv::export(&lines),
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
