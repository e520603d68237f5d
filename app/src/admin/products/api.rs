//! The catalog admin's product server functions (staff only): the product list, the editor's
//! data, saving a product with its variants, and its pictures (upload, reorder, remove). Every
//! write is audited in its transaction and drops the page cache.

// The product form has a field per argument, and a server function takes them as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::admin::products::fields::{ProductInput, VariantInput};
use crate::error::AppError;
use crate::ui::image::ImageView;
#[cfg(feature = "ssr")]
use crate::ui::paging::PageRequest;
use crate::ui::paging::Paged;

/// A product in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminProductRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub status: String,
    pub price: String,
    pub in_stock: bool,
}

/// One picture in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminImage {
    pub media_id: String,
    pub image: ImageView,
}

/// What the editor shows: the form's values, the pictures, and the choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductEditor {
    /// `None` for a new product.
    pub id: Option<i64>,
    pub input: ProductInput,
    pub images: Vec<AdminImage>,
    /// (slug, label) of every category, children indented under their parent.
    pub categories: Vec<(String, String)>,
    /// (slug, name) of every brand.
    pub brands: Vec<(String, String)>,
}

/// Products matching `q` (name or slug) with `status`, newest first, 50 a page (staff only).
#[server(prefix = "/api", endpoint = "admin_products")]
pub async fn admin_products(
    q: Option<String>,
    status: Option<String>,
    page: Option<u32>,
) -> Result<Paged<AdminProductRow>, AppError> {
    use domain::catalog::ProductStatus;
    crate::accounts::auth::require_staff().await?;
    let status = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            ProductStatus::parse(s)
                .ok_or_else(|| AppError::validation("status", "Pick draft, active or archived."))?,
        ),
    };
    let q = q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let request = PageRequest::new(page, 50);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows =
        domain::catalog::editing::list(&mut conn, q, status, request.limit(), request.offset())
            .await?;
    Ok(request.finish(
        rows.into_iter()
            .map(|p| AdminProductRow {
                price: crate::catalog::money::format_price(p.price_cents, &p.currency),
                id: p.id,
                name: p.name,
                slug: p.slug,
                status: p.status,
                in_stock: p.in_stock,
            })
            .collect(),
    ))
}

