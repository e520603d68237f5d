//! Staff's checkout settings over HTTP: only staff may change coupons, shipping methods and tax
//! rates; bad input is a 422 naming the field; every save is audited and used by checkout.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, coupons, shipping_methods, tax_rates};

use crate::util::TestApp;
use crate::util::people::sign_in_new;

fn coupon_form<'a>(code: &'a str, amount: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("kind", "percent"),
        ("amount", amount),
        ("min_subtotal", "20"),
        ("usage_limit", "5"),
        ("active", "1"),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn only_staff_configure_coupons_shipping_and_tax() {
    let app = TestApp::start().await;
    // Anonymous, then a customer: refused, nothing stored.
    let anonymous = app
        .post_api("/api/admin_save_coupon", &coupon_form("SPRING", "15"))
        .await;
    assert_eq!(anonymous.status(), 401);
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let customer = app
        .post_api("/api/admin_save_coupon", &coupon_form("SPRING", "15"))
        .await;
    assert_eq!(customer.status(), 403);
    let rate = app
        .post_api(
            "/api/admin_set_tax_rate",
            &[("country", "DE"), ("rate", "0")],
        )
        .await;
    assert_eq!(rate.status(), 403);
    // Looked at on the same database the refused posts went to.
    let stored: i64 = coupons::table
        .filter(coupons::code.eq("SPRING"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(stored, 0, "no coupon from the refused posts");
    let german: Option<i32> = tax_rates::table
        .filter(tax_rates::country.eq("DE"))
        .select(tax_rates::rate_bp)
        .first(&mut *app.conn().await)
        .await
        .optional()
        .unwrap();
    assert_ne!(german, Some(0), "the German rate is not zeroed");
    let audited: i64 = audit_log::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(audited, 0, "nothing was written, so nothing audited");

    let app = TestApp::start().await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    // Bad input: 422 naming each field.
    let bad = app
        .post_api("/api/admin_save_coupon", &coupon_form("x", "150"))
        .await;
    assert_eq!(bad.status(), 422);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("\"code\"") && body.contains("\"amount\""),
        "{body}"
    );
    let good = app
        .post_form(
            "/api/admin_save_coupon",
            "/admin/coupons",
            &coupon_form("spring", "15"),
        )
        .await;
    assert_eq!(good.status(), 302);
    let stored: (String, i64, i64, Option<i32>) = coupons::table
        .filter(coupons::code.eq("SPRING"))
        .select((
            coupons::code,
            coupons::amount,
            coupons::min_subtotal_cents,
            coupons::usage_limit,
        ))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(stored, ("SPRING".to_owned(), 15, 2000, Some(5)));
    let taken = app
        .post_api("/api/admin_save_coupon", &coupon_form("SPRING", "10"))
        .await;
    assert_eq!(taken.status(), 422, "the code is taken");

    let method = app
        .post_api(
            "/api/admin_save_shipping_method",
            &[
                ("code", "next-day"),
                ("name", "Next day"),
                ("price", "9.90"),
                ("min_days", "1"),
                ("max_days", "1"),
                ("active", "1"),
            ],
        )
        .await;
    assert!(
        method.status().is_success() || method.status() == 302,
        "{}",
        method.status()
    );
    let price: i64 = shipping_methods::table
        .filter(shipping_methods::code.eq("next-day"))
        .select(shipping_methods::price_cents)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(price, 990);
    let slow = app
        .post_api(
            "/api/admin_save_shipping_method",
            &[
                ("code", "slow"),
                ("name", "Slow"),
                ("price", "1"),
                ("min_days", "5"),
                ("max_days", "2"),
            ],
        )
        .await;
    assert_eq!(slow.status(), 422);

    let bad_rate = app
        .post_api(
            "/api/admin_set_tax_rate",
            &[("country", "DE"), ("rate", "140")],
        )
        .await;
    assert_eq!(bad_rate.status(), 422);
    app.post_api(
        "/api/admin_set_tax_rate",
        &[("country", "DE"), ("rate", "7")],
    )
    .await;
    let de: i32 = tax_rates::table
        .find("DE")
        .select(tax_rates::rate_bp)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(de, 700);
    app.post_api("/api/admin_set_tax_rate", &[("country", "DE")])
        .await;
    let gone: i64 = tax_rates::table
        .filter(tax_rates::country.eq("DE"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(gone, 0, "an empty rate removes it");

    let actions: Vec<String> = audit_log::table
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(
        actions,
        [
            "coupon.create",
            "shipping_method.create",
            "tax_rate.set",
            "tax_rate.set"
        ]
    );
}
