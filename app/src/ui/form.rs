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

/// The form as the user typed it when the action's last run refused it (see
/// [`AppError::keeping`]), else `saved`: a no-JS post that bounces back keeps their text.
pub fn typed_or<T: serde::de::DeserializeOwned>(error: Signal<Option<AppError>>, saved: T) -> T {
    error
        .get_untracked()
        .and_then(|e| e.typed::<T>())
        .unwrap_or(saved)
}

/// The error a plain (non-`ActionForm`) form post to the server function at `path` bounced back
/// with (carried by the server, see [`super::carried_error`]); sets the 4xx status on the server
/// like [`action_error`]. For multipart uploads, which `ServerAction` cannot carry.
pub fn url_error(path: &'static str) -> Signal<Option<AppError>> {
    let error = use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| server_fn::error::ServerFnUrlError::<AppError>::decode_err(e.err()));
    #[cfg(feature = "ssr")]
    if let (Some(e), Some(response)) = (&error, use_context::<leptos_axum::ResponseOptions>()) {
        response.set_status(e.status());
    }
    Signal::derive(move || error.clone())
}

/// A labelled input with its error message underneath.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    /// The element id when `name` is not unique on the page (two forms with the same field).
    #[prop(optional)]
    id: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    /// The value the input starts with (the saved one, when editing).
    #[prop(optional, into)]
    value: MaybeProp<String>,
    /// A short help text under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The last error of the form's action.
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = field_message(error, name);
    let id = id.unwrap_or(name);
    let error_id = format!("{id}-error");
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium">
                {label}
            </label>
            {hint.map(|h| view! { <p class="text-xs text-stone-500">{h}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=move || value.get()
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                class="block w-full rounded-md border border-stone-300 px-3 py-2 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500"
            />
            <p id=error_id class="text-sm text-red-700" data-testid=format!("{id}-error")>
                {message}
            </p>
        </div>
    }
}

/// A labelled multi-line text box with its error message underneath.
#[component]
pub fn TextAreaField(
    label: &'static str,
    name: &'static str,
    #[prop(default = 5)] rows: u32,
    #[prop(optional)] required: bool,
    /// The text the box starts with (the saved one, when editing).
    #[prop(optional, into)]
    value: MaybeProp<String>,
    #[prop(optional)] hint: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = field_message(error, name);
    let error_id = format!("{name}-error");
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium">
                {label}
            </label>
            {hint.map(|h| view! { <p class="text-xs text-stone-500">{h}</p> })}
            <textarea
                id=name
                name=name
                rows=rows
                required=required
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                class="block w-full rounded-md border border-stone-300 px-3 py-2 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500"
                prop:value=move || value.get().unwrap_or_default()
            >
                {value.get_untracked().unwrap_or_default()}
            </textarea>
            <p id=error_id class="text-sm text-red-700" data-testid=format!("{name}-error")>
                {message}
            </p>
        </div>
    }
}

/// The message for `name` in the action's last error, as a closure for the view.
fn field_message(
    error: Signal<Option<AppError>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        error
            .get()
            .and_then(|e| e.field_message(name).map(str::to_owned))
    }
}

/// A labelled drop-down with its error message underneath. `options` are `(value, label)`;
/// an empty first option reads `placeholder`.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(default = "Choose…")] placeholder: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] selected: MaybeProp<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = field_message(error, name);
    let error_id = format!("{name}-error");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = {
                let value = value.clone();
                move || selected.get().as_deref() == Some(value.as_str())
            };
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="space-y-1">
            <label for=name class="block text-sm font-medium">
                {label}
            </label>
            <select
                id=name
                name=name
                autocomplete=autocomplete
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                class="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500"
            >
                <option value="">{placeholder}</option>
                {options}
            </select>
            <p id=error_id class="text-sm text-red-700" data-testid=format!("{name}-error")>
                {message}
            </p>
        </div>
    }
}

/// A group of checkboxes sharing one list-valued field (`name[]`), in a fieldset.
#[component]
pub fn CheckboxGroup(
    legend: &'static str,
    /// The field name without brackets; the inputs are named `name[]`.
    name: &'static str,
    choices: &'static [&'static str],
    #[prop(into)] checked: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="space-y-2">
            <legend class="text-sm font-medium">{legend}</legend>
            <div class="flex flex-wrap gap-2">
                {choices
                    .iter()
                    .map(|choice| {
                        let id = format!("{name}-{}", choice.to_lowercase().replace(' ', "-"));
                        let label_for = id.clone();
                        let is_checked = move || checked.get().iter().any(|c| c == choice);
                        view! {
                            <label
                                for=label_for
                                class="flex cursor-pointer items-center gap-2 rounded-full border border-stone-300 px-3 py-1 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50"
                            >
                                <input
                                    id=id
                                    type="checkbox"
                                    name=format!("{name}[]")
                                    value=*choice
                                    checked=is_checked
                                    class="accent-indigo-600"
                                />
                                {*choice}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// The form-wide error (wrong credentials, rate limits, outages): everything not tied to a field.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.form_message());
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
