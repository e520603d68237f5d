//! Unit tests of `app::catalog::money`.
use app::catalog::money::*;
use proptest::prelude::*;

#[test]
fn prices_read_naturally() {
    assert_eq!(format_price(1999, "EUR"), "€19.99");
    assert_eq!(format_price(5, "GBP"), "£0.05");
    assert_eq!(format_price(123_456_789, "USD"), "$1,234,567.89");
    assert_eq!(format_price(-250, "EUR"), "-€2.50");
    assert_eq!(format_price(1000, "CHF"), "10.00 CHF");
    assert_eq!(decimal(1999), "19.99");
}

#[test]
fn round_figures_drop_the_cents() {
    assert_eq!(format_whole(2_500, "EUR"), "€25");
    assert_eq!(format_whole(2_000_000, "USD"), "$20,000");
    assert_eq!(format_whole(0, "GBP"), "£0");
    assert_eq!(format_whole(10_000, "CHF"), "100 CHF");
}

proptest! {
    #[test]
    fn decimal_round_trips(cents in -10_000_000_000i64..10_000_000_000) {
        let text = decimal(cents);
        let (whole, frac) = text.trim_start_matches('-').split_once('.').unwrap();
        let back = whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap();
        prop_assert_eq!(if cents < 0 { -back } else { back }, cents);
    }
}
