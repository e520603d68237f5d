//! `<AdminIslandsScript>`: loads the admin's own WASM package (`frontend/admin`, only the
//! `admin_islands` crate) on an admin page that has admin islands, and hydrates them. The
//! shopper's bundle never contains them, so staff tools add nothing to a shopper's download.
//!
//! `scripts/build-front.sh` writes the package under content-hashed names (served immutable
//! from `/pkg`) and lists them in `<site root>/admin-bundle.txt`, read here once. Without that
//! file (a build without the admin package) or when the package fails to load, the page stays
//! the server's HTML, whose forms work without WASM.

use leptos::prelude::*;

/// The script, rendered on the server with this response's nonce.
#[component]
pub fn AdminIslandsScript() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let script = bundle().map(|(js, wasm)| {
            format!(
                "import('/pkg/{js}').then(async (mod) => {{\
                   await mod.default({{ module_or_path: '/pkg/{wasm}' }});\
                   mod.hydrate();\
                   for (const el of document.querySelectorAll('leptos-island')) {{\
                     const hydrate = mod[el.dataset.component];\
                     if (hydrate) hydrate(el);\
                   }}\
                 }}).catch((e) => console.warn('The admin tools did not load; the page works without them.', e));"
            )
        });
    #[cfg(not(feature = "ssr"))]
    let script: Option<String> = None;
    script.map(|js| {
        view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=js></script> }
    })
}

/// The package's file names under `/pkg` (the JS module, the WASM), read once from the file
/// the front-end build writes; `None` when it is missing.
#[cfg(feature = "ssr")]
fn bundle() -> Option<(String, String)> {
    use std::sync::OnceLock;
    static BUNDLE: OnceLock<Option<(String, String)>> = OnceLock::new();
    BUNDLE
        .get_or_init(|| {
            let root = use_context::<LeptosOptions>()
                .map(|o| o.site_root.to_string())
                .unwrap_or_else(|| "target/site".to_owned());
            let path = std::path::Path::new(&root).join("admin-bundle.txt");
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e,
                        "the admin's WASM package is not built: admin islands stay static");
                    return None;
                }
            };
            let mut names = text.split_whitespace().map(str::to_owned);
            names.next().zip(names.next())
        })
        .clone()
}
