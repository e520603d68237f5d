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
