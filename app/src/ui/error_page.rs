//! What a page shows when its data could not be had: anonymous visitors are sent to sign in
//! (and come back after), everyone else sees the error with its HTTP status.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::url::encode_component;
use crate::error::AppError;

/// Renders `error` for a page: a redirect to `/login?next=<this page>` for `Unauthorized`,
/// otherwise a message, answering with the error's status.
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
        return view! { <Redirect path=format!("/login?next={next}") /> }.into_any();
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
