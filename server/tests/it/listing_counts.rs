//! The facet rollup stays exact: after bulk price, stock, rating, brand, status and category
//! changes and deletions, every rollup row matches a fresh count and the listing's facets and
//! totals read from it equal those counted over the products.

use diesel_async::RunQueryDsl;
use domain::catalog::listing::{self, Filter, Sort};
use domain::catalog::listing_counts;
use domain::db::PooledConn;

use crate::catalog::store;
use crate::util::TestApp;

/// Filters the rollup answers, alone and combined.
async fn filters(conn: &mut PooledConn) -> Vec<Filter> {
    let cats = domain::catalog::reads::all_categories(conn).await.unwrap();
    let brands = domain::catalog::reads::all_brands(conn).await.unwrap();
    let top = cats.iter().find(|c| c.parent_id.is_none()).unwrap().id;
    let subtree = listing::category_subtree(conn, top).await.unwrap();
    let leaf = cats.iter().find(|c| c.parent_id.is_some()).unwrap().id;
    vec![
        Filter::default(),
        Filter {
            category_ids: Some(subtree.clone()),
            ..Filter::default()
        },
        Filter {
            category_ids: Some(vec![leaf]),
            in_stock: true,
            ..Filter::default()
        },
        Filter {
            brand_ids: vec![brands[0].id, brands[1].id],
            min_rating: Some(3),
            ..Filter::default()
        },
        Filter {
            min_price_cents: Some(2_500),
            max_price_cents: Some(9_999),
            ..Filter::default()
        },
        Filter {
            category_ids: Some(subtree),
            brand_ids: vec![brands[2].id],
            min_price_cents: Some(5_000),
            in_stock: true,
            min_rating: Some(1),
            ..Filter::default()
        },
    ]
}

async fn assert_exact(conn: &mut PooledConn, when: &str) {
    assert_eq!(listing_counts::drift(conn).await.unwrap(), 0, "{when}");
    for filter in filters(conn).await {
        let mut from_rollup = listing::facets(conn, &filter).await.unwrap();
        let mut counted = listing::counted_facets(conn, &filter).await.unwrap();
        for facets in [&mut from_rollup, &mut counted] {
            facets.categories.sort_unstable();
            facets.brands.sort_unstable();
        }
        assert_eq!(from_rollup, counted, "{when}: {filter:?}");
        let (_, total) = listing::search(conn, &filter, Sort::Relevance, 1, 0)
            .await
            .unwrap();
        let counted_total = listing::counted_total(conn, &filter).await.unwrap();
        assert_eq!(total, counted_total, "{when}: total of {filter:?}");
        assert!(total > 0 || when != "seeded", "{filter:?} finds something");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rollup_stays_exact_through_every_kind_of_write() {
    let app = TestApp::start().await;
    store(&app).await;
    let mut conn = app.conn().await;
    assert_exact(&mut conn, "seeded").await;
    for (when, statement) in [
        (
            "prices",
            "UPDATE products SET price_cents = price_cents + 3000 WHERE id % 3 = 0",
        ),
        (
            "stock",
            "UPDATE products SET in_stock = NOT in_stock WHERE id % 4 = 0",
        ),
        (
            "ratings",
            "UPDATE products SET rating_avg = 4.5 WHERE id % 5 = 0",
        ),
        (
            "brands",
            "UPDATE products SET brand_id = NULL WHERE id % 11 = 0",
        ),
        (
            "archived",
            "UPDATE products SET status = 'archived' WHERE id % 7 = 0",
        ),
        (
            "relisted",
            "UPDATE products SET status = 'active' WHERE id % 14 = 0",
        ),
        ("deleted", "DELETE FROM products WHERE id % 13 = 0"),
        (
            "unlisted",
            "DELETE FROM product_categories WHERE product_id % 6 = 0 \
             AND category_id IN (SELECT id FROM categories WHERE parent_id IS NULL)",
        ),
        (
            "moved",
            "UPDATE products SET category_id = (SELECT min(id) FROM categories \
             WHERE parent_id IS NOT NULL) WHERE id % 9 = 0",
        ),
    ] {
        diesel::sql_query(statement)
            .execute(&mut *conn)
            .await
            .unwrap();
        assert_exact(&mut conn, when).await;
    }
}
