//! The account form fields as parsed types — `Email`, `Password`, `DisplayName` — shared by the
//! browser and the server, so both reject the same input with the same message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Passwords people pick most often (from public breach corpora); only entries of 8 or more
/// characters are listed, shorter ones already fail the length rule.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// A syntactically valid email address, trimmed, with its domain lowercased.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The message shown when an address does not parse.
    pub const INVALID: &'static str = "Enter an email address like name@example.com.";

    /// Parses user input.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let input = input.trim();
        if input.is_empty() {
            return Err("Enter your email address.");
        }
        if input.len() > 254 {
            return Err("That email address is too long.");
        }
        let (local, domain) = input.rsplit_once('@').ok_or(Self::INVALID)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if !(local_ok && domain_ok) {
            return Err(Self::INVALID);
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address with most of the local part hidden, for logs (`ja***@example.com`).
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let shown: String = local.chars().take(2).collect();
        format!("{shown}***@{domain}")
    }
}

impl TryFrom<String> for Email {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.masked())
    }
}

/// A new password that passed the rules: 8 to 128 characters, not one of the most common.
/// Never serialized, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 8;
    /// Staff and admins can see every customer: their passwords must be longer.
    pub const STAFF_MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// Checks a new password for a staff member or admin (at least 12 characters).
    pub fn parse_for_staff(input: &str) -> Result<Self, &'static str> {
        let password = Self::parse(input)?;
        if input.chars().count() < Self::STAFF_MIN_CHARS {
            return Err("Staff accounts need at least 12 characters.");
        }
        Ok(password)
    }

    /// Checks a new password for an account with this role.
    pub fn parse_for_role(input: &str, staff: bool) -> Result<Self, &'static str> {
        if staff {
            Self::parse_for_staff(input)
        } else {
            Self::parse(input)
        }
    }

    /// Checks a new password.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let chars = input.chars().count();
        if chars == 0 {
            return Err("Choose a password.");
        }
        if chars < Self::MIN_CHARS {
            return Err("Use at least 8 characters.");
        }
        if chars > Self::MAX_CHARS {
            return Err("Use at most 128 characters.");
        }
        if is_common(input) {
            return Err("That password is one of the most common ones. Choose another.");
        }
        Ok(Self(input.to_owned()))
    }

    /// The password, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    COMMON_PASSWORDS.lines().any(|line| line == lowered)
}

/// A display name: 1 to 60 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    /// Parses user input.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            return Err("Enter your name.");
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err("Use at most 60 characters.");
        }
        if name.chars().any(char::is_control) {
            return Err("Use letters, numbers, spaces and punctuation only.");
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_trimmed_and_their_domain_lowercased() {
        assert_eq!(
            Email::parse("  Ana.Lima@Example.COM ").unwrap().as_str(),
            "Ana.Lima@example.com"
        );
        assert_eq!(
            Email::parse("o'brien+shop@mail.example.ie")
                .unwrap()
                .as_str(),
            "o'brien+shop@mail.example.ie"
        );
    }

    #[test]
    fn bad_emails_get_a_message() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@b.c",
            "a b@example.com",
            "a@exa mple.com",
            "a@-x.com",
            "a@x-.com",
            "a..b@example.com",
            ".a@example.com",
            "a@example.123",
            "a@@example.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Email::parse("").unwrap_err(), "Enter your email address.");
        assert_eq!(Email::parse("x").unwrap_err(), Email::INVALID);
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(65))).is_err());
    }

    #[test]
    fn emails_print_masked() {
        let e = Email::parse("janedoe@example.com").unwrap();
        assert_eq!(format!("{e:?}"), "Email(ja***@example.com)");
    }

    #[test]
    fn passwords_follow_the_rules() {
        assert_eq!(Password::parse("").unwrap_err(), "Choose a password.");
        assert!(Password::parse("purple-otter").is_ok());
        assert!(
            Password::parse_for_staff("purple-otter").is_ok(),
            "12 is enough"
        );
        assert_eq!(
            Password::parse_for_staff("purple-otte").unwrap_err(),
            "Staff accounts need at least 12 characters."
        );
        assert!(Password::parse_for_role("purple-ott", false).is_ok());
        assert!(Password::parse_for_role("purple-ott", true).is_err());
        assert_eq!(
            Password::parse("short").unwrap_err(),
            "Use at least 8 characters."
        );
        assert!(Password::parse(&"x".repeat(129)).is_err());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert!(Password::parse("password").is_err(), "common");
        assert!(Password::parse("PassWord123").is_err(), "common, any case");
        assert!(Password::parse("correct horse battery staple").is_ok());
        // Characters, not bytes: eight accented letters are enough.
        assert!(Password::parse("éééééééé").is_ok());
        assert_eq!(
            format!("{:?}", Password::parse("s3cret-enough!").unwrap()),
            "Password([redacted])"
        );
    }

    #[test]
    fn the_common_list_is_lowercase_and_long_enough() {
        for line in COMMON_PASSWORDS.lines() {
            assert_eq!(line, line.to_lowercase());
            assert!(line.chars().count() >= Password::MIN_CHARS, "{line}");
        }
        assert!(COMMON_PASSWORDS.lines().count() >= 100);
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Ana Lima ").unwrap().as_str(),
            "Ana Lima"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"é".repeat(60)).is_ok());
        assert!(DisplayName::parse(&"é".repeat(61)).is_err());
        assert!(DisplayName::parse("Ana\u{0}Lima").is_err());
    }

    proptest! {
        #[test]
        fn parsed_emails_parse_again_to_themselves(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", domain in "[a-z][a-z0-9-]{0,10}[a-z0-9]\\.[a-z]{2,6}") {
            let email = Email::parse(&format!("{local}@{domain}"));
            if let Ok(email) = email {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                prop_assert!(email.as_str().len() <= 254);
            } else {
                prop_assert!(local.contains(".."));
            }
        }

        #[test]
        fn email_parsing_never_panics(s in "\\PC{0,300}") {
            let _ = Email::parse(&s);
        }

        #[test]
        fn passwords_in_range_of_random_characters_are_accepted(s in "[a-zA-Z0-9!@#$%^&*]{8,128}") {
            let lowered = s.to_lowercase();
            prop_assume!(!COMMON_PASSWORDS.lines().any(|l| l == lowered));
            prop_assert!(Password::parse(&s).is_ok());
        }

        #[test]
        fn display_names_round_trip(s in "\\PC{0,80}") {
            if let Ok(name) = DisplayName::parse(&s) {
                prop_assert_eq!(DisplayName::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(name.as_str().chars().count() <= 60);
            }
        }
    }
}
