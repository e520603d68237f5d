//! CSV imports of the catalog, stored in `catalog_imports`: a checked file keeps its plan (the
//! products to write, grouped from its rows) and every row's errors; applying queues a job that
//! writes each product like a staff edit (audited), matching variants by SKU so importing the
//! same file twice changes nothing, and reports its progress on the row.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::editing::{self, EditError, ProductDraft, VariantDraft};
use super::models::ProductStatus;
use super::reads;
use crate::db::schema::{catalog_imports, products};
use crate::jobs::import_products::ImportProducts;
use crate::jobs::queue;

/// One variant of a planned product (identified by its SKU).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedVariant {
    pub sku: String,
    pub options: serde_json::Value,
    pub price_cents: i64,
    pub compare_at_cents: Option<i64>,
    pub stock: i32,
    pub low_stock_threshold: i32,
}

/// One product an import writes (identified by its slug).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedProduct {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// `draft`, `active` or `archived`.
    pub status: String,
    pub brand_id: Option<i64>,
    pub category_id: i64,
    pub featured: bool,
    pub variants: Vec<PlannedVariant>,
}

/// A problem with one line of the file (line 1 is the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// A stored import.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = catalog_imports, check_for_backend(diesel::pg::Pg))]
pub struct Import {
    pub id: Uuid,
    pub status: String,
    pub file_name: String,
    pub plan: serde_json::Value,
    pub errors: serde_json::Value,
    pub rows: i32,
    pub total: i32,
    pub done: i32,
    pub created: i32,
    pub updated: i32,
    pub last_error: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: OffsetDateTime,
}

impl Import {
    /// The row errors found by the check or the apply.
    pub fn row_errors(&self) -> Vec<RowError> {
        serde_json::from_value(self.errors.clone()).unwrap_or_default()
    }
}

/// Stores a checked file: its plan when it has no errors, else its errors.
pub async fn record_check(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    file_name: &str,
    rows: usize,
    plan: &[PlannedProduct],
    errors: &[RowError],
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    let to_json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
    };
    diesel::insert_into(catalog_imports::table)
        .values((
            catalog_imports::id.eq(id),
            catalog_imports::file_name.eq(file_name),
            catalog_imports::plan.eq(to_json(serde_json::to_value(plan))?),
            catalog_imports::errors.eq(to_json(serde_json::to_value(errors))?),
            catalog_imports::rows.eq(i32::try_from(rows).unwrap_or(i32::MAX)),
            catalog_imports::total.eq(i32::try_from(plan.len()).unwrap_or(i32::MAX)),
            catalog_imports::created_by.eq(actor),
        ))
        .execute(conn)
        .await?;
    Ok(id)
}

/// Import `id`.
pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Import>> {
    catalog_imports::table
        .find(id)
        .select(Import::as_select())
        .first(conn)
        .await
        .optional()
}

/// Queues the writing of a checked import without errors; `false` when it is not in that state
/// (already applied, or it has errors).
pub async fn queue_apply(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    conn.transaction(async |conn| {
        let changed = diesel::update(
            catalog_imports::table
                .find(id)
                .filter(catalog_imports::status.eq("checked"))
                .filter(catalog_imports::errors.eq(serde_json::json!([]))),
        )
        .set(catalog_imports::status.eq("queued"))
        .execute(conn)
        .await?;
        if changed == 1 {
            queue::enqueue(conn, &ImportProducts { import_id: id }).await?;
        }
        Ok(changed == 1)
    })
    .await
}

