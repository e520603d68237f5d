//! Gives server-function errors their real HTTP status, and turns panics into a plain 500.
//!
//! Leptos answers every server-function error with 500 and the encoded error in the body. This
//! middleware decodes our `AppError` from such a response and sets the status it maps to
//! (422 for validation, 403 for forbidden, ...), plus `Retry-After` for rate limits.

use std::any::Any;

use app::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use server_fn::error::SERVER_FN_ERROR_HEADER;

/// Largest error body decoded (errors are small; anything larger is left alone).
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Sets the status of server-function error responses from the `AppError` they carry.
pub async fn map_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
        if let AppError::RateLimited {
            retry_after_seconds,
        } = error
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The answer to a handler that panicked: a generic 500 (the panic is logged, never shown).
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic".to_owned());
    tracing::error!(panic = %message, "request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again.\n",
    )
        .into_response()
}
