//! Unit tests of the app's `cart` modules.
mod add_form;
