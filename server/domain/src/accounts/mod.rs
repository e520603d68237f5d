//! User accounts: the `users` table, password hashing, and the account services built on them.

pub mod addresses;
pub mod demo;
pub mod identities;
pub mod models;
pub mod oauth;
pub mod password;
pub mod queries;
pub mod service;
pub mod staff_edits;
pub mod tokens;

pub use models::{NewUser, Plan, Role, User};
