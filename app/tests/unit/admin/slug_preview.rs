//! Unit tests of `admin_islands::slug`: the editor's preview shows the slug the server will
//! make from the name.
use proptest::prelude::*;

#[test]
fn names_become_slugs() {
    assert_eq!(
        admin_islands::slug::slugify("Linen Shirt — Navy"),
        "linen-shirt-navy"
    );
    assert_eq!(
        admin_islands::slug::slugify("  --Ünïcode 42!  "),
        "n-code-42"
    );
    assert_eq!(admin_islands::slug::slugify("—"), "");
}

proptest! {
    #[test]
    fn the_preview_slugs_as_the_server_does(name in "\\PC{0,40}") {
        prop_assert_eq!(
            admin_islands::slug::slugify(&name),
            domain::catalog::demo::slugify(&name)
        );
    }
}
