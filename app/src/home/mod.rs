//! The home page: what Daydream is, rendered on the server, with a live style preview.

pub mod showcase;
mod style_picker;

use leptos::prelude::*;

use crate::site::{SITE_NAME, absolute_url};
use crate::ui::seo::Seo;
use showcase::ShopWindow;
use style_picker::StylePicker;

/// The "Try a style" box with four real examples, once the examples exist (until then, and if
/// they cannot be read, a link to the styles).
#[component]
fn TryAStyle() -> impl IntoView {
    let data = crate::ui::loaded::started(crate::studio::styles_api::studio_examples(4));
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let examples: Vec<style_picker::PickerExample> = data
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|s| {
                        let e = s.examples.into_iter().next()?;
                        Some(style_picker::PickerExample {
                            name: s.name,
                            slug: s.slug,
                            before_url: e.before_url,
                            after_url: e.after_url,
                            width: e.width,
                            height: e.height,
                        })
                    })
                    .collect();
                if examples.is_empty() {
                    view! {
                        <div class="rounded-xl border border-stone-200 bg-white p-6 shadow-sm" data-testid="style-picker-empty">
                            <h2 class="text-lg font-semibold">"Try a style"</h2>
                            <p class="mt-2 text-stone-600">"Pencil sketch, oil paint, pop art, pixel art and more."</p>
                            <a href="/studio/styles" class="mt-4 inline-block font-medium text-indigo-700 hover:underline">"See the styles →"</a>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <StylePicker examples=examples /> }.into_any()
                }
            })}
        </Suspense>
    }
}

/// `/`: introduces the shop, the studio and the client dashboard.
#[component]
pub fn HomePage() -> impl IntoView {
    let organization = serde_json_ld_organization();
    view! {
        <Seo
            title=""
            description="Daydream: a shop of prints and objects, a styling studio that turns your photos into art, and a dashboard for our agency's clients."
            path="/"
        />
        <script type="application/ld+json" inner_html=organization></script>
        <section class="grid gap-10 md:grid-cols-2 md:items-center">
            <div>
                <h1 class="text-4xl font-bold tracking-tight sm:text-5xl">
                    "Turn your photos into art you can hang."
                </h1>
                <p class="mt-6 text-lg text-stone-600">
                    "Daydream is a shop, a styling studio and a project dashboard in one place. "
                    "Upload a photo, pick a style, and order the result as a print."
                </p>
                <div class="mt-8 flex gap-4">
                    <a
                        class="rounded-md bg-indigo-600 px-5 py-3 font-medium text-white hover:bg-indigo-500"
                        href="/studio"
                    >
                        "Open the studio"
                    </a>
                    <a
                        class="rounded-md border border-stone-300 px-5 py-3 font-medium hover:bg-stone-100"
                        href="/products"
                    >
                        "Browse the shop"
                    </a>
                </div>
            </div>
            <TryAStyle />
        </section>
        <section class="mt-16 grid gap-6 sm:grid-cols-3" aria-label="What Daydream does">
            <Feature
                title="The shop"
                text="Prints, frames and objects, searchable and filterable, with honest reviews and a checkout that never charges twice."
            />
            <Feature
                title="The studio"
                text="Your photo restyled as watercolour, film noir, pop art or line art, ready to order as a print."
            />
            <Feature
                title="The dashboard"
                text="For our agency's clients: project status, tasks, budget and reports, always up to date."
            />
        </section>
        <ShopWindow />
    }
}

#[component]
fn Feature(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <article class="rounded-lg border border-stone-200 bg-white p-6">
            <h2 class="text-lg font-semibold">{title}</h2>
            <p class="mt-2 text-stone-600">{text}</p>
        </article>
    }
}

/// schema.org `Organization` for the home page, as JSON-LD.
fn serde_json_ld_organization() -> String {
    let url = absolute_url("/");
    crate::ui::seo::script_safe_json(
        &serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": SITE_NAME,
            "url": url,
            "logo": absolute_url("/favicon.svg"),
        })
        .to_string(),
    )
}
