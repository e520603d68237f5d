//! Daydream's server-only domain: database access, domain services and background jobs.
//!
//! Never compiled to WASM and never depends on Leptos; `app` (ssr) and `server` call into it.

pub mod accounts;
pub mod ai;
pub mod audit;
pub mod cache;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod contact;
pub mod csv_cells;
pub mod db;
pub mod email;
pub mod fingerprint;
pub mod jobs;
pub mod link_token;
pub mod media;
pub mod notifications;
pub mod orders;
pub mod payments;
pub mod projects;
pub mod rate_limit;
pub mod services;
pub mod sessions;
pub mod spam;
pub mod studio;
pub mod tls;
pub mod waitlist;
