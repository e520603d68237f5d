//! The order history: one row per status change, written in the change's transaction.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::{Actor, OrderEvent, OrderStatus};
use crate::db::schema::order_events;

/// Records that `order_id` went from `from` to `to`.
pub async fn record(
    conn: &mut AsyncPgConnection,
    order_id: i64,
    changes: &[(Option<OrderStatus>, OrderStatus)],
    actor: Actor,
    note: &str,
) -> QueryResult<()> {
    let rows: Vec<_> = changes
        .iter()
        .map(|(from, to)| {
            (
                order_events::order_id.eq(order_id),
                order_events::from_status.eq(from.map(OrderStatus::as_str)),
                order_events::to_status.eq(to.as_str()),
                order_events::actor_id.eq(actor.id()),
                order_events::actor_role.eq(actor.role()),
                order_events::note.eq(note),
            )
        })
        .collect();
    diesel::insert_into(order_events::table)
        .values(rows)
        .execute(conn)
        .await?;
    Ok(())
}

/// An order's history, oldest first.
pub async fn list(conn: &mut AsyncPgConnection, order_id: i64) -> QueryResult<Vec<OrderEvent>> {
    order_events::table
        .filter(order_events::order_id.eq(order_id))
        .order(order_events::id)
        .select(OrderEvent::as_select())
        .load(conn)
        .await
}
