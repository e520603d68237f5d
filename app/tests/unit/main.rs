//! The app crate's unit and property tests, one module per source file they test.
//!
//! They live here, outside `src/`, so the release build compiles the app crate once: tests
//! inside the library would compile all of it a second time as a test harness (about 6 min
//! of the cold `make test` on two cores).

mod accounts;
mod admin;
mod cart;
mod catalog;
mod checkout;
mod error;
mod studio;
mod ui;
