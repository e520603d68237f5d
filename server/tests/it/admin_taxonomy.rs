//! The category tree and brand admin over HTTP: staff add, rename (the old slug answers 301 and
//! search finds the new name), move a category under another parent (its products are listed
//! anew), reorder siblings, and delete only what nothing uses; a category cannot go under its
//! own subtree; every write is audited; customers are refused.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::catalog::listing::{self, Filter, Sort};
use domain::db::schema::{audit_log, brands, categories, product_categories, products};

use crate::catalog::store;
use crate::util::TestApp;
use crate::util::people::{location, sign_in_new};

async fn category_id(app: &TestApp, slug: &str) -> i64 {
    categories::table
        .filter(categories::slug.eq(slug))
        .select(categories::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

async fn brand_id(app: &TestApp, slug: &str) -> i64 {
    brands::table
        .filter(brands::slug.eq(slug))
        .select(brands::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

/// How many active products a text search finds.
async fn found(app: &TestApp, q: &str) -> i64 {
    let filter = Filter {
        q: Some(q.into()),
        ..Filter::default()
    };
    listing::search(&mut *app.conn().await, &filter, Sort::Relevance, 1, 0)
        .await
        .unwrap()
        .1
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

fn category_form<'a>(
    id: &'a str,
    name: &'a str,
    slug: &'a str,
    parent: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("kind", "categories"),
        ("name", name),
        ("slug", slug),
        ("description", "Things for the rain."),
        ("parent", parent),
    ];
    if !id.is_empty() {
        form.push(("id", id));
    }
    form
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_edit_the_category_tree() {
    let app = TestApp::start().await;
    store(&app).await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let new = category_form("", "Rain gear", "", "women");
    assert_eq!(
        app.post_api("/api/admin_save_named", &new).await.status(),
        403
    );
    assert_eq!(app.get("/admin/categories").await.status(), 403);

    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let response = app
        .post_form("/api/admin_save_named", "/admin/categories", &new)
        .await;
    assert_eq!(response.status(), 302);
    let rain = category_id(&app, "rain-gear").await;
    assert_eq!(
        location(&response),
        format!("/admin/categories?saved={rain}")
    );
    let (status, page) = app.get_text("/admin/categories").await;
    assert_eq!(status, 200);
    assert!(page.contains("Rain gear") && page.contains("category-rain-gear"));
    assert_eq!(app.get("/categories/rain-gear").await.status(), 200);
    assert_eq!(audited(&app, "category.create").await, 1);

    // Bad input is refused field by field; a taken slug too.
    let response = app
        .post_api(
            "/api/admin_save_named",
            &category_form("", " ", "Not A Slug", ""),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("\"name\"") && body.contains("\"slug\""),
        "{body}"
    );
    let response = app
        .post_api(
            "/api/admin_save_named",
            &category_form("", "Women again", "women", ""),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("already taken"));

    // Without JavaScript the refused form comes back with what was typed, message by the field.
    let response = app
        .post_form(
            "/api/admin_save_named",
            "/admin/categories",
            &category_form("", "Women again", "women", "home"),
        )
        .await;
    assert_eq!(response.status(), 302);
    let back = location(&response);
    assert!(back.starts_with(&app.url("/admin/categories?")), "{back}");
    let page = app.client().get(&back).send().await.unwrap();
    assert_eq!(page.status(), 422);
    let page = page.text().await.unwrap();
    assert!(page.contains("already taken"), "the message is shown");
    assert!(
        page.contains(r#"value="Women again""#),
        "the typed name is kept"
    );
    assert!(
        page.contains("Things for the rain."),
        "the typed description"
    );

    // Mugs move from Home to Women: their products are listed under Women, no longer Home.
    let (home, women, mugs) = (
        category_id(&app, "home").await,
        category_id(&app, "women").await,
        category_id(&app, "mugs").await,
    );
    let mug_products: Vec<i64> = products::table
        .filter(products::category_id.eq(mugs))
        .select(products::id)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(!mug_products.is_empty());
    let mugs_id = mugs.to_string();
    let response = app
        .post_api(
            "/api/admin_save_named",
            &category_form(&mugs_id, "Tumblers", "cups", "women"),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let listed: Vec<i64> = product_categories::table
        .filter(product_categories::product_id.eq(mug_products[0]))
        .select(product_categories::category_id)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(listed.contains(&women) && listed.contains(&mugs) && !listed.contains(&home));
    assert_eq!(
        domain::catalog::listing_counts::drift(&mut *app.conn().await)
            .await
            .unwrap(),
        0,
        "the facet rollup followed the move"
    );
    // The shop follows at once: cached pages are dropped.
    let (_, women_page) = app.get_text("/products?category=women").await;
    assert!(
        women_page.contains("Tumblers"),
        "the facet shows the renamed child"
    );
    // The old slug answers 301 to the new; the new name is searchable.
    let moved = app.get("/categories/mugs").await;
    assert_eq!(moved.status(), 301);
    assert_eq!(location(&moved), "/categories/cups");
    assert!(found(&app, "tumblers").await >= mug_products.len() as i64);

    // No category goes under itself or its own subtree.
    let women_id = women.to_string();
    let response = app
        .post_api(
            "/api/admin_save_named",
            &category_form(&women_id, "Women", "women", "cups"),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("subcategories"));

    // Men moves above Women among the top-level categories.
    let men = category_id(&app, "men").await;
    let response = app
        .post_form(
            "/api/admin_shift_category",
            "/admin/categories",
            &[("id", &men.to_string()), ("direction", "up")],
        )
        .await;
    assert_eq!(response.status(), 302);
    let top: Vec<String> = categories::table
        .filter(categories::parent_id.is_null())
        .order((categories::position, categories::name))
        .select(categories::slug)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(top[..2], ["men".to_owned(), "women".to_owned()]);
    assert_eq!(audited(&app, "category.reorder").await, 1);

    // Delete: refused while products or subcategories use it; an empty one goes.
    for (id, reason) in [(mugs, "product(s) still use it"), (women, "subcategory")] {
        let response = app
            .post_api(
                "/api/admin_delete_named",
                &[("kind", "categories"), ("id", &id.to_string())],
            )
            .await;
        assert_eq!(response.status(), 409);
        assert!(response.text().await.unwrap().contains(reason));
    }
    let response = app
        .post_form(
            "/api/admin_delete_named",
            &format!("/admin/categories/{rain}"),
            &[("kind", "categories"), ("id", &rain.to_string())],
        )
        .await;
    assert_eq!(location(&response), "/admin/categories?deleted=1");
    assert_eq!(app.get("/categories/rain-gear").await.status(), 404);
    assert_eq!(audited(&app, "category.update").await, 1);
    assert_eq!(audited(&app, "category.delete").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_edit_brands() {
    let app = TestApp::start().await;
    store(&app).await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let form = [
        ("kind", "brands"),
        ("name", "Northwind Supply"),
        ("slug", ""),
        ("description", "Wool from the north."),
    ];
    let response = app
        .post_form("/api/admin_save_named", "/admin/brands", &form)
        .await;
    assert_eq!(response.status(), 302);
    let northwind = brand_id(&app, "northwind-supply").await;
    let (status, page) = app.get_text("/admin/brands").await;
    assert_eq!(status, 200);
    assert!(page.contains("Northwind Supply"));
    let (status, page) = app.get_text(&format!("/admin/brands/{northwind}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Wool from the north."));
    assert_eq!(app.get("/admin/brands/999999").await.status(), 404);

    // A brand with products: renamed (301 from the old slug, searchable), not deletable.
    let fjord = brand_id(&app, "fjord").await;
    let fjord_id = fjord.to_string();
    let before = found(&app, "glacier").await;
    assert_eq!(before, 0, "no product says glacier yet");
    let response = app
        .post_api(
            "/api/admin_save_named",
            &[
                ("kind", "brands"),
                ("id", &fjord_id),
                ("name", "Glacier"),
                ("slug", "glacier"),
                ("description", "Formerly Fjord."),
            ],
        )
        .await;
    assert!(response.status().is_success());
    assert!(found(&app, "glacier").await > 0);
    let moved = app.get("/brands/fjord?sort=newest").await;
    assert_eq!(moved.status(), 301);
    assert_eq!(location(&moved), "/brands/glacier");
    assert_eq!(app.get("/brands/glacier").await.status(), 200);
    let response = app
        .post_api(
            "/api/admin_delete_named",
            &[("kind", "brands"), ("id", &fjord_id)],
        )
        .await;
    assert_eq!(response.status(), 409);
    let response = app
        .post_api(
            "/api/admin_delete_named",
            &[("kind", "brands"), ("id", &northwind.to_string())],
        )
        .await;
    assert!(response.status().is_success());
    assert_eq!(audited(&app, "brand.create").await, 1);
    assert_eq!(audited(&app, "brand.update").await, 1);
    assert_eq!(audited(&app, "brand.delete").await, 1);
    // An unknown kind is not found.
    let response = app
        .post_api(
            "/api/admin_delete_named",
            &[("kind", "users"), ("id", &fjord_id)],
        )
        .await;
    assert_eq!(response.status(), 404);
}
