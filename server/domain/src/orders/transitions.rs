//! Changing an order's status: only along the state machine, under the order's row lock, with
//! a history row, the customer's email and notification, and — when an order ends before its
//! goods left — the stock put back; when money was taken, a refund queued.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::{Actor, Order, OrderLine, OrderStatus, events};
use crate::db::schema::{order_lines, orders, payments};
use crate::jobs::queue;
use crate::jobs::refund_payment::RefundPayment;

/// Why a status change was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransitionError {
    #[error("no such order")]
    NotFound,
    #[error("an order that is {from} cannot become {to}")]
    Illegal { from: OrderStatus, to: OrderStatus },
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("email: {0}")]
    Email(#[from] askama::Error),
}

/// The order after a change.
#[derive(Debug, Clone)]
pub struct Changed {
    pub order: Order,
    /// Whether stock was put back (pages showing stock must be refreshed).
    pub restocked: bool,
}

/// Moves order `order_id` to `to` as `actor` (staff or the system), with `note`.
pub async fn change_status(
    conn: &mut AsyncPgConnection,
    order_id: i64,
    to: OrderStatus,
    actor: Actor,
    note: &str,
    public_url: &str,
    request_id: Option<String>,
) -> Result<Changed, TransitionError> {
    conn.transaction(async |conn| {
        let order = lock(conn, order_id, None).await?;
        let from = order.state();
        let changed = apply(conn, order, to, actor, note, public_url).await?;
        if let Actor::Staff(staff) = actor {
            crate::audit::record(
                conn,
                &crate::audit::Entry {
                    actor_id: staff,
                    action: "order.status",
                    subject_type: "order",
                    subject_id: changed.order.number.clone(),
                    before: Some(serde_json::json!({ "status": from.as_str() })),
                    after: Some(serde_json::json!({ "status": to.as_str(), "note": note })),
                    request_id,
                },
            )
            .await?;
        }
        Ok(changed)
    })
    .await
}

/// The customer cancels their own paid, not yet shipped order: it is restocked and refunded.
/// `by` is the signed-in customer, or a guest (whose session the caller checked placed this
/// guest order). Someone else's order is `NotFound`, as one that does not exist.
pub async fn cancel_by_customer(
    conn: &mut AsyncPgConnection,
    order_id: i64,
    by: Actor,
    public_url: &str,
) -> Result<Changed, TransitionError> {
    if !matches!(by, Actor::Customer(_) | Actor::Guest) {
        return Err(TransitionError::NotFound);
    }
    conn.transaction(async |conn| {
        let order = lock(conn, order_id, None).await?;
        if order.user_id != by.id() {
            return Err(TransitionError::NotFound);
        }
        let from = order.state();
        if !from.customer_may_cancel() {
            return Err(TransitionError::Illegal {
                from,
                to: OrderStatus::Cancelled,
            });
        }
        let note = match by {
            Actor::Guest => "Cancelled by the guest who placed it",
            _ => "Cancelled by the customer",
        };
        apply(conn, order, OrderStatus::Cancelled, by, note, public_url).await
    })
    .await
}

/// Order `order_id`, locked; `NotFound` when it does not exist or is not `owner`'s.
async fn lock(
    conn: &mut AsyncPgConnection,
    order_id: i64,
    owner: Option<Uuid>,
) -> Result<Order, TransitionError> {
    let order: Order = orders::table
        .find(order_id)
        .for_update()
        .select(Order::as_select())
        .first(conn)
        .await
        .optional()?
        .ok_or(TransitionError::NotFound)?;
    match owner {
        Some(user) if order.user_id != Some(user) => Err(TransitionError::NotFound),
        _ => Ok(order),
    }
}

/// The change itself, inside the caller's transaction with the order locked.
async fn apply(
    conn: &mut AsyncPgConnection,
    order: Order,
    to: OrderStatus,
    actor: Actor,
    note: &str,
    public_url: &str,
) -> Result<Changed, TransitionError> {
    let from = order.state();
    if !from.can_become(to) {
        return Err(TransitionError::Illegal { from, to });
    }
    let ends = matches!(to, OrderStatus::Cancelled | OrderStatus::Refunded);
    let restocked = ends && from.goods_in_warehouse();
    if restocked {
        restock(conn, order.id).await?;
    }
    if ends && from.is_paid() {
        let owed = diesel::update(
            payments::table
                .filter(payments::order_id.eq(order.id))
                .filter(payments::status.eq("captured")),
        )
        .set(payments::status.eq("refund_pending"))
        .execute(conn)
        .await?;
        if owed > 0 {
            queue::enqueue(conn, &RefundPayment { order_id: order.id }).await?;
        }
    }
    let order = diesel::update(orders::table.find(order.id))
        .set(orders::status.eq(to.as_str()))
        .returning(Order::as_returning())
        .get_result(conn)
        .await?;
    events::record(conn, order.id, &[(Some(from), to)], actor, note).await?;
    announce(conn, order.id, to, public_url).await?;
    Ok(Changed { order, restocked })
}

