//! The checkout in two steps: `/checkout` (contact, delivery address, delivery method) and
//! `/checkout/review` (what is ordered, where it goes, the exact total, the card, place order),
//! with the server functions that hold the cart's stock and place the order.

pub mod api;
#[cfg(feature = "ssr")]
pub mod details;
pub mod fields;
pub mod page;
pub mod review_api;
pub mod review_page;
