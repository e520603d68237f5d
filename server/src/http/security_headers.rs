//! Security headers on every response: CSP, nosniff, referrer policy, frame-ancestors, HSTS
//! when the site is served over https, and `Cache-Control: no-store` on private pages.
//!
//! Pages get a CSP with a per-response script nonce, set by the app's shell (which knows the
//! nonce); every other response gets the strict default below.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderName, HeaderValue, header};

/// The CSP for responses that are not pages (files, JSON, errors).
pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
     font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Whether the site is served over https (then HSTS is sent).
#[derive(Clone, Copy)]
pub struct Https(pub bool);

/// Adds the headers the handler did not set itself.
pub async fn add(State(Https(https)): State<Https>, request: Request, next: Next) -> Response {
    let private = is_private_path(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if private {
        // A shared cache or the browser's back button must never replay someone's cart,
        // orders, account or the admin.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let defaults: [(HeaderName, &'static str); 4] = [
        (header::CONTENT_SECURITY_POLICY, DEFAULT_CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if https {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static(
                "max-age=63072000; includeSubDomains",
            ));
    }
    response
}

/// Pages that show one person's data (or the staff's): never stored by any cache.
pub fn is_private_path(path: &str) -> bool {
    const PRIVATE: [&str; 9] = [
        "/cart",
        "/checkout",
        "/orders",
        "/account",
        "/admin",
        "/studio",
        "/dashboard",
        "/api",
        "/logout",
    ];
    // The studio's public parts: its style catalog and showcase (indexable, cacheable).
    const PUBLIC: [&str; 2] = ["/studio/styles", "/studio/showcase"];
    let under = |prefix: &&str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    PRIVATE.iter().any(under) && !PUBLIC.iter().any(under)
}

#[cfg(test)]
mod tests {
    use super::is_private_path;

    #[test]
    fn private_pages_are_those_under_a_private_prefix() {
        for path in [
            "/cart",
            "/checkout/review",
            "/orders/DD-1",
            "/account",
            "/admin/mail",
            "/api/me",
            "/studio",
            "/studio/gallery",
            "/studio/jobs/x",
        ] {
            assert!(is_private_path(path), "{path}");
        }
        for path in [
            "/",
            "/products",
            "/products/cart-x",
            "/carts",
            "/administer",
            "/media/x.jpg",
            "/studio/showcase",
            "/studio/showcase/x/original.png",
            "/studio/styles/pop-art",
        ] {
            assert!(!is_private_path(path), "{path}");
        }
    }
}
