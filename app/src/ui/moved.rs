//! A page that moved for good (an old slug): a 301 with `Location` when rendered on the server,
//! a client-side navigation after hydration (`<Redirect>` alone would answer 302).

use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Sends the visitor to `path` with a permanent redirect.
#[component]
pub fn MovedPermanently(path: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::MOVED_PERMANENTLY);
        if let Ok(value) = http::HeaderValue::from_str(&path) {
            response.insert_header(http::header::LOCATION, value);
        }
        return ().into_any();
    }
    view! { <Redirect path=path /> }.into_any()
}
