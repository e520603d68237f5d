//! `GET /studio/showcase/{id}/{file}`: one file of a result shown in the public showcase, at a
//! stable address crawlers and link previews can keep. Only while the result is approved: once
//! its owner withdraws it (or it was never approved) the address answers 404. The files stay in
//! the private folder; this route is the only public way to them, and it is cached for minutes,
//! not a year, so a withdrawal takes effect soon everywhere.

use axum::extract::{Path, State};
use axum::response::Response;
use http::StatusCode;
use uuid::Uuid;

use domain::media::store::is_file_name;

use super::private_media::{refuse, send_file};
use crate::state::AppState;

/// How long browsers and shared caches may keep a showcase file.
const CACHE: &str = "public, max-age=300";

/// Serves one file of an approved showcase result.
pub async fn serve(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
) -> Response {
    let (Ok(id), true) = (Uuid::parse_str(&id), is_file_name(&name)) else {
        return refuse(StatusCode::NOT_FOUND, "Not found.\n");
    };
    let shown = match state.services.pool.get().await {
        Ok(mut conn) => domain::studio::results::shown(&mut conn, id).await,
        Err(e) => {
            tracing::warn!(error = %e, "showcase media: no database connection");
            return refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again shortly.\n",
            );
        }
    };
    let media_id = match shown {
        Ok(Some(result)) => result.media_id,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "Not found.\n"),
        Err(e) => {
            tracing::error!(error = %e, "showcase media: lookup failed");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n");
        }
    };
    send_file(&state, media_id, &name, CACHE).await
}
