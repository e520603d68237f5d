//! `AppError`: the one closed, serializable error every server function returns, with the
//! HTTP status each variant maps to. `Internal` shows a generic message; its cause is logged
//! once, on the server, where it happened.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, as the browser may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    #[error("We could not find what you were looking for.")]
    NotFound,
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You are not allowed to do that.")]
    Forbidden,
    /// It existed but was withdrawn for good (an archived product).
    #[error("This is no longer available.")]
    Gone,
    /// Bad input; `field` names the form field (empty when the input as a whole is at fault).
    #[error("{message}")]
    Validation { field: String, message: String },
    /// Bad input in several fields at once, each with its message; `typed` is the form as the
    /// user typed it (JSON), so a no-JS post that bounces back shows their text, not the saved.
    #[error("Please correct the marked fields.")]
    Fields {
        errors: Vec<FieldError>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        typed: Option<String>,
    },
    /// An upload larger than the field takes (413).
    #[error("{message}")]
    TooLarge { field: String, message: String },
    /// An upload of a kind the field does not take (415).
    #[error("{message}")]
    UnsupportedMedia { field: String, message: String },
    #[error("{message}")]
    Conflict { message: String },
    #[error("Too many attempts. Please try again in {retry_after_seconds} seconds.")]
    RateLimited { retry_after_seconds: u32 },
    #[error("The service is busy or down for a moment. Please try again shortly.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

/// One field's message in `AppError::Fields`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl AppError {
    /// The errors of every field that failed, from `(field, Some(message))` pairs; `None`
    /// when every pair is `None` (all fields passed).
    pub fn fields<'a>(
        checks: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> Option<Self> {
        let errors: Vec<FieldError> = checks
            .into_iter()
            .filter_map(|(field, message)| {
                message.map(|m| FieldError {
                    field: field.to_owned(),
                    message: m.to_owned(),
                })
            })
            .collect();
        (!errors.is_empty()).then_some(Self::Fields {
            errors,
            typed: None,
        })
    }

    /// The errors of the fields that failed, from `(field, message)` pairs (`Internal` for an
    /// empty list, which no caller should pass).
    pub fn invalid<'a>(errors: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::fields(errors.into_iter().map(|(f, m)| (f, Some(m)))).unwrap_or(Self::Internal)
    }

    /// This error carrying the form as typed (validation errors only; other errors and very
    /// long forms, which would not fit a redirect URL, are returned unchanged).
    pub fn keeping<T: Serialize>(self, input: &T) -> Self {
        const MOST_BYTES: usize = 16 * 1024;
        let errors = match self {
            Self::Validation { field, message } => vec![FieldError { field, message }],
            Self::Fields { errors, .. } => errors,
            other => return other,
        };
        let typed = serde_json::to_string(input)
            .ok()
            .filter(|json| json.len() <= MOST_BYTES);
        Self::Fields { errors, typed }
    }

    /// The form as typed, when this error carries one of type `T`.
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self {
            Self::Fields {
                typed: Some(json), ..
            } => serde_json::from_str(json).ok(),
            _ => None,
        }
    }

    /// The message not tied to a field (an empty field name), if any.
    pub fn form_message(&self) -> Option<String> {
        match self {
            Self::Validation { field, message }
            | Self::TooLarge { field, message }
            | Self::UnsupportedMedia { field, message }
                if field.is_empty() =>
            {
                Some(message.clone())
            }
            Self::Fields { errors, .. } => errors
                .iter()
                .find(|e| e.field.is_empty())
                .map(|e| e.message.clone()),
            Self::Validation { .. } | Self::TooLarge { .. } | Self::UnsupportedMedia { .. } => None,
            other => Some(other.to_string()),
        }
    }

    /// Each `(field, message)` tied to a named field.
    pub fn field_errors(&self) -> Vec<(&str, &str)> {
        match self {
            Self::Validation { field, message }
            | Self::TooLarge { field, message }
            | Self::UnsupportedMedia { field, message }
                if !field.is_empty() =>
            {
                vec![(field.as_str(), message.as_str())]
            }
            Self::Fields { errors, .. } => errors
                .iter()
                .filter(|e| !e.field.is_empty())
                .map(|e| (e.field.as_str(), e.message.as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A validation error on one field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A conflict with the current state (duplicate, out of stock, stale edit).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
        }
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::NotFound => S::NOT_FOUND,
            Self::Unauthorized => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::Gone => S::GONE,
            Self::Validation { .. } | Self::Fields { .. } => S::UNPROCESSABLE_ENTITY,
            Self::TooLarge { .. } => S::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMedia { .. } => S::UNSUPPORTED_MEDIA_TYPE,
            Self::Conflict { .. } => S::CONFLICT,
            Self::RateLimited { .. } => S::TOO_MANY_REQUESTS,
            Self::Unavailable => S::SERVICE_UNAVAILABLE,
            Self::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message for `field`, if this is a validation error on that field.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Validation { field: f, message }
            | Self::TooLarge { field: f, message }
            | Self::UnsupportedMedia { field: f, message }
                if f == field =>
            {
                Some(message)
            }
            Self::Fields { errors, .. } => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }

    /// Logs `cause` once and returns the generic `Internal` error. Use at the edge where an
    /// unexpected failure (database error, bug) is handled.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) => {
                Self::validation("", format!("The request could not be read: {message}"))
            }
            ServerFnErrorErr::MissingArg(field) => {
                Self::validation(field, "This field is required.")
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unavailable,
            ServerFnErrorErr::UnsupportedRequestMethod(_) | ServerFnErrorErr::Registration(_) => {
                Self::NotFound
            }
            ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_) => Self::Internal,
        }
    }
}
