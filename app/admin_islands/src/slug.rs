//! The slug a product gets from its name when the editor leaves the slug empty (the same rule
//! as `domain::catalog::demo::slugify`, which a property test holds them to).

/// `"Linen Shirt — Navy"` → `"linen-shirt-navy"`: ASCII letters and digits, lowercased, runs of
/// anything else one dash, none at either end.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}
