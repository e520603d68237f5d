//! Unit tests of the app's `accounts` modules.
mod address_fields;
mod fields;
mod profile_fields;
mod redirect;
