//! `EnhanceForms`: one island in every page's frame, drawing nothing, that enhances the plain
//! forms the server rendered with a marker: `data-in-place` (a refusal answered in place, see
//! `in_place_form`; inside `data-swap`, a success flips to the other form) and `data-instant` (a filter form sent as soon as a box is ticked, see
//! `catalog::instant_filters`). Listeners on the window rather than islands around each form:
//! an island's `children` are an `AnyView`, whose async hydration code would enter the WASM.

use leptos::prelude::*;

/// Marks a form whose refusal is answered in place.
pub const IN_PLACE: &str = "data-in-place";
/// Marks a group of `data-in-place` forms of which one shows at a time: a success hides the
/// form sent and shows the others (the wishlist's Save / Saved).
pub const SWAP: &str = "data-swap";
/// Marks a filter form sent at each ticked box or chosen option.
pub const INSTANT: &str = "data-instant";

/// Listens for the marked forms' submits and changes (in the browser).
#[island]
pub fn EnhanceForms() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let submit = window_event_listener(leptos::ev::submit, crate::ui::in_place_form::submit);
        let change =
            window_event_listener(leptos::ev::change, crate::catalog::instant_filters::apply);
        on_cleanup(move || {
            submit.remove();
            change.remove();
        });
    }
}
