//! `/products`, `/categories/{slug}` and `/brands/{slug}`: the product grid with its filters.
//! All state is in the URL query: without JavaScript the filters are a GET form and plain
//! links; with the WASM, ticking a filter applies it at once (`instant_filters`).

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use super::api::{FacetOption, ListingAnswer, ListingView, ProductCard, Scope, listing};
use super::listing_query::SORTS;
use super::wishlist::WishlistButton;
use crate::cart::add_form::QuickAddButton;
use crate::ui::image::ProductPicture;
use crate::ui::loaded::{Loaded, load};
use crate::ui::moved::MovedPermanently;
use crate::ui::seo::Seo;
use crate::ui::url::encode_component;

/// The query pairs of the current URL.
fn query_pairs() -> impl Fn() -> Vec<(String, String)> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        query
            .get()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect()
    }
}

/// `path?query` from pairs.
fn href(path: &str, pairs: &[(String, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The listing page for the whole shop.
#[component]
pub fn ProductsPage() -> impl IntoView {
    view! { <Listing scope=|| Scope::All /> }
}

/// The listing page of one category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    view! { <Listing scope=move || Scope::Category(params.read().get("slug").unwrap_or_default()) /> }
}

/// The listing page of one brand.
#[component]
pub fn BrandPage() -> impl IntoView {
    let params = use_params_map();
    view! { <Listing scope=move || Scope::Brand(params.read().get("slug").unwrap_or_default()) /> }
}

#[component]
fn Listing(scope: impl Fn() -> Scope + Copy + Send + Sync + 'static) -> impl IntoView {
    let pairs = query_pairs();
    let data = load(
        move || (scope(), pairs()),
        |(scope, pairs)| listing(scope, pairs),
    );
    view! {
        <Loaded load=data let:answer>
            {match answer {
                ListingAnswer::Found(view) => view! { <ListingBody view=*view /> }.into_any(),
                ListingAnswer::Moved(path) => view! { <MovedPermanently path=path /> }.into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn ListingBody(view: ListingView) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let r = view.request.clone();
    // The canonical URL keeps only what changes the content: the category/brand page itself and
    // the page number (filters and sorts are not canonical).
    let canonical = if r.page > 1 {
        format!("{path}?page={}", r.page)
    } else {
        path.clone()
    };
    let title = if r.page > 1 {
        format!("{} – page {}", view.heading, r.page)
    } else {
        view.heading.clone()
    };
    let pairs: Vec<(String, String)> = use_query_map()
        .get_untracked()
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v))
        .collect();
    let with = {
        let path = path.clone();
        let pairs = pairs.clone();
        move |key: &str, value: Option<&str>| {
            let mut next: Vec<(String, String)> = pairs
                .iter()
                .filter(|(k, _)| k != key && k != "page")
                .cloned()
                .collect();
            if let Some(v) = value {
                next.push((key.to_owned(), v.to_owned()));
            }
            href(&path, &next)
        }
    };
    let page_link = {
        let path = path.clone();
        let pairs = pairs.clone();
        move |page: u32| {
            let mut next: Vec<(String, String)> =
                pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
            if page > 1 {
                next.push(("page".into(), page.to_string()));
            }
            href(&path, &next)
        }
    };
    let noindex = r.q.is_some();
    let on_products = path == "/products";
    let form_action = path.clone();
    let price_path = path.clone();
    view! {
        <Seo title=title description=view.description.clone() path=canonical noindex=noindex />
        <div class="mb-6">
            <h1 class="text-3xl font-bold" data-testid="listing-heading">{view.heading.clone()}</h1>
            <p class="mt-1 text-stone-600">{view.description.clone()}</p>
        </div>
        {r.notices.iter().map(|n| view! {
            <p role="status" class="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="listing-notice">{n.clone()}</p>
        }).collect_view()}
        {view.corrected_q.clone().map(|q| view! {
            <p class="mb-3 text-sm" data-testid="corrected-query">"No results for “" {r.q.clone().unwrap_or_default()} "”. Showing results for “" <strong>{q}</strong> "”."</p>
        })}
        <div class="grid gap-8 lg:grid-cols-[16rem_1fr]">
            <aside aria-label="Filters">
                <Form method="GET" action=form_action attr:class="space-y-6" attr:data-testid="filters" attr:data-instant="">
                    <div>
                        <label for="q" class="block text-sm font-medium">"Search"</label>
                        <input id="q" name="q" type="search" value=r.q.clone().unwrap_or_default() class="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2" />
                    </div>
                    {r.category.clone().filter(|_| on_products).map(|c| view! { <input type="hidden" name="category" value=c /> })}
                    <FacetChecks legend="Brand" name="brand" options=view.brands.clone() />
                    <fieldset>
                        <legend class="text-sm font-medium">"Price (€)"</legend>
                        <div class="mt-1 flex items-center gap-2">
                            <input name="min_price" aria-label="Lowest price" inputmode="decimal" placeholder="min" value=r.min_price_cents.map(|c| (c / 100).to_string()).unwrap_or_default() class="w-20 rounded-md border border-stone-300 px-2 py-1" />
                            "–"
                            <input name="max_price" aria-label="Highest price" inputmode="decimal" placeholder="max" value=r.max_price_cents.map(|c| format!("{}.{:02}", c / 100, c % 100)).unwrap_or_default() class="w-20 rounded-md border border-stone-300 px-2 py-1" />
                        </div>
                    </fieldset>
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="in_stock" value="1" checked=r.in_stock class="accent-indigo-600" />
                        "In stock only (" {view.in_stock_count} ")"
                    </label>
                    <fieldset>
                        <legend class="text-sm font-medium">"Rating"</legend>
                        <label class="mt-1 flex items-center gap-2 text-sm">
                            <input type="radio" name="rating" value="" checked=r.min_rating.is_none() class="accent-indigo-600" />
                            "Any"
                        </label>
                        {view.ratings.iter().map(|o| view! {
                            <label class="flex items-center gap-2 text-sm">
                                <input type="radio" name="rating" value=o.value.clone() checked=o.selected class="accent-indigo-600" />
                                {o.label.clone()} " (" {o.count} ")"
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <div>
                        <label for="sort" class="block text-sm font-medium">"Sort by"</label>
                        <select id="sort" name="sort" class="mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-2">
                            {SORTS.iter().map(|(value, label)| view! {
                                <option value=*value selected=r.sort == *value>{*label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500">"Apply filters"</button>
                </Form>
                <nav aria-label="Categories" class="mt-8">
                    <h2 class="text-sm font-medium">"Categories"</h2>
                    <ul class="mt-2 space-y-1 text-sm" data-testid="category-facet">
                        {view.categories.iter().map(|o| {
                            let link = with("category", if o.selected { None } else { Some(o.value.as_str()) });
                            let link = if on_products { link } else { href("/products", &[("category".into(), o.value.clone())]) };
                            view! {
                                <li class=if o.depth == 0 { "font-medium" } else { "" } style=(o.depth > 0).then(|| format!("padding-left: {}rem", o.depth))>
                                    <a href=link aria-current=o.selected.then_some("true") class="hover:text-indigo-700 aria-[current=true]:font-bold aria-[current=true]:text-indigo-700">
                                        {o.label.clone()} " (" {o.count} ")"
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <h2 class="mt-6 text-sm font-medium">"Price"</h2>
                    <ul class="mt-2 space-y-1 text-sm" data-testid="price-facet">
                        {view.price_bands.iter().map(|o| {
                            let (lo, hi) = o.value.split_once('-').unwrap_or(("", ""));
                            let mut next: Vec<(String, String)> = pairs.iter().filter(|(k, _)| !matches!(k.as_str(), "min_price" | "max_price" | "page")).cloned().collect();
                            next.push(("min_price".into(), lo.to_owned()));
                            if !hi.is_empty() {
                                next.push(("max_price".into(), format!("{}.99", hi.parse::<i64>().unwrap_or(1) - 1)));
                            }
                            view! { <li><a href=href(&price_path, &next) class="hover:text-indigo-700">{o.label.clone()} " (" {o.count} ")"</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
            </aside>
            <section aria-label="Products">
                <p class="mb-4 text-sm text-stone-600" data-testid="result-count">
                    {view.total} {if view.total == 1 { " product" } else { " products" }}
                </p>
                {if view.products.is_empty() {
                    view! {
                        <div class="rounded-xl border border-dashed border-stone-300 p-10 text-center" data-testid="no-results">
                            <h2 class="text-lg font-semibold">"Nothing matches these filters"</h2>
                            <p class="mt-2 text-stone-600">"Try fewer filters, another word, or browse everything."</p>
                            <a class="mt-4 inline-block font-medium text-indigo-700" href="/products">"See all products"</a>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ul class="grid grid-cols-2 gap-6 md:grid-cols-3" data-testid="product-grid">
                            {view.products.iter().cloned().map(|p| view! { <ProductTile product=p /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <nav aria-label="Pages" class="mt-8 flex items-center gap-4 text-sm" data-testid="pager">
                    {(r.page > 1).then(|| view! { <a rel="prev" class="rounded-md border border-stone-300 px-3 py-1" href=page_link(r.page - 1)>"← Previous"</a> })}
                    <span>"Page " {r.page}</span>
                    {view.has_next.then(|| view! { <a rel="next" class="rounded-md border border-stone-300 px-3 py-1" href=page_link(r.page + 1)>"Next →"</a> })}
                </nav>
            </section>
        </div>
    }
}

/// A facet of checkboxes (several may be ticked).
#[component]
fn FacetChecks(
    legend: &'static str,
    name: &'static str,
    options: Vec<FacetOption>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend class="text-sm font-medium">{legend}</legend>
            <div class="mt-1 max-h-64 space-y-1 overflow-y-auto" data-testid=format!("{name}-facet")>
                {options.into_iter().filter(|o| o.count > 0 || o.selected).map(|o| view! {
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name=name value=o.value.clone() checked=o.selected class="accent-indigo-600" />
                        {o.label.clone()} " (" {o.count} ")"
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// One product in the grid: its picture and name (a link to its page), price, rating, and a way
/// to buy it — "Add to cart" when it has one variant, "Choose options" when it has several.
#[component]
pub fn ProductTile(product: ProductCard) -> impl IntoView {
    let href = format!("/products/{}", product.slug);
    let buy = match (product.in_stock, product.only_sku.clone()) {
        (false, _) => None,
        (true, Some(sku)) => Some(view! { <QuickAddButton sku=sku name=product.name.clone() /> }.into_any()),
        (true, None) => Some(view! {
            <a href=href.clone() class="mt-2 inline-block rounded-md border border-stone-300 px-3 py-1 text-sm hover:bg-stone-50" data-testid="choose-options">
                "Choose options"
            </a>
        }.into_any()),
    };
    view! {
        <li class="group" data-testid="product-tile">
            <a href=href class="block">
                <ProductPicture image=product.image.clone() name=product.name.clone()
                    sizes="(min-width: 768px) 25vw, 50vw"
                    class="aspect-square w-full rounded-lg bg-stone-100 object-cover group-hover:opacity-90" />
                <h3 class="mt-2 text-sm font-medium">{product.name.clone()}</h3>
            </a>
            <p class="text-xs text-stone-500">{product.brand.clone()}</p>
            <p class="mt-1 text-sm">
                <span class="font-semibold">{product.price.clone()}</span>
                {product.compare_at.clone().map(|c| view! { " " <s class="text-stone-500">{c}</s> })}
                {(!product.in_stock).then(|| view! { <span class="ml-2 text-xs text-red-700">"Sold out"</span> })}
            </p>
            {(product.rating_count > 0).then(|| view! {
                <p class="text-xs text-stone-600">{format!("★ {:.1} ({})", product.rating_avg, product.rating_count)}</p>
            })}
            {buy}
            {product.saved.map(|saved| view! { <WishlistButton slug=product.slug.clone() saved=Some(saved) /> })}
        </li>
    }
}
