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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(rating: &str, title: &str, body: &str) -> ReviewInput {
        ReviewInput {
            rating: rating.into(),
            title: title.into(),
            body: body.into(),
        }
    }

    #[test]
    fn a_good_review_is_tidied() {
        let valid = input(
            " 4 ",
            "  Warm   and soft ",
            "\n Fits well.\r\nWould buy again. \n",
        )
        .validate()
        .unwrap();
        assert_eq!(valid.rating, 4);
        assert_eq!(valid.title, "Warm and soft");
        assert_eq!(valid.body, "Fits well.\nWould buy again.");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = input("6", "", "short").validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["rating", "title", "body"]);
        assert!(
            input("0", "Fine title", "long enough body")
                .validate()
                .is_err()
        );
        assert!(
            input("three", "Fine title", "long enough body")
                .validate()
                .is_err()
        );
        assert!(input("3", "ok", "long enough body").validate().is_err());
        assert!(
            input("3", "Fine title", &"x".repeat(BODY_MAX + 1))
                .validate()
                .is_err()
        );
        assert!(
            input("3", "Fine\u{7}title", "long enough body")
                .validate()
                .is_err()
        );
    }

    proptest! {
        #[test]
        fn whatever_passes_keeps_the_rules(r in "[0-9 ]{0,3}", t in "\\PC{0,130}", b in "\\PC{0,60}") {
            if let Ok(v) = input(&r, &t, &b).validate() {
                prop_assert!((1..=5).contains(&v.rating));
                prop_assert!((3..=TITLE_MAX).contains(&v.title.chars().count()));
                prop_assert!(v.body.chars().count() >= 10);
                prop_assert_eq!(v.title.trim(), v.title.as_str());
            }
        }
    }
}
