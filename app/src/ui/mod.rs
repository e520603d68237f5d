//! Design-system pieces shared by every page.

pub mod carried_error;
pub mod charts;
pub mod countries;
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod enhance_forms;
pub mod error_page;
pub mod form;
pub mod header_counts;
pub mod image;
pub mod in_place_form;
pub mod layout;
pub mod loaded;
pub mod moved;
#[cfg(feature = "ssr")]
pub mod multipart;
pub mod notice;
pub mod package_script;
pub mod paging;
pub mod public_form;
pub mod seo;
pub mod time;
pub mod url;
