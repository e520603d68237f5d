//! Design-system pieces shared by every page.

pub mod layout;
pub mod seo;
