//! The caller's notifications: list them, mark one or all read. Only their own.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::time::Instant;

/// One notification as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub link: String,
    pub read: bool,
    pub at: Instant,
}

/// The caller's latest notifications.
#[server(prefix = "/api", endpoint = "notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    let user = super::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows = domain::notifications::list(&mut conn, user.id, 100, 0).await?;
    Ok(rows
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            title: n.title,
            body: n.body,
            link: n.link,
            read: n.read_at.is_some(),
            at: n.created_at.into(),
        })
        .collect())
}

/// Marks notification `id` read (none given: all of them), then back to the list; 404 when
/// `id` is not one of the caller's.
#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::notifications::mark_read(&mut conn, user.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect("/account/notifications");
    Ok(())
}
