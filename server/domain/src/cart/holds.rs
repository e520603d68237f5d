//! Stock holds: entering checkout reserves the cart's quantities for [`HOLD_MINUTES`], so
//! nobody else can buy them meanwhile (available = stock − other carts' active holds). A hold
//! never exceeds what was available when it was taken; an expired hold reserves nothing even
//! before the periodic job deletes it.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::{carts, stock_holds};

/// How long a hold lasts.
pub const HOLD_MINUTES: i32 = 15;

/// Guest carts untouched for this long are forgotten.
pub const GUEST_CART_DAYS: i32 = 30;

/// Holds the cart's quantities (as much of each line as is available to it), keeping an
/// unexpired hold's end time, and drops holds of lines no longer in the cart. Returns when the
/// hold ends (`None` when nothing could be held).
pub async fn hold(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
) -> QueryResult<Option<OffsetDateTime>> {
    conn.transaction(async |conn| {
        // Holders of one variant take turns, so two carts cannot both hold its last unit.
        diesel::sql_query(
            "SELECT v.id FROM product_variants v \
             WHERE v.id IN (SELECT variant_id FROM cart_items WHERE cart_id = $1) \
             ORDER BY v.id FOR UPDATE",
        )
        .bind::<SqlUuid, _>(cart_id)
        .execute(conn)
        .await?;
        diesel::sql_query(
            "DELETE FROM stock_holds h WHERE h.cart_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM cart_items i WHERE i.cart_id = h.cart_id AND i.variant_id = h.variant_id)",
        )
        .bind::<SqlUuid, _>(cart_id)
        .execute(conn)
        .await?;
        diesel::sql_query(
            "INSERT INTO stock_holds (cart_id, variant_id, quantity, expires_at) \
             SELECT i.cart_id, i.variant_id, least(i.quantity, v.stock - coalesce(o.held, 0)), \
                    now() + make_interval(mins => $2) \
             FROM cart_items i \
             JOIN product_variants v ON v.id = i.variant_id \
             JOIN products p ON p.id = v.product_id \
             LEFT JOIN LATERAL (SELECT sum(h.quantity) AS held FROM stock_holds h \
                                WHERE h.variant_id = i.variant_id AND h.cart_id <> i.cart_id \
                                  AND h.expires_at > now()) o ON true \
             WHERE i.cart_id = $1 AND NOT v.archived AND p.status = 'active' \
               AND least(i.quantity, v.stock - coalesce(o.held, 0)) > 0 \
             ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity, \
                 expires_at = CASE WHEN stock_holds.expires_at > now() \
                                   THEN stock_holds.expires_at ELSE EXCLUDED.expires_at END",
        )
        .bind::<SqlUuid, _>(cart_id)
        .bind::<Integer, _>(HOLD_MINUTES)
        .execute(conn)
        .await?;
        // Lines that could not be held this time keep no stale hold.
        diesel::delete(
            stock_holds::table
                .filter(stock_holds::cart_id.eq(cart_id))
                .filter(stock_holds::expires_at.le(diesel::dsl::now)),
        )
        .execute(conn)
        .await?;
        diesel::update(carts::table.find(cart_id))
            .set(carts::hold_expired_at.eq(None::<OffsetDateTime>))
            .execute(conn)
            .await?;
        let ends: Option<OffsetDateTime> = stock_holds::table
            .filter(stock_holds::cart_id.eq(cart_id))
            .select(diesel::dsl::min(stock_holds::expires_at))
            .first(conn)
            .await?;
        Ok(ends)
    })
    .await
}

/// Gives up the cart's holds (it left checkout, or its order was placed).
pub async fn release(conn: &mut AsyncPgConnection, cart_id: Uuid) -> QueryResult<()> {
    diesel::delete(stock_holds::table.filter(stock_holds::cart_id.eq(cart_id)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes expired holds, noting on each cart when its hold ran out, and forgets guest carts
/// untouched for [`GUEST_CART_DAYS`]. Returns (carts whose hold ran out, guest carts deleted).
pub async fn release_expired(conn: &mut AsyncPgConnection) -> QueryResult<(usize, usize)> {
    let released = diesel::sql_query(
        "WITH gone AS (DELETE FROM stock_holds WHERE expires_at <= now() \
                       RETURNING cart_id, expires_at) \
         UPDATE carts c SET hold_expired_at = g.at \
         FROM (SELECT cart_id, max(expires_at) AS at FROM gone GROUP BY cart_id) g \
         WHERE c.id = g.cart_id",
    )
    .execute(conn)
    .await?;
    let forgotten = diesel::sql_query(
        "DELETE FROM carts WHERE user_id IS NULL \
           AND updated_at < now() - make_interval(days => $1)",
    )
    .bind::<Integer, _>(GUEST_CART_DAYS)
    .execute(conn)
    .await?;
    Ok((released, forgotten))
}
