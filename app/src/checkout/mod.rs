//! `/checkout`: contact, delivery address, delivery method, payment and review on one page,
//! and the server functions that hold the cart's stock and place the order.

pub mod api;
pub mod fields;
pub mod page;
