//! Unit tests of `app::ui::seo`.
use app::ui::seo::script_safe_json;

#[test]
fn json_ld_cannot_break_out_of_its_script() {
    let json = serde_json::json!({ "name": "</script><!-- & <b>" }).to_string();
    let safe = script_safe_json(&json);
    assert!(
        !safe.contains('<') && !safe.contains('>') && !safe.contains('&'),
        "{safe}"
    );
    let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
    assert_eq!(back["name"], "</script><!-- & <b>");
}
