//! The waitlist form as typed, checked field by field (shared by the page and the server).

use serde::{Deserialize, Serialize};

use crate::accounts::fields::Email;
use crate::contact::fields::one_line;

/// What the person typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistInput {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub role: String,
    /// `shop`, `studio`, `dashboard` or `everything`.
    pub interest: String,
}

/// The choices of `interest`: (value, label).
pub const INTERESTS: [(&str, &str); 4] = [
    ("everything", "Everything"),
    ("shop", "The shop"),
    ("studio", "The styling studio"),
    ("dashboard", "The client project dashboard"),
];

/// A sign-up whose fields passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWaitlist {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub role: String,
    pub interest: String,
}

/// An optional line: empty, or one line of at most `most` characters.
fn optional_line(raw: &str, most: usize) -> Option<String> {
    if raw.trim().is_empty() {
        Some(String::new())
    } else {
        one_line(raw, most)
    }
}

/// `value`, or `None` with `message` added to `errors` for `field`.
fn or_error<T>(
    value: Option<T>,
    errors: &mut Vec<(&'static str, &'static str)>,
    field: &'static str,
    message: &'static str,
) -> Option<T> {
    if value.is_none() {
        errors.push((field, message));
    }
    value
}

impl WaitlistInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidWaitlist, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let email = Email::parse(&self.email)
            .map_err(|m| errors.push(("email", m)))
            .ok();
        let first_name = or_error(
            one_line(&self.first_name, 100),
            &mut errors,
            "first_name",
            "Enter your first name (up to 100 characters).",
        );
        let last_name = or_error(
            one_line(&self.last_name, 100),
            &mut errors,
            "last_name",
            "Enter your last name (up to 100 characters).",
        );
        let company = or_error(
            optional_line(&self.company, 200),
            &mut errors,
            "company",
            "Keep the company to one line of 200 characters.",
        );
        let role = or_error(
            optional_line(&self.role, 100),
            &mut errors,
            "role",
            "Keep the role to one line of 100 characters.",
        );
        let interest = self.interest.trim();
        if !INTERESTS.iter().any(|(v, _)| *v == interest) {
            errors.push(("interest", "Choose what you are waiting for."));
        }
        match (email, first_name, last_name, company, role) {
            (Some(email), Some(first_name), Some(last_name), Some(company), Some(role))
                if errors.is_empty() =>
            {
                Ok(ValidWaitlist {
                    email: email.as_str().to_owned(),
                    first_name,
                    last_name,
                    company,
                    role,
                    interest: interest.to_owned(),
                })
            }
            _ => Err(errors),
        }
    }
}
