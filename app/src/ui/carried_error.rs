//! The error of a refused no-JavaScript form, as the server hands it to the page it bounced
//! back to: never from the URL the browser shows (that holds only an opaque id; the error and
//! what was typed stay in the session, see the server's `http::form_errors`).
//!
//! On the server the error arrives as a request extension; the page renders it into a hidden
//! element that the WASM reads back when it hydrates, so both sides show the same message, and
//! an `__err` someone wrote into a link is never shown.

use leptos::prelude::*;
use leptos::server::ServerActionError;

/// A refused form's error carried to the page: the server function's path and the encoded
/// error, exactly as Leptos's `__path` and `__err`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedFormError {
    pub path: String,
    pub err: String,
}

/// The id of the hidden element carrying the error to the WASM.
const ELEMENT_ID: &str = "carried-form-error";

/// The carried error of this request, if any.
fn carried() -> Option<CarriedFormError> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CarriedFormError>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let element = document().get_element_by_id(ELEMENT_ID)?;
        Some(CarriedFormError {
            path: element.get_attribute("data-path")?,
            err: element.get_attribute("data-err")?,
        })
    }
}

/// Provides the carried error to the page's actions (`ServerAction`, [`super::form::url_error`])
/// in the caller's scope (call it in `App`, above the router) and returns the hidden element the
/// WASM reads it from.
pub fn provide_carried_error() -> impl IntoView {
    let carried = carried();
    if let Some(c) = &carried {
        provide_context(ServerActionError::new(&c.path, &c.err));
    }
    carried.map(|c| {
        view! { <div hidden id=ELEMENT_ID data-path=c.path data-err=c.err></div> }
    })
}

/// Inside an island with forms: gives the island's actions the carried error in the browser
/// too (on the server `App` has provided it already), so the island hydrates showing what the
/// server rendered.
pub fn adopt_in_island() {
    #[cfg(not(feature = "ssr"))]
    if let Some(c) = carried() {
        provide_context(ServerActionError::new(&c.path, &c.err));
    }
}
