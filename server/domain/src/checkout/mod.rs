//! Checkout: the money of a cart (one totals function), coupons, shipping and tax, and placing
//! an order in one transaction that never oversells and never charges twice.

pub mod coupons;
pub mod demo;
pub mod place;
mod place_queries;
pub mod quote;
pub mod shipping;
pub mod staff_edits;
pub mod totals;

/// Where carts are taxed before the shopper gives an address (the shop's own country).
pub const HOME_COUNTRY: &str = "NL";
