//! Staff's orders: the filtered list, an order's detail and its status moves.

pub mod api;
pub mod pages;
