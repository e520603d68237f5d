//! Unit tests of `app::admin::taxonomy::fields`.
use app::admin::taxonomy::fields::*;
use proptest::prelude::*;

#[test]
fn a_named_form_is_tidied_and_its_slug_derived() {
    let valid = NamedInput {
        name: "  Rain   coats ".into(),
        slug: String::new(),
        description: "Dry.\r\n".into(),
        parent: " clothing ".into(),
    }
    .validate()
    .unwrap();
    assert_eq!(valid.naming.name, "Rain coats");
    assert_eq!(valid.naming.slug, "rain-coats");
    assert_eq!(valid.naming.description, "Dry.");
    assert_eq!(valid.parent.as_deref(), Some("clothing"));
}

#[test]
fn bad_fields_are_named() {
    let errors = NamedInput {
        name: " ".into(),
        slug: "Not A Slug".into(),
        description: "x".repeat(5_001),
        parent: String::new(),
    }
    .validate()
    .unwrap_err();
    let names: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["name", "slug", "description"]);
}

proptest! {
    #[test]
    fn derived_slugs_are_always_valid_or_empty(name in "\\PC{0,60}") {
        let slug = slug_from(&name);
        prop_assert!(slug.is_empty() || is_slug(&slug), "{slug}");
    }
}
