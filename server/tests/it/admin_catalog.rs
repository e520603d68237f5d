//! The catalog admin over HTTP: staff create a product with variants and see it in the shop at
//! once (the cache follows), bad rows come back per field, a new slug leaves the old one
//! answering 301, archiving answers 410, pictures are uploaded (hostile ones refused with a
//! 4xx), reordered and removed; every write is audited; customers are refused.

use std::io::Cursor;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, product_images, product_variants, products};

use crate::catalog::store;
use crate::util::TestApp;
use crate::util::people::{location, sign_in_new};

fn product_form<'a>(
    name: &'a str,
    slug: &'a str,
    status: &'a str,
    sku: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("slug", slug),
        ("description", "Hand-thrown stoneware, dishwasher safe."),
        ("status", status),
        ("brand", "fjord"),
        ("category", "mugs"),
        ("featured", "on"),
        ("variants[0][sku]", sku),
        ("variants[0][size]", ""),
        ("variants[0][colour]", "Sand"),
        ("variants[0][price]", "24.50"),
        ("variants[0][compare_at]", "30"),
        ("variants[0][stock]", "12"),
        ("variants[0][low_stock]", "3"),
        // A blank row, as the editor offers: ignored.
        ("variants[1][sku]", ""),
        ("variants[1][price]", ""),
    ]
}

