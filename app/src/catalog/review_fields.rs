//! A review as typed into the form, checked field by field (shared by the browser and the
//! server, so both reject the same input with the same messages).

use serde::{Deserialize, Serialize};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest review text, in characters.
pub const BODY_MAX: usize = 5_000;

/// A review as submitted, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInput {
    pub rating: String,
    pub title: String,
    pub body: String,
}

/// A review whose every field passed: rating 1..=5, title on one tidy line, body trimmed with
/// its paragraphs kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReview {
    pub rating: i16,
    pub title: String,
    pub body: String,
}

fn rating(value: &str) -> Result<i16, &'static str> {
    match value.trim().parse::<i16>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err("Choose from 1 to 5 stars."),
    }
}

fn title(value: &str) -> Result<String, &'static str> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match value.chars().count() {
        0 => Err("Give your review a title."),
        1..3 => Err("Use at least 3 characters."),
        n if n > TITLE_MAX => Err("Use at most 120 characters."),
        _ if value.chars().any(char::is_control) => {
            Err("Use letters, numbers, spaces and punctuation only.")
        }
        _ => Ok(value),
    }
}

fn body(value: &str) -> Result<String, &'static str> {
    // Line breaks are kept (paragraphs); other control characters are not text.
    let value = value.replace("\r\n", "\n");
    let value = value.trim();
    match value.chars().count() {
        0 => Err("Tell other shoppers what you think."),
        1..10 => Err("Write at least 10 characters."),
        n if n > BODY_MAX => Err("Use at most 5000 characters."),
        _ if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t') =>
        {
            Err("Use letters, numbers, spaces and punctuation only.")
        }
        _ => Ok(value.to_owned()),
    }
}

impl ReviewInput {
    /// Checks every field; on failure, the message of each bad field (by form field name).
    pub fn validate(&self) -> Result<ValidReview, Vec<(&'static str, &'static str)>> {
        match (rating(&self.rating), title(&self.title), body(&self.body)) {
            (Ok(rating), Ok(title), Ok(body)) => Ok(ValidReview {
                rating,
                title,
                body,
            }),
            (rating, title, body) => Err([
                ("rating", rating.err()),
                ("title", title.err()),
                ("body", body.err()),
            ]
            .into_iter()
            .filter_map(|(field, e)| e.map(|e| (field, e)))
            .collect()),
        }
    }
}
