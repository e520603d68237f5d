//! `GET /studio/jobs/{id}/partial`: the latest in-between picture of a running styling job
//! (OpenAI's streamed partial images), for its owner's page only. Anonymous → 401; another
//! person's job, one that does not exist, or one with no in-between picture (any more) → 404.
//! The page asks with `?n=<count>` so each new picture is a new address; the answer is sent
//! `private, no-store`.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use tower_sessions::Session;
use uuid::Uuid;

use super::private_media::{refuse, send_file};
use crate::state::AppState;

/// The in-between picture handler.
pub async fn serve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let user = match super::signed_in::signed_in(&state, &session).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return refuse(StatusCode::NOT_FOUND, "Not found.\n");
    };
    let job = match state.services.pool.get().await {
        Ok(mut conn) => domain::studio::jobs::find(&mut conn, user.id, id).await,
        Err(e) => {
            tracing::warn!(error = %e, "job partial: no database connection");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    match job {
        Ok(Some(job)) if job.state.is_active() && job.partials > 0 => {
            let name = domain::studio::partials::file_name(&job.params.output_format);
            send_file(&state, job.id, name, "private, no-store").await
        }
        Ok(_) => refuse(StatusCode::NOT_FOUND, "Not found.\n"),
        Err(e) => {
            tracing::error!(error = %e, "job partial: reading the job failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.\n")
        }
    }
}
