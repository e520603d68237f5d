//! One product for its page (anyone may ask): variants, breadcrumbs, rating summary, similar
//! products (the reviews come from `review_api`). Old slugs answer `Moved`, archived products
//! `AppError::Gone`. The same for every visitor but for the wishlist mark, so it is cached
//! until the catalog changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::api::ProductCard;
use crate::error::AppError;
use crate::ui::image::ImageView;

/// One variant as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantView {
    pub sku: String,
    /// (option name, value), e.g. ("size", "M").
    pub options: Vec<(String, String)>,
    pub price: String,
    pub price_decimal: String,
    pub compare_at: Option<String>,
    pub stock: i32,
    pub low_stock: bool,
}

/// Everything the product page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub brand: Option<(String, String)>,
    /// (slug, name) from the top category down.
    pub breadcrumbs: Vec<(String, String)>,
    pub currency: String,
    pub in_stock: bool,
    pub rating_avg: f32,
    pub rating_count: i32,
    /// Approved reviews with 1..=5 stars.
    pub rating_hist: Vec<i32>,
    pub variants: Vec<VariantView>,
    /// Each option name with its values in order, e.g. ("size", ["S", "M"]).
    pub option_values: Vec<(String, Vec<String>)>,
    pub similar: Vec<ProductCard>,
    /// Products often in the same order as this one.
    pub bought_together: Vec<ProductCard>,
    /// Whether the caller saved it; `None` for anonymous visitors.
    pub saved: Option<bool>,
    /// The gallery, in order.
    pub images: Vec<ImageView>,
}

/// What a product URL answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProductAnswer {
    Found(Box<ProductView>),
    /// An old slug: the current one.
    Moved(String),
}

/// The product with this slug (anyone may ask).
#[server(prefix = "/api", endpoint = "product", input = server_fn::codec::GetUrl)]
pub async fn product(slug: String) -> Result<ProductAnswer, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let slug = slug.trim().to_owned();
    let answer = ctx
        .cached_for_product(&slug, "product", &slug, load_product(&ctx, &slug))
        .await?;
    let ProductAnswer::Found(mut view) = answer else {
        return Ok(answer);
    };
    view.saved = super::wishlist_api::saved_among(std::slice::from_ref(&view.slug))
        .await?
        .map(|s| !s.is_empty());
    Ok(ProductAnswer::Found(view))
}

/// The product page's data from the database.
#[cfg(feature = "ssr")]
async fn load_product(
    ctx: &crate::server_context::ServerContext,
    slug: &str,
) -> Result<ProductAnswer, AppError> {
    use domain::catalog::reads::{self, Lookup};

    use super::money::{decimal, format_price};
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let p = match reads::product_by_slug(&mut conn, slug).await.map_err(db)? {
        Lookup::Found(p) => p,
        Lookup::Moved(to) => return Ok(ProductAnswer::Moved(to)),
        Lookup::Gone(_) => return Err(AppError::Gone),
        Lookup::NotFound => return Err(AppError::NotFound),
    };
    let categories = reads::all_categories(&mut conn).await.map_err(db)?;
    let brands = reads::all_brands(&mut conn).await.map_err(db)?;
    let variants = reads::variants(&mut conn, p.id).await.map_err(db)?;
    let similar = reads::similar_products(&mut conn, &p, 4)
        .await
        .map_err(db)?;
    let together = domain::orders::recommendations::bought_together_products(&mut conn, p.id, 4)
        .await
        .map_err(db)?;
    let images = domain::media::queries::product_images(&mut conn, p.id)
        .await
        .map_err(db)?;

    let order = ["size", "colour"];
    let mut option_values: Vec<(String, Vec<String>)> = Vec::new();
    let variant_views: Vec<VariantView> = variants
        .iter()
        .map(|v| {
            let mut options = v.option_pairs();
            options.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
            for (k, val) in &options {
                match option_values.iter_mut().find(|(name, _)| name == k) {
                    Some((_, values)) if !values.contains(val) => values.push(val.clone()),
                    Some(_) => {}
                    None => option_values.push((k.clone(), vec![val.clone()])),
                }
            }
            VariantView {
                sku: v.sku.clone(),
                options,
                price: format_price(v.price_cents, &v.currency),
                price_decimal: decimal(v.price_cents),
                compare_at: v
                    .compare_at_cents
                    .filter(|c| *c > v.price_cents)
                    .map(|c| format_price(c, &v.currency)),
                stock: v.stock,
                low_stock: v.stock > 0 && v.stock <= v.low_stock_threshold,
            }
        })
        .collect();
    option_values.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));

    Ok(ProductAnswer::Found(Box::new(ProductView {
        saved: None,
        breadcrumbs: reads::category_path(&categories, p.category_id)
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect(),
        brand: p
            .brand_id
            .and_then(|id| brands.iter().find(|b| b.id == id))
            .map(|b| (b.slug.clone(), b.name.clone())),
        similar: super::api::cards(&mut conn, &similar, &brands).await?,
        bought_together: super::api::cards(&mut conn, &together, &brands).await?,
        images: images.iter().map(ImageView::from).collect(),
        slug: p.slug,
        name: p.name,
        description: p.description,
        currency: p.currency,
        in_stock: p.in_stock,
        rating_avg: p.rating_avg,
        rating_count: p.rating_count,
        rating_hist: p.rating_hist,
        variants: variant_views,
        option_values,
    })))
}
