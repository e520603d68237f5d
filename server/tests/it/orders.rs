//! The shopper's whole path over HTTP as a browser without JavaScript: add to cart, checkout
//! form, order page; another person asking for that order gets 404; a customer cancels (stock
//! back, refund through the provider); staff move orders only along the state machine.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, notifications, orders, payments};
use domain::orders::transitions::{TransitionError, change_status};
use domain::orders::{Actor, OrderStatus};

use crate::util::TestApp;
use crate::util::people::{PASSWORD, browser, hidden, location, sign_in_new};
use crate::util::shop::{details_form, pay_form, refused_details, stock_and_sold, variants};

/// Sends the details as a no-JS post and opens the review page; its HTML.
async fn details_then_review(app: &TestApp, email: &str, country: &str) -> String {
    let saved = app
        .post_form(
            "/api/checkout_details",
            "/checkout",
            &details_form(email, country),
        )
        .await;
    assert_eq!(location(&saved), "/checkout/review");
    let (status, review) = app.get_text("/checkout/review").await;
    assert_eq!(status, 200);
    review
}

/// Adds `quantity` of `sku` to the app client's cart from its product page.
async fn add(app: &TestApp, sku: &str, quantity: &str) -> reqwest::Response {
    app.post_form(
        "/api/add_to_cart",
        "/products/x",
        &[("sku", sku), ("quantity", quantity), ("next", "/cart")],
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_checks_out_without_javascript_and_nobody_else_sees_the_order() {
    let app = TestApp::start().await;
    let v = variants(&app, 1, 3, 2000).await;
    let (variant, sku) = (v[0].0, v[0].1.clone());

    // Asking for more than there is: 422 with the reason, nothing added.
    // Its tile on the listing has an "Add to cart" form for its only variant.
    let (_, listing) = app.get_text("/products").await;
    let tile = &listing[listing
        .find("data-testid=\"quick-add\"")
        .expect("a quick-add form")..];
    assert!(tile[..600.min(tile.len())].contains(&format!("value=\"{sku}\"")));

    let too_many = add(&app, &sku, "4").await;
    assert_eq!(too_many.status(), 302, "a no-JS post goes back to the page");
    let back = location(&too_many);
    assert!(back.contains("__err"), "{back}");
    let (_, cart) = app.get_text("/cart").await;
    assert!(cart.contains("Your cart is empty"));

    let added = add(&app, &sku, "2").await;
    assert_eq!(location(&added), "/cart");
    let (status, cart) = app.get_text("/cart").await;
    assert_eq!(status, 200);
    assert!(
        cart.contains(&sku) && cart.contains("€40.00"),
        "the line at its price"
    );
    assert!(cart.contains("noindex"));

    let (status, page) = app.get_text("/checkout").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("held for you until"),
        "looking at the checkout holds nothing"
    );

    // The details step: a bad email and no town come back with their messages, typed kept.
    let back = refused_details(&app).await;
    let (status, again) = app.get_text(back.trim_start_matches(&app.url(""))).await;
    assert_eq!(status, 422);
    assert!(
        again.contains("Keizersgracht 1"),
        "the typed address is kept"
    );
    assert!(
        again.contains("Enter a town or city."),
        "the town's message"
    );
    assert!(again.contains("Enter an email address like name@example.com."));
    assert!(again.contains("not-an-email"), "the typed email is kept");
    let (status, early) = app.get_text("/checkout/review").await;
    assert_eq!(status, 200);
    assert!(
        early.contains("needs-details") && !early.contains("idempotency_key"),
        "the review without details points back to them"
    );

    // Delivered to Germany: the review shows German tax (19 %), before any card is asked for.
    let review = details_then_review(&app, "ana@example.com", "DE").await;
    assert!(review.contains("Keizersgracht 1") && review.contains("Germany"));
    assert!(
        review.contains("held for you until"),
        "continuing to the review holds the stock"
    );
    assert!(review.contains("Express delivery"));
    assert!(review.contains("19%"), "German tax, not the Dutch 21%");
    // Back to the Netherlands for the order.
    let review = details_then_review(&app, "ana@example.com", "NL").await;
    assert!(review.contains("Netherlands") && review.contains("21%"));
    let key = hidden(&review, "idempotency_key");

    // A bad card number comes back with its message, nothing placed.
    let bad = app
        .post_form(
            "/api/place_order",
            "/checkout/review",
            &pay_form(&key, "1234"),
        )
        .await;
    let back = location(&bad);
    let (status, again) = app.get_text(back.trim_start_matches(&app.url(""))).await;
    assert_eq!(status, 422);
    assert!(again.contains("12 to 19 digits"), "the card field says why");
    assert!(
        again.contains("Keizersgracht 1"),
        "the review still shows the address"
    );
    assert!(
        !again.contains("value=\"1234\""),
        "the card number is never sent back"
    );

    let placed = app
        .post_form(
            "/api/place_order",
            "/checkout/review",
            &pay_form(&key, "4242 4242 4242 4242"),
        )
        .await;
    let to = location(&placed);
    assert!(
        to.starts_with("/orders/DD-") && to.ends_with("?placed=1"),
        "{to}"
    );
    let (status, order) = app.get_text(&to).await;
    assert_eq!(status, 200);
    assert!(order.contains("Express delivery") && order.contains("Visa ending 4242"));
    assert_eq!(stock_and_sold(&app, variant).await, (1, 2));

    // The same form posted again (a refresh) lands on the same order.
    let twice = app
        .post_form(
            "/api/place_order",
            "/checkout/review",
            &pay_form(&key, "4242 4242 4242 4242"),
        )
        .await;
    assert_eq!(location(&twice), to);
    assert_eq!(stock_and_sold(&app, variant).await, (1, 2));

    // Anyone else: 404, as for an order that does not exist.
    let number = to
        .trim_start_matches("/orders/")
        .trim_end_matches("?placed=1");
    let stranger = browser()
        .get(app.url(&format!("/orders/{number}")))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), 404);
    let emails = app.sent_emails().await;
    assert!(
        emails
            .iter()
            .any(|e| e.to_address == "ana@example.com" && e.subject.contains(number))
    );

    // Another guest cannot cancel it; the guest who placed it can, from the same session.
    let stranger_cancel = browser()
        .post(app.url("/api/cancel_order"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&[("number", number)])
        .send()
        .await
        .unwrap();
    assert_eq!(stranger_cancel.status(), 404);
    assert_eq!(stock_and_sold(&app, variant).await, (1, 2));
    assert!(
        order.contains("cancel-order"),
        "the guest is offered to cancel"
    );
    let cancelled = app
        .post_form("/api/cancel_order", &to, &[("number", number)])
        .await;
    assert!(location(&cancelled).ends_with("?cancelled=1"));
    assert_eq!(stock_and_sold(&app, variant).await, (3, 0));
    let (_, order) = app.get_text(&to).await;
    assert!(order.contains("Cancelled by the guest who placed it"));
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_see_only_their_orders_and_cancel_before_shipping() {
    let app = TestApp::start().await;
    let v = variants(&app, 1, 5, 3000).await;
    let (variant, sku) = (v[0].0, v[0].1.clone());
    sign_in_new(&app, "owner@example.com", Role::Customer).await;
    add(&app, &sku, "2").await;
    let review = details_then_review(&app, "", "NL").await;
    let key = hidden(&review, "idempotency_key");
    let placed = app
        .post_form(
            "/api/place_order",
            "/checkout/review",
            &pay_form(&key, "4242424242424242"),
        )
        .await;
    let to = location(&placed);
    let number = to
        .trim_start_matches("/orders/")
        .trim_end_matches("?placed=1")
        .to_owned();
    let (_, list) = app.get_text("/orders").await;
    assert!(list.contains(&number));
    let unread: i64 = notifications::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(unread, 1, "a notification for the confirmation");

    // Another customer: 404 on the page and on cancelling it.
    let other = browser();
    domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "other@example.com",
        "Oz",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let signed = other
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .header("referer", app.url("/login"))
        .header("accept", "text/html")
        .form(&[("email", "other@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 302);
    let peek = other
        .get(app.url(&format!("/orders/{number}")))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(peek.status(), 404);
    let cancel = other
        .post(app.url("/api/cancel_order"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&[("number", number.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), 404);
    let (_, theirs) = {
        let r = other
            .get(app.url("/orders"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(!theirs.contains(&number));

    // The owner cancels: stock back, refund queued then sent by the job.
    let cancelled = app
        .post_form("/api/cancel_order", &to, &[("number", number.as_str())])
        .await;
    assert!(location(&cancelled).ends_with("?cancelled=1"));
    assert_eq!(stock_and_sold(&app, variant).await, (5, 0));
    let status: String = orders::table
        .filter(orders::number.eq(&number))
        .select(orders::status)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
    app.run_pending_jobs().await;
    let (pay_status, refund): (String, Option<String>) = payments::table
        .select((payments::status, payments::refund_reference))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(pay_status, "refunded");
    assert!(refund.is_some());
    // Cancelling twice is refused with a reason.
    let twice = app
        .post_api("/api/cancel_order", &[("number", number.as_str())])
        .await;
    assert_eq!(twice.status(), 409);
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_move_orders_only_along_the_state_machine() {
    let app = TestApp::start().await;
    let v = variants(&app, 1, 5, 1000).await;
    let cart = crate::util::shop::cart_with(&app, &[(v[0].0, 1)]).await;
    let placed = crate::util::shop::place(
        &app,
        cart,
        uuid::Uuid::new_v4(),
        "ship@example.com",
        &crate::util::shop::approved_card(),
    )
    .await
    .unwrap();
    let staff = domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "staff@example.com",
        "Sam",
        PASSWORD,
        Role::Staff,
    )
    .await
    .unwrap();
    let mut conn = app.conn().await;
    let as_staff = Actor::Staff(staff.id);
    let illegal = change_status(
        &mut conn,
        placed.order_id,
        OrderStatus::Delivered,
        as_staff,
        "",
        "http://t",
        None,
    )
    .await;
    assert!(matches!(
        illegal,
        Err(TransitionError::Illegal {
            from: OrderStatus::Paid,
            to: OrderStatus::Delivered
        })
    ));
    for to in [OrderStatus::Fulfilled, OrderStatus::Shipped] {
        change_status(
            &mut conn,
            placed.order_id,
            to,
            as_staff,
            "on its way",
            "http://t",
            None,
        )
        .await
        .unwrap();
    }
    let late = change_status(
        &mut conn,
        placed.order_id,
        OrderStatus::Cancelled,
        as_staff,
        "",
        "http://t",
        None,
    )
    .await;
    assert!(
        matches!(late, Err(TransitionError::Illegal { .. })),
        "a shipped order cannot be cancelled"
    );
    let refunded = change_status(
        &mut conn,
        placed.order_id,
        OrderStatus::Refunded,
        as_staff,
        "damaged",
        "http://t",
        None,
    )
    .await
    .unwrap();
    assert!(
        !refunded.restocked,
        "shipped goods are not back on the shelf"
    );
    assert_eq!(stock_and_sold(&app, v[0].0).await, (4, 1));
    let history = domain::orders::events::list(&mut conn, placed.order_id)
        .await
        .unwrap();
    let path: Vec<&str> = history.iter().map(|e| e.to_status.as_str()).collect();
    assert_eq!(
        path,
        [
            "pending_payment",
            "paid",
            "fulfilled",
            "shipped",
            "refunded"
        ]
    );
    assert_eq!(history[4].actor_id, Some(staff.id));
    assert_eq!(history[4].note, "damaged");
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("order.status"))
        .count()
        .get_result(&mut *conn)
        .await
        .unwrap();
    assert_eq!(audited, 3);
    let after_final = change_status(
        &mut conn,
        placed.order_id,
        OrderStatus::Paid,
        as_staff,
        "",
        "http://t",
        None,
    )
    .await;
    assert!(matches!(after_final, Err(TransitionError::Illegal { .. })));
    let subjects: Vec<String> = app
        .sent_emails()
        .await
        .into_iter()
        .map(|e| e.subject)
        .collect();
    assert!(
        subjects.iter().any(|s| s.ends_with(": Shipped")),
        "{subjects:?}"
    );
    assert!(subjects.iter().any(|s| s.ends_with(": Refunded")));
}

#[tokio::test(flavor = "multi_thread")]
async fn orders_feed_bought_together_verified_badges_and_popularity() {
    use domain::checkout::place::Buyer;
    use domain::db::schema::{product_variants, products};
    use domain::orders::recommendations::{bought_together, purchasers_among};

    use crate::util::shop::{approved_card, cart_with, place_as};
    let app = TestApp::start().await;
    let v = variants(&app, 3, 10, 1000).await;
    let mut conn = app.conn().await;
    let product_of = |rows: &[(i64, i64)], variant: i64| {
        rows.iter()
            .find(|(vid, _)| *vid == variant)
            .map(|(_, p)| *p)
            .unwrap()
    };
    let rows: Vec<(i64, i64)> = product_variants::table
        .select((product_variants::id, product_variants::product_id))
        .load(&mut *conn)
        .await
        .unwrap();
    let p: Vec<i64> = v.iter().map(|(id, _)| product_of(&rows, *id)).collect();
    let slug: String = products::table
        .find(p[0])
        .select(products::slug)
        .first(&mut *conn)
        .await
        .unwrap();
    let page_path = format!("/products/{slug}");
    let (_, page) = app.get_text(&page_path).await;
    assert!(
        !page.contains("Frequently bought together"),
        "nobody bought it yet"
    );
    let buyer = domain::accounts::demo::create_verified(
        &mut conn,
        "fan@example.com",
        "Fan",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let other = domain::accounts::demo::create_verified(
        &mut conn,
        "browser@example.com",
        "Bo",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    for lines in [
        vec![(v[0].0, 1), (v[1].0, 1)],
        vec![(v[0].0, 1), (v[1].0, 2)],
        vec![(v[0].0, 1), (v[2].0, 1)],
    ] {
        let cart = cart_with(&app, &lines).await;
        let who = Buyer {
            user_id: Some(buyer.id),
            email: buyer.email.clone(),
        };
        place_as(&app, cart, uuid::Uuid::new_v4(), who, &approved_card())
            .await
            .unwrap();
    }
    assert_eq!(
        bought_together(&mut conn, p[0], 4).await.unwrap(),
        vec![p[1], p[2]]
    );
    assert_eq!(
        bought_together(&mut conn, p[2], 4).await.unwrap(),
        vec![p[0]]
    );
    let verified = purchasers_among(&mut conn, p[2], &[buyer.id, other.id])
        .await
        .unwrap();
    assert_eq!(verified.into_iter().collect::<Vec<_>>(), vec![buyer.id]);

    let (_, page) = app.get_text(&page_path).await;
    assert!(
        !page.contains("Frequently bought together"),
        "the product page is still the cached one"
    );

    // The periodic job counts the sales and drops the page cache.
    domain::jobs::queue::enqueue(&mut conn, &domain::jobs::count_sales::CountSales {})
        .await
        .unwrap();
    let ran = app.run_pending_jobs().await;
    assert!(ran.iter().any(|(job, _)| job.name == "count_sales"));
    let sales: Vec<(i64, i32)> = products::table
        .filter(products::id.eq_any(&p))
        .order(products::id)
        .select((products::id, products::sales_count))
        .load(&mut *conn)
        .await
        .unwrap();
    assert_eq!(sales, vec![(p[0], 3), (p[1], 3), (p[2], 1)]);
    assert_eq!(
        domain::jobs::count_sales::count_sales(&mut conn)
            .await
            .unwrap(),
        0,
        "counted once"
    );

    // The product page now shows what is bought with it: the job dropped its cache.
    let (_, page) = app.get_text(&page_path).await;
    assert!(page.contains("Frequently bought together"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_cannot_move_an_order_through_the_staff_function() {
    let app = TestApp::start().await;
    let [(variant, _)] = &variants(&app, 1, 5, 2000).await[..] else {
        panic!("one variant")
    };
    let cart = crate::util::shop::cart_with(&app, &[(*variant, 1)]).await;
    let placed = crate::util::shop::place(
        &app,
        cart,
        uuid::Uuid::new_v4(),
        "ana@example.com",
        &crate::util::shop::approved_card(),
    )
    .await
    .unwrap();
    sign_in_new(&app, "cleo@example.com", Role::Customer).await;
    for status in ["shipped", "refunded", "cancelled"] {
        let response = app
            .post_api(
                "/api/admin_change_order_status",
                &[("number", &placed.number), ("status", status)],
            )
            .await;
        assert_eq!(response.status(), 403, "{status}");
    }
    let now: String = orders::table
        .filter(orders::number.eq(&placed.number))
        .select(orders::status)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(now, "paid", "nothing changed");
    assert_eq!(
        stock_and_sold(&app, *variant).await,
        (4, 1),
        "no restock either"
    );
}
