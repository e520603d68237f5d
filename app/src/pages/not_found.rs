//! The 404 page, rendered for every URL no route matches (with status 404).

use leptos::prelude::*;

use crate::ui::seo::Seo;

/// "Page not found", answering with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <Seo
            title="Page not found"
            description="This page does not exist."
            path=path
            noindex=true
        />
        <section class="py-16 text-center" data-testid="not-found">
            <p class="text-sm font-semibold text-indigo-700">"404"</p>
            <h1 class="mt-2 text-3xl font-bold">"We couldn't find that page"</h1>
            <p class="mt-4 text-stone-600">
                "The link may be old, or the page may have moved."
            </p>
            <a
                class="mt-8 inline-block rounded-md bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-500"
                href="/"
            >
                "Back to the home page"
            </a>
        </section>
    }
}
