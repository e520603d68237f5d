//! The shop under attack (issue 15): hoarding stock with guest carts, guessing coupon codes,
//! fresh emails for a fresh coupon allowance, emptying the page cache with a review, personal
//! data in redirect URLs, and messages forged into a page through `__err`.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::checkout::coupons::CouponRefusal;
use domain::checkout::place::{Buyer, CheckoutError};
use domain::db::schema::{coupons, product_variants, products, stock_holds};
use uuid::Uuid;

use crate::util::TestApp;
use crate::util::people::{browser, hidden, location, sign_in_new};
use crate::util::shop::{
    approved_card, cart_with, details_form, pay_form, place, place_as, refused_details,
    stock_and_sold, variants,
};

/// POSTs a no-JS form as `client`, forwarded for `ip` when given.
async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
    ip: Option<&str>,
) -> reqwest::Response {
    let mut request = client
        .post(app.url(path))
        .header("origin", app.url(""))
        .header("referer", app.url("/checkout"))
        .header("accept", "text/html");
    if let Some(ip) = ip {
        request = request.header("x-forwarded-for", ip);
    }
    request.form(form).send().await.unwrap()
}

/// Adds `quantity` of `sku` to `client`'s cart and continues to the review (which holds).
async fn fill_and_continue(
    app: &TestApp,
    client: &reqwest::Client,
    sku: &str,
    quantity: &str,
    ip: Option<&str>,
) {
    let added = post(
        app,
        client,
        "/api/add_to_cart",
        &[("sku", sku), ("quantity", quantity), ("next", "/cart")],
        ip,
    )
    .await;
    assert_eq!(location(&added), "/cart", "{quantity} of {sku} added");
    let saved = post(
        app,
        client,
        "/api/checkout_details",
        &details_form("guest@example.com", "NL"),
        ip,
    )
    .await;
    assert_eq!(location(&saved), "/checkout/review");
}

/// Makes a product with 10 in stock and puts one in the app client's cart.
async fn one_in_cart(app: &TestApp) {
    let [(_, sku)] = &variants(app, 1, 10, 1000).await[..] else {
        panic!("one variant")
    };
    let added = app
        .post_form(
            "/api/add_to_cart",
            "/products/x",
            &[("sku", sku), ("quantity", "1"), ("next", "/cart")],
        )
        .await;
    assert_eq!(location(&added), "/cart");
}

