//! The shop's read server functions: the listing (with facets) and one product. Anyone may
//! call them; they only ever show active products.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::listing_query::ListingRequest;
use crate::error::AppError;
use crate::ui::image::ImageView;

/// A product in a grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub brand: Option<String>,
    pub price: String,
    pub compare_at: Option<String>,
    pub in_stock: bool,
    pub rating_avg: f32,
    pub rating_count: i32,
    /// Whether the caller saved it; `None` when nobody is signed in (or not asked).
    pub saved: Option<bool>,
    /// The first picture, once the product has one.
    pub image: Option<ImageView>,
    /// The SKU of its only variant, when it has exactly one: the tile's "Add to cart" buys it
    /// (products with sizes or colours are chosen on their page).
    pub only_sku: Option<String>,
}

/// One value of a facet with how many products it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetOption {
    /// The URL value (a slug, a number).
    pub value: String,
    pub label: String,
    pub count: i64,
    pub selected: bool,
    /// 0 for top-level categories, 1 for their children, and so on.
    pub depth: u8,
}

/// Where a listing is: the whole shop, a category page or a brand page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    All,
    Category(String),
    Brand(String),
}

/// What a listing URL answers: the listing, or the new slug of a renamed category or brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ListingAnswer {
    Found(Box<ListingView>),
    /// The path the listing lives at now.
    Moved(String),
}

/// A listing page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingView {
    pub heading: String,
    pub description: String,
    pub request: ListingRequest,
    pub products: Vec<ProductCard>,
    pub total: i64,
    pub has_next: bool,
    /// The words actually searched when the typed ones found nothing.
    pub corrected_q: Option<String>,
    pub categories: Vec<FacetOption>,
    pub brands: Vec<FacetOption>,
    /// Price bands: value is `min-max` in whole currency units (max empty for the last).
    pub price_bands: Vec<FacetOption>,
    pub ratings: Vec<FacetOption>,
    pub in_stock_count: i64,
}

/// Grid cards for these products, each with its first picture (one query for all of them).
#[cfg(feature = "ssr")]
pub(crate) async fn cards(
    conn: &mut domain::db::PooledConn,
    rows: &[domain::catalog::Product],
    brands: &[domain::catalog::Brand],
) -> Result<Vec<ProductCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let images = domain::media::queries::first_images(conn, &ids).await?;
    let mut only_skus = domain::catalog::reads::only_variant_skus(conn, &ids).await?;
    Ok(rows
        .iter()
        .map(|p| ProductCard {
            image: images.get(&p.id).map(ImageView::from),
            only_sku: only_skus.remove(&p.id),
            ..card(p, brands)
        })
        .collect())
}

#[cfg(feature = "ssr")]
fn card(p: &domain::catalog::Product, brands: &[domain::catalog::Brand]) -> ProductCard {
    use super::money::format_price;
    ProductCard {
        image: None,
        only_sku: None,
        slug: p.slug.clone(),
        name: p.name.clone(),
        brand: p
            .brand_id
            .and_then(|id| brands.iter().find(|b| b.id == id))
            .map(|b| b.name.clone()),
        price: format_price(p.price_cents, &p.currency),
        compare_at: p
            .compare_at_cents
            .filter(|c| *c > p.price_cents)
            .map(|c| format_price(c, &p.currency)),
        in_stock: p.in_stock,
        rating_avg: p.rating_avg,
        rating_count: p.rating_count,
        saved: None,
    }
}

/// The listing for `scope` and the URL query `pairs` (anyone may ask). The same for every
/// visitor but for the wishlist marks, so it is cached until the catalog changes. The old slug
/// of a renamed category or brand answers where it lives now.
#[server(prefix = "/api", endpoint = "listing", input = server_fn::codec::Json)]
pub async fn listing(
    scope: Scope,
    pairs: Vec<(String, String)>,
) -> Result<ListingAnswer, AppError> {
    let request = ListingRequest::parse(&pairs);
    let ctx = crate::server_context::ServerContext::current()?;
    let key = serde_json::to_string(&(&scope, &request)).map_err(AppError::internal)?;
    let mut view = match ctx
        .cached("listing", &key, load_listing(&ctx, scope.clone(), request))
        .await
    {
        Err(AppError::NotFound) => return moved_listing(&ctx, &scope).await,
        other => other?,
    };
    let slugs: Vec<String> = view.products.iter().map(|p| p.slug.clone()).collect();
    if let Some(saved) = super::wishlist_api::saved_among(&slugs).await? {
        for card in &mut view.products {
            card.saved = Some(saved.contains(&card.slug));
        }
    }
    Ok(ListingAnswer::Found(Box::new(view)))
}

/// Where the category or brand page of an unknown slug moved, or not found.
#[cfg(feature = "ssr")]
async fn moved_listing(
    ctx: &crate::server_context::ServerContext,
    scope: &Scope,
) -> Result<ListingAnswer, AppError> {
    let (kind, slug, base) = match scope {
        Scope::All => return Err(AppError::NotFound),
        Scope::Category(slug) => ("category", slug, "/categories"),
        Scope::Brand(slug) => ("brand", slug, "/brands"),
    };
    let mut conn = ctx.conn().await?;
    domain::catalog::reads::renamed(&mut conn, kind, slug)
        .await?
        .map(|to| ListingAnswer::Moved(format!("{base}/{to}")))
        .ok_or(AppError::NotFound)
}

