//! The product editor's search-result preview: the product page as a search engine lists it
//! (title, address, description), with the lengths that get cut off. Without WASM it shows the
//! saved product; with it, it follows the name, slug and description fields as they are typed.

use leptos::prelude::*;

/// Characters of a title a search result shows before cutting it.
pub const TITLE_CHARS: usize = 60;
/// Characters of the description the product page's meta description keeps.
pub const DESCRIPTION_CHARS: usize = 155;

/// The preview of the product page of `name`, `slug` and `description` on `origin`.
#[island]
pub fn SearchPreview(
    /// The site's public origin, such as `https://shop.example.com`.
    origin: String,
    /// The site's name, which page titles end with (`app::ui::seo`).
    site_name: String,
    name: String,
    slug: String,
    description: String,
) -> impl IntoView {
    let name = RwSignal::new(name);
    let slug = RwSignal::new(slug);
    let description = RwSignal::new(description);
    // The editor's fields are plain form fields outside this island: follow them through the
    // `input` events that bubble up to the window.
    let listener = window_event_listener(leptos::ev::input, move |ev| {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{HtmlInputElement, HtmlTextAreaElement};
        let Some(target) = ev.target() else {
            return;
        };
        if let Some(field) = target.dyn_ref::<HtmlInputElement>() {
            match field.name().as_str() {
                "name" => name.set(field.value()),
                "slug" => slug.set(field.value()),
                _ => {}
            }
        } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>()
            && area.name() == "description"
        {
            description.set(area.value());
        }
    });
    on_cleanup(move || listener.remove());

    let title = Memo::new(move |_| format!("{} · {site_name}", name.read().trim()));
    let title_len = move || title.read().chars().count();
    let path = move || {
        let typed = slug.read().trim().to_owned();
        let slug = if typed.is_empty() {
            crate::slug::slugify(&name.read())
        } else {
            typed
        };
        format!("/products/{slug}")
    };
    let snippet = move || {
        let text = description.read();
        let mut cut: String = text.trim().chars().take(DESCRIPTION_CHARS).collect();
        if text.trim().chars().count() > DESCRIPTION_CHARS {
            cut.push('…');
        }
        cut
    };
    let description_len = move || description.read().trim().chars().count();
    view! {
        <section aria-labelledby="search-preview-heading" class="rounded border border-stone-200 bg-white p-3" data-testid="search-preview">
            <h2 id="search-preview-heading" class="text-sm font-medium text-stone-600">"In search results"</h2>
            <p class="mt-2 truncate text-lg text-blue-800" data-testid="search-preview-title">{title}</p>
            <p class="truncate text-sm text-green-800" data-testid="search-preview-url">{origin}{path}</p>
            <p class="text-sm text-stone-700" data-testid="search-preview-description">{snippet}</p>
            <ul class="mt-2 text-xs text-stone-600">
                <li data-testid="search-preview-title-length">
                    {move || format!("Title: {} of {TITLE_CHARS} characters", title_len())}
                    {move || (title_len() > TITLE_CHARS).then_some(" — cut off in results; shorten the name.")}
                </li>
                <li>
                    {move || format!("Description: {} characters; the first {DESCRIPTION_CHARS} are shown", description_len())}
                    {move || (description_len() == 0).then_some(" — empty: search engines pick text themselves.")}
                </li>
            </ul>
        </section>
    }
}