/// Puts the order's goods back on the shelf (variants locked in id order, like checkout).
async fn restock(conn: &mut AsyncPgConnection, order_id: i64) -> QueryResult<()> {
    let lines: Vec<(i64, i32)> = order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .filter(order_lines::variant_id.is_not_null())
        .select((
            order_lines::variant_id.assume_not_null(),
            order_lines::quantity,
        ))
        .load(conn)
        .await?;
    let mut per_variant: Vec<(i64, i32)> = Vec::new();
    for (id, q) in lines {
        match per_variant.iter_mut().find(|(v, _)| *v == id) {
            Some((_, total)) => *total += q,
            None => per_variant.push((id, q)),
        }
    }
    per_variant.sort_unstable();
    let ids: Vec<i64> = per_variant.iter().map(|(id, _)| *id).collect();
    let quantities: Vec<i32> = per_variant.iter().map(|(_, q)| *q).collect();
    diesel::sql_query("SELECT id FROM product_variants WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .bind::<diesel::sql_types::Array<BigInt>, _>(&ids)
        .execute(conn)
        .await?;
    #[derive(QueryableByName)]
    struct Restocked {
        #[diesel(sql_type = BigInt)]
        product_id: i64,
    }
    let products: Vec<Restocked> = diesel::sql_query(
        "UPDATE product_variants v SET stock = v.stock + d.q, sold = greatest(v.sold - d.q, 0) \
         FROM unnest($1::bigint[], $2::int[]) AS d(id, q) WHERE v.id = d.id \
         RETURNING v.product_id",
    )
    .bind::<diesel::sql_types::Array<BigInt>, _>(&ids)
    .bind::<diesel::sql_types::Array<Integer>, _>(&quantities)
    .load(conn)
    .await?;
    let mut product_ids: Vec<i64> = products.into_iter().map(|p| p.product_id).collect();
    product_ids.sort_unstable();
    product_ids.dedup();
    crate::catalog::writes::refresh_variant_summary(conn, &product_ids).await
}

/// Tells the customer their order is now `status`: an email (the confirmation with every line
/// for a paid order) and, for account holders, a notification.
pub async fn announce(
    conn: &mut AsyncPgConnection,
    order_id: i64,
    status: OrderStatus,
    public_url: &str,
) -> Result<(), TransitionError> {
    let order: Order = orders::table
        .find(order_id)
        .select(Order::as_select())
        .first(conn)
        .await?;
    announce_order(conn, &order, None, status, public_url).await
}

/// [`announce`] for an order the caller already holds (checkout has just written it, with its
/// `lines`; they are read when needed and not given).
pub async fn announce_order(
    conn: &mut AsyncPgConnection,
    order: &Order,
    lines: Option<&[OrderLine]>,
    status: OrderStatus,
    public_url: &str,
) -> Result<(), TransitionError> {
    let link = format!("/orders/{}", order.number);
    let url = format!("{}{link}", public_url.trim_end_matches('/'));
    let email = if status == OrderStatus::Paid {
        let loaded: Vec<OrderLine>;
        let lines = match lines {
            Some(lines) => lines,
            None => {
                loaded = order_lines::table
                    .filter(order_lines::order_id.eq(order.id))
                    .order(order_lines::id)
                    .select(OrderLine::as_select())
                    .load(conn)
                    .await?;
                &loaded
            }
        };
        crate::email::order_templates::order_confirmation(order, lines, &url)?
    } else {
        crate::email::order_templates::order_status(order, status, &url)?
    };
    crate::email::outbox::queue_email(conn, &email).await?;
    if let Some(user_id) = order.user_id {
        let (title, body) = headline(&order.number, status);
        crate::notifications::notify(conn, user_id, &title, body, &link).await?;
    }
    Ok(())
}

/// The notification for an order becoming `status`.
pub fn headline(number: &str, status: OrderStatus) -> (String, &'static str) {
    let body = match status {
        OrderStatus::Paid => "Thank you! We have your order and your payment.",
        OrderStatus::Fulfilled => "Your order is packed and waiting for the courier.",
        OrderStatus::Shipped => "Your order is on its way.",
        OrderStatus::Delivered => "Your order was delivered. Enjoy!",
        OrderStatus::Cancelled => "Your order was cancelled; any payment is refunded.",
        OrderStatus::Refunded => "Your payment was refunded.",
        OrderStatus::PendingPayment => "We are waiting for your payment.",
    };
    (format!("Order {number}: {}", status.label()), body)
}
