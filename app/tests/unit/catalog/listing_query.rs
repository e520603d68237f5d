//! Unit tests of `app::catalog::listing_query`.
use app::catalog::listing_query::*;
use proptest::prelude::*;

fn parse(q: &[(&str, &str)]) -> ListingRequest {
    let pairs: Vec<(String, String)> = q.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
    ListingRequest::parse(&pairs)
}

#[test]
fn a_full_query_parses() {
    let r = parse(&[
        ("q", "  linen   dress "),
        ("category", "Women"),
        ("brand", "fjord"),
        ("brand", "kestrel"),
        ("brand", "fjord"),
        ("min_price", "20"),
        ("max_price", "99,5"),
        ("in_stock", "1"),
        ("rating", "4"),
        ("sort", "price_asc"),
        ("page", "3"),
    ]);
    assert_eq!(r.q.as_deref(), Some("linen dress"));
    assert_eq!(r.category.as_deref(), Some("women"));
    assert_eq!(r.brands, ["fjord", "kestrel"]);
    assert_eq!(
        (r.min_price_cents, r.max_price_cents),
        (Some(2000), Some(9950))
    );
    assert!(r.in_stock);
    assert_eq!(r.min_rating, Some(4));
    assert_eq!((r.sort.as_str(), r.page), ("price_asc", 3));
    assert!(r.notices.is_empty());
}

#[test]
fn bad_values_are_dropped_or_clamped_with_a_notice() {
    let r = parse(&[
        ("min_price", "-5"),
        ("max_price", "abc"),
        ("rating", "9"),
        ("sort", "cheapest"),
        ("page", "0"),
    ]);
    assert_eq!(
        (r.min_price_cents, r.max_price_cents, r.min_rating),
        (None, None, None)
    );
    assert_eq!((r.sort.as_str(), r.page), ("relevance", 1));
    assert_eq!(r.notices.len(), 5);
    let far = parse(&[("page", "1000000000")]);
    assert_eq!(far.page, MAX_PAGE);
    let swapped = parse(&[("min_price", "90"), ("max_price", "10")]);
    assert_eq!(
        (swapped.min_price_cents, swapped.max_price_cents),
        (Some(1000), Some(9000))
    );
}

proptest! {
    #[test]
    fn any_query_parses_within_bounds(k in "[a-z_]{1,10}", v in "\\PC{0,40}") {
        let r = parse(&[(&k, &v)]);
        prop_assert!((1..=MAX_PAGE).contains(&r.page));
        prop_assert!(r.min_price_cents.is_none_or(|c| c >= 0));
        prop_assert!(r.q.as_ref().is_none_or(|q| q.chars().count() <= 100));
    }
}
