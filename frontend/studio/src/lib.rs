//! The studio's browser entry point: a third WASM package, with only the studio's islands
//! (`studio_islands`). Studio pages load it beside the shopper's bundle
//! (`app::ui::package_script`), and it hydrates the studio's islands.

use std::time::Duration;

// Links `studio_islands`, whose `#[island]`s export the functions the page's script calls.
extern crate studio_islands;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The page's script hydrates this package's islands right after this returns; a zero
    // timeout runs after them, so tests can tell when the studio's islands are live.
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-studio-hydrated", "true");
            }
        },
        Duration::ZERO,
    );
}
