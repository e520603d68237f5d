//! The staff's admin pages. Every server function here starts with `require_staff`.

pub mod api;
pub mod audit;
pub mod checkout;
pub mod customers;
pub mod home;
pub mod jobs;
pub mod mail;
pub mod messages;
pub mod messages_api;
pub mod orders;
pub mod products;
pub mod projects;
pub mod reviews;
pub mod showcase_queue;
pub mod studio_figures;
pub mod studio_jobs;
pub mod styles;
pub mod table;
pub mod taxonomy;
pub mod waitlist;
pub mod waitlist_api;
