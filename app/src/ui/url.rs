//! URL pieces built by the pages: percent-encoding of query keys and values.

/// Percent-encodes everything but the unreserved characters (RFC 3986), for a query key or
/// value or a `next=` path.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
