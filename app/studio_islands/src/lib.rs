//! The studio's islands: the interactive parts of studio pages, kept out of the shopper's WASM.
//! They are rendered on the server by `app` and hydrated by the studio's own WASM package
//! (`frontend/studio`), which only studio pages load (`app::ui::package_script`). Each works on
//! the server's HTML around it: without JavaScript that HTML does the whole job.

pub mod compare;
pub mod job_progress;
pub mod upload;

pub use compare::CompareSlider;
pub use job_progress::JobProgress;
pub use upload::UploadHelper;
