//! Reading orders: by number (callers check who may see it), a customer's own list, the full
//! detail (lines, payment, history), and the staff's filtered list.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Order, OrderEvent, OrderLine, OrderNumber, OrderStatus, Payment, events};
use crate::db::schema::{order_lines, orders, payments, users};

/// An order with everything it is made of.
#[derive(Debug, Clone)]
pub struct OrderDetail {
    pub order: Order,
    pub lines: Vec<OrderLine>,
    pub payment: Option<Payment>,
    pub events: Vec<OrderEvent>,
}

/// The order with this number.
pub async fn find_by_number(
    conn: &mut AsyncPgConnection,
    number: &OrderNumber,
) -> QueryResult<Option<Order>> {
    orders::table
        .filter(orders::number.eq(number.as_str()))
        .select(Order::as_select())
        .first(conn)
        .await
        .optional()
}

/// The order's lines, payment and history.
pub async fn detail(conn: &mut AsyncPgConnection, order: Order) -> QueryResult<OrderDetail> {
    let lines = order_lines::table
        .filter(order_lines::order_id.eq(order.id))
        .order(order_lines::id)
        .select(OrderLine::as_select())
        .load(conn)
        .await?;
    let payment = payments::table
        .filter(payments::order_id.eq(order.id))
        .select(Payment::as_select())
        .first(conn)
        .await
        .optional()?;
    let events = events::list(conn, order.id).await?;
    Ok(OrderDetail {
        order,
        lines,
        payment,
        events,
    })
}

/// A customer's orders, newest first.
pub async fn list_for_user(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<Order>> {
    orders::table
        .filter(orders::user_id.eq(user_id))
        .order((orders::placed_at.desc(), orders::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Order::as_select())
        .load(conn)
        .await
}

/// How the staff narrow the order list.
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    pub status: Option<OrderStatus>,
    pub placed_from: Option<OffsetDateTime>,
    pub placed_before: Option<OffsetDateTime>,
    /// Part of the customer's email or name, or an order number.
    pub customer: Option<String>,
}

type Filtered<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::LeftJoin<orders::table, users::table>,
    diesel::pg::Pg,
>;

/// The orders (joined to their customers) that `filter` lets through.
fn filtered(filter: &StaffFilter) -> Filtered<'static> {
    let mut q = orders::table.left_join(users::table).into_boxed();
    if let Some(status) = filter.status {
        q = q.filter(orders::status.eq(status.as_str()));
    }
    if let Some(from) = filter.placed_from {
        q = q.filter(orders::placed_at.ge(from));
    }
    if let Some(before) = filter.placed_before {
        q = q.filter(orders::placed_at.lt(before));
    }
    if let Some(text) = filter.customer.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = format!("%{}%", text.trim().replace(['%', '_', '\\'], ""));
        q = q.filter(
            orders::email
                .ilike(pattern.clone())
                .or(users::display_name.ilike(pattern.clone()))
                .or(orders::number.ilike(pattern)),
        );
    }
    q
}

/// Orders matching `filter`, newest first, and how many match.
pub async fn search(
    conn: &mut AsyncPgConnection,
    filter: &StaffFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Order>, i64)> {
    let total = filtered(filter).count().get_result(conn).await?;
    let rows = filtered(filter)
        .select(Order::as_select())
        .order((orders::placed_at.desc(), orders::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await?;
    Ok((rows, total))
}
