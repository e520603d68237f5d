//! The staff's admin pages. Every server function here starts with `require_staff`.

pub mod api;
pub mod audit;
pub mod brands;
#[cfg(feature = "ssr")]
pub mod catalog_csv;
pub mod categories;
pub mod customers;
pub mod home;
pub mod imports;
pub mod imports_api;
pub mod jobs;
pub mod mail;
pub mod named_editor;
pub mod naming_fields;
pub mod product_editor;
pub mod product_fields;
pub mod products;
pub mod products_api;
pub mod reviews;
pub mod reviews_api;
pub mod table;
pub mod taxonomy_api;
