//! Unit tests of `app::catalog::review_fields`.
use app::catalog::review_fields::*;
use proptest::prelude::*;

fn input(rating: &str, title: &str, body: &str) -> ReviewInput {
    ReviewInput {
        rating: rating.into(),
        title: title.into(),
        body: body.into(),
    }
}

#[test]
fn a_good_review_is_tidied() {
    let valid = input(
        " 4 ",
        "  Warm   and soft ",
        "\n Fits well.\r\nWould buy again. \n",
    )
    .validate()
    .unwrap();
    assert_eq!(valid.rating, 4);
    assert_eq!(valid.title, "Warm and soft");
    assert_eq!(valid.body, "Fits well.\nWould buy again.");
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let errors = input("6", "", "short").validate().unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["rating", "title", "body"]);
    assert!(
        input("0", "Fine title", "long enough body")
            .validate()
            .is_err()
    );
    assert!(
        input("three", "Fine title", "long enough body")
            .validate()
            .is_err()
    );
    assert!(input("3", "ok", "long enough body").validate().is_err());
    assert!(
        input("3", "Fine title", &"x".repeat(BODY_MAX + 1))
            .validate()
            .is_err()
    );
    assert!(
        input("3", "Fine\u{7}title", "long enough body")
            .validate()
            .is_err()
    );
}

proptest! {
    #[test]
    fn whatever_passes_keeps_the_rules(r in "[0-9 ]{0,3}", t in "\\PC{0,130}", b in "\\PC{0,60}") {
        if let Ok(v) = input(&r, &t, &b).validate() {
            prop_assert!((1..=5).contains(&v.rating));
            prop_assert!((3..=TITLE_MAX).contains(&v.title.chars().count()));
            prop_assert!(v.body.chars().count() >= 10);
            prop_assert_eq!(v.title.trim(), v.title.as_str());
        }
    }
}
