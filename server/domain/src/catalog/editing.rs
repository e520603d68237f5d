//! Staff edits to products: create, update (a new slug keeps the old one answering 301), change
//! status (publish, archive), with their variants. Each edit is one transaction that also keeps
//! the product's summary, its category listing and the typo word list right, and writes the
//! audit log. Variants dropped from an edit are archived, never deleted (orders point at them).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::models::{Product, ProductStatus, Variant};
use super::reads;
use super::writes::{self, NewVariant, learn_words};
use crate::audit;
use crate::db::schema::{
    brands, categories, product_categories, product_variants, products, slug_redirects,
};

/// A product's own fields as staff submit them (already checked: slug shape, lengths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDraft {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub status: ProductStatus,
    pub brand_id: Option<i64>,
    pub category_id: i64,
    pub featured: bool,
}

/// One variant as staff submit it; `id` names an existing variant of the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantDraft {
    pub id: Option<i64>,
    pub sku: String,
    /// Option values, e.g. `{"size": "M", "colour": "Navy"}`.
    pub options: serde_json::Value,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub stock: i32,
    pub low_stock_threshold: i32,
}

/// Why an edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("no such product")]
    NotFound,
    #[error("another product uses this slug")]
    SlugTaken,
    #[error("another product uses SKU {0}")]
    SkuTaken(String),
    #[error("SKU {0} appears twice")]
    SkuTwice(String),
    #[error("no such category")]
    UnknownCategory,
    #[error("no such brand")]
    UnknownBrand,
    #[error("variant {0} belongs to another product")]
    ForeignVariant(i64),
    #[error("an active product needs at least one variant")]
    NoVariants,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

fn snapshot(p: &Product, variants: &[Variant]) -> serde_json::Value {
    serde_json::json!({
        "slug": p.slug, "name": p.name, "status": p.status, "brand_id": p.brand_id,
        "category_id": p.category_id, "featured": p.featured,
        "variants": variants.iter().map(|v| serde_json::json!({
            "id": v.id, "sku": v.sku, "options": v.options, "price_cents": v.price_cents,
            "compare_at_cents": v.compare_at_cents, "stock": v.stock,
        })).collect::<Vec<_>>(),
    })
}

/// Checks the references and the SKUs of an edit before writing anything.
async fn check(
    conn: &mut AsyncPgConnection,
    product_id: Option<i64>,
    draft: &ProductDraft,
    variants: &[VariantDraft],
) -> Result<(), EditError> {
    let category: Option<i64> = categories::table
        .find(draft.category_id)
        .select(categories::id)
        .first(conn)
        .await
        .optional()?;
    category.ok_or(EditError::UnknownCategory)?;
    if let Some(brand) = draft.brand_id {
        let found: Option<i64> = brands::table
            .find(brand)
            .select(brands::id)
            .first(conn)
            .await
            .optional()?;
        found.ok_or(EditError::UnknownBrand)?;
    }
    let slug_owner: Option<i64> = products::table
        .filter(products::slug.eq(&draft.slug))
        .select(products::id)
        .first(conn)
        .await
        .optional()?;
    if slug_owner.is_some() && slug_owner != product_id {
        return Err(EditError::SlugTaken);
    }
    if draft.status == ProductStatus::Active && variants.is_empty() {
        return Err(EditError::NoVariants);
    }
    let mut seen: Vec<&str> = Vec::new();
    for v in variants {
        if seen.contains(&v.sku.as_str()) {
            return Err(EditError::SkuTwice(v.sku.clone()));
        }
        seen.push(&v.sku);
    }
    let skus: Vec<&str> = variants.iter().map(|v| v.sku.as_str()).collect();
    let owners: Vec<(String, i64)> = product_variants::table
        .filter(product_variants::sku.eq_any(&skus))
        .select((product_variants::sku, product_variants::product_id))
        .load(conn)
        .await?;
    if let Some((sku, _)) = owners.iter().find(|(_, p)| Some(*p) != product_id) {
        return Err(EditError::SkuTaken(sku.clone()));
    }
    Ok(())
}

