//! Accounts: sign-up, sign-in, email verification, sign-out and the account page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod fields;
pub mod pages;
pub mod redirect;
