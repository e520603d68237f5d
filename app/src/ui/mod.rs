//! Design-system pieces shared by every page.

pub mod error_page;
pub mod form;
pub mod layout;
pub mod seo;
