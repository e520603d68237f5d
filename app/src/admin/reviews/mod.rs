//! Staff's review moderation.

pub mod api;
pub mod pages;
