//! Accounts: sign-up, sign-in, email verification, password reset and the account pages.

pub mod fields;
