//! The styling studio: a user's photos, the style catalog, styling jobs and their results.
//! Built in parts (issue 18): so far the private media it stores photos in (`media`), the local
//! style engine (`local`), which styles photos in pure Rust when no OpenAI key is set, and the
//! style catalog (`styles`, its prompt templates in `prompt`, the demo catalog in `demo`), a
//! person's photos (`images`) with the daily usage their plan allows (`usage`), and styling
//! jobs (`jobs`, their checked states in `job_state`, the engines behind one trait in `engine`,
//! the local prompt check in `moderation`, the in-between pictures OpenAI streams in `partials`; the queue's worker is `jobs::run_studio_job`), and
//! their results as the gallery and the public showcase keep them (`results`).

pub mod demo;
pub mod demo_photos;
pub mod download;
pub mod engine;
pub mod figures;
pub mod images;
pub mod job_state;
pub mod jobs;
pub mod local;
pub mod moderation;
pub mod openai_engine;
pub mod partials;
pub mod prints;
pub mod prompt;
pub mod results;
pub mod style_admin;
pub mod styles;
pub mod usage;
