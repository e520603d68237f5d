//! Unit tests of the app's `ui` modules.
mod charts;
mod countries;
mod error_page;
mod paging;
mod seo;
mod url;
