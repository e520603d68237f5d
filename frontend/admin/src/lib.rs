//! The admin's browser entry point: a second WASM package, with only the admin's islands
//! (`admin_islands`). Admin pages load it beside the shopper's bundle (`frontend`), whose
//! script hydrates the shop's islands; this one hydrates the admin's
//! (`app::admin::islands_script`).

use std::time::Duration;

// Links `admin_islands`, whose `#[island]`s export the functions the page's script calls.
extern crate admin_islands;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The page's script hydrates this package's islands right after this returns; a zero
    // timeout runs after them, so tests can tell when the admin's islands are live.
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-admin-hydrated", "true");
            }
        },
        Duration::ZERO,
    );
}
