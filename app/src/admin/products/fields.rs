//! The product editor's form as submitted, checked field by field (shared by the browser and
//! the server): the product's own fields and its variant rows, each bad field reported by its
//! form name (`variants[2][price]`) so the message shows next to it.

use serde::{Deserialize, Serialize};

use crate::admin::taxonomy::fields::{Naming, check_naming, one_line};
use crate::catalog::money::parse_amount;

/// One variant row as typed; an all-empty row is ignored (the form offers blank rows).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantInput {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub colour: String,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub compare_at: String,
    #[serde(default)]
    pub stock: String,
    #[serde(default)]
    pub low_stock: String,
}

impl VariantInput {
    fn is_blank(&self) -> bool {
        [
            &self.sku,
            &self.size,
            &self.colour,
            &self.price,
            &self.compare_at,
            &self.stock,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// The product form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInput {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub status: String,
    /// A brand slug, or empty for none.
    pub brand: String,
    /// A category slug.
    pub category: String,
    pub featured: bool,
    pub variants: Vec<VariantInput>,
}

/// A checked variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVariant {
    pub id: Option<i64>,
    pub sku: String,
    pub size: Option<String>,
    pub colour: Option<String>,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub stock: i32,
    pub low_stock_threshold: i32,
}

impl ValidVariant {
    /// The option values as stored on the variant, e.g. `{"size": "M", "colour": "Navy"}`.
    pub fn options(&self) -> serde_json::Value {
        let mut options = serde_json::Map::new();
        if let Some(size) = &self.size {
            options.insert("size".into(), size.clone().into());
        }
        if let Some(colour) = &self.colour {
            options.insert("colour".into(), colour.clone().into());
        }
        serde_json::Value::Object(options)
    }
}

/// A checked product form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProduct {
    pub name: String,
    pub slug: String,
    pub description: String,
    /// `draft`, `active` or `archived`.
    pub status: String,
    pub brand: Option<String>,
    pub category: String,
    pub featured: bool,
    pub variants: Vec<ValidVariant>,
}

fn whole(value: &str, default: i32, max: i32) -> Result<i32, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(default);
    }
    match value.parse::<i32>() {
        Ok(n) if (0..=max).contains(&n) => Ok(n),
        _ => Err("Enter a whole number from 0 to 1 000 000."),
    }
}

fn option_value(value: &str) -> Result<Option<String>, &'static str> {
    let value = one_line(value);
    match value.chars().count() {
        0 => Ok(None),
        n if n > 40 => Err("Use at most 40 characters."),
        _ => Ok(Some(value)),
    }
}

fn variant(v: &VariantInput) -> (Option<ValidVariant>, Vec<(&'static str, &'static str)>) {
    let mut errors = Vec::new();
    let id = match v.id.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(("sku", "This row is not one of the product's variants."));
                None
            }
        },
    };
    let sku = v.sku.trim().to_uppercase();
    if sku.is_empty() {
        errors.push(("sku", "Enter a SKU."));
    } else if sku.len() > 64
        || !sku
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        errors.push((
            "sku",
            "Use at most 64 letters, digits, dashes, dots or underscores.",
        ));
    }
    let size = option_value(&v.size).unwrap_or_else(|e| {
        errors.push(("size", e));
        None
    });
    let colour = option_value(&v.colour).unwrap_or_else(|e| {
        errors.push(("colour", e));
        None
    });
    let price = match parse_amount(&v.price) {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            errors.push(("price", "Enter a price, like 49.90."));
            None
        }
        Err(_) => {
            errors.push((
                "price",
                "Enter a price of at most two decimals, like 49.90.",
            ));
            None
        }
    };
    let compare_at = match parse_amount(&v.compare_at) {
        Ok(c) => c,
        Err(_) => {
            errors.push((
                "compare_at",
                "Enter a price of at most two decimals, or nothing.",
            ));
            None
        }
    };
    if let (Some(p), Some(c)) = (price, compare_at)
        && c <= p
    {
        errors.push((
            "compare_at",
            "The price before the sale must be higher than the price.",
        ));
    }
    let stock = whole(&v.stock, 0, 1_000_000).unwrap_or_else(|e| {
        errors.push(("stock", e));
        0
    });
    let low = whole(&v.low_stock, 5, 1_000_000).unwrap_or_else(|e| {
        errors.push(("low_stock", e));
        0
    });
    match price {
        Some(price_cents) if errors.is_empty() => (
            Some(ValidVariant {
                id,
                sku,
                size,
                colour,
                price_cents,
                compare_at_cents: compare_at,
                stock,
                low_stock_threshold: low,
            }),
            errors,
        ),
        _ => (None, errors),
    }
}

impl ProductInput {
    /// Checks every field and variant row; on failure, each bad field's form name and message.
    pub fn validate(&self) -> Result<ValidProduct, Vec<(String, &'static str)>> {
        let mut errors: Vec<(String, &'static str)> = Vec::new();
        let Naming {
            name,
            slug,
            description,
        } = check_naming(&self.name, &self.slug, &self.description, &mut errors);
        let status = self.status.trim();
        if !["draft", "active", "archived"].contains(&status) {
            errors.push(("status".into(), "Pick draft, active or archived."));
        }
        if self.category.trim().is_empty() {
            errors.push(("category".into(), "Pick a category."));
        }
        let mut variants = Vec::new();
        for (i, row) in self.variants.iter().enumerate() {
            if row.is_blank() && row.id.trim().is_empty() {
                continue;
            }
            let (valid, row_errors) = variant(row);
            errors.extend(
                row_errors
                    .into_iter()
                    .map(|(f, m)| (format!("variants[{i}][{f}]"), m)),
            );
            variants.extend(valid);
        }
        let mut skus: Vec<&str> = variants.iter().map(|v| v.sku.as_str()).collect();
        skus.sort_unstable();
        if skus.windows(2).any(|w| w[0] == w[1]) {
            errors.push(("variants".into(), "Each variant needs its own SKU."));
        }
        if status == "active" && variants.is_empty() && errors.is_empty() {
            errors.push((
                "variants".into(),
                "An active product needs at least one variant.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidProduct {
            name,
            slug,
            description,
            status: status.to_owned(),
            brand: Some(self.brand.trim().to_owned()).filter(|b| !b.is_empty()),
            category: self.category.trim().to_owned(),
            featured: self.featured,
            variants,
        })
    }
}