/// Units held by every checkout together.
async fn held_total(app: &TestApp) -> i64 {
    let held: Option<i64> = stock_holds::table
        .select(diesel::dsl::sum(stock_holds::quantity))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    held.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hoarder_cannot_keep_the_next_guest_from_buying() {
    let app = TestApp::start().await;
    let [(variant, sku)] = &variants(&app, 1, 30, 2000).await[..] else {
        panic!("one variant")
    };
    let hoarder = browser();
    let added = post(
        &app,
        &hoarder,
        "/api/add_to_cart",
        &[("sku", sku), ("quantity", "30"), ("next", "/cart")],
        None,
    )
    .await;
    assert_eq!(location(&added), "/cart");

    // Looking at the checkout holds nothing.
    let page = hoarder.get(app.url("/checkout")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(held_total(&app).await, 0, "a page view holds no stock");

    // "Continue to review" holds, but at most 20 units for one checkout.
    let saved = post(
        &app,
        &hoarder,
        "/api/checkout_details",
        &details_form("hoarder@example.com", "NL"),
        None,
    )
    .await;
    assert_eq!(location(&saved), "/checkout/review");
    assert_eq!(held_total(&app).await, 20);

    // The next guest sees what is really left, and buys.
    let buyer = browser();
    fill_and_continue(&app, &buyer, sku, "5", None).await;
    let cart = buyer
        .get(app.url("/cart"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        cart.contains("Only 10 available now."),
        "30 less the hoarder's 20"
    );
    let review = buyer
        .get(app.url("/checkout/review"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let key = hidden(&review, "idempotency_key");
    let placed = app
        .post_form_as(
            &buyer,
            "/api/place_order",
            "/checkout/review",
            &pay_form(&key, "4242 4242 4242 4242"),
        )
        .await;
    assert!(
        location(&placed).starts_with("/orders/DD-"),
        "{}",
        location(&placed)
    );
    assert_eq!(stock_and_sold(&app, *variant).await, (25, 5));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_client_holds_at_most_fifty_units_across_its_carts() {
    let app = TestApp::new()
        .with_env("DAYDREAM_TRUSTED_PROXIES", "127.0.0.1")
        .build()
        .await;
    let [(_, sku)] = &variants(&app, 1, 200, 1000).await[..] else {
        panic!("one variant")
    };
    for _ in 0..3 {
        fill_and_continue(&app, &browser(), sku, "20", Some("203.0.113.9")).await;
    }
    assert_eq!(held_total(&app).await, 50, "20 + 20 + 10: the client's cap");
    fill_and_continue(&app, &browser(), sku, "20", Some("198.51.100.4")).await;
    assert_eq!(
        held_total(&app).await,
        70,
        "another client holds its own 20"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn coupon_codes_cannot_be_guessed_at_speed() {
    let app = TestApp::start().await;
    one_in_cart(&app).await;
    let mut statuses = Vec::new();
    for i in 0..21 {
        let code = format!("GUESS{i:03}");
        statuses.push(
            app.post_api("/api/apply_coupon", &[("code", &code)])
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses[..20].iter().all(|s| *s == 422), "{statuses:?}");
    assert_eq!(statuses[20], 429, "the 21st guess in a minute waits");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_email_does_not_renew_a_guests_coupon_allowance() {
    let app = TestApp::start().await;
    let [(variant, _)] = &variants(&app, 1, 10, 5000).await[..] else {
        panic!("one variant")
    };
    diesel::insert_into(coupons::table)
        .values((
            coupons::code.eq("FIRST"),
            coupons::kind.eq("percent"),
            coupons::amount.eq(10i64),
            coupons::per_user_limit.eq(Some(1)),
        ))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    for (i, email) in ["ana@example.com", "ana+2@example.com"].iter().enumerate() {
        let cart = cart_with(&app, &[(*variant, 1)]).await;
        domain::cart::edits::set_coupon(&mut *app.conn().await, cart, Some("FIRST"))
            .await
            .unwrap();
        let answer = place(&app, cart, Uuid::new_v4(), email, &approved_card()).await;
        if i == 0 {
            assert!(answer.is_ok(), "{answer:?}");
        } else {
            assert!(
                matches!(
                    answer,
                    Err(CheckoutError::Coupon(CouponRefusal::AlreadyUsed))
                ),
                "same delivery place, new email: {answer:?}"
            );
        }
    }
    // A new account delivering to the same place is counted by place too.
    let fresh = domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "someone.else@example.com",
        "Else",
        "a good long password",
        Role::Customer,
    )
    .await
    .unwrap();
    let cart = cart_with(&app, &[(*variant, 1)]).await;
    domain::cart::edits::set_coupon(&mut *app.conn().await, cart, Some("FIRST"))
        .await
        .unwrap();
    let buyer = Buyer {
        user_id: Some(fresh.id),
        email: fresh.email.clone(),
    };
    let answer = place_as(&app, cart, Uuid::new_v4(), buyer, &approved_card()).await;
    assert!(
        matches!(
            answer,
            Err(CheckoutError::Coupon(CouponRefusal::AlreadyUsed))
        ),
        "{answer:?}"
    );
}

/// The slug and name of the product of `variant`.
async fn product_of(app: &TestApp, variant: i64) -> (String, String) {
    product_variants::table
        .inner_join(products::table)
        .filter(product_variants::id.eq(variant))
        .select((products::slug, products::name))
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customers_review_refreshes_only_that_products_pages() {
    let app = TestApp::start().await;
    let made = variants(&app, 2, 10, 1500).await;
    let (reviewed, _) = product_of(&app, made[0].0).await;
    let (other, _) = product_of(&app, made[1].0).await;
    for slug in [&reviewed, &other] {
        let (status, _) = app.get_text(&format!("/products/{slug}")).await;
        assert_eq!(status, 200, "cached now");
    }
    // Both names change behind the cache's back (no invalidation)...
    diesel::update(products::table.filter(products::slug.eq_any([&reviewed, &other])))
        .set(products::name.eq("Renamed behind the cache"))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    // ...then a customer reviews the first product.
    sign_in_new(&app, "cleo@example.com", Role::Customer).await;
    let sent = app
        .post_form(
            "/api/submit_review",
            &format!("/products/{reviewed}"),
            &[
                ("slug", &reviewed),
                ("rating", "4"),
                ("title", "Nice"),
                ("body", "It fits well and washes well."),
            ],
        )
        .await;
    assert!(
        location(&sent).contains("review=sent"),
        "{}",
        location(&sent)
    );
    let (_, page) = app.get_text(&format!("/products/{reviewed}")).await;
    assert!(
        page.contains("Renamed behind the cache"),
        "its own page is fresh"
    );
    let (_, page) = app.get_text(&format!("/products/{other}")).await;
    assert!(
        !page.contains("Renamed behind the cache"),
        "every other page stays cached"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_form_keeps_personal_data_out_of_the_url() {
    let app = TestApp::start().await;
    one_in_cart(&app).await;
    let back = refused_details(&app).await;
    for personal in ["Keizersgracht", "Ana", "not-an-email", "1015"] {
        assert!(!back.contains(personal), "{personal} in {back}");
    }
    // The same browser still gets its typed values and messages back.
    let (status, page) = app.get_text(back.trim_start_matches(&app.url(""))).await;
    assert_eq!(status, 422);
    assert!(page.contains("Keizersgracht 1"));
    assert!(page.contains("Enter a town or city."));
    // Another browser following the same link gets neither.
    let other = browser()
        .get(&back)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(
        other.status(),
        303,
        "an id this browser's session did not issue is dropped"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forged_error_in_the_url_is_not_shown() {
    use base64::Engine;
    let app = TestApp::start().await;
    let forged = app::AppError::validation("email", "Your account is locked: call +1 555 0100");
    let encoded =
        base64::engine::general_purpose::URL_SAFE.encode(serde_json::to_vec(&forged).unwrap());
    let response = app
        .get(&format!(
            "/login?next=%2Fcart&__path=%2Fapi%2Fsign_in&__err={encoded}"
        ))
        .await;
    assert_eq!(
        response.status(),
        303,
        "sent to the same page without the forged error"
    );
    assert_eq!(location(&response), "/login?next=%2Fcart");
    let (status, page) = app.get_text("/login?next=%2Fcart").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("call +1 555 0100"),
        "a forged message is never shown"
    );
}
