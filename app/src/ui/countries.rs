//! The countries an address may be in (ISO 3166-1, from Debian's iso-codes), by code and name.

/// `CODE Name` lines, sorted by name.
const COUNTRIES: &str = include_str!("countries.txt");

/// Every country as `(alpha-2 code, name)`, sorted by name.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    COUNTRIES.lines().filter_map(|line| line.split_once(' '))
}

/// The name of the country with this alpha-2 code (any case).
pub fn name(code: &str) -> Option<&'static str> {
    all()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
