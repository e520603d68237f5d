//! The contact form as typed, checked field by field (shared by the page and the server).

use serde::{Deserialize, Serialize};

use crate::accounts::fields::Email;

/// What the sender typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
}

/// A message whose fields passed: trimmed, the address normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContact {
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
}

/// The longest message, in characters.
pub const MESSAGE_MOST: usize = 5000;
/// The shortest message, in characters.
pub const MESSAGE_LEAST: usize = 10;

/// `raw` trimmed when it is one line of 1 to `most` characters without control characters.
pub fn one_line(raw: &str, most: usize) -> Option<String> {
    let v = raw.trim();
    let fits = !v.is_empty() && v.chars().count() <= most && !v.chars().any(char::is_control);
    fits.then(|| v.to_owned())
}

impl ContactInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidContact, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let name = one_line(&self.name, 200).or_else(|| {
            errors.push(("name", "Enter your name (up to 200 characters)."));
            None
        });
        let email = Email::parse(&self.email)
            .map_err(|m| errors.push(("email", m)))
            .ok();
        let subject = one_line(&self.subject, 200).or_else(|| {
            errors.push((
                "subject",
                "Enter a subject (one line, up to 200 characters).",
            ));
            None
        });
        let message = self.message.trim().replace("\r\n", "\n");
        let chars = message.chars().count();
        if chars < MESSAGE_LEAST {
            errors.push(("message", "Write a little more: at least 10 characters."));
        } else if chars > MESSAGE_MOST {
            errors.push(("message", "Keep it under 5000 characters."));
        }
        match (name, email, subject) {
            (Some(name), Some(email), Some(subject)) if errors.is_empty() => Ok(ValidContact {
                name,
                email: email.as_str().to_owned(),
                subject,
                message,
            }),
            _ => Err(errors),
        }
    }
}
