//! The styling studio: a user's photos, the style catalog, styling jobs and their results.
//! Built in parts (issue 18): so far the private media it stores photos in (`media`) and the
//! local style engine (`local`), which styles photos in pure Rust when no OpenAI key is set.

pub mod local;
