//! The catalog: categories, brands, products, variants, images, reviews, wishlists; the
//! listing and search queries; the demo store.

pub mod demo;
pub mod demo_images;
pub mod editing;
pub mod embeddings;
pub mod imports;
pub mod listing;
pub mod listing_counts;
pub mod models;
pub mod reads;
pub mod reviews;
pub mod sitemap;
pub mod taxonomy;
pub mod wishlist;
pub mod writes;

/// The shop's one currency: every price is stored in it (ISO 4217).
pub const CURRENCY: &str = "EUR";

pub use models::{Brand, Category, Product, ProductImage, ProductStatus, Variant};
