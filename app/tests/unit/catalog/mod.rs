//! Unit tests of the app's `shop` modules.
mod listing_query;
mod money;
mod product_page;
mod review_fields;
mod reviews;
