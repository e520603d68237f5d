//! Staff's product pages: the list, the editor (fields, pictures, the search preview), CSV export and imports.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod editor;
pub mod fields;
pub mod imports;
pub mod imports_api;
pub mod list;
