//! The built JS/WASM/CSS bundle under `/pkg`, with long-lived cache headers when file names
//! carry a content hash, the stored images under `/media` (names never reused: immutable), and
//! the few files at the site root (favicon), with the 404 page behind them.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;

use axum::body::Body;
use axum::response::Response;
use axum::routing::MethodRouter;
use http::{HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

/// A service serving `<site root>/pkg`: `immutable` for a year when the bundle's names are
/// hashed (they change whenever the content does), revalidated otherwise.
pub fn pkg_service(state: &AppState) -> MethodRouter<()> {
    let dir = state.config.site_root.join("pkg");
    let cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    axum::routing::get_service(ServeDir::new(dir).precompressed_br().precompressed_gzip()).layer(
        SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(cache)),
    )
}

/// A service serving the public media folder (private media have their own folder, which no
/// static route serves): every file name is written once and never changes, so
/// browsers keep it for a year without asking again; the content type follows the extension.
pub fn media_service(state: &AppState) -> MethodRouter<()> {
    axum::routing::get_service(ServeDir::new(state.services.media.public_root())).layer(
        SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
    )
}

/// A service serving the files at the site root (copied from `public/`), handing every other
/// request, whatever its method, to `not_found` (which renders the 404 page).
pub fn site_root_service<F>(state: &AppState, not_found: F) -> MethodRouter<()>
where
    F: Fn(http::Request<Body>) -> Pin<Box<dyn Future<Output = Response> + Send>>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let fallback = tower::service_fn(move |request: http::Request<Body>| {
        let render = not_found(request);
        async move { Ok::<_, Infallible>(render.await) }
    });
    axum::routing::any_service(
        ServeDir::new(&state.config.site_root)
            .append_index_html_on_directories(false)
            .call_fallback_on_method_not_allowed(true)
            .fallback(fallback),
    )
}
