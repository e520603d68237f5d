//! Daydream's integration tests: one binary, one module per feature, each test on a fresh
//! database cloned from a migrated template on a private PostgreSQL cluster.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly by design"
)]

mod account_settings;
mod account_takeover;
mod accounts;
mod addresses;
mod admin;
mod admin_catalog;
mod admin_checkout;
mod admin_projects;
mod admin_taxonomy;
mod cart;
mod catalog;
mod checkout;
mod cli;
mod contact;
mod email;
mod errors;
mod health;
mod http_guards;
mod jobs;
mod listing_counts;
mod media;
mod migrations;
mod notifications;
mod oauth;
mod orders;
mod pages;
mod postgres;
mod private_media;
mod project_comments;
mod project_files;
mod project_resources;
mod projects;
mod reviews;
mod sessions;
mod shop_abuse;
mod similar_products;
mod studio_admin;
mod studio_images;
mod studio_jobs;
mod studio_openai;
mod studio_periodic;
mod studio_prints;
mod studio_results;
mod studio_style_admin;
mod studio_styles;
mod util;
mod waitlist;
