//! The Daydream server: configuration, the private PostgreSQL supervisor, the axum shell around
//! the Leptos app, sessions, background workers and the command line. `main.rs` only calls in.

pub mod bench_checkout;
pub mod bench_dashboard;
pub mod bench_studio_queue;
pub mod bench_styles;
pub mod cli;
pub mod config;
pub mod database;
pub mod http;
pub mod media_key;
pub mod postgres;
pub mod production;
pub mod report;
pub mod serve;
pub mod sessions;
pub mod state;
pub mod telemetry;
