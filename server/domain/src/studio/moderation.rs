//! The local moderation check every prompt passes before a job runs, whatever else is
//! configured: a short list of terms (`blocked_terms.txt`) matched as whole words or word
//! pairs, case- and punctuation-blind, so "Nude-child" and "NUDE  child" are caught and
//! "therapist" is not caught by "rape". OpenAI's moderation model, when a key is set, judges
//! context on top of this.

use std::sync::LazyLock;

/// The terms, each as its words.
static BLOCKED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    include_str!("blocked_terms.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(words)
        .collect()
});

/// The longest prompt a job takes, in characters.
pub const MAX_PROMPT: usize = 4000;

/// Why a prompt was refused, in words for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

/// `text` as lowercase words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The blocked term `prompt` contains, if any.
pub fn blocked_term(prompt: &str) -> Option<String> {
    let said = words(prompt);
    BLOCKED
        .iter()
        .find(|term| said.windows(term.len()).any(|w| w == term.as_slice()))
        .map(|term| term.join(" "))
}

/// Checks a prompt locally: `Err` names what is not allowed.
pub fn check_prompt(prompt: &str) -> Result<(), Refusal> {
    match blocked_term(prompt) {
        Some(term) => Err(Refusal(format!(
            "The request was refused: “{term}” is not allowed in the studio. Nothing was counted against today's styles."
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_as_whole_words_whatever_the_case_and_punctuation() {
        assert!(check_prompt("a NUDE-child on a beach").is_err());
        assert!(check_prompt("Nude   minor").is_err());
        assert!(check_prompt("a swastika flag").is_err());
        assert!(check_prompt("a therapist's office in watercolour").is_ok());
        assert!(check_prompt("grape harvest, oil paint").is_ok());
        assert!(check_prompt("a child and a dog on a beach").is_ok());
        assert!(check_prompt("").is_ok());
    }

    #[test]
    fn the_list_is_loaded() {
        assert!(BLOCKED.len() >= 20);
        assert!(BLOCKED.iter().all(|t| !t.is_empty() && t.len() <= 3));
    }
}
