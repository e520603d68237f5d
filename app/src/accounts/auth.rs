//! Who is calling: the signed-in user from the session, and the guards every server function
//! and private page uses (`require_user`, `require_staff`, `require_admin`). Server only.

use std::sync::{Arc, Mutex};

use domain::accounts::{Role, User, queries};
use domain::db::DbPool;
use leptos::prelude::use_context;
use tower_sessions::Session;
use uuid::Uuid;

use crate::error::AppError;
use crate::server_context::ServerContext;

/// The session key holding the signed-in user's id (also read by SQL to sign a user out).
const USER_ID_KEY: &str = "user_id";

/// The session key holding when the user signed in (Unix seconds): a session ends
/// `session_max_age` after it however active it stays.
const SIGNED_IN_AT_KEY: &str = "signed_in_at";

fn now_seconds() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Whether a session signed in at `signed_in_at` (Unix seconds; 0 when unknown) is past its
/// absolute lifetime.
pub fn past_max_age(signed_in_at: i64, max_age: std::time::Duration) -> bool {
    let max_age = i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX);
    now_seconds().saturating_sub(signed_in_at) > max_age
}

/// This request's session.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal(format!("the session layer is missing: {e}")))
}

/// The signed-in user as this request first found them. A page asks several times (the
/// header's cart and notifications, the page's own server function, its guards): one lookup
/// serves them all. The server provides an empty one for every request; signing in or out
/// forgets it.
#[derive(Clone, Default)]
pub struct RequestUser(Arc<Mutex<Option<Option<User>>>>);

impl RequestUser {
    fn get(&self) -> Option<Option<User>> {
        self.0.lock().ok()?.clone()
    }

    fn set(&self, user: Option<User>) {
        if let Ok(mut memo) = self.0.lock() {
            *memo = Some(user);
        }
    }
}

/// Forgets this request's signed-in user (the session changed who it is).
fn forget_request_user() {
    if let Some(memo) = use_context::<RequestUser>()
        && let Ok(mut memo) = memo.0.lock()
    {
        *memo = None;
    }
}

/// The signed-in user, if any. A disabled or deleted user's session is ended here, so they are
/// signed out on their next request.
pub async fn current_user() -> Result<Option<User>, AppError> {
    let memo = use_context::<RequestUser>();
    if let Some(user) = memo.as_ref().and_then(RequestUser::get) {
        return Ok(user);
    }
    let session = session().await?;
    let ctx = ServerContext::current()?;
    let user = signed_in_user(&session, &ctx.services.pool, ctx.session_max_age).await?;
    if let Some(memo) = memo {
        memo.set(user.clone());
    }
    Ok(user)
}

/// The user signed in on `session`, if any: the one place that reads the session's user keys,
/// for server functions (through `current_user`) and the server's plain handlers alike. A
/// session past `max_age`, or of a disabled or deleted user, is ended here.
pub async fn signed_in_user(
    session: &Session,
    pool: &DbPool,
    max_age: std::time::Duration,
) -> Result<Option<User>, AppError> {
    let Some(id) = session.get::<String>(USER_ID_KEY).await? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT_KEY).await?.unwrap_or(0);
    if past_max_age(signed_in_at, max_age) {
        // Past the absolute lifetime (or from before it was recorded): sign in again.
        session.flush().await?;
        return Ok(None);
    }
    let user = match Uuid::parse_str(&id) {
        Ok(id) => {
            let mut conn = crate::server_context::conn_from(pool).await?;
            queries::find_by_id(&mut conn, id).await?
        }
        Err(_) => None,
    };
    match user {
        Some(user) if !user.is_disabled() => Ok(Some(user)),
        _ => {
            session.flush().await?;
            Ok(None)
        }
    }
}

/// The signed-in user, or `Unauthorized` (401).
pub async fn require_user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// A signed-in staff member or admin; `Unauthorized` for anonymous callers, `Forbidden` (403)
/// for customers.
pub async fn require_staff() -> Result<User, AppError> {
    staff_only(require_user().await?)
}

/// `user` when they are staff or an admin, else `Forbidden`.
pub fn staff_only(user: User) -> Result<User, AppError> {
    if user.role().is_staff() {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A signed-in admin.
pub async fn require_admin() -> Result<User, AppError> {
    let user = require_user().await?;
    if user.role() == Role::Admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Signs `user` in on this session, under a new session id (so an id planted before sign-in
/// is worthless after it), and moves the guest cart of this session into theirs.
pub async fn sign_in(user: &User) -> Result<(), AppError> {
    let session = session().await?;
    forget_request_user();
    session.cycle_id().await?;
    session.insert(USER_ID_KEY, user.id.to_string()).await?;
    session.insert(SIGNED_IN_AT_KEY, now_seconds()).await?;
    crate::cart::session::merge_guest_cart(user.id).await
}

/// Ends this session: its row is deleted and the cookie cleared.
pub async fn sign_out() -> Result<(), AppError> {
    forget_request_user();
    session().await?.flush().await.map_err(AppError::internal)
}
