//! The shop window over HTTP and in the domain, on the demo store: listing filters and facet
//! counts, sorting, paging bounds, typo search, product pages (variants, JSON-LD), 301/404/410.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::catalog::demo::ensure_demo_store;
use domain::catalog::listing::{self, Filter, Sort};
use domain::db::schema::{products, slug_redirects};

use crate::util::TestApp;

/// Loads a 120-product demo store and returns the product ids.
pub(crate) async fn store(app: &TestApp) -> Vec<i64> {
    let created = ensure_demo_store(&mut *app.conn().await, 120)
        .await
        .unwrap();
    assert_eq!(created.len(), 120);
    created.into_iter().map(|(id, _)| id).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_store_is_realistic() {
    let app = TestApp::start().await;
    store(&app).await;
    let mut conn = app.conn().await;
    let cats = domain::catalog::reads::all_categories(&mut conn)
        .await
        .unwrap();
    assert!(cats.len() >= 8 && cats.iter().any(|c| c.parent_id.is_some()));
    assert!(
        domain::catalog::reads::all_brands(&mut conn)
            .await
            .unwrap()
            .len()
            >= 10
    );
    let sold_out: i64 = products::table
        .filter(products::in_stock.eq(false))
        .count()
        .get_result(&mut *conn)
        .await
        .unwrap();
    assert!(sold_out > 0, "some products are out of stock");
    let rated: i64 = products::table
        .filter(products::rating_count.gt(0))
        .count()
        .get_result(&mut *conn)
        .await
        .unwrap();
    assert!(rated > 60, "most products have reviews: {rated}");
    // A second call loads nothing more.
    assert!(ensure_demo_store(&mut conn, 120).await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn each_filter_narrows_and_facets_count_the_other_filters() {
    let app = TestApp::start().await;
    store(&app).await;
    let mut conn = app.conn().await;
    let all = Filter::default();
    let (_, total) = listing::search(&mut conn, &all, Sort::Relevance, 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 120);
    let facets = listing::facets(&mut conn, &all).await.unwrap();
    assert_eq!(
        facets.price_bands.iter().sum::<i64>(),
        120,
        "every product in one band"
    );
    assert_eq!(facets.brands.iter().map(|(_, n)| n).sum::<i64>(), 120);

    // A brand: the brand facet still counts every brand (it ignores its own filter).
    let (brand, brand_count) = facets.brands[0];
    let by_brand = Filter {
        brand_ids: vec![brand],
        ..Filter::default()
    };
    let (rows, total) = listing::search(&mut conn, &by_brand, Sort::Relevance, 200, 0)
        .await
        .unwrap();
    assert_eq!(total, brand_count);
    assert!(rows.iter().all(|p| p.brand_id == Some(brand)));
    let f = listing::facets(&mut conn, &by_brand).await.unwrap();
    assert_eq!(
        f.brands, facets.brands,
        "the brand facet ignores the brand filter"
    );
    assert_eq!(
        f.price_bands.iter().sum::<i64>(),
        brand_count,
        "other facets respect it"
    );

    // A top-level category includes its children.
    let women = domain::catalog::reads::all_categories(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.slug == "women")
        .unwrap();
    let ids = listing::category_subtree(&mut conn, women.id)
        .await
        .unwrap();
    assert!(ids.len() > 1);
    let by_cat = Filter {
        category_ids: Some(ids),
        ..Filter::default()
    };
    let (_, in_women) = listing::search(&mut conn, &by_cat, Sort::Relevance, 1, 0)
        .await
        .unwrap();
    let women_count = facets
        .categories
        .iter()
        .find(|(id, _)| *id == women.id)
        .unwrap()
        .1;
    assert_eq!(in_women, women_count);
    assert!(in_women > 0 && in_women < 120);

    // Price, stock and rating, alone and combined.
    let cheap = Filter {
        max_price_cents: Some(4_999),
        ..Filter::default()
    };
    let (rows, _) = listing::search(&mut conn, &cheap, Sort::PriceHighLow, 200, 0)
        .await
        .unwrap();
    assert!(rows.iter().all(|p| p.price_cents <= 4_999));
    assert!(
        rows.windows(2)
            .all(|w| w[0].price_cents >= w[1].price_cents),
        "sorted high to low"
    );
    let stocked = Filter {
        in_stock: true,
        min_rating: Some(4),
        ..cheap.clone()
    };
    let (rows, total) = listing::search(&mut conn, &stocked, Sort::Rating, 200, 0)
        .await
        .unwrap();
    assert!(
        rows.iter()
            .all(|p| p.in_stock && p.rating_avg >= 4.0 && p.price_cents <= 4_999)
    );
    assert_eq!(rows.len() as i64, total);
    let f = listing::facets(&mut conn, &stocked).await.unwrap();
    assert_eq!(f.in_stock, total, "stock facet with the other filters");
}

#[tokio::test(flavor = "multi_thread")]
async fn text_search_ranks_and_typos_are_corrected() {
    let app = TestApp::start().await;
    store(&app).await;
    let mut conn = app.conn().await;
    let q = Filter {
        q: Some("sneakers".into()),
        ..Filter::default()
    };
    let (rows, total) = listing::search(&mut conn, &q, Sort::Relevance, 50, 0)
        .await
        .unwrap();
    assert!(total > 0);
    assert!(rows.iter().all(|p| p.name.contains("Sneakers")));
    assert_eq!(
        listing::correct_spelling(&mut conn, "snekaers")
            .await
            .unwrap()
            .as_deref(),
        Some("sneakers")
    );
    assert_eq!(
        listing::correct_spelling(&mut conn, "linen").await.unwrap(),
        None
    );

    // Ranked, not just found: a word in the name outranks the same word in a description, even
    // for an older product (the tie-break would put the newer one first).
    let ids: Vec<i64> = products::table
        .order(products::id.asc())
        .select(products::id)
        .limit(2)
        .load(&mut *conn)
        .await
        .unwrap();
    let (older, newer) = (ids[0], ids[1]);
    diesel::update(products::table.find(older))
        .set(products::name.eq("Zephyr Table Lamp"))
        .execute(&mut *conn)
        .await
        .unwrap();
    diesel::update(products::table.find(newer))
        .set(products::description.eq("Light as a zephyr, and it folds flat."))
        .execute(&mut *conn)
        .await
        .unwrap();
    let zephyr = Filter {
        q: Some("zephyr".into()),
        ..Filter::default()
    };
    let (rows, total) = listing::search(&mut conn, &zephyr, Sort::Relevance, 50, 0)
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(
        rows.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![older, newer],
        "the name match first"
    );

    // Over HTTP the typo finds sneakers and says so.
    let (status, page) = app.get_text("/products?q=snekaers").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("data-testid=\"corrected-query\""),
        "says what was searched"
    );
    assert!(page.contains("Sneakers"));
    assert!(page.contains("noindex"), "search pages are not indexed");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_listing_page_is_complete_html_and_bad_queries_are_clamped() {
    let app = TestApp::start().await;
    store(&app).await;
    let (status, page) = app.get_text("/products").await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("data-testid=\"product-tile\"").count(), 24);
    assert!(page.contains("rel=\"next\""));
    assert!(page.contains("rel=\"canonical\""));
    assert!(
        page.contains(&format!("href=\"{}\"", app.url("/products"))),
        "canonical URL"
    );
    for bad in [
        "/products?page=0",
        "/products?page=1000000000",
        "/products?min_price=-5&max_price=abc",
        "/products?sort=cheapest&rating=9",
        "/products?category=no-such-thing",
    ] {
        let (status, page) = app.get_text(bad).await;
        assert_eq!(status, 200, "{bad}");
        assert!(
            page.contains("listing-notice"),
            "{bad} explains what was ignored"
        );
    }
    let (status, page) = app.get_text("/products?q=zzzzqqqq").await;
    assert_eq!(status, 200);
    assert!(page.contains("no-results"));
    let (status, page) = app.get_text("/categories/shoes").await;
    assert_eq!(status, 200);
    assert!(page.contains("Sneakers") || page.contains("Boots") || page.contains("Sandals"));
    assert_eq!(app.get("/categories/nope").await.status(), 404);
    assert_eq!(app.get("/brands/fjord").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn product_pages_pick_variants_from_the_url_and_answer_301_404_410() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let mut conn = app.conn().await;
    let slug: String = products::table
        .find(ids[0])
        .select(products::slug)
        .first(&mut *conn)
        .await
        .unwrap();
    let (status, page) = app.get_text(&format!("/products/{slug}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("application/ld+json") && page.contains("\"@type\":\"Product\""));
    assert!(page.contains("\"BreadcrumbList\""));
    assert!(page.contains("data-testid=\"price\""));
    let (_, small) = app.get_text(&format!("/products/{slug}?size=S")).await;
    assert!(
        small.contains("aria-current=\"true\"") && small.contains("-S-"),
        "the S variant's SKU"
    );

    // An old slug redirects permanently; archived is gone; unknown is not found.
    diesel::insert_into(slug_redirects::table)
        .values((
            slug_redirects::kind.eq("product"),
            slug_redirects::old_slug.eq("old-name"),
            slug_redirects::target_id.eq(ids[0]),
        ))
        .execute(&mut *conn)
        .await
        .unwrap();
    let moved = app.get("/products/old-name").await;
    assert_eq!(moved.status(), 301);
    assert_eq!(
        moved.headers()["location"],
        format!("/products/{slug}").as_str()
    );
    diesel::update(products::table.find(ids[1]))
        .set(products::status.eq("archived"))
        .execute(&mut *conn)
        .await
        .unwrap();
    let archived: String = products::table
        .find(ids[1])
        .select(products::slug)
        .first(&mut *conn)
        .await
        .unwrap();
    let (status, page) = app.get_text(&format!("/products/{archived}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("no longer available"));
    assert_eq!(app.get("/products/never-existed").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn robots_and_sitemaps_list_every_public_page() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let (status, robots) = app.get_text("/robots.txt").await;
    assert_eq!(status, 200);
    assert!(robots.contains("Disallow: /admin") && robots.contains("Disallow: /account"));
    assert!(robots.contains(&format!("Sitemap: {}", app.url("/sitemap.xml"))));

    let (status, index) = app.get_text("/sitemap.xml").await;
    assert_eq!(status, 200);
    for file in ["products-0.xml", "categories.xml", "brands.xml"] {
        assert!(
            index.contains(&app.url(&format!("/sitemaps/{file}"))),
            "{file}"
        );
    }
    let (_, products) = app.get_text("/sitemaps/products-0.xml").await;
    assert_eq!(products.matches("<url>").count(), ids.len());
    assert!(products.contains("<lastmod>"));
    let (_, categories) = app.get_text("/sitemaps/categories.xml").await;
    assert!(categories.contains(&app.url("/categories/women")));
    assert_eq!(app.get("/sitemaps/nope.xml").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_shows_real_products_in_its_html() {
    let app = TestApp::start().await;
    store(&app).await;
    let (status, page) = app.get_text("/").await;
    assert_eq!(status, 200);
    for section in ["home-categories", "top-rated", "new-arrivals"] {
        assert!(
            page.contains(&format!("data-testid=\"{section}\"")),
            "{section}"
        );
    }
    assert!(page.matches("data-testid=\"product-tile\"").count() >= 8);
    assert!(page.contains("\"@type\":\"Organization\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn wishlists_belong_to_their_owner() {
    use crate::util::people::{location, sign_in_new};
    use domain::accounts::Role;
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let slug: String = products::table
        .find(ids[3])
        .select(products::slug)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    // Anonymous: a sign-in link, and the server functions answer 401.
    let (_, page) = app.get_text(&format!("/products/{slug}")).await;
    assert!(page.contains("wishlist-sign-in"));
    let anon = app
        .post_api("/api/add_to_wishlist", &[("slug", &slug)])
        .await;
    assert_eq!(anon.status(), 401);

    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let here = format!("/products/{slug}");
    let response = app
        .post_form(
            "/api/add_to_wishlist",
            &here,
            &[("slug", &slug), ("next", &here)],
        )
        .await;
    assert_eq!(location(&response), here);
    // Twice is once; and the heart's island (the WASM's call, accepting JSON) is sent nowhere,
    // so the page it is on stays as it is while the heart flips.
    let island = app
        .post_api("/api/add_to_wishlist", &[("slug", &slug), ("next", &here)])
        .await;
    assert_eq!(island.status(), 200);
    for header in ["location", "serverfnredirect"] {
        assert!(
            island.headers().get(header).is_none(),
            "{header}: {:?}",
            island.headers()
        );
    }
    let (_, page) = app.get_text("/account/wishlist").await;
    assert_eq!(page.matches("data-testid=\"product-tile\"").count(), 1);
    let (_, page) = app.get_text(&here).await;
    assert!(
        page.contains("wishlist-remove"),
        "the product page shows it saved"
    );
    assert_eq!(
        app.post_api("/api/add_to_wishlist", &[("slug", "no-such-product")])
            .await
            .status(),
        404
    );

    // Someone else's wishlist is their own.
    sign_in_new(&app, "bo@example.com", Role::Customer).await;
    let (_, page) = app.get_text("/account/wishlist").await;
    assert!(page.contains("wishlist-empty"));
    app.post_api("/api/remove_from_wishlist", &[("slug", &slug)])
        .await;
    let count: i64 = domain::db::schema::wishlist_items::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(count, 1, "Bo removing it does not touch Ana's");
}

#[tokio::test(flavor = "multi_thread")]
async fn suggestions_name_categories_brands_and_products() {
    let app = TestApp::start().await;
    store(&app).await;
    let suggest = |q: &'static str| {
        let app = &app;
        async move {
            app.get(&format!("/api/suggest?q={q}"))
                .await
                .json::<Vec<serde_json::Value>>()
                .await
                .unwrap()
        }
    };
    let sneakers = suggest("sneak").await;
    assert_eq!(sneakers[0]["kind"], "category");
    assert_eq!(sneakers[0]["href"], "/categories/sneakers");
    assert!(
        sneakers
            .iter()
            .skip(1)
            .all(|s| s["kind"] == "product" && s["label"].as_str().unwrap().contains("Sneakers"))
    );
    assert!(sneakers.len() > 1 && sneakers.len() <= 7);
    let brand = suggest("fjo").await;
    assert_eq!(brand[0]["href"], "/brands/fjord");
    assert!(suggest("s").await.is_empty(), "one letter suggests nothing");
    assert!(
        suggest("%25_").await.is_empty(),
        "LIKE wildcards are literal"
    );
}
