//! Writing the catalog: categories, brands, products with their variants, and the summary
//! columns each product carries for listings (lowest price, in stock, ratings), recomputed by
//! the write that changes what they summarise.

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::{brands, categories, product_categories, product_variants, products};

/// A category to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    pub parent_id: Option<i64>,
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub position: i32,
}

/// A brand to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = brands)]
pub struct NewBrand<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
}

/// A product to insert (its summary columns are computed from its variants afterwards).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = products)]
pub struct NewProduct {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub brand_id: Option<i64>,
    pub category_id: i64,
    pub featured: bool,
    pub currency: String,
    pub sales_count: i32,
    pub created_at: time::OffsetDateTime,
}

/// A variant to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = product_variants)]
pub struct NewVariant {
    pub product_id: i64,
    pub sku: String,
    pub options: serde_json::Value,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub currency: String,
    pub stock: i32,
    pub low_stock_threshold: i32,
    pub position: i32,
}

/// Inserts a category and returns its id.
pub async fn insert_category(
    conn: &mut AsyncPgConnection,
    category: &NewCategory<'_>,
) -> QueryResult<i64> {
    diesel::insert_into(categories::table)
        .values(category)
        .returning(categories::id)
        .get_result(conn)
        .await
}

/// Inserts a brand and returns its id.
pub async fn insert_brand(conn: &mut AsyncPgConnection, brand: &NewBrand<'_>) -> QueryResult<i64> {
    diesel::insert_into(brands::table)
        .values(brand)
        .returning(brands::id)
        .get_result(conn)
        .await
}

/// Inserts products (many at once) and returns their ids in the same order.
pub async fn insert_products(
    conn: &mut AsyncPgConnection,
    new: &[NewProduct],
) -> QueryResult<Vec<i64>> {
    diesel::insert_into(products::table)
        .values(new)
        .returning(products::id)
        .get_results(conn)
        .await
}

/// Lists products in categories (their main one should be among them).
pub async fn insert_product_categories(
    conn: &mut AsyncPgConnection,
    pairs: &[(i64, i64)],
) -> QueryResult<()> {
    let rows: Vec<_> = pairs
        .iter()
        .map(|(p, c)| {
            (
                product_categories::product_id.eq(*p),
                product_categories::category_id.eq(*c),
            )
        })
        .collect();
    diesel::insert_into(product_categories::table)
        .values(rows)
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(())
}

/// Inserts variants (many at once).
pub async fn insert_variants(conn: &mut AsyncPgConnection, new: &[NewVariant]) -> QueryResult<()> {
    diesel::insert_into(product_variants::table)
        .values(new)
        .execute(conn)
        .await?;
    Ok(())
}

/// Recomputes the variant summary of these products: the lowest price among live variants
/// (and its compare-at price), whether any has stock.
pub async fn refresh_variant_summary(
    conn: &mut AsyncPgConnection,
    product_ids: &[i64],
) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE products p SET price_cents = s.price_cents, compare_at_cents = s.compare_at_cents, \
                currency = s.currency, in_stock = s.in_stock \
         FROM (SELECT DISTINCT ON (product_id) product_id, price_cents, compare_at_cents, currency, \
                      bool_or(stock > 0) OVER (PARTITION BY product_id) AS in_stock \
               FROM product_variants \
               WHERE product_id = ANY($1) AND NOT archived \
               ORDER BY product_id, price_cents, id) s \
         WHERE p.id = s.product_id",
    )
    .bind::<Array<BigInt>, _>(product_ids)
    .execute(conn)
    .await?;
    Ok(())
}

/// Recomputes the rating summary of these products from their approved reviews.
pub async fn refresh_rating_summary(
    conn: &mut AsyncPgConnection,
    product_ids: &[i64],
) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE products p SET rating_count = coalesce(s.n, 0), rating_sum = coalesce(s.total, 0), \
                rating_avg = coalesce(round(s.total::numeric / nullif(s.n, 0), 2), 0)::real, \
                rating_hist = ARRAY[coalesce(s.r1, 0), coalesce(s.r2, 0), coalesce(s.r3, 0), \
                                    coalesce(s.r4, 0), coalesce(s.r5, 0)] \
         FROM (SELECT id FROM products WHERE id = ANY($1)) ids \
         LEFT JOIN (SELECT product_id, count(*)::int AS n, sum(rating)::int AS total, \
                           count(*) FILTER (WHERE rating = 1)::int AS r1, \
                           count(*) FILTER (WHERE rating = 2)::int AS r2, \
                           count(*) FILTER (WHERE rating = 3)::int AS r3, \
                           count(*) FILTER (WHERE rating = 4)::int AS r4, \
                           count(*) FILTER (WHERE rating = 5)::int AS r5 \
                    FROM reviews WHERE status = 'approved' AND product_id = ANY($1) \
                    GROUP BY product_id) s ON s.product_id = ids.id \
         WHERE p.id = ids.id",
    )
    .bind::<Array<BigInt>, _>(product_ids)
    .execute(conn)
    .await?;
    Ok(())
}

/// Rebuilds the typo-correction word list from product, brand and category names.
pub async fn refresh_search_words(conn: &mut AsyncPgConnection) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO search_words (word) \
         SELECT DISTINCT lower(w) FROM ( \
             SELECT regexp_split_to_table(name, '[^[:alnum:]]+') AS w FROM products WHERE status = 'active' \
             UNION ALL SELECT regexp_split_to_table(name, '[^[:alnum:]]+') FROM brands \
             UNION ALL SELECT regexp_split_to_table(name, '[^[:alnum:]]+') FROM categories) words \
         WHERE length(w) >= 3 \
         ON CONFLICT DO NOTHING",
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds the words of a product, brand or category name to the typo-correction list.
pub async fn learn_words(conn: &mut AsyncPgConnection, name: &str) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO search_words (word) \
         SELECT DISTINCT lower(w) FROM regexp_split_to_table($1, '[^[:alnum:]]+') AS w \
         WHERE length(w) >= 3 ON CONFLICT DO NOTHING",
    )
    .bind::<diesel::sql_types::Text, _>(name)
    .execute(conn)
    .await?;
    Ok(())
}
