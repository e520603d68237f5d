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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_non_ascii_bytes_are_encoded() {
        assert_eq!(encode_component("/admin?q=a b"), "%2Fadmin%3Fq%3Da%20b");
        assert_eq!(encode_component("é"), "%C3%A9");
        assert_eq!(encode_component("safe-._~"), "safe-._~");
    }
}
