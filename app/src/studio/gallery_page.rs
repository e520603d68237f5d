//! `/studio/gallery`: the caller's results, newest first, a page of 12 at a time, filtered by
//! style and favourites (a plain GET form), each with its comparison and actions
//! (`result_panel`).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::result_panel::ResultPanel;
use super::results_api::{Gallery, studio_gallery};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// `/studio/gallery`.
#[component]
pub fn GalleryPage() -> impl IntoView {
    let query = use_query_map();
    let page = page_param();
    let wanted = move || {
        let q = query.read();
        (q.get("style"), q.get("favorites"), page().map(i64::from))
    };
    let data = load(wanted, |(style, favorites, page)| {
        studio_gallery(style, favorites, page)
    });
    let location = use_location();
    let back = {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    };
    let deleted = query.read_untracked().get("deleted").is_some();
    view! {
        <Seo title="Your gallery" description="Your styled photos." path="/studio/gallery" noindex=true />
        <Loaded load=data let:gallery>
            {gallery_view(gallery, back.clone(), deleted)}
        </Loaded>
    }
}

/// The gallery once loaded.
fn gallery_view(gallery: Gallery, back: String, deleted: bool) -> impl IntoView {
    let has_next = gallery.page < gallery.pages;
    let page = u32::try_from(gallery.page).unwrap_or(1);
    let count = match gallery.total {
        1 => "1 result".to_owned(),
        n => format!("{n} results"),
    };
    let chosen = gallery.style.clone();
    let any_compare = gallery.results.iter().any(|r| r.before_url.is_some());
    let empty = gallery.results.is_empty();
    let filtered = gallery.style.is_some() || gallery.favorites;
    view! {
        <div class="mx-auto max-w-6xl" data-testid="gallery">
            <p class="mb-4 text-sm"><a href="/studio" class="text-indigo-700 hover:underline">"← Your studio"</a></p>
            <div class="flex flex-wrap items-baseline justify-between gap-3">
                <h1 class="text-3xl font-bold">"Your gallery"</h1>
                <p class="text-stone-600" data-testid="gallery-count">{count}</p>
            </div>
            {deleted.then(|| view! {
                <p class="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800" role="status" data-testid="result-deleted">"The result and its files are deleted."</p>
            })}
            <form method="get" action="/studio/gallery" class="mt-6 flex flex-wrap items-end gap-4" data-testid="gallery-filter">
                <label class="text-sm">
                    <span class="block font-medium">"Style"</span>
                    <select name="style" class="rounded-md border border-stone-300 px-2 py-1">
                        <option value="" selected=chosen.is_none()>"All styles"</option>
                        {gallery.styles.iter().map(|(slug, name)| {
                            let selected = chosen.as_deref() == Some(slug.as_str());
                            view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="favorites" value="1" checked=gallery.favorites class="accent-indigo-600" />
                    "Favourites only"
                </label>
                <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium">"Show"</button>
            </form>
            {if empty {
                let line = if filtered {
                    "Nothing matches; try all styles."
                } else {
                    "No results yet: style a photo in your studio and it appears here."
                };
                view! { <p class="mt-8 text-stone-600" data-testid="gallery-empty">{line}</p> }.into_any()
            } else {
                view! {
                    <div class="mt-6 grid gap-6 md:grid-cols-2" data-testid="results">
                        {gallery.results.into_iter().map(|r| view! { <ResultPanel result=r back=back.clone() /> }).collect_view()}
                    </div>
                }.into_any()
            }}
            <Pager page=page has_next=has_next />
            {any_compare.then(super::islands::studio_package)}
        </div>
    }
}
