//! Staff's checkout settings: coupons, shipping methods and tax rates.

pub mod api;
pub mod coupons;
pub mod fields;
pub mod shipping;