/// The editor's data for product `id`, or an empty form when `id` is absent (staff only).
#[server(prefix = "/api", endpoint = "admin_product_editor")]
pub async fn editor_data(id: Option<i64>) -> Result<ProductEditor, AppError> {
    use domain::catalog::reads;
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let all_categories = reads::all_categories(&mut conn).await.map_err(db)?;
    let all_brands = reads::all_brands(&mut conn).await.map_err(db)?;
    let categories = category_choices(&all_categories);
    let brands = all_brands
        .iter()
        .map(|b| (b.slug.clone(), b.name.clone()))
        .collect();
    let blank_rows = || (0..3).map(|_| VariantInput::default());
    let Some(id) = id else {
        return Ok(ProductEditor {
            id: None,
            input: ProductInput {
                status: "draft".into(),
                variants: blank_rows().collect(),
                ..ProductInput::default()
            },
            images: Vec::new(),
            categories,
            brands,
        });
    };
    let product = domain::catalog::editing::find(&mut conn, id)
        .await
        .map_err(db)?
        .ok_or(AppError::NotFound)?;
    let variants = reads::variants(&mut conn, id).await.map_err(db)?;
    let images = domain::media::queries::product_images(&mut conn, id)
        .await
        .map_err(db)?;
    let option = |v: &domain::catalog::Variant, key: &str| {
        v.options
            .get(key)
            .and_then(|o| o.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let amount = crate::catalog::money::decimal;
    Ok(ProductEditor {
        id: Some(id),
        input: ProductInput {
            brand: product
                .brand_id
                .and_then(|b| all_brands.iter().find(|x| x.id == b))
                .map(|b| b.slug.clone())
                .unwrap_or_default(),
            category: all_categories
                .iter()
                .find(|c| c.id == product.category_id)
                .map(|c| c.slug.clone())
                .unwrap_or_default(),
            variants: variants
                .iter()
                .map(|v| VariantInput {
                    id: v.id.to_string(),
                    sku: v.sku.clone(),
                    size: option(v, "size"),
                    colour: option(v, "colour"),
                    price: amount(v.price_cents),
                    compare_at: v.compare_at_cents.map(amount).unwrap_or_default(),
                    stock: v.stock.to_string(),
                    low_stock: v.low_stock_threshold.to_string(),
                })
                .chain(blank_rows())
                .collect(),
            name: product.name,
            slug: product.slug,
            description: product.description,
            status: product.status,
            featured: product.featured,
        },
        images: images
            .iter()
            .map(|i| AdminImage {
                media_id: i.media_id.to_string(),
                image: ImageView::from(i),
            })
            .collect(),
        categories,
        brands,
    })
}

/// (slug, label) of every category in tree order, each labelled with its path ("Clothing ›
/// Shirts").
#[cfg(feature = "ssr")]
fn category_choices(all: &[domain::catalog::Category]) -> Vec<(String, String)> {
    domain::catalog::taxonomy::tree_order(all)
        .into_iter()
        .map(|(c, _)| {
            let path: Vec<String> = domain::catalog::reads::category_path(all, c.id)
                .into_iter()
                .map(|p| p.name)
                .collect();
            (c.slug, path.join(" › "))
        })
        .collect()
}

#[cfg(feature = "ssr")]
fn edit_error(e: domain::catalog::editing::EditError) -> AppError {
    use domain::catalog::editing::EditError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::SlugTaken => AppError::validation("slug", "Another product already uses this slug."),
        E::SkuTaken(sku) => AppError::validation(
            "variants",
            format!("Another product already uses the SKU {sku}."),
        ),
        E::SkuTwice(_) => AppError::validation("variants", "Each variant needs its own SKU."),
        E::UnknownCategory => AppError::validation("category", "Pick a category from the list."),
        E::UnknownBrand => AppError::validation("brand", "Pick a brand from the list."),
        E::ForeignVariant(_) => AppError::validation(
            "variants",
            "The form was out of date: reload the page and try again.",
        ),
        E::NoVariants => {
            AppError::validation("variants", "An active product needs at least one variant.")
        }
        E::Database(e) => AppError::internal(e),
    }
}

/// Saves the product form: creates a product when `id` is absent, else replaces product `id`'s
/// fields and variants (staff only; audited). Back to the editor afterwards.
#[server(prefix = "/api", endpoint = "admin_save_product")]
pub async fn save_product(
    id: Option<i64>,
    name: String,
    slug: String,
    description: String,
    status: String,
    brand: Option<String>,
    category: Option<String>,
    featured: Option<String>,
    variants: Option<Vec<VariantInput>>,
) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let input = ProductInput {
        name,
        slug,
        description,
        status,
        brand: brand.unwrap_or_default(),
        category: category.unwrap_or_default(),
        featured: featured.is_some_and(|f| f == "on" || f == "true"),
        variants: variants.unwrap_or_default(),
    };
    let id = store_product(staff.id, id, &input)
        .await
        .map_err(|e| e.keeping(&input))?;
    leptos_axum::redirect(&format!("/admin/products/{id}?saved=1"));
    Ok(())
}

