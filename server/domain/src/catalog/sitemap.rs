//! What the sitemaps list: active products, categories and brands with when they last changed.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;

use crate::db::schema::{brands, categories, products};

/// Products per product sitemap file (the protocol allows 50 000).
pub const PRODUCTS_PER_FILE: i64 = 40_000;

/// How many active products there are.
pub async fn active_product_count(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    products::table
        .filter(products::status.eq("active"))
        .count()
        .get_result(conn)
        .await
}

/// Product file `n` (from 0): (slug, last change), by id.
pub async fn product_entries(
    conn: &mut AsyncPgConnection,
    n: i64,
) -> QueryResult<Vec<(String, OffsetDateTime)>> {
    products::table
        .filter(products::status.eq("active"))
        .order(products::id)
        .select((products::slug, products::updated_at))
        .limit(PRODUCTS_PER_FILE)
        .offset(n * PRODUCTS_PER_FILE)
        .load(conn)
        .await
}

/// Every category: (slug, last change).
pub async fn category_entries(
    conn: &mut AsyncPgConnection,
) -> QueryResult<Vec<(String, OffsetDateTime)>> {
    categories::table
        .order(categories::id)
        .select((categories::slug, categories::updated_at))
        .load(conn)
        .await
}

/// Every brand: (slug, last change).
pub async fn brand_entries(
    conn: &mut AsyncPgConnection,
) -> QueryResult<Vec<(String, OffsetDateTime)>> {
    brands::table
        .order(brands::id)
        .select((brands::slug, brands::updated_at))
        .load(conn)
        .await
}
