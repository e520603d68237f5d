//! Outside AI services. Only OpenAI for now, reached through the async-openai client; every
//! caller treats it as optional (the shop and studio have local methods when it is not set).

pub mod calls;
pub mod circuit;
pub mod images;
pub mod openai;

pub use openai::{OpenAi, OpenAiSettings};
