//! Test helpers: the `TestApp` builder and the template-database machinery behind it.

pub mod hostile;
pub mod oauth_server;
pub mod openai_server;
pub mod people;
pub mod projects;
pub mod shop;
pub mod smtp_server;
pub mod studio;
pub mod test_app;
pub mod test_database;

pub use test_app::TestApp;
