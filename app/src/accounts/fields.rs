//! The account form fields as parsed types — `Email`, `Password`, `DisplayName` — shared by the
//! browser and the server, so both reject the same input with the same message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Passwords people pick most often (from public breach corpora); only entries of 8 or more
/// characters are listed, shorter ones already fail the length rule.
pub const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

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
