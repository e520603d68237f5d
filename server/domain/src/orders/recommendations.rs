//! What orders tell the shop window: which shoppers bought a product (the verified-purchase
//! badge) and which products are bought together with it.

use std::collections::HashSet;

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::{order_lines, orders};

/// Statuses in which an order counts as a purchase.
pub const PURCHASED: [&str; 4] = ["paid", "fulfilled", "shipped", "delivered"];

/// How many of a product's most recent orders "bought together" looks at.
const RECENT_ORDERS: i64 = 500;

/// Which of `user_ids` bought `product_id` (in an order that was not cancelled or refunded).
pub async fn purchasers_among(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    user_ids: &[Uuid],
) -> QueryResult<HashSet<Uuid>> {
    if user_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let buyers: Vec<Option<Uuid>> = orders::table
        .inner_join(order_lines::table)
        .filter(order_lines::product_id.eq(product_id))
        .filter(orders::user_id.eq_any(user_ids))
        .filter(orders::status.eq_any(PURCHASED))
        .select(orders::user_id)
        .distinct()
        .load(conn)
        .await?;
    Ok(buyers.into_iter().flatten().collect())
}

#[derive(QueryableByName)]
struct Companion {
    #[diesel(sql_type = BigInt)]
    product_id: i64,
}

/// Active products most often in the same order as `product_id` (among its latest
/// [`RECENT_ORDERS`] orders), most frequent first, at most `limit`.
pub async fn bought_together(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    let rows: Vec<Companion> = diesel::sql_query(
        "WITH recent AS (SELECT DISTINCT order_id FROM order_lines WHERE product_id = $1 \
                         ORDER BY order_id DESC LIMIT $2) \
         SELECT l.product_id FROM recent r \
         JOIN orders o ON o.id = r.order_id AND o.status = ANY($4) \
         JOIN order_lines l ON l.order_id = r.order_id AND l.product_id <> $1 \
         JOIN products p ON p.id = l.product_id AND p.status = 'active' \
         GROUP BY l.product_id \
         ORDER BY count(DISTINCT l.order_id) DESC, l.product_id \
         LIMIT $3",
    )
    .bind::<BigInt, _>(product_id)
    .bind::<BigInt, _>(RECENT_ORDERS)
    .bind::<BigInt, _>(limit)
    .bind::<Array<Text>, _>(&PURCHASED[..])
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.product_id).collect())
}

/// The products of [`bought_together`], loaded, in its order.
pub async fn bought_together_products(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    limit: i64,
) -> QueryResult<Vec<crate::catalog::models::Product>> {
    use crate::db::schema::products;
    let ids = bought_together(conn, product_id, limit).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<crate::catalog::models::Product> = products::table
        .filter(products::id.eq_any(&ids))
        .select(crate::catalog::models::Product::as_select())
        .load(conn)
        .await?;
    found.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
    Ok(found)
}
