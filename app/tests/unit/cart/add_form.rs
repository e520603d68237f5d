//! Unit tests of `app::cart::add_form`.
use app::cart::add_form::return_path;

#[test]
fn the_return_path_keeps_the_variant_and_marks_the_add_once() {
    assert_eq!(
        return_path("/products/tee", "?size=M&added=TEE-M", "TEE-L"),
        "/products/tee?size=M&added=TEE-L"
    );
    assert_eq!(
        return_path("/products/tee", "", "TEE-M"),
        "/products/tee?added=TEE-M"
    );
    assert_eq!(
        return_path("/p", "?added&colour=Navy", "A B&C"),
        "/p?colour=Navy&added=A%20B%26C"
    );
}