async fn product_id(app: &TestApp, slug: &str) -> i64 {
    products::table
        .filter(products::slug.eq(slug))
        .select(products::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn upload(app: &TestApp, product: i64, bytes: Vec<u8>, accept: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("product_id", product.to_string())
        .text("alt", "The mug from above")
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("mug.jpg"),
        );
    app.client()
        .post(app.url("/api/admin_upload_product_image"))
        .header("origin", app.url(""))
        .header("referer", app.url(&format!("/admin/products/{product}")))
        .header("accept", accept)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_create_a_product_and_shoppers_see_it_at_once() {
    let app = TestApp::start().await;
    store(&app).await;
    // Cached before the product exists: the write must drop it.
    let (_, before) = app.get_text("/products?q=stoneware+mug").await;
    assert!(!before.contains("Speckled Stoneware Mug"));

    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let form = product_form("Speckled Stoneware Mug", "", "active", "mug-sand");
    assert_eq!(
        app.post_api("/api/admin_save_product", &form)
            .await
            .status(),
        403
    );

    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let response = app
        .post_form("/api/admin_save_product", "/admin/products/new", &form)
        .await;
    assert_eq!(response.status(), 302);
    let id = product_id(&app, "speckled-stoneware-mug").await;
    assert_eq!(location(&response), format!("/admin/products/{id}?saved=1"));

    // A refused no-JS post comes back to the form with what was typed, not blank fields.
    let mut bad = product_form("Typed Teapot", "", "active", "teapot-1");
    bad.retain(|(k, _)| *k != "variants[0][price]");
    bad.push(("variants[0][price]", "twelve"));
    let response = app
        .post_form("/api/admin_save_product", "/admin/products/new", &bad)
        .await;
    assert_eq!(response.status(), 302);
    let page = app.client().get(location(&response)).send().await.unwrap();
    assert_eq!(page.status(), 422);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"value="Typed Teapot""#), "typed name kept");
    assert!(page.contains(r#"value="twelve""#), "typed price kept");
    assert!(page.contains(r#"value="teapot-1""#), "typed SKU kept");
    let variants: Vec<(String, i64, Option<i64>, i32, serde_json::Value)> = product_variants::table
        .filter(product_variants::product_id.eq(id))
        .select((
            product_variants::sku,
            product_variants::price_cents,
            product_variants::compare_at_cents,
            product_variants::stock,
            product_variants::options,
        ))
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(
        variants,
        [(
            "MUG-SAND".to_owned(),
            2450,
            Some(3000),
            12,
            serde_json::json!({"colour": "Sand"})
        )]
    );

    let (status, page) = app.get_text("/products/speckled-stoneware-mug").await;
    assert_eq!(status, 200);
    assert!(page.contains("€24.50") && page.contains("€30.00"));
    let (_, after) = app.get_text("/products?q=stoneware+mug").await;
    assert!(
        after.contains("Speckled Stoneware Mug"),
        "the listing cache was dropped"
    );
    let (_, editor) = app.get_text(&format!("/admin/products/{id}")).await;
    assert!(
        editor.contains("value=\"MUG-SAND\""),
        "the editor shows the saved row"
    );

    let actions: Vec<String> = audit_log::table
        .filter(audit_log::subject_type.eq("product"))
        .select(audit_log::action)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(actions, ["product.create"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_rows_are_422_by_field_and_taken_skus_are_refused() {
    let app = TestApp::start().await;
    store(&app).await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let mut form = product_form("Mug", "", "active", "mug-1");
    form.retain(|(k, _)| *k != "variants[0][price]");
    form.push(("variants[0][price]", "-4"));
    form.push(("variants[1][stock]", "many"));
    let response = app.post_api("/api/admin_save_product", &form).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("variants[0][price]"), "{body}");
    assert!(
        body.contains("variants[1][sku]"),
        "a half-filled row needs its SKU: {body}"
    );

    // A SKU another product has.
    let taken: String = product_variants::table
        .select(product_variants::sku)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let form = product_form("Mug", "", "active", &taken);
    let response = app.post_api("/api/admin_save_product", &form).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("already uses the SKU")
    );
    // An unknown category.
    let mut form = product_form("Mug", "", "draft", "mug-2");
    form.retain(|(k, _)| *k != "category");
    form.push(("category", "no-such-category"));
    assert_eq!(
        app.post_api("/api/admin_save_product", &form)
            .await
            .status(),
        422
    );
    let stored: i64 = products::table
        .filter(products::name.eq("Mug"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing was written");
    let (status, _) = app.get_text("/admin/products/999999").await;
    assert_eq!(status, 404);
    let (status, _) = app.get_text("/admin/products/not-a-number").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_slug_redirects_the_old_one_and_archiving_answers_410() {
    let app = TestApp::start().await;
    store(&app).await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let form = product_form("Stoneware Mug", "", "active", "mug-3");
    app.post_form("/api/admin_save_product", "/admin/products/new", &form)
        .await;
    let id = product_id(&app, "stoneware-mug").await;
    let variant: i64 = product_variants::table
        .filter(product_variants::product_id.eq(id))
        .select(product_variants::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let id_text = id.to_string();
    let variant_text = variant.to_string();
    let mut form = product_form("Stoneware Mug", "stoneware-mug-large", "active", "mug-3");
    form.push(("id", &id_text));
    form.push(("variants[0][id]", &variant_text));
    let response = app
        .post_form(
            "/api/admin_save_product",
            &format!("/admin/products/{id}"),
            &form,
        )
        .await;
    assert_eq!(response.status(), 302);
    let old = app.get("/products/stoneware-mug").await;
    assert_eq!(old.status(), 301);
    assert_eq!(location(&old), "/products/stoneware-mug-large");
    let count: i64 = product_variants::table
        .filter(product_variants::product_id.eq(id))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(count, 1, "the row was updated, not added");

    form.retain(|(k, _)| *k != "status");
    form.push(("status", "archived"));
    app.post_form(
        "/api/admin_save_product",
        &format!("/admin/products/{id}"),
        &form,
    )
    .await;
    let (status, _) = app.get_text("/products/stoneware-mug-large").await;
    assert_eq!(status, 410);
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::subject_id.eq(&id_text))
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(
        actions,
        ["product.create", "product.update", "product.update"]
    );
}

/// (media id, width) of a product's pictures in gallery order.
async fn gallery(app: &TestApp, product: i64) -> Vec<(uuid::Uuid, i32)> {
    use domain::db::schema::media;
    product_images::table
        .inner_join(media::table)
        .filter(product_images::product_id.eq(product))
        .order(product_images::position)
        .select((media::id, media::width))
        .load(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn pictures_are_uploaded_checked_reordered_and_removed() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let product = ids[0];
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    assert_eq!(
        upload(&app, product, png(20, 20), "application/json")
            .await
            .status(),
        403
    );

    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    // Hostile files: a 4xx with the reason, nothing stored.
    for (bytes, reason) in [
        (
            b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0".to_vec(),
            "not a JPEG, PNG, WebP or GIF",
        ),
        (png(300, 300)[..200].to_vec(), "damaged or incomplete"),
        (Vec::new(), "empty"),
    ] {
        let response = upload(&app, product, bytes, "application/json").await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains(reason));
    }
    // Without JavaScript the refusal goes back to the editor, in the URL.
    let back = upload(&app, product, b"not an image".to_vec(), "text/html").await;
    assert_eq!(back.status(), 302);
    let editor_url = location(&back);
    assert!(editor_url.contains("__err="));
    let (status, page) = app
        .get_text(editor_url.trim_start_matches(&app.url("")))
        .await;
    assert_eq!(status, 422, "the editor shows the refusal with a 4xx");
    assert!(page.contains("not a JPEG, PNG, WebP or GIF"));
    let none: i64 = product_images::table
        .filter(product_images::product_id.eq(product))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(none, 0);

    for size in [(40, 30), (50, 50)] {
        let response = upload(&app, product, png(size.0, size.1), "text/html").await;
        assert_eq!(response.status(), 302);
        assert!(
            location(&response).ends_with(&format!("/admin/products/{product}?uploaded=1#images"))
        );
    }
    app.run_pending_jobs().await;
    let first = gallery(&app, product).await;
    assert_eq!(first.iter().map(|(_, w)| *w).collect::<Vec<_>>(), [40, 50]);
    let second = first[1].0.to_string();
    let product_text = product.to_string();
    let arrange = |action: &'static str| {
        let (app, second, product_text) = (&app, second.clone(), product_text.clone());
        async move {
            app.post_form(
                "/api/admin_arrange_product_image",
                "/admin/products/1",
                &[
                    ("product_id", &product_text),
                    ("media_id", &second),
                    ("action", action),
                ],
            )
            .await
        }
    };
    assert_eq!(arrange("up").await.status(), 302);
    assert_eq!(
        gallery(&app, product)
            .await
            .iter()
            .map(|(_, w)| *w)
            .collect::<Vec<_>>(),
        [50, 40]
    );
    arrange("remove").await;
    assert_eq!(
        gallery(&app, product)
            .await
            .iter()
            .map(|(_, w)| *w)
            .collect::<Vec<_>>(),
        [40]
    );
}

async fn check_import(app: &TestApp, csv: &str) -> String {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("catalog.csv"),
    );
    let response = app
        .client()
        .post(app.url("/api/admin_check_import"))
        .header("origin", app.url(""))
        .header("referer", app.url("/admin/products"))
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let to = location(&response);
    assert!(to.starts_with("/admin/imports/"), "{to}");
    to.trim_start_matches("/admin/imports/").to_owned()
}

async fn import_view(app: &TestApp, id: &str) -> serde_json::Value {
    app.get(&format!("/api/admin_import?id={id}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_catalog_exports_and_imports_by_sku_with_a_dry_run_first() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let anon = app.get("/admin/products/export.csv").await;
    assert_eq!(anon.status(), 303, "anonymous visitors are sent to sign in");
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    assert_eq!(app.get("/admin/products/export.csv").await.status(), 403);

    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let export = app.get("/admin/products/export.csv").await;
    assert_eq!(export.status(), 200);
    assert!(
        export.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = export.text().await.unwrap();
    let live: i64 = product_variants::table
        .filter(product_variants::archived.eq(false))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(
        csv.lines().count() as i64,
        live + 1,
        "a header and one line per variant"
    );
    assert!(csv.starts_with("product_slug,product_name,status,brand,category"));

    // An existing product's first variant, repriced, and a new product with two variants.
    let (slug, sku): (String, String) = products::table
        .inner_join(product_variants::table)
        .filter(products::id.eq(ids[0]))
        .select((products::slug, product_variants::sku))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let header = "product_slug,product_name,status,brand,category,featured,description,sku,size,colour,price,compare_at,stock,low_stock";
    let good = format!(
        "{header}\n\
         {slug},Renamed By Import,active,fjord,mugs,no,Imported.,{sku},,Sand,11.00,,5,2\n\
         tea-bowl,Tea Bowl,active,fjord,mugs,no,A small bowl.,TB-1,,Sand,19.00,,8,2\n\
         tea-bowl,Tea Bowl,active,fjord,mugs,no,A small bowl.,TB-2,,Blue,19.00,,0,2\n"
    );
    let bad = format!(
        "{good}cup,Cup,active,fjord,mugs,no,,CUP-1,,,1.999,,3,\nvase,Vase,active,nobody,mugs,no,,V-1,,,9,,1,\n"
    );

    // The dry run finds every bad line and writes nothing.
    let id = check_import(&app, &bad).await;
    let view = import_view(&app, &id).await;
    assert_eq!(view["status"], "checked");
    let problems: Vec<(u64, String)> = view["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(problems, [(5, "price".to_owned()), (6, "brand".to_owned())]);
    let refused = app
        .post_api("/api/admin_apply_import", &[("id", &id)])
        .await;
    assert_eq!(
        refused.status(),
        409,
        "a file with problems cannot be applied"
    );
    let (status, page) = app.get_text(&format!("/admin/imports/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("import-problems"));
    let tea: i64 = products::table
        .filter(products::slug.eq("tea-bowl"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(tea, 0);

    // A clean file is applied by a job; applying the same file again changes nothing more.
    for round in 0..2 {
        let id = check_import(&app, &good).await;
        assert_eq!(import_view(&app, &id).await["total"], 2);
        let applied = app
            .post_form(
                "/api/admin_apply_import",
                &format!("/admin/imports/{id}"),
                &[("id", &id)],
            )
            .await;
        assert_eq!(applied.status(), 302);
        app.run_pending_jobs().await;
        let view = import_view(&app, &id).await;
        assert_eq!(view["status"], "done", "{view}");
        assert_eq!(view["done"], 2);
        assert_eq!(view["created"], if round == 0 { 1 } else { 0 });
        assert_eq!(view["updated"], if round == 0 { 1 } else { 2 });
        assert_eq!(
            app.post_api("/api/admin_apply_import", &[("id", &id)])
                .await
                .status(),
            409,
            "once"
        );
    }
    let (name, price): (String, i64) = products::table
        .find(ids[0])
        .select((products::name, products::price_cents))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(name, "Renamed By Import");
    assert_eq!(price, 1100);
    let tea_variants: i64 = product_variants::table
        .inner_join(products::table)
        .filter(products::slug.eq("tea-bowl"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(tea_variants, 2, "matched by SKU, never duplicated");
    let (status, _) = app.get_text("/products/tea-bowl").await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_never_hands_a_spreadsheet_a_formula() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    diesel::update(products::table.find(ids[0]))
        .set(products::name.eq("=HYPERLINK(\"http://evil.example\",\"Click\")"))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let csv = app
        .get("/admin/products/export.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(
        !csv.lines().any(|l| l
            .split(',')
            .any(|cell| cell.trim_start_matches('"').starts_with('='))),
        "no cell starts with ="
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disabled_staff_account_cannot_export_with_the_session_it_still_holds() {
    let app = TestApp::start().await;
    store(&app).await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    assert_eq!(app.get("/admin/products/export.csv").await.status(), 200);

    // Disabled by an admin while the cookie is still in the browser: the export reads the
    // session like every server function does, so the account is signed out, not served.
    diesel::sql_query("UPDATE users SET disabled_at = now() WHERE email = 'staff@example.com'")
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    let export = app.get("/admin/products/export.csv").await;
    assert_eq!(export.status(), 303, "sent to sign in");
    assert!(
        location(&export).starts_with("/login"),
        "{}",
        location(&export)
    );
    assert_eq!(
        app.get("/admin/products/export.csv").await.status(),
        303,
        "and the session is gone"
    );
}
