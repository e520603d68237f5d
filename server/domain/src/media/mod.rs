//! Images: uploads checked and re-encoded (`upload`), stored as files (`store`, public or
//! private), sized copies made by a job (`variants`, `jobs::process_media`), the rows that
//! describe them (`queries`) and the signed addresses of private ones (`signing`). The catalog
//! uses it for product pictures; the studio for a user's photos and results.

pub mod queries;
pub mod signing;
pub mod store;
pub mod upload;
pub mod variants;

pub use queries::ImageRef;
pub use signing::UrlSigner;
pub use store::{MediaStore, Visibility};
pub use upload::UploadError;
