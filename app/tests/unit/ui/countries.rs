//! Unit tests of `app::ui::countries`.
use app::ui::countries::*;

#[test]
fn codes_are_two_capitals_and_unique() {
    let codes: Vec<&str> = all().map(|(c, _)| c).collect();
    assert!(codes.len() >= 240);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    );
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), codes.len());
}

#[test]
fn names_are_found_by_code() {
    assert_eq!(name("de"), Some("Germany"));
    assert_eq!(name("GB"), Some("United Kingdom"));
    assert_eq!(name("XX"), None);
}
