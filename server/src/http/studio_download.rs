//! `GET /studio/gallery/{id}/download?format=png|jpeg|webp&width=N`: one of the caller's results
//! as a file to keep, in the format and width chosen on the gallery's download form (a plain
//! GET form, so it works without JavaScript). Counted on the result. Anonymous → 401; another
//! person's result, or none → 404; a format or width the form does not offer → 400.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use domain::media::Visibility;
use domain::media::upload::extension_of;
use domain::studio::download::{self, DownloadError, Format};

use crate::state::AppState;

/// The form's choice.
#[derive(Debug, Deserialize)]
pub struct Wanted {
    format: Option<String>,
    width: Option<String>,
}

/// A plain-text refusal, never cached.
fn refuse(status: StatusCode, message: String) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], message).into_response()
}

/// The download handler.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(wanted): Query<Wanted>,
) -> Response {
    let user = match super::signed_in::signed_in(&state, &session).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let Ok(id) = Uuid::parse_str(id.trim()) else {
        return refuse(StatusCode::NOT_FOUND, "Not found.\n".into());
    };
    let Some(format) = Format::parse(wanted.format.as_deref().unwrap_or("png")) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Choose PNG, JPEG or WebP.\n".into(),
        );
    };
    let width = match wanted
        .width
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        None => None,
        Some(w) => match w.parse::<u32>() {
            Ok(w) => Some(w),
            Err(_) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "The width is a number of pixels.\n".into(),
                );
            }
        },
    };
    let mut conn = match state.services.pool.get().await {
        Ok(conn) => conn,
        Err(_) => {
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again shortly.\n".into(),
            );
        }
    };
    let result = match domain::studio::results::find(&mut conn, user.id, id).await {
        Ok(Some(result)) => result,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "Not found.\n".into()),
        Err(e) => {
            tracing::error!(error = %e, "download: reading the result failed");
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong.\n".into(),
            );
        }
    };
    let name = format!("original.{}", extension_of(&result.content_type));
    let master = match state
        .services
        .media
        .read(Visibility::Private, result.media_id, &name)
        .await
    {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, result = %id, "download: the master is unreadable");
            return refuse(
                StatusCode::NOT_FOUND,
                "The picture's file is missing.\n".into(),
            );
        }
    };
    let rendered =
        tokio::task::spawn_blocking(move || download::render(&master, format, width)).await;
    let bytes = match rendered {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e @ DownloadError::BadWidth(_))) => {
            return refuse(StatusCode::BAD_REQUEST, format!("{e}\n"));
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, result = %id, "download: rendering failed");
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong.\n".into(),
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "download: the render task failed");
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong.\n".into(),
            );
        }
    };
    if let Err(e) = domain::studio::results::count_download(&mut conn, user.id, id).await {
        tracing::warn!(error = %e, result = %id, "download: not counted");
    }
    let stem = result.style_slug.as_deref().unwrap_or("picture");
    let file = format!(
        "daydream-{stem}-{}.{}",
        width.unwrap_or(result.width as u32),
        format.extension()
    );
    Response::builder()
        .header(header::CONTENT_TYPE, format.content_type())
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        )
        .header(header::CACHE_CONTROL, "private, no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(Body::from(bytes))
        .unwrap_or_else(|_| {
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong.\n".into(),
            )
        })
}
