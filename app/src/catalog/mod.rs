//! The shop window: product listing with filters and facets, product pages.

pub mod api;
pub mod gallery;
pub mod instant_filters;
pub mod listing_page;
pub mod listing_query;
pub mod money;
pub mod product_api;
pub mod product_page;
pub mod review_api;
pub mod review_fields;
pub mod reviews;
pub mod search_box;
pub mod suggest_api;
pub mod variant_picker;
pub mod wishlist;
pub mod wishlist_api;
