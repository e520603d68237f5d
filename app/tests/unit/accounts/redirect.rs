//! Unit tests of `app::accounts::redirect`.
use app::accounts::redirect::local_path_or;
use proptest::prelude::*;

#[test]
fn keeps_local_paths_and_refuses_the_rest() {
    assert_eq!(local_path_or("/account", "/"), "/account");
    assert_eq!(
        local_path_or("/products?q=linen&page=2", "/"),
        "/products?q=linen&page=2"
    );
    for bad in [
        "",
        "account",
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "/\tx",
        "javascript:alert(1)",
    ] {
        assert_eq!(local_path_or(bad, "/"), "/", "{bad:?}");
    }
}

proptest! {
    #[test]
    fn whatever_comes_back_is_a_local_path(s in "\\PC{0,50}") {
        let out = local_path_or(&s, "/");
        prop_assert!(out.starts_with('/') && !out.starts_with("//"));
    }
}
