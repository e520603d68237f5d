//! The waitlist (`/waitlist`): a double opt-in list of people waiting for an account, and the
//! staff's batches that invite the next ones.

pub mod entries;
pub mod invites;

/// Why a waitlist action was refused.
#[derive(Debug, thiserror::Error)]
pub enum WaitlistError {
    #[error("Not found.")]
    NotFound,
    #[error("{0}")]
    Conflict(&'static str),
    #[error("the email could not be written: {0}")]
    Mail(#[from] askama::Error),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// What a person is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interest {
    Shop,
    Studio,
    Dashboard,
    Everything,
}

impl Interest {
    pub const ALL: [Interest; 4] = [
        Interest::Shop,
        Interest::Studio,
        Interest::Dashboard,
        Interest::Everything,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Interest::Shop => "shop",
            Interest::Studio => "studio",
            Interest::Dashboard => "dashboard",
            Interest::Everything => "everything",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Interest::Shop => "The shop",
            Interest::Studio => "The styling studio",
            Interest::Dashboard => "The client project dashboard",
            Interest::Everything => "Everything",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}
