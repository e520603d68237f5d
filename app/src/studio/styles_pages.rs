//! `/studio/styles` (the catalog: filter by category, sort by popular — jobs in the last 7
//! days —, new or name; plain links, so it works without JavaScript and crawlers follow it) and
//! `/studio/styles/{slug}` (one style, with "Use this style").

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::styles_api::{
    FavoriteStyle, RateStyle, SORTS, StyleDetail, studio_style, studio_styles,
};
use super::view::StyleCard;
use crate::error::AppError;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// The listing's address for a category and a sort (defaults left out). Category slugs are
/// `[a-z0-9-]` and sorts a fixed list, so nothing needs escaping.
fn listing_href(category: Option<&str>, sort: &str) -> String {
    let mut pairs = Vec::new();
    if let Some(c) = category.filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        pairs.push(format!("category={c}"));
    }
    if sort != "popular" && SORTS.iter().any(|(k, _)| *k == sort) {
        pairs.push(format!("sort={sort}"));
    }
    let query = pairs.join("&");
    if query.is_empty() {
        "/studio/styles".to_owned()
    } else {
        format!("/studio/styles?{query}")
    }
}

/// `/studio/styles`.
#[component]
pub fn StylesPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        (q.get("category"), q.get("sort"))
    };
    let data = load(wanted, |(category, sort)| studio_styles(category, sort));
    view! {
        <Seo
            title="Photo styles"
            description="Pencil sketch, oil paint, pop art, pixel art and more: pick a style and restyle your photo in the Daydream studio."
            path="/studio/styles"
        />
        <Loaded load=data let:listing>
            <div class="mx-auto max-w-6xl">
                <h1 class="text-3xl font-bold">"Photo styles"</h1>
                <p class="mt-1 text-stone-600">"Pick a look; your photo comes back in it."</p>
                <nav aria-label="Categories" class="mt-6 flex flex-wrap gap-2 text-sm" data-testid="style-categories">
                    {
                        let sort = listing.sort.clone();
                        let all_current = listing.category.is_none();
                        view! {
                            <a
                                href=listing_href(None, &sort)
                                aria-current=all_current.then_some("page")
                                class="rounded-full border border-stone-300 px-3 py-1 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white"
                            >
                                "All"
                            </a>
                        }
                    }
                    {listing.categories.iter().map(|c| {
                        let current = listing.category.as_deref() == Some(c.slug.as_str());
                        view! {
                            <a
                                href=listing_href(Some(&c.slug), &listing.sort)
                                aria-current=current.then_some("page")
                                class="rounded-full border border-stone-300 px-3 py-1 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white"
                            >
                                {format!("{} {}", c.icon, c.name)}
                            </a>
                        }
                    }).collect_view()}
                </nav>
                <nav aria-label="Sort" class="mt-3 flex gap-3 text-sm" data-testid="style-sorts">
                    <span class="text-stone-500">"Sort:"</span>
                    {SORTS.iter().map(|(key, label)| {
                        let current = listing.sort == *key;
                        view! {
                            <a
                                href=listing_href(listing.category.as_deref(), key)
                                aria-current=current.then_some("page")
                                class="text-indigo-700 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-stone-900"
                            >
                                {*label}
                            </a>
                        }
                    }).collect_view()}
                </nav>
                {if listing.styles.is_empty() {
                    view! { <p class="mt-8 text-stone-600" data-testid="no-styles">"No styles here yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="styles">
                            {listing.styles.into_iter().map(|s| view! { <StyleTile style=s /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
        </Loaded>
    }
}

/// The average rating as "4.2 ★ (12)", or nothing.
fn rating_text(style: &StyleCard) -> Option<String> {
    style
        .rating
        .map(|r| format!("{r:.1} ★ ({})", style.ratings))
}

/// One style in the grid.
#[component]
fn StyleTile(style: StyleCard) -> impl IntoView {
    let href = format!("/studio/styles/{}", style.slug);
    let rating = rating_text(&style);
    view! {
        <li class="overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm" data-testid="style">
            {style.examples.first().map(|e| view! {
                <img src=e.after_url.clone() alt=format!("An example of the {} style", style.name) width=e.width height=e.height loading="lazy" class="aspect-[3/2] w-full object-cover" />
            })}
            <div class="p-5">
            <p class="text-xs font-semibold uppercase tracking-wide" style=format!("color:{}", style.colour)>
                {format!("{} {}", style.icon, style.category)}
            </p>
            <h2 class="mt-1 text-lg font-semibold">
                <a href=href class="hover:underline">{style.name.clone()}</a>
            </h2>
            <p class="mt-1 line-clamp-3 text-sm text-stone-600">{style.description.clone()}</p>
            <p class="mt-2 text-xs text-stone-500">
                {rating}
                {style.premium.then_some(" · Premium")}
            </p>
            </div>
        </li>
    }
}

/// `/studio/styles/{slug}`.
#[component]
pub fn StylePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let path = format!("/studio/styles/{}", slug());
    let data = load(slug, studio_style);
    let favorite = ServerAction::<FavoriteStyle>::new();
    let rate = ServerAction::<RateStyle>::new();
    let favorite_error = action_error(favorite.value());
    let rate_error = action_error(rate.value());
    view! {
        <Loaded load=data let:detail>
            {style_view(detail, path.clone(), (favorite, favorite_error), (rate, rate_error))}
        </Loaded>
    }
}

/// The style's page once loaded.
fn style_view(
    detail: StyleDetail,
    path: String,
    (favorite, favorite_error): (ServerAction<FavoriteStyle>, Signal<Option<AppError>>),
    (rate, rate_error): (ServerAction<RateStyle>, Signal<Option<AppError>>),
) -> impl IntoView {
    let style = detail.style;
    let (fav_slug, rate_slug) = (style.slug.clone(), style.slug.clone());
    let is_favorite = detail.favorite;
    let mine = detail.my_rating;
    let signed_in = detail.signed_in;
    view! {
            <Seo title=format!("{} style", style.name) description=style.description.clone() path=path.clone() />
            <div class="mx-auto max-w-3xl">
                <p class="mb-4 text-sm"><a href="/studio/styles" class="text-indigo-700 hover:underline">"← All styles"</a></p>
                <p class="text-sm font-semibold uppercase tracking-wide" style=format!("color:{}", style.colour)>
                    <a href=listing_href(Some(&style.category_slug), "popular")>{format!("{} {}", style.icon, style.category)}</a>
                </p>
                <h1 class="mt-1 text-3xl font-bold" data-testid="style-name">{style.name.clone()}</h1>
                <p class="mt-3 text-stone-700">{style.description.clone()}</p>
                <p class="mt-3 text-sm text-stone-500">
                    {rating_text(&style)}
                    {format!(" · used {} times", style.uses)}
                    {style.premium.then_some(" · Premium")}
                    {(style.engine == "local").then_some(" · made on our own servers")}
                </p>
                {style.examples.iter().map(|e| view! {
                    <div class="mt-6 grid grid-cols-2 gap-3" data-testid="style-example">
                        <figure>
                            <img src=e.before_url.clone() alt=format!("{}, before", e.caption) width=e.width height=e.height class="w-full rounded-lg" />
                            <figcaption class="mt-1 text-sm text-stone-600">"Before"</figcaption>
                        </figure>
                        <figure>
                            <img src=e.after_url.clone() alt=format!("{}, in the {} style", e.caption, style.name) width=e.width height=e.height class="w-full rounded-lg" />
                            <figcaption class="mt-1 text-sm text-stone-600">"After"</figcaption>
                        </figure>
                    </div>
                }).collect_view()}
                <a
                    href="/studio"
                    class="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500"
                    data-testid="use-style"
                >
                    "Use this style"
                </a>
                {signed_in.then(|| view! {
                    <div class="mt-8 flex flex-wrap items-start gap-8 border-t border-stone-200 pt-6">
                        <ActionForm action=favorite attr:data-testid="favorite-form">
                            <input type="hidden" name="slug" value=fav_slug />
                            <input type="hidden" name="favorite" value=(!is_favorite).to_string() />
                            <FormError error=favorite_error />
                            <button type="submit" aria-pressed=is_favorite.to_string() class="rounded-md border border-stone-300 px-4 py-2 font-medium aria-pressed:border-rose-600 aria-pressed:text-rose-700" data-testid="favorite">
                                {if is_favorite { "♥ In your favourites" } else { "♡ Add to favourites" }}
                            </button>
                        </ActionForm>
                        <ActionForm action=rate attr:data-testid="rate-form">
                            <input type="hidden" name="slug" value=rate_slug />
                            <FormError error=rate_error />
                            <fieldset class="flex items-center gap-2">
                                <legend class="mb-1 text-sm font-medium">"Your rating"</legend>
                                {(1..=5i16).map(|n| {
                                    let id = format!("stars-{n}");
                                    let label_for = id.clone();
                                    view! {
                                        <input id=id type="radio" name="stars" value=n.to_string() checked=mine == Some(n) class="accent-indigo-600" />
                                        <label for=label_for class="cursor-pointer rounded border border-stone-300 px-2 py-1 text-sm">{format!("{n} ★")}</label>
                                    }
                                }).collect_view()}
                                <button type="submit" class="ml-2 rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white" data-testid="rate">"Rate"</button>
                            </fieldset>
                        </ActionForm>
                    </div>
                })}
            </div>
    }
}
