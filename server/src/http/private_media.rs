//! `GET /private/media/{id}/{file}?expires=…&sig=…`: one file of a private image (a user's
//! photo or styled result), only through the signed, expiring address a page handed out
//! (`domain::media::signing`). A missing, changed or expired signature answers 403; a signed
//! address of an image that does not exist or is not private answers 404. Sent
//! `private, no-store`: no shared cache keeps it, and the browser does not keep it on disk.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde::Deserialize;
use uuid::Uuid;

use domain::media::signing::{Refusal, private_path};
use domain::media::store::is_file_name;
use domain::media::{Visibility, queries};

use crate::state::AppState;

/// The signature part of the address.
#[derive(Debug, Deserialize)]
pub struct Signed {
    expires: Option<i64>,
    sig: Option<String>,
}

/// A plain-text answer with `status`, kept out of every cache.
pub(crate) fn refuse(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        message,
    )
        .into_response()
}

/// The content type of a stored file, from its (already checked) extension.
pub(crate) fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

/// Sends file `name` of private image `id` with `cache` as its `Cache-Control` (404 when the
/// file is missing).
pub(crate) async fn send_file(
    state: &AppState,
    id: Uuid,
    name: &str,
    cache: &'static str,
) -> Response {
    match state
        .services
        .media
        .read(Visibility::Private, id, name)
        .await
    {
        Ok(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, content_type(name))
            .header(header::CACHE_CONTROL, cache)
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .body(Body::from(bytes))
            .unwrap_or_else(|_| {
                refuse(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n")
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            refuse(StatusCode::NOT_FOUND, "Not found.\n")
        }
        Err(e) => {
            tracing::error!(error = %e, media.id = %id, "private media: read failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n")
        }
    }
}

/// Serves one private file after checking its signed address.
pub async fn serve(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
    Query(signed): Query<Signed>,
) -> Response {
    let (Some(expires), Some(sig)) = (signed.expires, signed.sig) else {
        return refuse(StatusCode::FORBIDDEN, "This address needs its signature.\n");
    };
    // The path as it was signed: the id as the server writes it.
    let Ok(id) = Uuid::parse_str(&id) else {
        return refuse(StatusCode::FORBIDDEN, "This link is not valid.\n");
    };
    let path = private_path(id, &name);
    match state
        .services
        .media_urls
        .check(&path, expires, &sig, time::OffsetDateTime::now_utc())
    {
        Ok(()) => {}
        Err(Refusal::Tampered) => {
            return refuse(StatusCode::FORBIDDEN, "This link is not valid.\n");
        }
        Err(Refusal::Expired) => {
            return refuse(
                StatusCode::FORBIDDEN,
                "This link has expired; reload the page for a fresh one.\n",
            );
        }
    }
    if !is_file_name(&name) {
        return refuse(StatusCode::NOT_FOUND, "Not found.\n");
    }
    let stored = match state.services.pool.get().await {
        Ok(mut conn) => queries::find(&mut conn, id).await,
        Err(e) => {
            tracing::warn!(error = %e, "private media: no database connection");
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again shortly.\n",
            );
        }
    };
    match stored {
        Ok(Some(s)) if s.visibility == Visibility::Private => {}
        Ok(_) => return refuse(StatusCode::NOT_FOUND, "Not found.\n"),
        Err(e) => {
            tracing::error!(error = %e, "private media: lookup failed");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n");
        }
    }
    send_file(&state, id, &name, "private, no-store").await
}
