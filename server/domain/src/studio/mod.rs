//! The styling studio: a user's photos, the style catalog, styling jobs and their results.
//! Built in parts (issue 18): so far the private media it stores photos in (`media`), the local
//! style engine (`local`), which styles photos in pure Rust when no OpenAI key is set, and the
//! style catalog (`styles`, its prompt templates in `prompt`, the demo catalog in `demo`) and a
//! person's photos (`images`) with the daily usage their plan allows (`usage`).

pub mod demo;
pub mod images;
pub mod local;
pub mod prompt;
pub mod styles;
pub mod usage;
