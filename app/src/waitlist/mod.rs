//! `/waitlist`: joining the waitlist (double opt-in) and confirming a place by the mailed link.

pub mod api;
pub mod fields;
pub mod page;
