//! Stock holds: entering checkout reserves the cart's quantities for [`HOLD_MINUTES`], so
//! nobody else can buy them meanwhile (available = stock − other carts' active holds). A hold
//! never exceeds what was available when it was taken; an expired hold reserves nothing even
//! before the periodic job deletes it. Holds are taken when a shopper submits their checkout
//! details (a POST), never on a page view, and are capped per checkout and per client.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::{carts, stock_holds};

/// How long a hold lasts.
pub const HOLD_MINUTES: i32 = 15;

/// Guest carts untouched for this long are forgotten.
pub const GUEST_CART_DAYS: i32 = 30;

/// How many units one checkout may hold, and one client (IP, or IPv6 /64) across all its
/// carts: without them, a script with many guest carts of 99 could empty the shop for 15
/// minutes at a time. Beyond the caps a line is simply not held (it can still be bought while
/// stock lasts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldCaps {
    pub per_cart: i32,
    pub per_client: i32,
}

impl Default for HoldCaps {
    fn default() -> Self {
        Self {
            per_cart: 20,
            per_client: 50,
        }
    }
}

/// Holds the cart's quantities for the client `client_key` — as much of each line as is
/// available to it, within `caps` — keeping an unexpired hold's end time (holding again never
/// extends it), and drops holds of lines no longer in the cart. Returns when the hold ends
/// (`None` when nothing could be held).
pub async fn hold(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    client_key: &str,
    caps: HoldCaps,
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
        // The hold's end stays where it was; the lines are held afresh below.
        let ends_before: Option<OffsetDateTime> = stock_holds::table
            .filter(stock_holds::cart_id.eq(cart_id))
            .filter(stock_holds::expires_at.gt(diesel::dsl::now))
            .select(diesel::dsl::min(stock_holds::expires_at))
            .first(conn)
            .await?;
        diesel::delete(stock_holds::table.filter(stock_holds::cart_id.eq(cart_id)))
            .execute(conn)
            .await?;
        diesel::sql_query(
            "WITH wanted AS ( \
                 SELECT i.variant_id, least(sum(i.quantity)::int, v.stock - coalesce(o.held, 0)) AS q \
                 FROM cart_items i \
                 JOIN product_variants v ON v.id = i.variant_id \
                 JOIN products p ON p.id = v.product_id \
                 LEFT JOIN LATERAL (SELECT sum(h.quantity) AS held FROM stock_holds h \
                                    WHERE h.variant_id = i.variant_id AND h.cart_id <> i.cart_id \
                                      AND h.expires_at > now()) o ON true \
                 WHERE i.cart_id = $1 AND NOT v.archived AND p.status = 'active' \
                 GROUP BY i.variant_id, v.stock, o.held \
                 HAVING least(sum(i.quantity)::int, v.stock - coalesce(o.held, 0)) > 0), \
             budget AS ( \
                 SELECT least($4::int, $5::int - coalesce((SELECT sum(h.quantity) FROM stock_holds h \
                     WHERE h.client_key = $3 AND h.cart_id <> $1 AND h.expires_at > now()), 0)::int) AS units), \
             capped AS ( \
                 SELECT w.variant_id, least(w.q, greatest(0, b.units - coalesce(sum(w.q) OVER \
                     (ORDER BY w.variant_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))::int AS q \
                 FROM wanted w CROSS JOIN budget b) \
             INSERT INTO stock_holds (cart_id, variant_id, quantity, expires_at, client_key) \
             SELECT $1, variant_id, q, coalesce($6, now() + make_interval(mins => $2)), $3 \
             FROM capped WHERE q > 0",
        )
        .bind::<SqlUuid, _>(cart_id)
        .bind::<Integer, _>(HOLD_MINUTES)
        .bind::<Text, _>(client_key)
        .bind::<Integer, _>(caps.per_cart)
        .bind::<Integer, _>(caps.per_client)
        .bind::<Nullable<Timestamptz>, _>(ends_before)
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

/// When the cart's unexpired hold ends (`None`: nothing held).
pub async fn held_until(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
) -> QueryResult<Option<OffsetDateTime>> {
    stock_holds::table
        .filter(stock_holds::cart_id.eq(cart_id))
        .filter(stock_holds::expires_at.gt(diesel::dsl::now))
        .select(diesel::dsl::min(stock_holds::expires_at))
        .first(conn)
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
