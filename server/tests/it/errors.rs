//! Server-function errors reach the browser with the status their `AppError` maps to.

use app::AppError;
use axum::Router;
use axum::routing::get;
use daydream::http::server_fn_status::map_error_status;
use http::StatusCode;
use server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

/// A router answering like a failing server function does: 500, the error header, the
/// encoded `AppError` in the body.
fn failing_server_fn(error: AppError) -> Router {
    Router::new()
        .route(
            "/api/thing",
            get(move || {
                let body = error.ser();
                async move {
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        [(SERVER_FN_ERROR_HEADER, "/api/thing")],
                        body,
                    )
                }
            }),
        )
        .route(
            "/plain-500",
            get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "oops") }),
        )
        .layer(axum::middleware::from_fn(map_error_status))
}

async fn call(router: Router, path: &str) -> (StatusCode, http::HeaderMap, Vec<u8>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    domain::tls::install_crypto_provider();
    let response = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread")]
async fn each_app_error_gets_its_status_and_keeps_its_body() {
    let cases = [
        (
            AppError::validation("email", "Enter an email address."),
            422,
        ),
        (AppError::NotFound, 404),
        (AppError::Unauthorized, 401),
        (AppError::Forbidden, 403),
        (AppError::conflict("Already taken."), 409),
        (AppError::Unavailable, 503),
        (AppError::Internal, 500),
    ];
    for (error, status) in cases {
        let (got, _, body) = call(failing_server_fn(error.clone()), "/api/thing").await;
        assert_eq!(got.as_u16(), status, "{error:?}");
        assert_eq!(AppError::de(body.into()), error);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limits_say_when_to_retry() {
    let (status, headers, _) = call(
        failing_server_fn(AppError::RateLimited {
            retry_after_seconds: 42,
        }),
        "/api/thing",
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers["retry-after"], "42");
}

#[tokio::test(flavor = "multi_thread")]
async fn other_500s_are_left_alone() {
    let (status, _, body) = call(failing_server_fn(AppError::Internal), "/plain-500").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, b"oops");
}
