//! `/contact`: the contact form (stored, acknowledged, passed to staff through the outbox).

pub mod api;
pub mod fields;
pub mod page;
