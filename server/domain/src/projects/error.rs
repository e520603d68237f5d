//! Why a dashboard read or write was refused: not found (which is also what another client's
//! record answers), not allowed for this viewer, a field at fault, or a conflict.

/// Why a dashboard action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Nothing of that id the viewer may see.
    #[error("Not found.")]
    NotFound,
    /// The viewer may see it but not do this.
    #[error("{0}")]
    Forbidden(&'static str),
    /// A form field at fault.
    #[error("{message}")]
    Field {
        field: &'static str,
        message: String,
    },
    /// The change cannot be made as things stand.
    #[error("{0}")]
    Conflict(String),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// A field error.
pub fn field(field: &'static str, message: impl Into<String>) -> ProjectError {
    ProjectError::Field {
        field,
        message: message.into(),
    }
}
