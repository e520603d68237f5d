//! A green confirmation notice ("Saved.", "We sent you an email.").

use leptos::prelude::*;

/// A green notice, announced to screen readers.
#[component]
pub fn Notice(text: &'static str) -> impl IntoView {
    view! {
        <p
            role="status"
            class="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800"
            data-testid="notice"
        >
            {text}
        </p>
    }
}
