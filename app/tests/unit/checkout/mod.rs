//! Unit tests of the app's `checkout` modules.
mod fields;
