//! Unit tests of the app's `admin` modules.
mod catalog_csv;
mod checkout_fields;
mod naming_fields;
mod product_fields;
mod slug_preview;
