//! What a page shows when its data could not be had: anonymous visitors are sent to sign in
//! (and come back after), everyone else sees the error with its HTTP status.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::url::encode_component;
use crate::error::AppError;

/// Renders `error` for a page: a redirect to `/login?next=<this page>` for `Unauthorized`,
/// otherwise a message, answering with the error's status.
///
/// On the server the sign-in redirect is a real `302` with `Location`, whatever the `Accept`
/// header says (`leptos_axum::redirect` sets 302 only for clients that ask for HTML, so curl's
/// `*/*` used to get an empty 200); a client that accepts no HTML at all gets 401.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::Unauthorized {
        let location = use_location();
        let here = format!(
            "{}{}",
            location.pathname.get_untracked(),
            location
                .search
                .get_untracked()
                .trim()
                .strip_prefix('?')
                .map(|q| format!("?{q}"))
                .unwrap_or_default()
        );
        let next = encode_component(&here);
        let path = format!("/login?next={next}");
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            sign_in_first(&response, &path);
            return view! {
                <p class="py-16 text-center">
                    <a class="text-indigo-700" href=path>"Sign in to see this page"</a>
                </p>
            }
            .into_any();
        }
        return view! { <Redirect path=path /> }.into_any();
    }
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    view! {
        <section class="py-16 text-center" data-testid="error-page">
            <p class="text-sm font-semibold text-indigo-700">{error.status().as_u16()}</p>
            <h1 class="mt-2 text-2xl font-bold">{error.to_string()}</h1>
            <a class="mt-8 inline-block text-indigo-700" href="/">
                "Back to the home page"
            </a>
        </section>
    }
    .into_any()
}

/// Answers an anonymous visitor of a private page: `302` to `path` for anything that may show
/// HTML (a browser, curl's `*/*`, a client sending no `Accept`), `401` for a client that accepts
/// only other types (an API client).
#[cfg(feature = "ssr")]
fn sign_in_first(response: &leptos_axum::ResponseOptions, path: &str) {
    let accepts_html = use_context::<http::request::Parts>().is_none_or(|parts| {
        let accept = parts
            .headers
            .get_all(http::header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        accept.trim().is_empty() || accepts_html(&accept)
    });
    if accepts_html {
        response.set_status(http::StatusCode::FOUND);
        if let Ok(value) = http::HeaderValue::from_str(path) {
            response.insert_header(http::header::LOCATION, value);
        }
    } else {
        response.set_status(http::StatusCode::UNAUTHORIZED);
    }
}

/// Whether an `Accept` header value admits HTML: `text/html`, `text/*` or `*/*` with a
/// non-zero quality.
#[cfg(feature = "ssr")]
pub fn accepts_html(accept: &str) -> bool {
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let media = parts.next().unwrap_or("").to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        !refused
            && matches!(
                media.as_str(),
                "text/html" | "text/*" | "*/*" | "application/xhtml+xml"
            )
    })
}
