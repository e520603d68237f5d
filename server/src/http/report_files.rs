//! `GET /dashboard/reports/{id}` and `/dashboard/reports/{id}/csv`: a generated project report
//! (the HTML summary, shown as its own page; the CSV, downloaded) for whoever sees its project.
//! The mailed link lands here, so an anonymous visitor is sent to sign in and back; another
//! client's file, or none, is a 404. The page is ours, rendered with every value escaped, and
//! is still served under a CSP that runs no script at all.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::projects::error::ProjectError;
use domain::projects::reports::{self, ReportFile};
use http::{StatusCode, header};
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::AppState;

/// The report page's policy: its own inline styles, nothing else.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The HTML summary.
pub async fn html(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let back = format!("/dashboard/reports/{id}");
    match file(&state, &session, &id, &back).await {
        Ok(f) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
                (header::CONTENT_SECURITY_POLICY, REPORT_CSP.to_owned()),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            f.html,
        )
            .into_response(),
        Err(answer) => answer,
    }
}

/// The CSV of tasks and budget, as a download.
pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let back = format!("/dashboard/reports/{id}/csv");
    match file(&state, &session, &id, &back).await {
        Ok(f) => {
            let name = format!(
                "report-{}-{}.csv",
                f.generated_at.date(),
                &f.id.simple().to_string()[..8]
            );
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                f.csv,
            )
                .into_response()
        }
        Err(answer) => answer,
    }
}

/// File `raw_id` if the signed-in person sees its project; else the answer to send.
async fn file(
    state: &AppState,
    session: &Session,
    raw_id: &str,
    back: &str,
) -> Result<ReportFile, Response> {
    let user = super::signed_in::person_or_login(state, session, back).await?;
    let Ok(id) = Uuid::parse_str(raw_id) else {
        return Err(StatusCode::NOT_FOUND.into_response());
    };
    let mut conn = state
        .services
        .pool
        .get()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE.into_response())?;
    let viewer = match domain::projects::access::viewer_of(&mut conn, &user).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => {
            tracing::error!(error = %e, "report file: the access check failed");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    match reports::file(&mut conn, &viewer, id).await {
        Ok(f) => Ok(f),
        Err(ProjectError::NotFound) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(e) => {
            tracing::error!(error = %e, "report file: reading failed");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}
