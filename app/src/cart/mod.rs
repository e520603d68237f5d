//! The cart: `/cart`, the add-to-cart form, the header's item count, and the server functions
//! behind them.

pub mod add_form;
pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod session;
pub mod summary;
