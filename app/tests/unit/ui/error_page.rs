//! Unit tests of `app::ui::error_page`.
use app::ui::error_page::accepts_html;

#[test]
fn html_is_accepted_by_browsers_curl_and_wildcards_only() {
    assert!(accepts_html("text/html,application/xhtml+xml,*/*;q=0.8"));
    assert!(accepts_html("*/*"));
    assert!(accepts_html("text/*"));
    assert!(!accepts_html("application/json"));
    assert!(!accepts_html("text/html;q=0, application/json"));
    assert!(!accepts_html("image/png"));
}
