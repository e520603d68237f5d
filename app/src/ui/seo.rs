//! `<Seo>`: the title, description, canonical URL, Open Graph and Twitter tags of a page.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::site::{SITE_NAME, absolute_url};

/// Head tags for an indexable page; pass `noindex` for private pages.
#[component]
pub fn Seo(
    /// Page title, without the site name.
    #[prop(into)]
    title: String,
    /// One or two sentences for search results.
    #[prop(into)]
    description: String,
    /// The page's canonical path, e.g. `/products/linen-shirt`.
    #[prop(into)]
    path: String,
    /// Keeps crawlers out (cart, account, admin...).
    #[prop(optional)]
    noindex: bool,
    /// The page's picture for link previews (a site path), with its alt text; none when the
    /// path is empty.
    #[prop(optional)]
    image: (String, String),
) -> impl IntoView {
    let full_title = if title.is_empty() {
        SITE_NAME.to_owned()
    } else {
        format!("{title} · {SITE_NAME}")
    };
    let url = absolute_url(&path);
    view! {
        <Title text=full_title.clone() />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:site_name" content=SITE_NAME />
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=full_title />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url />
        {match Some(image).filter(|(path, _)| !path.is_empty()) {
            Some((path, alt)) => {
                let src = absolute_url(&path);
                view! {
                    <Meta property="og:image" content=src.clone() />
                    <Meta property="og:image:alt" content=alt.clone() />
                    <Meta name="twitter:card" content="summary_large_image" />
                    <Meta name="twitter:image" content=src />
                    <Meta name="twitter:image:alt" content=alt />
                }
                    .into_any()
            }
            None => view! { <Meta name="twitter:card" content="summary" /> }.into_any(),
        }}
        {noindex.then(|| view! { <Meta name="robots" content="noindex, nofollow" /> })}
    }
}

/// JSON made safe inside a `<script type="application/ld+json">` element: `<`, `>` and `&` as
/// `\u003c`, `\u003e`, `\u0026` (still the same JSON), so no text from a product name or a
/// review can close the element or open a comment.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
