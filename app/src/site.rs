//! Facts about the site every page needs: its public origin and name.

use leptos::prelude::*;

/// The shop's name as shown in titles and structured data.
pub const SITE_NAME: &str = "Daydream";

/// The site's public origin (`https://shop.example.com`), provided by the server per request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOrigin(pub String);

/// The public origin: from the server's context while rendering there, from the browser's
/// location after hydration.
pub fn origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        use_context::<SiteOrigin>()
            .map(|o| o.0)
            .or_else(|| window().location().origin().ok())
            .unwrap_or_default()
    }
}

/// An absolute URL for a site path (`/products/x` → `https://shop.example.com/products/x`).
pub fn absolute_url(path: &str) -> String {
    format!("{}{path}", origin())
}
