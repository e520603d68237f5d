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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(q: &[(&str, &str)]) -> ListingRequest {
        let pairs: Vec<(String, String)> =
            q.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        ListingRequest::parse(&pairs)
    }

    #[test]
    fn a_full_query_parses() {
        let r = parse(&[
            ("q", "  linen   dress "),
            ("category", "Women"),
            ("brand", "fjord"),
            ("brand", "kestrel"),
            ("brand", "fjord"),
            ("min_price", "20"),
            ("max_price", "99,5"),
            ("in_stock", "1"),
            ("rating", "4"),
            ("sort", "price_asc"),
            ("page", "3"),
        ]);
        assert_eq!(r.q.as_deref(), Some("linen dress"));
        assert_eq!(r.category.as_deref(), Some("women"));
        assert_eq!(r.brands, ["fjord", "kestrel"]);
        assert_eq!(
            (r.min_price_cents, r.max_price_cents),
            (Some(2000), Some(9950))
        );
        assert!(r.in_stock);
        assert_eq!(r.min_rating, Some(4));
        assert_eq!((r.sort.as_str(), r.page), ("price_asc", 3));
        assert!(r.notices.is_empty());
    }

    #[test]
    fn bad_values_are_dropped_or_clamped_with_a_notice() {
        let r = parse(&[
            ("min_price", "-5"),
            ("max_price", "abc"),
            ("rating", "9"),
            ("sort", "cheapest"),
            ("page", "0"),
        ]);
        assert_eq!(
            (r.min_price_cents, r.max_price_cents, r.min_rating),
            (None, None, None)
        );
        assert_eq!((r.sort.as_str(), r.page), ("relevance", 1));
        assert_eq!(r.notices.len(), 5);
        let far = parse(&[("page", "1000000000")]);
        assert_eq!(far.page, MAX_PAGE);
        let swapped = parse(&[("min_price", "90"), ("max_price", "10")]);
        assert_eq!(
            (swapped.min_price_cents, swapped.max_price_cents),
            (Some(1000), Some(9000))
        );
    }

    proptest! {
        #[test]
        fn any_query_parses_within_bounds(k in "[a-z_]{1,10}", v in "\\PC{0,40}") {
            let r = parse(&[(&k, &v)]);
            prop_assert!((1..=MAX_PAGE).contains(&r.page));
            prop_assert!(r.min_price_cents.is_none_or(|c| c >= 0));
            prop_assert!(r.q.as_ref().is_none_or(|q| q.chars().count() <= 100));
        }
    }
}
