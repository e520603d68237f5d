//! Cross-site request forgery guard: every request that can change state (anything but GET,
//! HEAD, OPTIONS) must come from a page of this site, as its `Origin` header (or, when a browser
//! sends none, its `Referer`) shows. Others get 403.
//!
//! "This site" is the configured public origin, or the origin the request itself was sent to
//! (its `Host`, under the public origin's scheme), so a server reached as both `127.0.0.1` and
//! `localhost` accepts its own pages. The scheme counts: a page served over plain http (say, by
//! someone on the network path) cannot post to the https site.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{Method, StatusCode, header};

/// The configured public origin (`https://shop.example.com`).
#[derive(Clone)]
pub struct PublicOrigin(pub String);

/// Rejects state-changing requests from other origins.
pub async fn check_origin(
    State(PublicOrigin(public)): State<PublicOrigin>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let allowed = claimed
        .as_deref()
        .is_some_and(|origin| same_site(origin, &public, host));
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(origin = ?claimed, "cross-origin request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This request did not come from a page of this site.\n",
        )
            .into_response()
    }
}

/// `scheme://host[:port]` of a URL, or `None` when it has none (`null`, garbage).
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| format!("{scheme}://{authority}"))
}

/// Whether `origin` is the public origin, or the request's own host under the public scheme.
fn same_site(origin: &str, public: &str, host: Option<&str>) -> bool {
    if origin == public {
        return true;
    }
    let scheme = public
        .split_once("://")
        .map_or("http", |(scheme, _)| scheme);
    host.is_some_and(|host| origin == format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::{origin_of, same_site};

    #[test]
    fn the_scheme_must_match_too() {
        let public = "https://shop.example.com";
        assert!(same_site("https://shop.example.com", public, None));
        assert!(same_site(
            "https://localhost:3000",
            public,
            Some("localhost:3000")
        ));
        assert!(!same_site(
            "http://shop.example.com",
            public,
            Some("shop.example.com")
        ));
        assert!(!same_site(
            "https://evil.example",
            public,
            Some("shop.example.com")
        ));
        assert!(same_site(
            "http://127.0.0.1:3000",
            "http://localhost:3000",
            Some("127.0.0.1:3000")
        ));
    }

    #[test]
    fn origins_are_scheme_and_authority() {
        assert_eq!(
            origin_of("https://shop.example.com/cart?x=1").as_deref(),
            Some("https://shop.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("javascript://x"), None);
        assert_eq!(origin_of("https://"), None);
    }
}
