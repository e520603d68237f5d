//! Unit tests of `app::ui::paging`.
use app::ui::paging::*;
use proptest::prelude::*;

#[test]
fn requests_are_clamped() {
    assert_eq!(PageRequest::new(None, 50).page, 1);
    assert_eq!(PageRequest::new(Some(0), 50).page, 1);
    assert_eq!(PageRequest::new(Some(u32::MAX), 50).page, MAX_PAGE);
    let r = PageRequest::new(Some(3), 50);
    assert_eq!((r.limit(), r.offset()), (51, 100));
}

#[test]
fn the_extra_row_says_another_page_follows() {
    let r = PageRequest::new(Some(1), 2);
    let full = r.finish(vec![1, 2, 3]);
    assert_eq!(full.rows, [1, 2]);
    assert!(full.has_next);
    let last = r.finish(vec![1, 2]);
    assert!(!last.has_next);
}

#[test]
fn links_keep_the_filters_and_drop_page_one() {
    let q = vec![
        ("status".to_owned(), "dead".to_owned()),
        ("page".to_owned(), "2".to_owned()),
        ("name".to_owned(), "a b&c".to_owned()),
    ];
    assert_eq!(
        page_href("/admin/jobs", &q, "page", 3),
        "/admin/jobs?status=dead&name=a%20b%26c&page=3"
    );
    assert_eq!(
        page_href("/admin/jobs", &q, "page", 1),
        "/admin/jobs?status=dead&name=a%20b%26c"
    );
    assert_eq!(page_href("/admin/mail", &[], "page", 1), "/admin/mail");
}

proptest! {
    #[test]
    fn offsets_never_overflow_or_go_negative(page in any::<Option<u32>>(), per in 0u32..1000) {
        let r = PageRequest::new(page, per);
        prop_assert!(r.offset() >= 0);
        prop_assert!(r.limit() >= 2);
    }
}
