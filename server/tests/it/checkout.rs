//! Checkout under real concurrency on real PostgreSQL: no oversell, stock conserved, one order
//! and one payment per idempotency key, coupon limits that hold, a declined card that changes
//! nothing.

use std::sync::Arc;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::checkout::coupons::CouponRefusal;
use domain::checkout::place::{CheckoutError, Placed};
use domain::db::schema::{coupons, order_lines, orders, payments};
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::util::TestApp;
use crate::util::shop::{
    approved_card, card, cart_with, count_rows, place, place_saving, stock_and_sold, variants,
};

/// An app whose pool lets many checkouts run at once.
async fn busy_app() -> Arc<TestApp> {
    Arc::new(
        TestApp::new()
            .with_env("DATABASE_POOL_SIZE", "12")
            .with_env("DATABASE_TIMEOUT_SECONDS", "60")
            .build()
            .await,
    )
}

/// Places the orders of `carts` all at once, one task each, as guests `{who}{i}@example.com`.
async fn race(
    app: &Arc<TestApp>,
    carts: Vec<Uuid>,
    who: &str,
) -> Vec<Result<Placed, CheckoutError>> {
    let tasks: Vec<_> = carts
        .into_iter()
        .enumerate()
        .map(|(i, cart)| {
            let app = Arc::clone(app);
            let email = format!("{who}{i}@example.com");
            tokio::spawn(async move {
                place(&app, cart, Uuid::new_v4(), &email, &approved_card()).await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_buyers_for_the_last_unit_make_one_order() {
    let app = busy_app().await;
    let [(variant, _)] = variants(&app, 1, 1, 2500).await[..] else {
        panic!("one variant")
    };
    let mut carts = Vec::new();
    for _ in 0..50 {
        carts.push(cart_with(&app, &[(variant, 1)]).await);
    }
    let answers = race(&app, carts, "buyer").await;
    let mut placed = 0;
    let mut out_of_stock = 0;
    for answer in answers {
        match answer {
            Ok(p) => {
                assert!(p.new);
                placed += 1;
            }
            Err(CheckoutError::OutOfStock { available: 0, .. }) => out_of_stock += 1,
            Err(e) => panic!("unexpected answer: {e}"),
        }
    }
    assert_eq!((placed, out_of_stock), (1, 49));
    assert_eq!(stock_and_sold(&app, variant).await, (0, 1));
    assert_eq!(count_rows(&app, "orders").await, 1);
    assert_eq!(count_rows(&app, "payments").await, 1);
    let in_stock: bool = domain::db::schema::products::table
        .inner_join(domain::db::schema::product_variants::table)
        .filter(domain::db::schema::product_variants::id.eq(variant))
        .select(domain::db::schema::products::in_stock)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(!in_stock, "the product now lists as sold out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_random_checkouts_conserve_stock() {
    let app = busy_app().await;
    const STOCK: i32 = 40;
    let variants: Vec<i64> = variants(&app, 20, STOCK, 1000)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(6);
    let mut carts = Vec::new();
    for _ in 0..1000 {
        let n = rng.random_range(1..=3);
        let mut lines: Vec<(i64, i32)> = Vec::new();
        while lines.len() < n {
            let v = variants[rng.random_range(0..variants.len())];
            if !lines.iter().any(|(x, _)| *x == v) {
                lines.push((v, rng.random_range(1..=3)));
            }
        }
        carts.push(cart_with(&app, &lines).await);
    }
    let answers = race(&app, carts, "b").await;
    let (mut ok, mut refused) = (0, 0);
    for answer in answers {
        match answer {
            Ok(_) => ok += 1,
            Err(CheckoutError::OutOfStock { .. }) => refused += 1,
            Err(e) => panic!("unexpected answer: {e}"),
        }
    }
    assert_eq!(ok + refused, 1000);
    assert!(
        ok > 50 && refused > 50,
        "both happen: {ok} placed, {refused} refused"
    );
    let mut conn = app.conn().await;
    for v in &variants {
        let (stock, sold) = stock_and_sold(&app, *v).await;
        assert!(stock >= 0, "variant {v} went negative");
        assert_eq!(stock + sold, STOCK, "variant {v}: stock + sold is constant");
        let ordered: Option<i64> = order_lines::table
            .filter(order_lines::variant_id.eq(v))
            .select(diesel::dsl::sum(order_lines::quantity))
            .first(&mut *conn)
            .await
            .unwrap();
        assert_eq!(
            ordered.unwrap_or(0),
            i64::from(sold),
            "variant {v}: sold = ordered"
        );
    }
    assert_eq!(count_rows(&app, "orders").await, ok);
    assert_eq!(count_rows(&app, "payments").await, ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_submitted_twenty_times_makes_one_order_and_one_payment() {
    let app = busy_app().await;
    let [(variant, _)] = variants(&app, 1, 10, 1500).await[..] else {
        panic!("one variant")
    };
    let cart = cart_with(&app, &[(variant, 2)]).await;
    let key = Uuid::new_v4();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let app = Arc::clone(&app);
            tokio::spawn(async move {
                place(&app, cart, key, "twice@example.com", &approved_card()).await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    let mut new = 0;
    for t in tasks {
        let placed = t
            .await
            .unwrap()
            .expect("every submit answers with the order");
        new += usize::from(placed.new);
        numbers.push(placed.number);
    }
    numbers.dedup();
    assert_eq!(numbers.len(), 1, "the same order every time");
    assert_eq!(new, 1);
    assert_eq!(count_rows(&app, "orders").await, 1);
    assert_eq!(count_rows(&app, "payments").await, 1);
    assert_eq!(
        stock_and_sold(&app, variant).await,
        (8, 2),
        "stock taken once"
    );
    // A later retry (a refresh after a timeout) still finds it.
    let again = place(&app, cart, key, "twice@example.com", &approved_card())
        .await
        .unwrap();
    assert_eq!(
        (again.number.as_str(), again.new),
        (numbers[0].as_str(), false)
    );
    // Someone else replaying the key gets nothing.
    let other = place(&app, cart, key, "thief@example.com", &approved_card()).await;
    assert!(matches!(other, Err(CheckoutError::KeyInUse)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_coupon_for_one_use_is_used_once_by_twenty_buyers() {
    let app = busy_app().await;
    // Twenty different items, so the buyers meet only at the coupon's row.
    let items = variants(&app, 20, 100, 4000).await;
    diesel::insert_into(coupons::table)
        .values((
            coupons::code.eq("ONCE"),
            coupons::kind.eq("fixed"),
            coupons::amount.eq(500i64),
            coupons::usage_limit.eq(Some(1)),
        ))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    let mut carts = Vec::new();
    for (variant, _) in &items {
        let cart = cart_with(&app, &[(*variant, 1)]).await;
        domain::cart::edits::set_coupon(&mut *app.conn().await, cart, Some("ONCE"))
            .await
            .unwrap();
        carts.push(cart);
    }
    let answers = race(&app, carts, "c").await;
    let (mut ok, mut used_up) = (0, 0);
    for answer in answers {
        match answer {
            Ok(_) => ok += 1,
            Err(CheckoutError::Coupon(CouponRefusal::UsedUp)) => used_up += 1,
            Err(e) => panic!("unexpected answer: {e}"),
        }
    }
    assert_eq!((ok, used_up), (1, 19));
    let used: i32 = coupons::table
        .filter(coupons::code.eq("ONCE"))
        .select(coupons::times_used)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(used, 1);
    assert_eq!(count_rows(&app, "coupon_uses").await, 1);
    let discount: i64 = orders::table
        .select(orders::discount_cents)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(discount, 500);
    let mut sold = 0;
    for (variant, _) in &items {
        sold += stock_and_sold(&app, *variant).await.1;
    }
    assert_eq!(sold, 1, "refused buyers took nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declined_or_failed_payment_leaves_everything_as_it_was() {
    let app = TestApp::start().await;
    let [(variant, _)] = variants(&app, 1, 5, 1200).await[..] else {
        panic!("one variant")
    };
    let cart = cart_with(&app, &[(variant, 2)]).await;
    let key = Uuid::new_v4();
    let declined = place(
        &app,
        cart,
        key,
        "poor@example.com",
        &card(domain::payments::sandbox::DECLINED),
    )
    .await;
    assert!(
        matches!(&declined, Err(CheckoutError::Declined { reason }) if reason.contains("declined")),
        "{declined:?}"
    );
    let failed = place(
        &app,
        cart,
        Uuid::new_v4(),
        "poor@example.com",
        &card(domain::payments::sandbox::NETWORK_FAILURE),
    )
    .await;
    assert!(matches!(failed, Err(CheckoutError::PaymentUnavailable(_))));
    assert_eq!(stock_and_sold(&app, variant).await, (5, 0));
    for table in [
        "orders",
        "order_lines",
        "payments",
        "emails",
        "order_events",
    ] {
        assert_eq!(count_rows(&app, table).await, 0, "{table} is empty");
    }
    let lines = domain::cart::lines::lines(&mut *app.conn().await, cart)
        .await
        .unwrap();
    assert_eq!(lines.len(), 1, "the cart is kept for another try");
    // The same form works with a good card afterwards: the declined try left no order.
    let ok = place(&app, cart, key, "poor@example.com", &approved_card())
        .await
        .unwrap();
    assert!(ok.new);
    assert_eq!(stock_and_sold(&app, variant).await, (3, 2));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_copies_prices_computes_totals_and_queues_its_email() {
    let app = TestApp::start().await;
    let v = variants(&app, 2, 5, 1999).await;
    let cart = cart_with(&app, &[(v[0].0, 2), (v[1].0, 1)]).await;
    let placed = place(
        &app,
        cart,
        Uuid::new_v4(),
        "ana@example.com",
        &approved_card(),
    )
    .await
    .unwrap();
    // A price change afterwards does not touch the order.
    diesel::update(domain::db::schema::product_variants::table)
        .set(domain::db::schema::product_variants::price_cents.eq(1i64))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    let mut conn = app.conn().await;
    let order: domain::orders::Order = orders::table
        .filter(orders::number.eq(&placed.number))
        .select(domain::orders::Order::as_select())
        .first(&mut *conn)
        .await
        .unwrap();
    assert_eq!(order.status, "paid");
    assert_eq!(order.subtotal_cents, 5997);
    assert_eq!(order.shipping_cents, 0, "free over €50");
    assert_eq!(order.tax_cents, 1259, "21 % of 59.97 = 12.5937");
    assert_eq!(order.total_cents, 5997 + 1259);
    assert!(order.number.starts_with("DD-") && order.number.len() == 13);
    let unit: Vec<i64> = order_lines::table
        .filter(order_lines::order_id.eq(order.id))
        .select(order_lines::unit_price_cents)
        .load(&mut *conn)
        .await
        .unwrap();
    assert_eq!(unit, vec![1999, 1999]);
    let payment: (String, String, i64) = payments::table
        .filter(payments::order_id.eq(order.id))
        .select((
            payments::status,
            payments::card_last4,
            payments::amount_cents,
        ))
        .first(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        payment,
        ("captured".to_owned(), "4242".to_owned(), order.total_cents)
    );
    let emails = app.sent_emails().await;
    let confirmation = emails
        .iter()
        .find(|e| e.to_address == "ana@example.com")
        .expect("a confirmation email");
    assert!(confirmation.subject.contains(&placed.number));
    assert!(
        confirmation.text_body.contains("Total charged: €72.56"),
        "{}",
        confirmation.text_body
    );
    assert!(confirmation.text_body.contains("2 × Hot item 0"));
    assert!(
        domain::cart::lines::lines(&mut conn, cart)
            .await
            .unwrap()
            .is_empty(),
        "cart emptied"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_address_a_buyer_asks_to_keep_is_saved_with_the_order_and_only_with_it() {
    use domain::accounts::addresses::{self, AddressFields};
    use domain::checkout::place::Buyer;

    let app = TestApp::start().await;
    let user = domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "ana@example.com",
        "Ana",
        crate::util::people::PASSWORD,
        domain::accounts::Role::Customer,
    )
    .await
    .unwrap()
    .id;
    let buyer = || Buyer {
        user_id: Some(user),
        email: "ana@example.com".to_owned(),
    };
    let home = |n: u32| AddressFields {
        full_name: "Ana Lima".into(),
        line1: format!("{n} Rua Augusta"),
        line2: String::new(),
        city: "Lisboa".into(),
        region: String::new(),
        postal_code: "1100-053".into(),
        country: "PT".into(),
        phone: String::new(),
    };
    let book = |app: &TestApp| {
        let pool = app.pool().clone();
        async move {
            addresses::list(&mut pool.get().await.unwrap(), user)
                .await
                .unwrap()
                .len()
        }
    };
    let [(variant, _)] = variants(&app, 1, 50, 1200).await[..] else {
        panic!("one variant")
    };

    // A declined card: no order, and no address either (one transaction).
    let cart = cart_with(&app, &[(variant, 1)]).await;
    let declined = place_saving(
        &app,
        cart,
        Uuid::new_v4(),
        buyer(),
        &card(domain::payments::sandbox::DECLINED),
        Some(&home(1)),
    )
    .await;
    assert!(matches!(declined, Err(CheckoutError::Declined { .. })));
    assert_eq!(
        book(&app).await,
        0,
        "nothing saved for an order that did not commit"
    );

    // Placed: saved once, and a double submit of the same form does not save it again.
    let key = Uuid::new_v4();
    let first = place_saving(&app, cart, key, buyer(), &approved_card(), Some(&home(1)))
        .await
        .unwrap();
    assert!(first.new);
    assert_eq!(book(&app).await, 1);
    let again = place_saving(&app, cart, key, buyer(), &approved_card(), Some(&home(1)))
        .await
        .unwrap();
    assert!(!again.new);
    assert_eq!(book(&app).await, 1, "a double submit saves nothing more");

    // A full address book does not cost the shopper their order.
    for n in 2..=addresses::MAX_PER_USER {
        addresses::create(&mut *app.conn().await, user, &home(n as u32), false)
            .await
            .unwrap();
    }
    let cart = cart_with(&app, &[(variant, 1)]).await;
    let placed = place_saving(
        &app,
        cart,
        Uuid::new_v4(),
        buyer(),
        &approved_card(),
        Some(&home(99)),
    )
    .await
    .unwrap();
    assert!(placed.new, "the order went through");
    assert_eq!(book(&app).await, addresses::MAX_PER_USER as usize);
}