/// The listing from the database.
#[cfg(feature = "ssr")]
async fn load_listing(
    ctx: &crate::server_context::ServerContext,
    scope: Scope,
    mut request: ListingRequest,
) -> Result<ListingView, AppError> {
    use domain::catalog::listing::{self, Filter, Sort};
    use domain::catalog::reads;

    let mut conn = ctx.conn().await?;
    let categories = reads::all_categories(&mut conn).await?;
    let brands = reads::all_brands(&mut conn).await?;

    let (mut heading, mut description) = (
        "All products".to_owned(),
        "Clothing, shoes, accessories and things for the home from independent brands.".to_owned(),
    );
    match &scope {
        Scope::All => {}
        Scope::Category(slug) => {
            let c = categories
                .iter()
                .find(|c| &c.slug == slug)
                .ok_or(AppError::NotFound)?;
            request.category = Some(c.slug.clone());
            heading.clone_from(&c.name);
            description.clone_from(&c.description);
        }
        Scope::Brand(slug) => {
            let b = brands
                .iter()
                .find(|b| &b.slug == slug)
                .ok_or(AppError::NotFound)?;
            if !request.brands.contains(&b.slug) {
                request.brands.push(b.slug.clone());
            }
            heading.clone_from(&b.name);
            description.clone_from(&b.description);
        }
    }
    if let Some(q) = &request.q {
        heading = format!("Results for “{q}”");
    }

    let category_ids = match &request.category {
        None => None,
        Some(slug) => {
            let ids = listing::category_and_below(&categories, slug);
            if ids.is_none() {
                request
                    .notices
                    .push(format!("There is no category “{slug}”: showing all."));
                request.category = None;
            }
            ids
        }
    };
    let brand_ids = listing::brand_ids(&brands, &request.brands);
    let mut filter = Filter {
        q: request.q.clone(),
        category_ids,
        brand_ids,
        min_price_cents: request.min_price_cents,
        max_price_cents: request.max_price_cents,
        in_stock: request.in_stock,
        min_rating: request.min_rating,
    };
    let sort = match request.sort.as_str() {
        "price_asc" => Sort::PriceLowHigh,
        "price_desc" => Sort::PriceHighLow,
        "newest" => Sort::Newest,
        "rating" => Sort::Rating,
        "popular" => Sort::Popularity,
        _ => Sort::Relevance,
    };
    let per_page = i64::from(super::listing_query::PER_PAGE);
    let offset = i64::from(request.page - 1) * per_page;
    let listing::Found {
        mut rows,
        total,
        corrected_q,
    } = listing::search_correcting(&mut conn, &mut filter, sort, per_page + 1, offset).await?;
    let has_next = rows.len() as i64 > per_page;
    rows.truncate(per_page as usize);
    let facets = listing::facets(&mut conn, &filter).await?;

    let count_of =
        |id: i64, list: &[(i64, i64)]| list.iter().find(|(i, _)| *i == id).map_or(0, |(_, n)| *n);
    let category_options = domain::catalog::taxonomy::tree_order(&categories)
        .into_iter()
        .map(|(c, depth)| FacetOption {
            count: count_of(c.id, &facets.categories),
            selected: request.category.as_deref() == Some(c.slug.as_str()),
            value: c.slug,
            label: c.name,
            depth: u8::try_from(depth).unwrap_or(u8::MAX),
        })
        .collect();
    let brand_options = brands
        .iter()
        .map(|b| FacetOption {
            value: b.slug.clone(),
            label: b.name.clone(),
            count: count_of(b.id, &facets.brands),
            selected: request.brands.contains(&b.slug),
            depth: 0,
        })
        .collect();
    let whole = |cents: i64| super::money::format_whole(cents, domain::catalog::CURRENCY);
    let price_bands = listing::price_band_bounds()
        .into_iter()
        .zip(facets.price_bands)
        .map(|((low, high), count)| FacetOption {
            value: format!(
                "{}-{}",
                low / 100,
                high.map(|h| (h / 100).to_string()).unwrap_or_default()
            ),
            label: match high {
                Some(h) if low == 0 => format!("Under {}", whole(h)),
                Some(h) => format!("{} to {}", whole(low), whole(h)),
                None => format!("{} and over", whole(low)),
            },
            count,
            selected: request.min_price_cents == Some(low)
                && request.max_price_cents == high.map(|h| h - 1),
            depth: 0,
        })
        .collect();
    let ratings = (1..=4u8)
        .rev()
        .zip(facets.ratings)
        .map(|(stars, count)| FacetOption {
            value: stars.to_string(),
            label: format!("{stars} stars & up"),
            count,
            selected: request.min_rating == Some(stars),
            depth: 0,
        })
        .collect();

    Ok(ListingView {
        heading,
        description,
        products: cards(&mut conn, &rows, &brands).await?,
        total,
        has_next,
        corrected_q,
        categories: category_options,
        brands: brand_options,
        price_bands,
        ratings,
        in_stock_count: facets.in_stock,
        request,
    })
}
