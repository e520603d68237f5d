//! Accounts: sign-up, sign-in (with a password, or with Google or GitHub), email verification,
//! sign-out and the account pages.

pub mod address_api;
pub mod address_fields;
pub mod address_pages;
pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod fields;
pub mod notifications;
pub mod notifications_api;
pub mod oauth_api;
pub mod pages;
pub mod profile_api;
pub mod profile_fields;
pub mod profile_pages;
pub mod provider_buttons;
pub mod redirect;
pub mod shell;
