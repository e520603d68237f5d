//! Carts: stock checked on every change, a guest cart merged into the user's at sign-in
//! (quantities added, capped by stock), holds that keep others from buying what is held, and
//! the job that releases expired holds.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::cart::lines::{Hold, LineProblem};
use domain::cart::{CartError, edits, holds};
use domain::checkout::place::CheckoutError;
use domain::db::schema::{carts, product_variants, stock_holds};
use uuid::Uuid;

use crate::util::TestApp;
use crate::util::people::{PASSWORD, location};
use crate::util::shop::{approved_card, cart_with, place, variants};

#[tokio::test(flavor = "multi_thread")]
async fn every_change_checks_stock_and_lines_are_flagged_not_dropped() {
    let app = TestApp::start().await;
    let v = variants(&app, 2, 3, 500).await;
    let mut conn = app.conn().await;
    let cart = domain::cart::create_guest(&mut conn).await.unwrap();
    assert_eq!(edits::add(&mut conn, cart, v[0].0, 2).await.unwrap(), 2);
    assert!(matches!(
        edits::add(&mut conn, cart, v[0].0, 2).await,
        Err(CartError::NotEnoughStock { available: 3 })
    ));
    assert!(matches!(
        edits::set_quantity(&mut conn, cart, v[0].0, 100).await,
        Err(CartError::TooMany)
    ));
    edits::set_quantity(&mut conn, cart, v[0].0, 3)
        .await
        .unwrap();
    edits::add(&mut conn, cart, v[1].0, 1).await.unwrap();
    // Stock drops and a variant is archived behind the cart's back.
    diesel::update(product_variants::table.find(v[0].0))
        .set(product_variants::stock.eq(1))
        .execute(&mut *conn)
        .await
        .unwrap();
    diesel::update(product_variants::table.find(v[1].0))
        .set(product_variants::archived.eq(true))
        .execute(&mut *conn)
        .await
        .unwrap();
    let contents = domain::cart::lines::contents(&mut conn, cart)
        .await
        .unwrap();
    assert_eq!(contents.lines.len(), 2, "nothing silently dropped");
    assert_eq!(
        contents.lines[0].problem(),
        Some(LineProblem::NotEnough { available: 1 })
    );
    assert_eq!(contents.lines[1].problem(), Some(LineProblem::Unavailable));
    assert!(!contents.ready());
    let refused = place(
        &app,
        cart,
        Uuid::new_v4(),
        "a@example.com",
        &approved_card(),
    )
    .await;
    assert!(matches!(
        refused,
        Err(CheckoutError::OutOfStock { available: 1, .. })
    ));
    edits::set_quantity(&mut conn, cart, v[1].0, 0)
        .await
        .unwrap();
    edits::set_quantity(&mut conn, cart, v[0].0, 1)
        .await
        .unwrap();
    assert!(
        domain::cart::lines::contents(&mut conn, cart)
            .await
            .unwrap()
            .ready()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_cart_merges_into_the_users_at_sign_in() {
    let app = TestApp::start().await;
    let v = variants(&app, 3, 4, 900).await;
    let user = domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "merge@example.com",
        "Mo",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    // The account's cart (from another device) already has 3 of the first variant.
    let user_cart = domain::cart::for_user(&mut *app.conn().await, user.id)
        .await
        .unwrap();
    edits::add(&mut *app.conn().await, user_cart, v[0].0, 3)
        .await
        .unwrap();
    // As a guest in this browser: 2 of the first (only 4 exist) and 1 of the second.
    for (sku, q) in [(&v[0].1, "2"), (&v[1].1, "1")] {
        let r = app
            .post_form(
                "/api/add_to_cart",
                "/products/x",
                &[("sku", sku), ("quantity", q)],
            )
            .await;
        assert_eq!(location(&r), "/cart");
    }
    let count = header_cart_count(&app.get_text("/").await.1);
    assert_eq!(count, "3", "the header counts the guest cart");
    let signed = app
        .post_form(
            "/api/sign_in",
            "/login",
            &[("email", "merge@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status(), 302);
    let lines = domain::cart::lines::lines(&mut *app.conn().await, user_cart)
        .await
        .unwrap();
    let got: Vec<(i64, i32)> = lines.iter().map(|l| (l.variant_id, l.quantity)).collect();
    assert_eq!(
        got,
        vec![(v[0].0, 4), (v[1].0, 1)],
        "added up, capped by the 4 in stock"
    );
    let guests: i64 = carts::table
        .filter(carts::user_id.is_null())
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(guests, 0, "the guest cart is gone");
    let (_, cart_page) = app.get_text("/cart").await;
    assert!(cart_page.contains(&v[1].1));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hold_keeps_others_from_buying_until_it_expires() {
    let app = TestApp::start().await;
    let [(variant, _)] = variants(&app, 1, 2, 700).await[..] else {
        panic!("one variant")
    };
    let first = cart_with(&app, &[(variant, 2)]).await;
    let second = cart_with(&app, &[(variant, 1)]).await;
    let mut conn = app.conn().await;
    let until = holds::hold(&mut conn, first, "203.0.113.1", holds::HoldCaps::default())
        .await
        .unwrap()
        .expect("held");
    assert!(until > time::OffsetDateTime::now_utc() + time::Duration::minutes(14));
    // The second cart sees nothing available, and cannot check out.
    let second_view = domain::cart::lines::contents(&mut conn, second)
        .await
        .unwrap();
    assert_eq!(
        second_view.lines[0].problem(),
        Some(LineProblem::OutOfStock)
    );
    assert!(matches!(
        place(
            &app,
            second,
            Uuid::new_v4(),
            "b@example.com",
            &approved_card()
        )
        .await,
        Err(CheckoutError::OutOfStock { available: 0, .. })
    ));
    assert!(
        holds::hold(&mut conn, second, "203.0.113.2", holds::HoldCaps::default())
            .await
            .unwrap()
            .is_none(),
        "nothing left to hold"
    );
    // The hold runs out; the job releases it and the first cart says so.
    diesel::update(stock_holds::table.filter(stock_holds::cart_id.eq(first)))
        .set(
            stock_holds::expires_at
                .eq(time::OffsetDateTime::now_utc() - time::Duration::seconds(1)),
        )
        .execute(&mut *conn)
        .await
        .unwrap();
    let (released, _) = holds::release_expired(&mut conn).await.unwrap();
    assert_eq!(released, 1);
    let first_view = domain::cart::lines::contents(&mut conn, first)
        .await
        .unwrap();
    assert!(matches!(first_view.hold, Hold::Expired(_)));
    // Now the second buyer gets the unit.
    let placed = place(
        &app,
        second,
        Uuid::new_v4(),
        "b@example.com",
        &approved_card(),
    )
    .await
    .unwrap();
    assert!(placed.new);
}

/// The header's cart count as the server rendered it into `html`.
fn header_cart_count(html: &str) -> String {
    html.split("data-testid=\"cart-count\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .unwrap_or_else(|| panic!("no cart count in the header"))
        .1
        .replace("<!---->", "")
        .replace("<!>", "")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_islands_cart_edits_stay_on_the_page_and_plain_posts_still_go_back() {
    let app = TestApp::start().await;
    let v = variants(&app, 1, 9, 700).await;
    let sku = v[0].1.as_str();
    // The add form's island (the WASM's call, accepting JSON): added, and nobody is sent anywhere,
    // so the product page stays as it is while the header counts again.
    let r = app
        .post_api(
            "/api/add_to_cart",
            &[
                ("sku", sku),
                ("quantity", "2"),
                ("next", "/products/x?added=1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("location").is_none(), "{:?}", r.headers());
    assert!(
        r.headers().get("serverfnredirect").is_none(),
        "{:?}",
        r.headers()
    );
    assert_eq!(header_cart_count(&app.get_text("/").await.1), "2");
    // The cart's island changes a line the same way.
    let r = app
        .post_api("/api/update_cart_line", &[("sku", sku), ("quantity", "3")])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("location").is_none(), "{:?}", r.headers());
    assert_eq!(header_cart_count(&app.get_text("/").await.1), "3");
    // A browser without the WASM posts the same forms and is sent back to the page.
    let r = app
        .post_form(
            "/api/add_to_cart",
            "/products/x",
            &[
                ("sku", sku),
                ("quantity", "1"),
                ("next", "/products/x?added=1"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/products/x?added=1");
    let r = app
        .post_form(
            "/api/update_cart_line",
            "/cart",
            &[("sku", sku), ("quantity", "1")],
        )
        .await;
    assert_eq!(location(&r), "/cart");
    assert_eq!(header_cart_count(&app.get_text("/").await.1), "1");
}