/// Lists the product under its category and every ancestor (and nowhere else).
async fn relist(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    category_id: i64,
) -> QueryResult<()> {
    let all = reads::all_categories(conn).await?;
    let pairs: Vec<(i64, i64)> = reads::category_path(&all, category_id)
        .iter()
        .map(|c| (product_id, c.id))
        .collect();
    diesel::delete(product_categories::table.filter(product_categories::product_id.eq(product_id)))
        .execute(conn)
        .await?;
    writes::insert_product_categories(conn, &pairs).await
}

/// Writes the variants of an edit: existing ones updated, new ones inserted, the product's
/// other live variants archived.
async fn write_variants(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    currency: &str,
    variants: &[VariantDraft],
) -> Result<(), EditError> {
    let existing: Vec<i64> = product_variants::table
        .filter(product_variants::product_id.eq(product_id))
        .select(product_variants::id)
        .load(conn)
        .await?;
    let mut kept = Vec::new();
    for (position, v) in variants.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match v.id {
            Some(id) if existing.contains(&id) => {
                diesel::update(product_variants::table.find(id))
                    .set((
                        product_variants::sku.eq(&v.sku),
                        product_variants::options.eq(&v.options),
                        product_variants::price_cents.eq(v.price_cents),
                        product_variants::compare_at_cents.eq(v.compare_at_cents),
                        product_variants::stock.eq(v.stock),
                        product_variants::low_stock_threshold.eq(v.low_stock_threshold),
                        product_variants::position.eq(position),
                        product_variants::archived.eq(false),
                    ))
                    .execute(conn)
                    .await?;
                kept.push(id);
            }
            Some(id) => return Err(EditError::ForeignVariant(id)),
            None => {
                let id: i64 = diesel::insert_into(product_variants::table)
                    .values(&NewVariant {
                        product_id,
                        sku: v.sku.clone(),
                        options: v.options.clone(),
                        price_cents: v.price_cents,
                        compare_at_cents: v.compare_at_cents,
                        currency: currency.to_owned(),
                        stock: v.stock,
                        low_stock_threshold: v.low_stock_threshold,
                        position,
                    })
                    .returning(product_variants::id)
                    .get_result(conn)
                    .await?;
                kept.push(id);
            }
        }
    }
    diesel::update(
        product_variants::table
            .filter(product_variants::product_id.eq(product_id))
            .filter(product_variants::id.ne_all(&kept)),
    )
    .set(product_variants::archived.eq(true))
    .execute(conn)
    .await?;
    writes::refresh_variant_summary(conn, &[product_id]).await?;
    if kept.is_empty() {
        // No live variant: nothing to sell.
        diesel::update(products::table.find(product_id))
            .set(products::in_stock.eq(false))
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Maps a unique-constraint failure that slipped past `check` (two staff racing) to its error.
fn unique_violation(e: diesel::result::Error) -> EditError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            if info.constraint_name().is_some_and(|c| c.contains("sku")) {
                EditError::SkuTaken(String::new())
            } else if info.constraint_name().is_some_and(|c| c.contains("slug")) {
                EditError::SlugTaken
            } else {
                EditError::Database(e)
            }
        }
        _ => EditError::Database(e),
    }
}

