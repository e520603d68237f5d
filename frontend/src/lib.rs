//! The browser entry point: hydrates the islands of the server-rendered page (the parts a person
//! interacts with) with the WASM build of `app`; the rest of the page stays server HTML.

use std::time::Duration;

// Links `app`, whose `#[island]`s export the functions Leptos's script calls by name; nothing
// here names them, so without this the crate would not be linked at all.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Leptos's script hydrates the islands right after this returns, one after another through
    // the microtask queue; a zero timeout runs after all of them, so tests (and styles) can tell
    // when every island on the page is live.
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        Duration::ZERO,
    );
}
