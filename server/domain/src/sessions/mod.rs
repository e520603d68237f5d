//! Stored browser sessions: the rows behind the server's tower-sessions store.

pub mod queries;

pub use queries::SessionRow;
