//! The contact form (`/contact`): messages stored with their delivery state, the mail they
//! cause (acknowledgement, staff notice, replies) and what staff do with them.

pub mod messages;
pub mod staff;

/// Why a contact action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    #[error("Not found.")]
    NotFound,
    #[error("{0}")]
    Conflict(&'static str),
    #[error("the email could not be written: {0}")]
    Mail(#[from] askama::Error),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}
