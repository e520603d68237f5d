//! The admin's islands: the interactive parts of staff pages, kept out of the shopper's WASM.
//! They are rendered on the server by `app` and hydrated by the admin's own WASM package
//! (`frontend/admin`), which only admin pages load (`app::admin::islands_script`).

pub mod search_preview;
pub mod slug;

pub use search_preview::SearchPreview;
