//! Prompt templates of the OpenAI styles: text with placeholders in braces, such as
//! "A {style_name} portrait of {subject}". A template is checked when a style is saved (every
//! brace closed, every placeholder one the studio fills in), so a job never sends a prompt with
//! a stray `{subjcet}` in it.

/// The placeholders a template may use, and what the studio puts there.
pub const PLACEHOLDERS: [(&str, &str); 3] = [
    (
        "subject",
        "what the photo shows, or the words of a generate prompt",
    ),
    ("style_name", "the style's name"),
    ("details", "the extra words the person typed (may be empty)"),
];

/// Why a template was refused; each reads as the message the editor sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("The prompt template is empty.")]
    Empty,
    #[error("A brace is not closed or not opened (at character {0}).")]
    Unbalanced(usize),
    #[error("Unknown placeholder {{{0}}}: use {{subject}}, {{style_name}} or {{details}}.")]
    Unknown(String),
    #[error("The prompt template must say where the subject goes: add {{subject}}.")]
    NoSubject,
}

/// The placeholders of `template` in order, or why it is malformed.
fn placeholders(template: &str) -> Result<Vec<&str>, TemplateError> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in template.char_indices() {
        match (c, open) {
            ('{', None) => open = Some(i),
            ('{', Some(_)) | ('}', None) => return Err(TemplateError::Unbalanced(i)),
            ('}', Some(start)) => {
                found.push(&template[start + 1..i]);
                open = None;
            }
            _ => {}
        }
    }
    match open {
        Some(start) => Err(TemplateError::Unbalanced(start)),
        None => Ok(found),
    }
}

/// Checks a template for saving.
pub fn check(template: &str) -> Result<(), TemplateError> {
    if template.trim().is_empty() {
        return Err(TemplateError::Empty);
    }
    let names = placeholders(template)?;
    if let Some(bad) = names
        .iter()
        .find(|n| !PLACEHOLDERS.iter().any(|(known, _)| known == *n))
    {
        return Err(TemplateError::Unknown((*bad).to_owned()));
    }
    if !names.contains(&"subject") {
        return Err(TemplateError::NoSubject);
    }
    Ok(())
}

/// The prompt: `template` with its placeholders filled (a checked template; unknown names are
/// left out). Braces in the values are kept as typed: filling happens once, left to right.
pub fn fill(template: &str, subject: &str, style_name: &str, details: &str) -> String {
    let mut out = String::with_capacity(template.len() + subject.len() + details.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        match &rest[start + 1..start + len] {
            "subject" => out.push_str(subject),
            "style_name" => out.push_str(style_name),
            "details" => out.push_str(details),
            _ => {}
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    // "…, {details}" with no details leaves a dangling comma and space: tidy the ends.
    out.trim().trim_end_matches(',').trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn good_templates_pass_and_bad_ones_say_why() {
        assert_eq!(
            check("A {style_name} portrait of {subject}, {details}"),
            Ok(())
        );
        assert_eq!(check("  "), Err(TemplateError::Empty));
        assert_eq!(check("{subject"), Err(TemplateError::Unbalanced(0)));
        assert_eq!(check("subject}"), Err(TemplateError::Unbalanced(7)));
        assert_eq!(check("{{subject}}"), Err(TemplateError::Unbalanced(1)));
        assert_eq!(
            check("{subjcet} in oils"),
            Err(TemplateError::Unknown("subjcet".into()))
        );
        assert_eq!(check("Oil paint, {details}"), Err(TemplateError::NoSubject));
        assert!(
            TemplateError::Unknown("x".into())
                .to_string()
                .contains("{x}")
        );
    }

    #[test]
    fn filling_puts_each_value_in_its_place() {
        assert_eq!(
            fill(
                "A {style_name} of {subject}, {details}",
                "a cat",
                "watercolour",
                "soft light"
            ),
            "A watercolour of a cat, soft light"
        );
        assert_eq!(
            fill("{subject} as {style_name}, {details}", "a dog", "ink", ""),
            "a dog as ink"
        );
        assert_eq!(
            fill("{subject}!", "{style_name}", "x", ""),
            "{style_name}!",
            "a value is not filled again"
        );
    }

    proptest! {
        /// Checking and filling never panic on any text.
        #[test]
        fn any_text_is_handled(t in ".{0,80}", s in ".{0,20}") {
            let _ = check(&t);
            let _ = fill(&t, &s, &s, &s);
        }
    }
}
