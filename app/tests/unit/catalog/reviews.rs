//! Unit tests of `app::catalog::reviews`.
use app::catalog::reviews::reviews_href;

#[test]
fn review_links_keep_the_variant_and_replace_the_review_state() {
    let q = vec![
        ("size".to_owned(), "M".to_owned()),
        ("reviews_page".to_owned(), "3".to_owned()),
        ("review".to_owned(), "sent".to_owned()),
    ];
    assert_eq!(
        reviews_href("/products/shirt", &q, &[("reviews_sort", "helpful")]),
        "/products/shirt?size=M&reviews_sort=helpful#reviews"
    );
    assert_eq!(
        reviews_href("/products/shirt", &[], &[("reviews_sort", "")]),
        "/products/shirt#reviews"
    );
}
