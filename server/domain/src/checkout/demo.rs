//! Demo checkout data: the development store's coupons (so a fresh `make run` can try the
//! coupon path at once) and "hot" variants for load tests and benchmarks.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use crate::db::schema::coupons;

/// One demo coupon: (code, description, kind, amount, minimum subtotal in cents, per user).
type DemoCoupon = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    Option<i32>,
);

/// The demo coupons.
pub const DEMO_COUPONS: [DemoCoupon; 2] = [
    (
        "WELCOME10",
        "10 % off your first order",
        "percent",
        10,
        2000,
        Some(1),
    ),
    ("SAVE5", "€5 off orders over €30", "fixed", 500, 3000, None),
];

/// The demo coupon codes present in this database (a production start refuses while any is:
/// anyone who read the README can use them).
pub async fn existing_demo_coupons(conn: &mut AsyncPgConnection) -> QueryResult<Vec<String>> {
    let codes: Vec<&str> = DEMO_COUPONS.iter().map(|c| c.0).collect();
    coupons::table
        .filter(coupons::code.eq_any(codes))
        .select(coupons::code)
        .order(coupons::code)
        .load(conn)
        .await
}

/// Creates the demo coupons that do not exist yet; returns how many were created.
pub async fn ensure_demo_coupons(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
    let rows: Vec<_> = DEMO_COUPONS
        .iter()
        .map(|(code, description, kind, amount, min, per_user)| {
            (
                coupons::code.eq(*code),
                coupons::description.eq(*description),
                coupons::kind.eq(*kind),
                coupons::amount.eq(*amount),
                coupons::min_subtotal_cents.eq(*min),
                coupons::per_user_limit.eq(*per_user),
            )
        })
        .collect();
    diesel::insert_into(coupons::table)
        .values(rows)
        .on_conflict(coupons::code)
        .do_nothing()
        .execute(conn)
        .await
}

/// Creates `count` active products (in their own category, tagged `tag`), one variant each with
/// `stock` units at `price` cents, for load tests and benchmarks; returns (variant id, SKU).
pub async fn hot_variants(
    conn: &mut AsyncPgConnection,
    tag: &str,
    count: usize,
    stock: i32,
    price: i64,
) -> QueryResult<Vec<(i64, String)>> {
    use crate::catalog::writes::{self, NewCategory, NewProduct, NewVariant};
    use crate::db::schema::product_variants;
    let category = writes::insert_category(
        conn,
        &NewCategory {
            parent_id: None,
            slug: &format!("hot-{tag}"),
            name: "Hot items",
            description: "",
            position: 0,
        },
    )
    .await?;
    let products: Vec<NewProduct> = (0..count)
        .map(|i| NewProduct {
            slug: format!("hot-{tag}-{i}"),
            name: format!("Hot item {i}"),
            description: "Everyone wants one.".to_owned(),
            status: "active".to_owned(),
            brand_id: None,
            category_id: category,
            featured: false,
            currency: "EUR".to_owned(),
            sales_count: 0,
            created_at: time::OffsetDateTime::now_utc(),
        })
        .collect();
    let ids = writes::insert_products(conn, &products).await?;
    let pairs: Vec<(i64, i64)> = ids.iter().map(|p| (*p, category)).collect();
    writes::insert_product_categories(conn, &pairs).await?;
    let variants: Vec<NewVariant> = ids
        .iter()
        .enumerate()
        .map(|(i, p)| NewVariant {
            product_id: *p,
            sku: format!("HOT-{tag}-{i}").to_uppercase(),
            options: serde_json::json!({}),
            price_cents: price,
            compare_at_cents: None,
            currency: "EUR".to_owned(),
            stock,
            low_stock_threshold: 2,
            position: 0,
        })
        .collect();
    writes::insert_variants(conn, &variants).await?;
    writes::refresh_variant_summary(conn, &ids).await?;
    product_variants::table
        .filter(product_variants::product_id.eq_any(&ids))
        .order(product_variants::id)
        .select((product_variants::id, product_variants::sku))
        .load(conn)
        .await
}
