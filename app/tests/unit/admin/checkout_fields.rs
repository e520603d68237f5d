//! Unit tests of `app::admin::checkout::fields`.
use app::admin::checkout::fields::*;

fn coupon() -> CouponInput {
    CouponInput {
        code: " welcome10 ".to_owned(),
        kind: "percent".to_owned(),
        amount: "10".to_owned(),
        min_subtotal: "20".to_owned(),
        starts: "2026-12-01".to_owned(),
        ends: "2027-01-01".to_owned(),
        usage_limit: "100".to_owned(),
        active: true,
        ..CouponInput::default()
    }
}

#[test]
fn a_good_coupon_passes_normalised() {
    let c = coupon().validate().unwrap();
    assert_eq!(c.code, "WELCOME10");
    assert_eq!((c.amount, c.min_subtotal_cents), (10, 2000));
    assert_eq!(c.usage_limit, Some(100));
    assert_eq!(c.per_user_limit, None);
}

#[test]
fn each_bad_coupon_field_is_named() {
    let bad = CouponInput {
        code: "x".to_owned(),
        amount: "150".to_owned(),
        ends: "2026-11-01".to_owned(),
        usage_limit: "0".to_owned(),
        ..coupon()
    };
    let fields: Vec<_> = bad
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, vec!["code", "amount", "ends", "usage_limit"]);
    let fixed = CouponInput {
        kind: "fixed".to_owned(),
        amount: "5,50".to_owned(),
        ..coupon()
    };
    assert_eq!(fixed.validate().unwrap().amount, 550);
}

#[test]
fn methods_and_rates() {
    let m = MethodInput {
        code: "next-day".to_owned(),
        name: "Next day".to_owned(),
        price: "9.90".to_owned(),
        free_over: String::new(),
        min_days: "1".to_owned(),
        max_days: "1".to_owned(),
        position: String::new(),
        active: true,
    };
    assert_eq!(m.validate().unwrap().price_cents, 990);
    let slow = MethodInput {
        min_days: "5".to_owned(),
        max_days: "2".to_owned(),
        ..m
    };
    assert!(slow.validate().is_err());
    assert_eq!(parse_rate("21"), Ok(2100));
    assert_eq!(parse_rate("5,5"), Ok(550));
    assert!(parse_rate("101").is_err());
    assert!(parse_rate("x").is_err());
}
