//! `/products/{slug}`: one product — breadcrumbs, gallery, variant choice (links that change the
//! URL query, so it works without JavaScript), price and stock, description, rating summary and
//! reviews, similar products, and the JSON-LD crawlers read. Old slugs answer 301, archived
//! products 410, unknown ones 404.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::listing_page::ProductTile;
use super::product_api::{ProductAnswer, ProductView, VariantView, product};
use super::reviews::Reviews;
use super::wishlist::WishlistButton;
use crate::site::absolute_url;
use crate::ui::image::{ImageView, ResponsiveImage};
use crate::ui::loaded::{Loaded, load};
use crate::ui::moved::MovedPermanently;
use crate::ui::seo::Seo;
use crate::ui::url::encode_component;

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // The query (the chosen options, not the review paging) is part of the key, so picking a
    // variant re-renders the page in place with JavaScript, as a new page load does without it.
    let search = leptos_router::hooks::use_location().search;
    let variant_query = move || {
        search
            .get()
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.starts_with("review"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let data = load(move || (slug(), variant_query()), |(slug, _)| product(slug));
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

/// The variant the URL's option parameters pick (size=M&colour=Navy): the first that matches
/// every given option, preferring one in stock.
pub fn chosen_variant<'a>(
    variants: &'a [VariantView],
    chosen: &[(String, String)],
) -> Option<&'a VariantView> {
    let matches = |v: &&VariantView| {
        chosen
            .iter()
            .all(|(k, val)| v.options.iter().any(|(ok, ov)| ok == k && ov == val))
    };
    variants
        .iter()
        .filter(matches)
        .find(|v| v.stock > 0)
        .or_else(|| variants.iter().find(matches))
        .or_else(|| variants.iter().find(|v| v.stock > 0))
        .or_else(|| variants.first())
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

/// The product's pictures: the first one large, the others as thumbnails that link to the
/// full-size file (no JavaScript needed), or the initial when there is no picture yet.
#[component]
fn Gallery(images: Vec<ImageView>, name: String) -> impl IntoView {
    let mut images = images.into_iter();
    let Some(main) = images.next() else {
        return view! {
            <div class="flex aspect-square items-center justify-center rounded-xl bg-gradient-to-br from-stone-100 to-stone-200 text-8xl font-bold text-stone-400" aria-hidden="true">
                {name.chars().next().unwrap_or('•')}
            </div>
        }
        .into_any();
    };
    let rest: Vec<ImageView> = images.collect();
    view! {
        <div data-testid="gallery">
            <ResponsiveImage image=main sizes="(min-width: 768px) 50vw, 100vw" eager=true class="aspect-square w-full rounded-xl bg-stone-100 object-cover" />
            {(!rest.is_empty()).then(|| view! {
                <ul class="mt-3 grid grid-cols-4 gap-3">
                    {rest.into_iter().map(|image| {
                        let full = image.src.clone();
                        view! {
                            <li><a href=full><ResponsiveImage image=image sizes="12vw" class="aspect-square w-full rounded-md object-cover" /></a></li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn ProductBody(product: ProductView) -> impl IntoView {
    let query = use_query_map();
    let chosen: Vec<(String, String)> = product
        .option_values
        .iter()
        .filter_map(|(name, _)| query.read_untracked().get(name).map(|v| (name.clone(), v)))
        .collect();
    let variant = chosen_variant(&product.variants, &chosen).cloned();
    let path = format!("/products/{}", product.slug);
    let description: String = product.description.chars().take(155).collect();
    let json_ld = product_json_ld(&product);
    let selected_value = |name: &str| -> Option<String> {
        variant.as_ref().and_then(|v| {
            v.options
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, val)| val.clone())
        })
    };
    let option_link = |name: &str, value: &str| -> String {
        let mut pairs: Vec<String> = product
            .option_values
            .iter()
            .filter(|(n, _)| n != name)
            .filter_map(|(n, _)| {
                selected_value(n)
                    .map(|v| format!("{}={}", encode_component(n), encode_component(&v)))
            })
            .collect();
        pairs.push(format!(
            "{}={}",
            encode_component(name),
            encode_component(value)
        ));
        format!("{path}?{}", pairs.join("&"))
    };
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
                {variant.clone().map(|v| view! {
                    <p class="mt-4 text-2xl" data-testid="price">
                        <span class="font-semibold">{v.price.clone()}</span>
                        {v.compare_at.clone().map(|c| view! { " " <s class="text-lg text-stone-500">{c}</s> })}
                    </p>
                    <p class="mt-1 text-sm" data-testid="stock">
                        {if v.stock == 0 {
                            view! { <span class="text-red-700">"Out of stock"</span> }.into_any()
                        } else if v.low_stock {
                            view! { <span class="text-amber-700">{format!("Only {} left", v.stock)}</span> }.into_any()
                        } else {
                            view! { <span class="text-green-700">"In stock"</span> }.into_any()
                        }}
                    </p>
                    <p class="mt-1 text-xs text-stone-500" data-testid="sku">"SKU " {v.sku.clone()}</p>
                })}
                {product.option_values.iter().map(|(name, values)| {
                    let current = selected_value(name);
                    view! {
                        <fieldset class="mt-6">
                            <legend class="text-sm font-medium capitalize">{name.clone()}</legend>
                            <div class="mt-2 flex flex-wrap gap-2" data-testid=format!("option-{name}")>
                                {values.iter().map(|value| {
                                    let selected = current.as_deref() == Some(value.as_str());
                                    view! {
                                        <a
                                            href=option_link(name, value)
                                            aria-current=selected.then_some("true")
                                            class="rounded-md border border-stone-300 px-3 py-1 text-sm hover:border-indigo-500 aria-[current=true]:border-indigo-600 aria-[current=true]:bg-indigo-600 aria-[current=true]:text-white"
                                        >
                                            {value.clone()}
                                        </a>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <crate::cart::add_form::AddToCartForm
                    sku=variant.as_ref().map(|v| v.sku.clone())
                    in_stock=variant.as_ref().is_some_and(|v| v.stock > 0)
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
