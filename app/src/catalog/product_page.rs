//! `/products/{slug}`: one product — breadcrumbs, gallery, variant choice (the URL query picks
//! it; see `variant_picker`), price and stock, description, rating summary and
//! reviews, similar products, and the JSON-LD crawlers read. Old slugs answer 301, archived
//! products 410, unknown ones 404.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::gallery::Gallery;
use super::listing_page::ProductTile;
use super::product_api::{ProductAnswer, ProductView, product};
use super::reviews::Reviews;
use super::variant_picker::{PurchasePanel, chosen_variant};
use super::wishlist::WishlistButton;
use crate::site::absolute_url;
use crate::ui::loaded::{Loaded, load};
use crate::ui::moved::MovedPermanently;
use crate::ui::seo::Seo;

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = load(slug, product);
    view! {
        <Loaded load=data let:answer>
            {match answer {
                ProductAnswer::Found(p) => view! { <ProductBody product=*p /> }.into_any(),
                ProductAnswer::Moved(to) => {
                    view! { <MovedPermanently path=format!("/products/{to}") /> }.into_any()
                }
            }}
        </Loaded>
    }
}

/// The schema.org JSON-LD of a product page: Product with Offer(s), AggregateRating and the
/// BreadcrumbList.
pub fn product_json_ld(p: &ProductView) -> String {
    let url = absolute_url(&format!("/products/{}", p.slug));
    let offers: Vec<serde_json::Value> = p
        .variants
        .iter()
        .map(|v| {
            serde_json::json!({
                "@type": "Offer",
                "sku": v.sku,
                "price": v.price_decimal,
                "priceCurrency": p.currency,
                "availability": if v.stock > 0 { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" },
                "url": url,
            })
        })
        .collect();
    let mut product = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name,
        "description": p.description,
        "url": url,
        "sku": p.variants.first().map(|v| v.sku.clone()),
        "offers": offers,
    });
    if !p.images.is_empty() {
        product["image"] = p
            .images
            .iter()
            .map(|i| serde_json::Value::from(absolute_url(&i.src)))
            .collect();
    }
    if let Some((_, brand)) = &p.brand {
        product["brand"] = serde_json::json!({ "@type": "Brand", "name": brand });
    }
    if p.rating_count > 0 {
        product["aggregateRating"] = serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": format!("{:.2}", p.rating_avg),
            "reviewCount": p.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        });
    }
    let mut crumbs: Vec<serde_json::Value> = vec![serde_json::json!({
        "@type": "ListItem", "position": 1, "name": "Shop", "item": absolute_url("/products"),
    })];
    for (i, (slug, name)) in p.breadcrumbs.iter().enumerate() {
        crumbs.push(serde_json::json!({
            "@type": "ListItem", "position": i + 2, "name": name,
            "item": absolute_url(&format!("/categories/{slug}")),
        }));
    }
    crumbs.push(serde_json::json!({
        "@type": "ListItem", "position": crumbs.len() + 1, "name": p.name, "item": url,
    }));
    let breadcrumbs = serde_json::json!({
        "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": crumbs,
    });
    crate::ui::seo::script_safe_json(
        &serde_json::to_string(&serde_json::json!([product, breadcrumbs])).unwrap_or_default(),
    )
}

