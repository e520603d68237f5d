//! Form pieces: labelled fields that show their error next to them, and the form-wide error
//! banner. Errors come from the action's value, which Leptos also fills from the URL after a
//! no-JavaScript post, so both paths show the same messages.

use leptos::prelude::*;

use crate::error::AppError;

/// The error of the action's last run, as a signal. While rendering on the server it also sets
/// the response status from the error (422, 429, ...), so a no-JS post that failed ends on a 4xx
/// page.
pub fn action_error<T, V>(value: V) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    V: Get<Value = Option<Result<T, AppError>>>
        + GetUntracked<Value = Option<Result<T, AppError>>>
        + Clone
        + Send
        + Sync
        + 'static,
{
    #[cfg(feature = "ssr")]
    if let (Some(Err(e)), Some(response)) = (
        value.get_untracked(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        response.set_status(e.status());
    }
    Signal::derive(move || value.get().and_then(Result::err))
}

/// A labelled input with its error message underneath.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    /// The last error of the form's action.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(name).map(str::to_owned))
    };
    let error_id = format!("{name}-error");
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium">
                {label}
            </label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                class="block w-full rounded-md border border-stone-300 px-3 py-2 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500"
            />
            <p id=error_id class="text-sm text-red-700" data-testid=format!("{name}-error")>
                {message}
            </p>
        </div>
    }
}

/// The form-wide error (wrong credentials, rate limits, outages): everything not tied to a field.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || {
        error.get().and_then(|e| match &e {
            AppError::Validation { field, message } if field.is_empty() => Some(message.clone()),
            AppError::Validation { .. } => None,
            other => Some(other.to_string()),
        })
    };
    view! {
        <Show when=move || message().is_some()>
            <div
                role="alert"
                class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
                data-testid="form-error"
            >
                {message}
            </div>
        </Show>
    }
}

/// The primary submit button.
#[component]
pub fn Submit(label: &'static str) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
        >
            {label}
        </button>
    }
}
