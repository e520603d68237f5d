//! The name, slug and description every catalog entry (product, category, brand) is typed with,
//! checked the same way on both sides: one line of at most 120 characters, a slug made from
//! the name when left empty, a description of at most 5000 characters.

use serde::{Deserialize, Serialize};

/// A category or brand form as typed; `parent` is a category slug (empty: top level), unused
/// for brands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedInput {
    pub name: String,
    pub slug: String,
    pub description: String,
    #[serde(default)]
    pub parent: String,
}

/// Checked name, slug and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    pub name: String,
    pub slug: String,
    pub description: String,
}

/// A checked category or brand form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNamed {
    pub naming: Naming,
    /// The parent category's slug, `None` for the top level.
    pub parent: Option<String>,
}

/// A URL slug from any text: lowercase ASCII letters and digits joined by single dashes.
pub fn slug_from(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether `s` has a slug's shape (what the database's CHECK accepts).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `value` on one line, runs of white space made one space.
pub fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a name, slug and description, adding each bad field's name and message to `errors`.
pub fn check_naming(
    name: &str,
    slug: &str,
    description: &str,
    errors: &mut Vec<(String, &'static str)>,
) -> Naming {
    let name = one_line(name);
    match name.chars().count() {
        0 => errors.push(("name".into(), "Enter a name.")),
        n if n > 120 => errors.push(("name".into(), "Use at most 120 characters.")),
        _ => {}
    }
    let slug = if slug.trim().is_empty() {
        slug_from(&name)
    } else {
        slug.trim().to_owned()
    };
    if !is_slug(&slug) || slug.len() > 120 {
        errors.push((
            "slug".into(),
            "Use lowercase letters and digits joined by dashes, like linen-shirt.",
        ));
    }
    let description = description.replace("\r\n", "\n").trim().to_owned();
    if description.chars().count() > 5_000 {
        errors.push(("description".into(), "Use at most 5000 characters."));
    }
    Naming {
        name,
        slug,
        description,
    }
}

impl NamedInput {
    /// Checks every field; on failure, each bad field's form name and message.
    pub fn validate(&self) -> Result<ValidNamed, Vec<(String, &'static str)>> {
        let mut errors = Vec::new();
        let naming = check_naming(&self.name, &self.slug, &self.description, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidNamed {
            naming,
            parent: Some(self.parent.trim().to_owned()).filter(|p| !p.is_empty()),
        })
    }
}
