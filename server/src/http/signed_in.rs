//! The signed-in person of a plain axum handler (outside server functions): from the session,
//! or the 401 answer to give when nobody is signed in.

use axum::response::{IntoResponse, Response};
use domain::accounts::User;
use http::{StatusCode, header};
use tower_sessions::Session;

use crate::state::AppState;

/// The person signed in on `session`, else the answer to send (401, or the lookup's error).
pub async fn signed_in(state: &AppState, session: &Session) -> Result<User, Response> {
    let user = app::accounts::auth::signed_in_user(
        session,
        &state.services.pool,
        state.config.sessions.max_age,
    )
    .await;
    match user {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err((
            StatusCode::UNAUTHORIZED,
            [(header::CACHE_CONTROL, "no-store")],
            "Please sign in.\n",
        )
            .into_response()),
        Err(e) => Err((e.status(), e.to_string()).into_response()),
    }
}

/// The person signed in on `session`; anonymous visitors are sent to sign in (and back to
/// `back`).
pub async fn person_or_login(
    state: &AppState,
    session: &Session,
    back: &str,
) -> Result<User, Response> {
    let user = app::accounts::auth::signed_in_user(
        session,
        &state.services.pool,
        state.config.sessions.max_age,
    )
    .await;
    match user {
        Ok(Some(user)) => Ok(user),
        Ok(None) => {
            let to = format!("/login?next={}", app::ui::url::encode_component(back));
            Err(axum::response::Redirect::to(&to).into_response())
        }
        Err(e) => Err((e.status(), e.to_string()).into_response()),
    }
}

/// The staff member signed in on `session`: anonymous visitors are sent to sign in (and back
/// to `back`), customers get 403.
pub async fn staff(state: &AppState, session: &Session, back: &str) -> Result<User, Response> {
    let user = person_or_login(state, session, back).await?;
    app::accounts::auth::staff_only(user).map_err(|e| (e.status(), e.to_string()).into_response())
}
