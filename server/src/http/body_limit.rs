//! Request body limits, answered with `413 Payload Too Large`: a small default for every route
//! (forms and server functions) and a larger one only on the routes that take uploads.
//!
//! A declared `Content-Length` over the limit is refused before a byte of the body is read. A
//! body without one (chunked) is read up to the limit and refused as soon as it passes it, so
//! memory stays flat whatever the client sends. Upload routes stream their body to the handler
//! (which applies its own, stricter checks on what it reads) through a length-limited body.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};

/// The two limits, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// Every route but uploads.
    pub default: usize,
    /// Routes in [`UPLOAD_ROUTES`].
    pub upload: usize,
}

/// The routes that take files (multipart forms): the only ones allowed the upload limit.
pub const UPLOAD_ROUTES: [&str; 5] = [
    "/api/admin_upload_product_image",
    "/api/admin_check_import",
    "/api/studio_upload",
    "/api/admin_style_example",
    "/api/dashboard_upload_file",
];

/// Refuses bodies over the route's limit with 413.
pub async fn limit(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
    let upload = UPLOAD_ROUTES.contains(&request.uri().path());
    let max = if upload {
        limits.upload
    } else {
        limits.default
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large(max);
    }
    let (parts, body) = request.into_parts();
    if upload || declared.is_some() {
        // Within the limit as declared; hyper holds the client to its Content-Length, and the
        // limited body cuts a chunked upload at the limit.
        let body = Body::new(Limited::new(body, max));
        return next.run(Request::from_parts(parts, body)).await;
    }
    match Limited::new(body, max).collect().await {
        Ok(collected) => {
            let body = Body::from(collected.to_bytes());
            next.run(Request::from_parts(parts, body)).await
        }
        Err(e) if e.is::<LengthLimitError>() => too_large(max),
        Err(e) => {
            tracing::debug!(error = %e, "request body could not be read");
            (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "The request body could not be read.\n",
            )
                .into_response()
        }
    }
}

/// The 413 answer, naming the limit.
fn too_large(max: usize) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONNECTION, "close"),
        ],
        format!(
            "The request is too large: this address takes at most {} KiB.\n",
            max.div_ceil(1024)
        ),
    )
        .into_response()
}
