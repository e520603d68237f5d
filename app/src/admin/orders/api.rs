//! The staff's order desk: filter orders by status, date and customer; read one with its
//! history; move it along the state machine (ship, cancel, refund) with a note, audited.

use leptos::prelude::*;

use crate::error::AppError;
use crate::orders::view::{OrderSummary, OrderView};
use crate::ui::paging::Paged;

/// `YYYY-MM-DD` at midnight UTC, `days` later.
#[cfg(feature = "ssr")]
fn day(
    raw: Option<&str>,
    field: &str,
    days: i64,
) -> Result<Option<time::OffsetDateTime>, AppError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(raw, format)
        .map_err(|_| AppError::validation(field, "Use a date like 2026-12-31."))?;
    Ok(Some(
        date.midnight().assume_utc() + time::Duration::days(days),
    ))
}

/// The order with `number` (as typed in a URL), or 404.
#[cfg(feature = "ssr")]
async fn find_order(
    conn: &mut domain::db::PooledConn,
    number: &str,
) -> Result<domain::orders::Order, AppError> {
    let number = domain::orders::OrderNumber::parse(number).ok_or(AppError::NotFound)?;
    domain::orders::queries::find_by_number(conn, &number)
        .await?
        .ok_or(AppError::NotFound)
}

/// Orders matching the filters, newest first.
#[server(prefix = "/api", endpoint = "admin_orders")]
pub async fn admin_orders(
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    customer: Option<String>,
    page: Option<u32>,
) -> Result<(Paged<OrderSummary>, i64), AppError> {
    use domain::orders::queries::{StaffFilter, search};
    crate::accounts::auth::require_staff().await?;
    let status = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse()
                .map_err(|_| AppError::validation("status", "Choose a status from the list."))?,
        ),
        None => None,
    };
    let filter = StaffFilter {
        status,
        placed_from: day(from.as_deref(), "from", 0)?,
        placed_before: day(to.as_deref(), "to", 1)?,
        customer,
    };
    let request = crate::ui::paging::PageRequest::new(page, 50);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (rows, total) = search(&mut conn, &filter, request.limit(), request.offset()).await?;
    Ok((
        request.finish(rows.iter().map(OrderSummary::from).collect()),
        total,
    ))
}

/// One order, for staff.
#[server(prefix = "/api", endpoint = "admin_order")]
pub async fn admin_order(number: String) -> Result<OrderView, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let order = find_order(&mut conn, &number).await?;
    let detail = domain::orders::queries::detail(&mut conn, order).await?;
    let prints = crate::orders::view::print_links(&mut conn, &ctx.services, &detail, true).await?;
    Ok(crate::orders::view::order_view(
        &detail, None, false, &prints,
    ))
}

/// Moves an order to `status` with an optional note (cancel and refund put unshipped goods
/// back and queue the refund), then back to the order.
#[server(prefix = "/api", endpoint = "admin_change_order_status")]
pub async fn change_order_status(
    number: String,
    status: String,
    note: Option<String>,
) -> Result<(), AppError> {
    use domain::orders::transitions::{TransitionError, change_status};
    use domain::orders::{Actor, OrderStatus};
    let staff = crate::accounts::auth::require_staff().await?;
    let to: OrderStatus = status
        .parse()
        .map_err(|_| AppError::validation("status", "Choose a status from the list."))?;
    let note = note.unwrap_or_default();
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(AppError::validation(
            "note",
            "Keep the note under 500 characters.",
        ));
    }
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let order = find_order(&mut conn, &number).await?;
    let changed = change_status(
        &mut conn,
        order.id,
        to,
        Actor::Staff(staff.id),
        note,
        &ctx.services.public_url,
        crate::server_context::ServerContext::request_id(),
    )
    .await
    .map_err(|e| match e {
        TransitionError::NotFound => AppError::NotFound,
        TransitionError::Illegal { from, to } => AppError::validation(
            "status",
            format!(
                "An order that is {} cannot become {}.",
                from.label().to_lowercase(),
                to.label().to_lowercase()
            ),
        ),
        e => AppError::internal(e),
    })?;
    if changed.restocked {
        ctx.catalog_changed().await;
    }
    leptos_axum::redirect(&format!("/admin/orders/{}", changed.order.number));
    Ok(())
}