/// Writes one planned product on behalf of `actor`: creates it, or updates the product with its
/// slug, its variants matched by SKU (variants the file does not name are kept). Returns
/// whether it was created.
pub async fn apply_product(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    planned: &PlannedProduct,
    request_id: Option<String>,
) -> Result<bool, EditError> {
    let draft = ProductDraft {
        name: planned.name.clone(),
        slug: planned.slug.clone(),
        description: planned.description.clone(),
        status: ProductStatus::parse(&planned.status).unwrap_or(ProductStatus::Draft),
        brand_id: planned.brand_id,
        category_id: planned.category_id,
        featured: planned.featured,
    };
    let existing: Option<i64> = products::table
        .filter(products::slug.eq(&planned.slug))
        .select(products::id)
        .first(conn)
        .await
        .optional()?;
    let from_file = |v: &PlannedVariant, id: Option<i64>| VariantDraft {
        id,
        sku: v.sku.clone(),
        options: v.options.clone(),
        price_cents: v.price_cents,
        compare_at_cents: v.compare_at_cents,
        stock: v.stock,
        low_stock_threshold: v.low_stock_threshold,
    };
    match existing {
        None => {
            let variants: Vec<VariantDraft> = planned
                .variants
                .iter()
                .map(|v| from_file(v, None))
                .collect();
            editing::create_product(conn, actor, &draft, &variants, request_id).await?;
            Ok(true)
        }
        Some(id) => {
            let live = reads::variants(conn, id).await?;
            let mut variants: Vec<VariantDraft> = live
                .iter()
                .map(|v| match planned.variants.iter().find(|p| p.sku == v.sku) {
                    Some(p) => from_file(p, Some(v.id)),
                    None => VariantDraft {
                        id: Some(v.id),
                        sku: v.sku.clone(),
                        options: v.options.clone(),
                        price_cents: v.price_cents,
                        compare_at_cents: v.compare_at_cents,
                        stock: v.stock,
                        low_stock_threshold: v.low_stock_threshold,
                    },
                })
                .collect();
            variants.extend(
                planned
                    .variants
                    .iter()
                    .filter(|p| !live.iter().any(|v| v.sku == p.sku))
                    .map(|p| from_file(p, None)),
            );
            editing::update_product(conn, actor, id, &draft, &variants, request_id).await?;
            Ok(false)
        }
    }
}

/// Marks an import running (returns its plan), or `None` when it is not queued any more.
pub async fn start(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> QueryResult<Option<(Option<Uuid>, Vec<PlannedProduct>, i32)>> {
    let row: Option<Import> = diesel::update(
        catalog_imports::table
            .find(id)
            .filter(catalog_imports::status.eq_any(["queued", "running"])),
    )
    .set(catalog_imports::status.eq("running"))
    .returning(Import::as_returning())
    .get_result(conn)
    .await
    .optional()?;
    Ok(row.map(|r| {
        let plan = serde_json::from_value(r.plan).unwrap_or_default();
        (r.created_by, plan, r.done)
    }))
}

/// Records that product number `done` was written (created or updated) or failed.
pub async fn progress(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    done: i32,
    created: bool,
    failure: Option<RowError>,
) -> QueryResult<()> {
    let (c, u) = match (&failure, created) {
        (Some(_), _) => (0, 0),
        (None, true) => (1, 0),
        (None, false) => (0, 1),
    };
    diesel::update(catalog_imports::table.find(id))
        .set((
            catalog_imports::done.eq(done),
            catalog_imports::created.eq(catalog_imports::created + c),
            catalog_imports::updated.eq(catalog_imports::updated + u),
        ))
        .execute(conn)
        .await?;
    if let Some(f) = failure {
        diesel::sql_query("UPDATE catalog_imports SET errors = errors || $1 WHERE id = $2")
            .bind::<diesel::sql_types::Jsonb, _>(serde_json::json!([f]))
            .bind::<diesel::sql_types::Uuid, _>(id)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Ends an import: `done`, or `failed` with why.
pub async fn finish(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    error: Option<&str>,
) -> QueryResult<()> {
    diesel::update(catalog_imports::table.find(id))
        .set((
            catalog_imports::status.eq(if error.is_some() { "failed" } else { "done" }),
            catalog_imports::last_error.eq(error),
        ))
        .execute(conn)
        .await?;
    Ok(())
}
