//! `GET /dashboard/projects/{id}/events`: a server-sent event each time client project `id`
//! changes (a task moved, a milestone marked, the project edited), heard through
//! `domain::db::changes` (PostgreSQL LISTEN/NOTIFY, so a change made on any instance reaches a
//! page open on any other). The events carry nothing of the project — the page reads itself again, through
//! the same scoped reads — so nothing leaks to a page whose reader lost access meanwhile. The
//! first event, `ready`, says the stream is listening. Anonymous → 401; a project the caller
//! may not see (another client's), or none → 404.

use std::convert::Infallible;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::Stream;
use http::StatusCode;
use tokio::sync::broadcast;
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::AppState;

/// The events handler.
pub async fn stream(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let user = match super::signed_in::signed_in(&state, &session).await {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Subscribed before the check, so no change after it is missed.
    let rx = state.services.project_events.subscribe();
    let Ok(mut conn) = state.services.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let visible = match domain::projects::access::viewer_of(&mut conn, &user).await {
        Ok(Some(viewer)) => domain::projects::project::visible_client(&mut conn, &viewer, id)
            .await
            .map(|c| c.is_some()),
        Ok(None) => Ok(false),
        Err(e) => Err(e),
    };
    match visible {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "project events: the access check failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    drop(conn);
    Sse::new(events(id, rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// `ready`, then `changed` for each change of project `id` (also after missing some).
fn events(
    id: Uuid,
    rx: broadcast::Receiver<Uuid>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    // Each event carries a word: a browser does not dispatch an event whose data is empty.
    let ready =
        futures::stream::once(async { Ok(Event::default().event("ready").data("listening")) });
    let changes = futures::stream::unfold(rx, move |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(changed) if changed == id => break,
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => break,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
        Some((Ok(Event::default().event("changed").data("changed")), rx))
    });
    futures::StreamExt::chain(ready, changes)
}
