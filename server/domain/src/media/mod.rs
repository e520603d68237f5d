//! Images: uploads checked and re-encoded (`upload`), stored as files (`store`), sized copies
//! made by a job (`variants`, `jobs::process_media`), and the rows that describe them
//! (`queries`). The catalog uses it for product images; the studio will for photos.

pub mod queries;
pub mod store;
pub mod upload;
pub mod variants;

pub use queries::ImageRef;
pub use store::MediaStore;
pub use upload::UploadError;
