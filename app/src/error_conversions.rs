//! `From` conversions into `AppError` for the failures no user can cause (a database error, a
//! broken session store), so a server function's steps end in `?`: each logs its cause once and
//! answers the generic `Internal` (server only). Failures a user can cause (a domain refusal)
//! are mapped by the area's own function, with the message the page shows.

use crate::error::AppError;

impl From<domain::db::QueryError> for AppError {
    fn from(e: domain::db::QueryError) -> Self {
        Self::internal(e)
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(e: tower_sessions::session::Error) -> Self {
        Self::internal(e)
    }
}
