//! A customer's orders: `/orders` and `/orders/{number}` (the owner's only), with the history
//! and cancelling a paid order that has not shipped.

pub mod api;
pub mod pages;
pub mod view;
