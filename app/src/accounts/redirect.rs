//! Where to send a user after a form: only paths on this site, never another origin; and
//! only a plain form post is sent anywhere (an island's call stays on its page).

/// `next` if it is a local path (`/account`, `/products?q=x`), else `fallback`. Rejects
/// absolute URLs, protocol-relative `//host`, backslash tricks and control characters.
pub fn local_path_or<'a>(next: &'a str, fallback: &'a str) -> &'a str {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && next.len() <= 2000;
    if ok { next } else { fallback }
}

/// Sends a plain form post (a browser without the WASM, which accepts HTML) on to `path`;
/// leaves a call from an island where it is, so the island updates its page in place. (Leptos's
/// `redirect` would make the island's browser load `path` as well.)
#[cfg(feature = "ssr")]
pub fn redirect_plain_form(path: &str) {
    // The same test `leptos_axum::redirect` makes to choose a 302 over its client header (so not
    // `ui::error_page::accepts_html`, which also takes `*/*`): the two must agree.
    let from_a_form = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|req| {
        req.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    });
    if from_a_form {
        leptos_axum::redirect(path);
    }
}
