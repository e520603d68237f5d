//! Unit tests of `app::ui::url`.
use app::ui::url::*;

#[test]
fn reserved_and_non_ascii_bytes_are_encoded() {
    assert_eq!(encode_component("/admin?q=a b"), "%2Fadmin%3Fq%3Da%20b");
    assert_eq!(encode_component("é"), "%C3%A9");
    assert_eq!(encode_component("safe-._~"), "safe-._~");
}
