//! `<PackageScript>`: loads one of the extra WASM packages — the admin's (`frontend/admin`,
//! only the `admin_islands` crate) or the studio's (`frontend/studio`, only `studio_islands`)
//! — on a page that has its islands, and hydrates them. The shopper's bundle never contains
//! them, so staff tools and the studio add nothing to a shopper's download.
//!
//! `scripts/build-front.sh` writes each package under content-hashed names (served immutable
//! from `/pkg`) and lists them in `<site root>/<package>-bundle.txt`, read here once. Without
//! that file (a build without the package) or when the package fails to load, the page stays
//! the server's HTML, whose forms work without WASM.

use leptos::prelude::*;

/// The extra WASM packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    Admin,
    Studio,
}

impl Package {
    /// The package's file name stem (`admin.<hash>.js`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Studio => "studio",
        }
    }
}

/// The script, rendered on the server with this response's nonce.
#[component]
pub fn PackageScript(package: Package) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let script = bundle(package).map(|(js, wasm)| {
        let name = package.name();
        format!(
            "import('/pkg/{js}').then(async (mod) => {{\
               await mod.default({{ module_or_path: '/pkg/{wasm}' }});\
               mod.hydrate();\
               for (const el of document.querySelectorAll('leptos-island')) {{\
                 const hydrate = mod[el.dataset.component];\
                 if (hydrate) hydrate(el);\
               }}\
             }}).catch((e) => console.warn('The {name} tools did not load; the page works without them.', e));"
        )
    });
    #[cfg(not(feature = "ssr"))]
    let script: Option<String> = {
        let _ = package;
        None
    };
    script.map(|js| {
        view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=js></script> }
    })
}

/// The package's file names under `/pkg` (the JS module, the WASM), read once from the file
/// the front-end build writes; `None` when it is missing.
#[cfg(feature = "ssr")]
fn bundle(package: Package) -> Option<(String, String)> {
    use std::sync::OnceLock;
    static ADMIN: OnceLock<Option<(String, String)>> = OnceLock::new();
    static STUDIO: OnceLock<Option<(String, String)>> = OnceLock::new();
    let cell = match package {
        Package::Admin => &ADMIN,
        Package::Studio => &STUDIO,
    };
    cell.get_or_init(|| {
        let root = use_context::<LeptosOptions>()
            .map(|o| o.site_root.to_string())
            .unwrap_or_else(|| "target/site".to_owned());
        let path = std::path::Path::new(&root).join(format!("{}-bundle.txt", package.name()));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e,
                    "a WASM package is not built: its islands stay static");
                return None;
            }
        };
        let mut names = text.split_whitespace().map(str::to_owned);
        names.next().zip(names.next())
    })
    .clone()
}
