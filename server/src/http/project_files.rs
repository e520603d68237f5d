//! `GET /dashboard/files/{id}`: a file shared on a project, for whoever sees the project —
//! always as an attachment under its kept name, never shown as a page of ours (and under a
//! CSP that runs nothing, should a browser try). Anonymous visitors are sent to sign in and
//! back; another client's file, or none, is a 404.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::projects::error::ProjectError;
use http::{StatusCode, header};
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::AppState;

/// The download handler.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(raw_id): Path<String>,
) -> Response {
    let back = format!("/dashboard/files/{raw_id}");
    let user = match super::signed_in::person_or_login(&state, &session, &back).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let Ok(id) = Uuid::parse_str(&raw_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(mut conn) = state.services.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let viewer = match domain::projects::access::viewer_of(&mut conn, &user).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "project file: the access check failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match domain::projects::files::download(&mut conn, &viewer, id).await {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, file.content_type),
                (header::CONTENT_DISPOSITION, disposition(&file.name)),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            file.content,
        )
            .into_response(),
        Err(ProjectError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "project file: reading failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `attachment` with the name twice: plain ASCII for old browsers, and RFC 5987's UTF-8 form.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .filter(|c| *c != '"' && *c != '\\')
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn names_are_quoted_safely() {
        assert_eq!(
            disposition("Brief é.pdf"),
            "attachment; filename=\"Brief _.pdf\"; filename*=UTF-8''Brief%20%C3%A9.pdf"
        );
    }
}
