//! Catalog rows: categories, brands, products (with their listing summary), variants, images.

use diesel::prelude::*;
use time::OffsetDateTime;

use crate::db::schema::{brands, categories, product_images, product_variants, products};

/// A product's lifecycle: only `active` products are shown to shoppers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductStatus {
    Draft,
    Active,
    Archived,
}

impl ProductStatus {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Archived => "archived",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "active" => Some(Self::Active),
            "archived" => Some(Self::Archived),
            _ => None,
        }
    }
}

/// A node of the category tree.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = categories, check_for_backend(diesel::pg::Pg))]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i32,
}

/// A brand.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = brands, check_for_backend(diesel::pg::Pg))]
pub struct Brand {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// A product with its listing summary.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = products, check_for_backend(diesel::pg::Pg))]
pub struct Product {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: String,
    pub brand_id: Option<i64>,
    pub category_id: i64,
    pub featured: bool,
    pub currency: String,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub in_stock: bool,
    pub rating_count: i32,
    pub rating_avg: f32,
    pub rating_hist: Vec<i32>,
    pub sales_count: i32,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Product {
    /// The parsed status (the column is constrained; unknown values read as draft).
    pub fn status(&self) -> ProductStatus {
        ProductStatus::parse(&self.status).unwrap_or(ProductStatus::Draft)
    }
}

/// One purchasable variant of a product.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = product_variants, check_for_backend(diesel::pg::Pg))]
pub struct Variant {
    pub id: i64,
    pub product_id: i64,
    pub sku: String,
    pub options: serde_json::Value,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub currency: String,
    pub stock: i32,
    pub low_stock_threshold: i32,
    pub position: i32,
    pub archived: bool,
}

impl Variant {
    /// The option values in their stored order, e.g. `[("size", "M"), ("colour", "Navy")]`.
    pub fn option_pairs(&self) -> Vec<(String, String)> {
        option_pairs(&self.options)
    }
}

/// Stored option values (`{"size": "M"}`) as pairs in their stored order.
pub fn option_pairs(options: &serde_json::Value) -> Vec<(String, String)> {
    options
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// An image of a product, in gallery order.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = product_images, check_for_backend(diesel::pg::Pg))]
pub struct ProductImage {
    pub id: i64,
    pub product_id: i64,
    pub media_id: uuid::Uuid,
    pub position: i32,
    pub alt: String,
}
