//! `/studio/showcase` (the public showcase: results their owners shared and staff approved,
//! indexable, with `ImageObject` JSON-LD) and `/studio/showcase/{id}` (one picture, its own
//! canonical page and link preview). Server components only.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::showcase_api::{ShowcaseItem, studio_showcase, studio_showcase_item};
use crate::site::absolute_url;
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::{Seo, script_safe_json};

/// `item` as a schema.org `ImageObject`.
fn image_object(item: &ShowcaseItem) -> serde_json::Value {
    let mut object = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ImageObject",
        "name": item.title,
        "contentUrl": absolute_url(&item.url),
        "thumbnailUrl": absolute_url(&item.thumb_url),
        "url": absolute_url(&format!("/studio/showcase/{}", item.id)),
        "width": item.width,
        "height": item.height,
        "creditText": "Made in the Daydream studio",
    });
    if let Some(at) = &item.approved_at {
        object["datePublished"] = serde_json::Value::String(at.at.clone());
    }
    if let Some(style) = &item.style_name {
        object["description"] = serde_json::Value::String(format!("A photo in the {style} style."));
    }
    object
}

/// The items' JSON-LD, safe inside its script element.
fn json_ld(items: &[ShowcaseItem]) -> String {
    let objects: Vec<_> = items.iter().map(image_object).collect();
    script_safe_json(&serde_json::Value::Array(objects).to_string())
}

/// `/studio/showcase`.
#[component]
pub fn ShowcasePage() -> impl IntoView {
    let page = page_param();
    let data = load(page, studio_showcase);
    view! {
        <Seo
            title="Showcase"
            description="Photos restyled in the Daydream studio — pencil sketch, oil paint, pop art and more — shared by the people who made them."
            path="/studio/showcase"
        />
        <Loaded load=data let:paged>
            <div class="mx-auto max-w-6xl" data-testid="showcase">
                <script type="application/ld+json" inner_html=json_ld(&paged.rows)></script>
                <h1 class="text-3xl font-bold">"Showcase"</h1>
                <p class="mt-1 text-stone-600">
                    "Photos restyled in our studio, shared by the people who made them. "
                    <a href="/studio/styles" class="text-indigo-700 hover:underline">"Try a style"</a>
                </p>
                {if paged.rows.is_empty() {
                    view! { <p class="mt-8 text-stone-600" data-testid="showcase-empty">"Nothing shared yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="showcase-items">
                            {paged.rows.iter().cloned().map(|item| view! { <ShowcaseTile item=item /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <Pager page=paged.page has_next=paged.has_next />
            </div>
        </Loaded>
    }
}

/// One picture in the grid.
#[component]
fn ShowcaseTile(item: ShowcaseItem) -> impl IntoView {
    let href = format!("/studio/showcase/{}", item.id);
    view! {
        <li class="overflow-hidden rounded-xl border border-stone-200 bg-white" data-testid="showcase-item">
            <a href=href.clone()>
                <img src=item.thumb_url.clone() alt=item.title.clone() width=item.width height=item.height loading="lazy" class="aspect-square w-full object-cover" />
            </a>
            <div class="p-3">
                <h2 class="font-semibold"><a href=href class="hover:underline">{item.title.clone()}</a></h2>
                {item.style_slug.clone().zip(item.style_name.clone()).map(|(slug, name)| view! {
                    <p class="text-sm"><a href=format!("/studio/styles/{slug}") class="text-indigo-700 hover:underline">{name}</a></p>
                })}
            </div>
        </li>
    }
}

/// `/studio/showcase/{id}`.
#[component]
pub fn ShowcaseItemPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = load(id, studio_showcase_item);
    view! {
        <Loaded load=data let:item>
            {item_view(item)}
        </Loaded>
    }
}

/// One showcase picture once loaded.
fn item_view(item: ShowcaseItem) -> impl IntoView {
    let path = format!("/studio/showcase/{}", item.id);
    let description = match &item.style_name {
        Some(style) => format!(
            "{} — a photo in the {style} style, made in the Daydream studio.",
            item.title
        ),
        None => format!("{} — made in the Daydream studio.", item.title),
    };
    let ld = json_ld(std::slice::from_ref(&item));
    let style_link = item.style_slug.clone().zip(item.style_name.clone());
    view! {
        <Seo title=item.title.clone() description=description path=path image=(item.url.clone(), item.title.clone()) />
        <script type="application/ld+json" inner_html=ld></script>
        <div class="mx-auto max-w-4xl" data-testid="showcase-picture">
            <p class="mb-4 text-sm"><a href="/studio/showcase" class="text-indigo-700 hover:underline">"← Showcase"</a></p>
            <h1 class="text-3xl font-bold">{item.title.clone()}</h1>
            <img src=item.url.clone() alt=item.title.clone() width=item.width height=item.height class="mt-4 w-full rounded-xl border border-stone-200" />
            {style_link.map(|(slug, name)| view! {
                <p class="mt-4">
                    "Made with the "
                    <a href=format!("/studio/styles/{slug}") class="font-medium text-indigo-700 hover:underline">{name}</a>
                    " style. "
                    <a href="/studio" class="text-indigo-700 hover:underline">"Style your own photo"</a>
                </p>
            })}
        </div>
    }
}
