//! `GET /studio/jobs/{id}/events`: a styling job's progress as server-sent events, for its
//! owner's page. The first event is the job as it is now; then one event per change (heard
//! through `domain::db::changes`, so a worker on any instance reaches this browser), with a
//! re-read every few seconds in case a notice was missed; the stream ends after the event that
//! shows the job ended. Anonymous → 401; another person's job, or none → 404.

use std::convert::Infallible;
use std::time::Duration;

use app::studio::view::JobCard;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::Stream;
use http::StatusCode;
use tokio::sync::broadcast;
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::AppState;

/// How often the job is re-read when no notice came.
const RECHECK: Duration = Duration::from_secs(3);

/// The job as its owner's page shows it, if it is theirs.
async fn card(state: &AppState, owner: Uuid, id: Uuid) -> Result<Option<JobCard>, StatusCode> {
    let mut conn = state
        .services
        .pool
        .get()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let job = domain::studio::jobs::find(&mut conn, owner, id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "job events: reading the job failed");
            StatusCode::INTERNAL_SERVER_ERROR
        })?;
    let Some(job) = job else {
        return Ok(None);
    };
    app::studio::jobs_api::cards(&mut conn, &state.services, &[job])
        .await
        .map(|mut cards| cards.pop())
        .map_err(|e| e.status())
}

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
    // Subscribed before the first read, so no change after it is missed.
    let rx = state.services.job_events.subscribe();
    let first = match card(&state, user.id, id).await {
        Ok(Some(card)) => card,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(status) => return status.into_response(),
    };
    let watch = Watch {
        state,
        owner: user.id,
        id,
        rx,
        last: None,
        pending: Some(first),
        ended: false,
    };
    Sse::new(events(watch))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// What the stream carries from one event to the next.
struct Watch {
    state: AppState,
    owner: Uuid,
    id: Uuid,
    rx: broadcast::Receiver<Uuid>,
    last: Option<JobCard>,
    pending: Option<JobCard>,
    ended: bool,
}

/// Waits for a notice about this job (or the re-check timer).
async fn next_change(watch: &mut Watch) {
    let deadline = tokio::time::sleep(RECHECK);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            () = &mut deadline => return,
            heard = watch.rx.recv() => match heard {
                Ok(id) if id == watch.id => return,
                Ok(_) => {}
                Err(broadcast::error::RecvError::Lagged(_)) => return,
                Err(broadcast::error::RecvError::Closed) => {
                    (&mut deadline).await;
                    return;
                }
            },
        }
    }
}

/// The job's events until it ends.
fn events(watch: Watch) -> impl Stream<Item = Result<Event, Infallible>> {
    futures::stream::unfold(watch, |mut watch| async move {
        if watch.ended {
            return None;
        }
        loop {
            let card = match watch.pending.take() {
                Some(card) => card,
                None => {
                    next_change(&mut watch).await;
                    match card(&watch.state, watch.owner, watch.id).await {
                        Ok(Some(card)) => card,
                        // Deleted with its owner, or the database is away: end the stream;
                        // the page still has its refresh.
                        Ok(None) | Err(_) => return None,
                    }
                }
            };
            if watch.last.as_ref() == Some(&card) {
                continue;
            }
            watch.ended = !card.active;
            let event = Event::default()
                .event("job")
                .json_data(&card)
                .unwrap_or_else(|_| Event::default().event("job"));
            watch.last = Some(card);
            return Some((Ok(event), watch));
        }
    })
}
