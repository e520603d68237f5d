//! The listing's URL query (`q`, `category`, `brand` (repeated), `min_price`, `max_price`,
//! `in_stock`, `rating`, `sort`, `page`) parsed into a checked request. Bad values never fail
//! the page: they are dropped or clamped, and a notice says what was ignored.

use serde::{Deserialize, Serialize};

use super::money::parse_amount;

/// Products shown per listing page.
pub const PER_PAGE: u32 = 24;
/// The last page a listing serves (deeper requests are clamped).
pub const MAX_PAGE: u32 = 400;

/// The sort orders, as they appear in the URL.
pub const SORTS: [(&str, &str); 6] = [
    ("relevance", "Relevance"),
    ("price_asc", "Price: low to high"),
    ("price_desc", "Price: high to low"),
    ("newest", "Newest"),
    ("rating", "Best rated"),
    ("popular", "Most popular"),
];

/// A checked listing request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListingRequest {
    pub q: Option<String>,
    /// A category slug.
    pub category: Option<String>,
    /// Brand slugs.
    pub brands: Vec<String>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    pub in_stock: bool,
    /// 1..=4.
    pub min_rating: Option<u8>,
    /// One of `SORTS`.
    pub sort: String,
    pub page: u32,
    /// What was ignored or clamped, for the shopper.
    pub notices: Vec<String>,
}

impl ListingRequest {
    /// Parses the URL query pairs (a key may repeat: `brand`).
    pub fn parse(pairs: &[(String, String)]) -> Self {
        let mut r = Self {
            sort: "relevance".into(),
            page: 1,
            ..Self::default()
        };
        for (key, value) in pairs {
            let value = value.trim();
            match key.as_str() {
                "q" => {
                    let q: String = value
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(100)
                        .collect();
                    let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
                    r.q = (!q.is_empty()).then_some(q);
                }
                "category" if !value.is_empty() => r.category = Some(value.to_lowercase()),
                "brand" if !value.is_empty() => {
                    let slug = value.to_lowercase();
                    if !r.brands.contains(&slug) && r.brands.len() < 20 {
                        r.brands.push(slug);
                    }
                }
                "min_price" | "max_price" => match parse_amount(value) {
                    Ok(cents) if key == "min_price" => r.min_price_cents = cents,
                    Ok(cents) => r.max_price_cents = cents,
                    Err(_) => r.notices.push(format!(
                        "“{value}” is not a price, so the {} price was ignored.",
                        if key == "min_price" {
                            "lowest"
                        } else {
                            "highest"
                        }
                    )),
                },
                "in_stock" => r.in_stock = matches!(value, "1" | "true" | "on" | "yes"),
                "rating" if !value.is_empty() => match value.parse::<u8>() {
                    Ok(n @ 1..=4) => r.min_rating = Some(n),
                    _ => r
                        .notices
                        .push("The rating filter takes 1 to 4 stars; it was ignored.".into()),
                },
                "sort" if !value.is_empty() => {
                    if SORTS.iter().any(|(k, _)| *k == value) {
                        r.sort = value.to_owned();
                    } else {
                        r.notices.push(format!(
                            "Unknown sort “{value}”: showing the most relevant first."
                        ));
                    }
                }
                "page" if !value.is_empty() => match value.parse::<u64>() {
                    Ok(0) | Err(_) => r
                        .notices
                        .push("Pages are numbered from 1: showing the first.".into()),
                    Ok(n) if n > u64::from(MAX_PAGE) => {
                        r.page = MAX_PAGE;
                        r.notices
                            .push(format!("Showing page {MAX_PAGE}, the last one we serve."));
                    }
                    Ok(n) => r.page = n as u32,
                },
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (r.min_price_cents, r.max_price_cents)
            && min > max
        {
            r.min_price_cents = Some(max);
            r.max_price_cents = Some(min);
            r.notices
                .push("The lowest price was above the highest: we swapped them.".into());
        }
        r
    }

    /// Whether any filter (not the sort or page) is set.
    pub fn has_filters(&self) -> bool {
        self.q.is_some()
            || self.category.is_some()
            || !self.brands.is_empty()
            || self.min_price_cents.is_some()
            || self.max_price_cents.is_some()
            || self.in_stock
            || self.min_rating.is_some()
    }
}