/// Checks and saves the product form; the product's id.
#[cfg(feature = "ssr")]
async fn store_product(
    staff: uuid::Uuid,
    id: Option<i64>,
    input: &ProductInput,
) -> Result<i64, AppError> {
    use domain::catalog::ProductStatus;
    use domain::catalog::editing::{self, ProductDraft, VariantDraft};
    let valid = input.validate().map_err(|errors| {
        AppError::fields(errors.iter().map(|(f, m)| (f.as_str(), Some(*m))))
            .unwrap_or(AppError::Internal)
    })?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let categories = domain::catalog::reads::all_categories(&mut conn)
        .await
        .map_err(db)?;
    let category_id = categories
        .iter()
        .find(|c| c.slug == valid.category)
        .map(|c| c.id)
        .ok_or_else(|| AppError::validation("category", "Pick a category from the list."))?;
    let brand_id = match &valid.brand {
        None => None,
        Some(slug) => Some(
            domain::catalog::reads::all_brands(&mut conn)
                .await
                .map_err(db)?
                .iter()
                .find(|b| &b.slug == slug)
                .map(|b| b.id)
                .ok_or_else(|| AppError::validation("brand", "Pick a brand from the list."))?,
        ),
    };
    let draft = ProductDraft {
        status: ProductStatus::parse(&valid.status).unwrap_or(ProductStatus::Draft),
        name: valid.name,
        slug: valid.slug,
        description: valid.description,
        brand_id,
        category_id,
        featured: valid.featured,
    };
    let variants: Vec<VariantDraft> = valid
        .variants
        .into_iter()
        .map(|v| VariantDraft {
            options: v.options(),
            id: v.id,
            sku: v.sku,
            price_cents: v.price_cents,
            compare_at_cents: v.compare_at_cents,
            stock: v.stock,
            low_stock_threshold: v.low_stock_threshold,
        })
        .collect();
    let request_id = crate::server_context::ServerContext::request_id();
    let id = match id {
        None => editing::create_product(&mut conn, staff, &draft, &variants, request_id).await,
        Some(id) => editing::update_product(&mut conn, staff, id, &draft, &variants, request_id)
            .await
            .map(|()| id),
    }
    .map_err(edit_error)?;
    ctx.catalog_changed().await;
    Ok(id)
}

/// Adds an uploaded picture to a product (staff only; audited): a multipart form with
/// `product_id`, `alt` and `file`. The file is checked from its bytes and re-encoded; the
/// sized copies follow from a job. Back to the editor afterwards, with the refusal if any.
#[server(prefix = "/api", endpoint = "admin_upload_product_image", input = server_fn::codec::MultipartFormData)]
pub async fn upload_product_image(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::validation("file", "Choose an image to upload."))?;
    let (mut product_id, mut alt, mut bytes) = (None, String::new(), Vec::new());
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name().unwrap_or_default() {
            "product_id" => {
                let text = field.text().await.unwrap_or_default();
                product_id = text.trim().parse::<i64>().ok();
            }
            "alt" => alt = field.text().await.unwrap_or_default(),
            "file" => {
                while let Ok(Some(chunk)) = field.chunk().await {
                    if bytes.len() + chunk.len() > domain::media::upload::MAX_BYTES {
                        return Err(AppError::validation(
                            "file",
                            "The file is larger than 15 MB.",
                        ));
                    }
                    bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    let product_id = product_id.ok_or(AppError::NotFound)?;
    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
    if alt.chars().count() > 200 {
        return Err(AppError::validation("alt", "Use at most 200 characters."));
    }
    let prepared = domain::media::queries::prepare(bytes)
        .await
        .map_err(|e| AppError::validation("file", e.to_string()))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    domain::catalog::editing::add_image(
        &mut conn,
        &ctx.services.media,
        staff.id,
        product_id,
        &alt,
        &prepared,
        request_id,
    )
    .await
    .map_err(edit_error)?;
    ctx.catalog_changed().await;
    leptos_axum::redirect(&format!("/admin/products/{product_id}?uploaded=1#images"));
    Ok(())
}

/// Moves a picture one place earlier (`up`) or later in the gallery, or removes it (staff
/// only; audited).
#[server(prefix = "/api", endpoint = "admin_arrange_product_image")]
pub async fn arrange_product_image(
    product_id: i64,
    media_id: String,
    action: String,
) -> Result<(), AppError> {
    use domain::catalog::editing::{self, Arrange};
    let staff = crate::accounts::auth::require_staff().await?;
    let media_id = uuid::Uuid::parse_str(media_id.trim()).map_err(|_| AppError::NotFound)?;
    let arrange = match action.as_str() {
        "up" => Arrange::Earlier,
        "down" => Arrange::Later,
        "remove" => Arrange::Remove,
        _ => return Err(AppError::validation("action", "Pick up, down or remove.")),
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    editing::arrange_image(
        &mut conn, staff.id, product_id, media_id, arrange, request_id,
    )
    .await
    .map_err(edit_error)?;
    ctx.catalog_changed().await;
    leptos_axum::redirect(&format!("/admin/products/{product_id}#images"));
    Ok(())
}