#[component]
fn ProductBody(product: ProductView) -> impl IntoView {
    let query = use_query_map();
    let chosen: Vec<(String, String)> = product
        .option_values
        .iter()
        .filter_map(|(name, _)| query.read_untracked().get(name).map(|v| (name.clone(), v)))
        .collect();
    let chosen = chosen_variant(&product.variants, &chosen).map(|v| v.sku.clone());
    let path = format!("/products/{}", product.slug);
    let description: String = product.description.chars().take(155).collect();
    let json_ld = product_json_ld(&product);
    let max_hist = product
        .rating_hist
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <Seo
            title=product.name.clone()
            description=description
            path=path.clone()
            image=product.images.first().map(|i| (i.src.clone(), i.alt.clone())).unwrap_or_default()
        />
        <script type="application/ld+json" inner_html=json_ld></script>
        <nav aria-label="Breadcrumb" class="mb-6 text-sm text-stone-600">
            <ol class="flex flex-wrap gap-2" data-testid="breadcrumbs">
                <li><a class="hover:text-indigo-700" href="/products">"Shop"</a></li>
                {product.breadcrumbs.iter().map(|(slug, name)| view! {
                    <li>"/ " <a class="hover:text-indigo-700" href=format!("/categories/{slug}")>{name.clone()}</a></li>
                }).collect_view()}
                <li aria-current="page">"/ " {product.name.clone()}</li>
            </ol>
        </nav>
        <div class="grid gap-10 md:grid-cols-2">
            <Gallery images=product.images.clone() name=product.name.clone() />
            <div>
                {product.brand.clone().map(|(slug, name)| view! {
                    <a class="text-sm font-medium uppercase tracking-wide text-indigo-700" href=format!("/brands/{slug}")>{name}</a>
                })}
                <h1 class="mt-1 text-3xl font-bold" data-testid="product-name">{product.name.clone()}</h1>
                <div class="mt-2"><WishlistButton slug=product.slug.clone() saved=product.saved /></div>
                {(product.rating_count > 0).then(|| view! {
                    <p class="mt-2 text-sm text-stone-700">
                        <a href="#reviews">{format!("★ {:.1} · {} reviews", product.rating_avg, product.rating_count)}</a>
                    </p>
                })}
                <PurchasePanel
                    path=path.clone()
                    variants=product.variants.clone()
                    option_values=product.option_values.clone()
                    chosen
                />
                <div class="prose mt-8 text-stone-700" data-testid="description">
                    <p>{product.description.clone()}</p>
                </div>
            </div>
        </div>
        <section id="reviews" class="mt-16" aria-labelledby="reviews-heading">
            <h2 id="reviews-heading" class="text-2xl font-bold">"Reviews"</h2>
            {if product.rating_count == 0 {
                view! { <Reviews slug=product.slug.clone() /> }.into_any()
            } else {
                view! {
                    <div class="mt-4 grid gap-8 md:grid-cols-[16rem_1fr]">
                        <div data-testid="rating-summary">
                            <p class="text-4xl font-bold">{format!("{:.1}", product.rating_avg)}</p>
                            <p class="text-sm text-stone-600">{format!("{} reviews", product.rating_count)}</p>
                            <ul class="mt-4 space-y-1 text-sm">
                                {(1..=5usize).rev().map(|stars| {
                                    let n = product.rating_hist.get(stars - 1).copied().unwrap_or(0);
                                    let width = format!("width: {}%", n * 100 / max_hist);
                                    view! {
                                        <li class="flex items-center gap-2">
                                            <span class="w-10">{stars} " ★"</span>
                                            <span class="h-2 flex-1 rounded bg-stone-200"><span class="block h-2 rounded bg-amber-400" style=width></span></span>
                                            <span class="w-8 text-right">{n}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                        <div><Reviews slug=product.slug.clone() /></div>
                    </div>
                }.into_any()
            }}
        </section>
        {(!product.bought_together.is_empty()).then(|| view! {
            <section class="mt-16" aria-labelledby="together-heading">
                <h2 id="together-heading" class="text-2xl font-bold">"Frequently bought together"</h2>
                <ul class="mt-4 grid grid-cols-2 gap-6 md:grid-cols-4" data-testid="bought-together">
                    {product.bought_together.iter().cloned().map(|p| view! { <ProductTile product=p /> }).collect_view()}
                </ul>
            </section>
        })}
        {(!product.similar.is_empty()).then(|| view! {
            <section class="mt-16" aria-labelledby="similar-heading">
                <h2 id="similar-heading" class="text-2xl font-bold">"You may also like"</h2>
                <ul class="mt-4 grid grid-cols-2 gap-6 md:grid-cols-4" data-testid="similar">
                    {product.similar.iter().cloned().map(|p| view! { <ProductTile product=p /> }).collect_view()}
                </ul>
            </section>
        })}
    }
}