/// Creates a product with its variants on behalf of staff `actor`; returns its id.
pub async fn create_product(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    draft: &ProductDraft,
    variants: &[VariantDraft],
    request_id: Option<String>,
) -> Result<i64, EditError> {
    conn.transaction(async |conn| {
        check(conn, None, draft, variants).await?;
        let now = time::OffsetDateTime::now_utc();
        let id: i64 = diesel::insert_into(products::table)
            .values((
                products::slug.eq(&draft.slug),
                products::name.eq(&draft.name),
                products::description.eq(&draft.description),
                products::status.eq(draft.status.as_str()),
                products::brand_id.eq(draft.brand_id),
                products::category_id.eq(draft.category_id),
                products::featured.eq(draft.featured),
                products::published_at.eq((draft.status == ProductStatus::Active).then_some(now)),
            ))
            .returning(products::id)
            .get_result(conn)
            .await
            .map_err(unique_violation)?;
        relist(conn, id, draft.category_id).await?;
        write_variants(conn, id, super::CURRENCY, variants)
            .await
            .map_err(|e| match e {
                EditError::Database(e) => unique_violation(e),
                other => other,
            })?;
        learn_words(conn, &draft.name).await?;
        let product = find(conn, id).await?.ok_or(EditError::NotFound)?;
        let live = reads::variants(conn, id).await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "product.create",
                subject_type: "product",
                subject_id: id.to_string(),
                before: None,
                after: Some(snapshot(&product, &live)),
                request_id,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Replaces product `id`'s fields and variants on behalf of staff `actor`. A changed slug
/// leaves the old one redirecting here.
pub async fn update_product(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    draft: &ProductDraft,
    variants: &[VariantDraft],
    request_id: Option<String>,
) -> Result<(), EditError> {
    conn.transaction(async |conn| {
        let before: Product = products::table
            .find(id)
            .select(Product::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()?
            .ok_or(EditError::NotFound)?;
        let before_variants = reads::variants(conn, id).await?;
        check(conn, Some(id), draft, variants).await?;
        if before.slug != draft.slug {
            diesel::insert_into(slug_redirects::table)
                .values((
                    slug_redirects::kind.eq("product"),
                    slug_redirects::old_slug.eq(&before.slug),
                    slug_redirects::target_id.eq(id),
                ))
                .on_conflict((slug_redirects::kind, slug_redirects::old_slug))
                .do_update()
                .set(slug_redirects::target_id.eq(id))
                .execute(conn)
                .await?;
        }
        let now = time::OffsetDateTime::now_utc();
        diesel::update(products::table.find(id))
            .set((
                products::slug.eq(&draft.slug),
                products::name.eq(&draft.name),
                products::description.eq(&draft.description),
                products::status.eq(draft.status.as_str()),
                products::brand_id.eq(draft.brand_id),
                products::category_id.eq(draft.category_id),
                products::featured.eq(draft.featured),
            ))
            .execute(conn)
            .await
            .map_err(unique_violation)?;
        if draft.status == ProductStatus::Active {
            diesel::update(
                products::table
                    .find(id)
                    .filter(products::published_at.is_null()),
            )
            .set(products::published_at.eq(now))
            .execute(conn)
            .await?;
        }
        if before.category_id != draft.category_id {
            relist(conn, id, draft.category_id).await?;
        }
        write_variants(conn, id, &before.currency, variants)
            .await
            .map_err(|e| match e {
                EditError::Database(e) => unique_violation(e),
                other => other,
            })?;
        learn_words(conn, &draft.name).await?;
        let after = find(conn, id).await?.ok_or(EditError::NotFound)?;
        let after_variants = reads::variants(conn, id).await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "product.update",
                subject_type: "product",
                subject_id: id.to_string(),
                before: Some(snapshot(&before, &before_variants)),
                after: Some(snapshot(&after, &after_variants)),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Product `id` with its summary, whatever its status.
pub async fn find(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<Product>> {
    products::table
        .find(id)
        .select(Product::as_select())
        .first(conn)
        .await
        .optional()
}

/// Products for the admin list: every status (or one), matching `q` in the name or slug,
/// newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    q: Option<&str>,
    status: Option<ProductStatus>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<Product>> {
    let mut query = products::table.select(Product::as_select()).into_boxed();
    if let Some(q) = q {
        let pattern = crate::db::like_pattern(q);
        query = query.filter(
            products::name
                .ilike(pattern.clone())
                .or(products::slug.ilike(pattern)),
        );
    }
    if let Some(status) = status {
        query = query.filter(products::status.eq(status.as_str()));
    }
    query
        .order(products::id.desc())
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// Adds a checked picture to product `product_id` as its last one (audited), queueing its
/// sizing; returns the media id.
pub async fn add_image(
    conn: &mut AsyncPgConnection,
    files: &crate::media::MediaStore,
    actor: Uuid,
    product_id: i64,
    alt: &str,
    prepared: &crate::media::upload::Prepared,
    request_id: Option<String>,
) -> Result<Uuid, EditError> {
    find(conn, product_id).await?.ok_or(EditError::NotFound)?;
    let id = crate::media::queries::add_product_image(
        conn,
        files,
        product_id,
        alt,
        prepared,
        Some(actor),
    )
    .await
    .map_err(|e| match e {
        crate::media::queries::StoreError::Database(e) => EditError::Database(e),
        other => EditError::Database(diesel::result::Error::QueryBuilderError(Box::new(other))),
    })?;
    audit::record(
        conn,
        &audit::Entry {
            actor_id: actor,
            action: "product.image.add",
            subject_type: "product",
            subject_id: product_id.to_string(),
            before: None,
            after: Some(serde_json::json!({"media_id": id, "alt": alt})),
            request_id,
        },
    )
    .await?;
    Ok(id)
}

/// How to move a picture in a product's gallery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrange {
    Earlier,
    Later,
    Remove,
}

/// Moves or removes picture `media_id` of product `product_id` (audited). Positions are
/// renumbered 0.. in the new order.
pub async fn arrange_image(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    product_id: i64,
    media_id: Uuid,
    arrange: Arrange,
    request_id: Option<String>,
) -> Result<(), EditError> {
    use crate::db::schema::product_images;
    conn.transaction(async |conn| {
        let mut order: Vec<(i64, Uuid)> = product_images::table
            .filter(product_images::product_id.eq(product_id))
            .order((product_images::position, product_images::id))
            .select((product_images::id, product_images::media_id))
            .for_update()
            .load(conn)
            .await?;
        let at = order
            .iter()
            .position(|(_, m)| *m == media_id)
            .ok_or(EditError::NotFound)?;
        let before: Vec<Uuid> = order.iter().map(|(_, m)| *m).collect();
        match arrange {
            Arrange::Earlier if at > 0 => order.swap(at, at - 1),
            Arrange::Later if at + 1 < order.len() => order.swap(at, at + 1),
            Arrange::Remove => {
                let (row, _) = order.remove(at);
                diesel::delete(product_images::table.find(row))
                    .execute(conn)
                    .await?;
            }
            _ => {}
        }
        for (position, (row, _)) in order.iter().enumerate() {
            diesel::update(product_images::table.find(row))
                .set(product_images::position.eq(i32::try_from(position).unwrap_or(i32::MAX)))
                .execute(conn)
                .await?;
        }
        let after: Vec<Uuid> = order.iter().map(|(_, m)| *m).collect();
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "product.image.arrange",
                subject_type: "product",
                subject_id: product_id.to_string(),
                before: Some(serde_json::json!({ "images": before })),
                after: Some(serde_json::json!({ "images": after })),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Which products own these SKUs: (sku, product slug).
pub async fn sku_owners(
    conn: &mut AsyncPgConnection,
    skus: &[String],
) -> QueryResult<Vec<(String, String)>> {
    product_variants::table
        .inner_join(products::table)
        .filter(product_variants::sku.eq_any(skus))
        .select((product_variants::sku, products::slug))
        .load(conn)
        .await
}

/// One line of the catalog export: a live variant with its product and the slugs of its brand
/// and category.
pub struct ExportLine {
    pub product: Product,
    pub variant: Variant,
    pub brand: Option<String>,
    pub category: String,
}

/// Every product (any status) with its live variants, in product order, for the CSV export.
pub async fn export_lines(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ExportLine>> {
    let rows: Vec<(Product, Variant, Option<String>, String)> = products::table
        .inner_join(product_variants::table)
        .inner_join(categories::table)
        .left_join(brands::table)
        .filter(product_variants::archived.eq(false))
        .order((
            products::id,
            product_variants::position,
            product_variants::id,
        ))
        .select((
            Product::as_select(),
            Variant::as_select(),
            brands::slug.nullable(),
            categories::slug,
        ))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(product, variant, brand, category)| ExportLine {
            product,
            variant,
            brand,
            category,
        })
        .collect())
}
