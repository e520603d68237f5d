//! Order numbers: what URLs, emails and people use for an order — 10 random Crockford base32
//! characters (50 bits) after `DD-`, so one customer cannot guess another's.

use std::fmt;

use rand::Rng;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX: &str = "DD-";
const LEN: usize = 10;

/// A well-formed order number, e.g. `DD-7K3QX9MZ2A`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderNumber(String);

impl OrderNumber {
    /// A fresh random number.
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        let body: String = (0..LEN)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Self(format!("{PREFIX}{body}"))
    }

    /// Parses what a URL or a person typed (any case, `I`/`L` read as 1, `O` as 0); `None`
    /// when it cannot be an order number.
    pub fn parse(input: &str) -> Option<Self> {
        let upper = input.trim().to_ascii_uppercase();
        let body = upper.strip_prefix(PREFIX)?;
        if body.len() != LEN {
            return None;
        }
        let body: Option<String> = body
            .chars()
            .map(|c| match c {
                'I' | 'L' => Some('1'),
                'O' => Some('0'),
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => Some(c),
                _ => None,
            })
            .collect();
        Some(Self(format!("{PREFIX}{}", body?)))
    }

    /// The number as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn generated_numbers_parse_and_differ() {
        let a = OrderNumber::generate();
        let b = OrderNumber::generate();
        assert_ne!(a, b);
        assert_eq!(OrderNumber::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.as_str().len(), 13);
    }

    #[test]
    fn lenient_reading_strict_rejection() {
        assert_eq!(
            OrderNumber::parse(" dd-7k3qx9mz2o ").map(|n| n.0),
            Some("DD-7K3QX9MZ20".to_owned())
        );
        for bad in [
            "",
            "DD-",
            "DD-123",
            "7K3QX9MZ2A",
            "DD-7K3QX9MZ2U",
            "DD-7K3QX9MZ2AA",
            "DD-7K3QX9MZ2é",
        ] {
            assert_eq!(OrderNumber::parse(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,20}") {
            let _ = OrderNumber::parse(&s);
        }
    }
}
