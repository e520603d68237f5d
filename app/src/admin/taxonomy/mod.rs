//! Staff's categories and brands: lists, one shared editor, their fields and server functions.

pub mod api;
pub mod brands;
pub mod categories;
pub mod editor;
pub mod fields;
