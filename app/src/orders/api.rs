//! The customer's orders: their list, one order (theirs only: any other number answers 404,
//! as one that does not exist), and cancelling a paid order that has not shipped — by its
//! owner, or by the guest whose session placed it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::view::{OrderSummary, OrderView};
use crate::error::AppError;

/// Orders per page.
pub const PER_PAGE: i64 = 20;

/// A page of the caller's orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub orders: Vec<OrderSummary>,
    pub page: i64,
    pub more: bool,
}

/// The caller's orders, newest first.
#[server(prefix = "/api", endpoint = "my_orders")]
pub async fn my_orders(page: Option<i64>) -> Result<OrderList, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let mut rows = domain::orders::queries::list_for_user(
        &mut conn,
        user.id,
        PER_PAGE + 1,
        (page - 1) * PER_PAGE,
    )
    .await?;
    let more = rows.len() > usize::try_from(PER_PAGE).unwrap_or(20);
    rows.truncate(usize::try_from(PER_PAGE).unwrap_or(20));
    Ok(OrderList {
        orders: rows.iter().map(OrderSummary::from).collect(),
        page,
        more,
    })
}

/// The order `number` if the caller may see it: its owner, or the guest session that placed it.
#[cfg(feature = "ssr")]
async fn visible_order(
    conn: &mut domain::db::PooledConn,
    number: &str,
    user: Option<&domain::accounts::User>,
) -> Result<domain::orders::Order, AppError> {
    let number = domain::orders::OrderNumber::parse(number).ok_or(AppError::NotFound)?;
    let order = domain::orders::queries::find_by_number(conn, &number)
        .await?
        .ok_or(AppError::NotFound)?;
    let mine = match (order.user_id, user) {
        (Some(owner), Some(user)) => owner == user.id,
        (None, None) => crate::cart::session::placed_by_this_guest(&order.number).await?,
        _ => false,
    };
    if mine {
        Ok(order)
    } else {
        Err(AppError::NotFound)
    }
}

/// One of the caller's orders.
#[server(prefix = "/api", endpoint = "my_order")]
pub async fn my_order(number: String) -> Result<OrderView, AppError> {
    let user = crate::accounts::auth::current_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let order = visible_order(&mut conn, &number, user.as_ref()).await?;
    let can_cancel = order.state().customer_may_cancel();
    let detail = domain::orders::queries::detail(&mut conn, order).await?;
    let prints = super::view::print_links(&mut conn, &ctx.services, &detail, false).await?;
    Ok(super::view::order_view(
        &detail,
        user.map(|u| u.id),
        can_cancel,
        &prints,
    ))
}

/// Cancels one of the caller's orders (paid, not yet shipped): restocked and refunded. A guest
/// may cancel the order their session placed.
#[server(prefix = "/api", endpoint = "cancel_order")]
pub async fn cancel_order(number: String) -> Result<(), AppError> {
    use domain::orders::Actor;
    use domain::orders::transitions::{self, TransitionError};
    let user = crate::accounts::auth::current_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let order = visible_order(&mut conn, &number, user.as_ref()).await?;
    let by = user.map_or(Actor::Guest, |u| Actor::Customer(u.id));
    let changed = transitions::cancel_by_customer(
        &mut conn,
        order.id,
        by,
        &ctx.services.public_url,
    )
    .await
    .map_err(|e| match e {
        TransitionError::NotFound => AppError::NotFound,
        TransitionError::Illegal { from, .. } => AppError::conflict(format!(
            "This order is {} and can no longer be cancelled here. Contact us and we will help.",
            from.label().to_lowercase()
        )),
        e => AppError::internal(e),
    })?;
    if changed.restocked {
        ctx.catalog_changed().await;
    }
    leptos_axum::redirect(&format!("/orders/{}?cancelled=1", changed.order.number));
    Ok(())
}
