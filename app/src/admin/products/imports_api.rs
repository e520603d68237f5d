//! CSV import of the catalog (staff only): upload a file to check it (a dry run that writes
//! nothing but the check), see every bad line, then apply it as a job and follow its progress.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A problem with one line of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The file's line (1 is the header; 0 when found while applying).
    pub line: usize,
    /// The column, or the product slug for problems found while applying.
    pub field: String,
    pub message: String,
}

/// An import as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    /// `checked`, `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub file_name: String,
    pub lines: i32,
    /// Products in the plan.
    pub total: i32,
    pub done: i32,
    pub created: i32,
    pub updated: i32,
    pub problems: Vec<ImportProblem>,
    pub last_error: Option<String>,
}

/// The largest import file.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Checks an uploaded CSV file (a multipart form with `file`) without changing the catalog and
/// keeps the result; then to the import's page (staff only).
#[server(prefix = "/api", endpoint = "admin_check_import", input = server_fn::codec::MultipartFormData)]
pub async fn check_import(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use domain::catalog::imports::RowError;
    let staff = crate::accounts::auth::require_staff().await?;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::validation("file", "Choose a CSV file."))?;
    let (mut name, mut bytes) = (String::new(), Vec::new());
    while let Ok(Some(mut field)) = form.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        name = field
            .file_name()
            .unwrap_or("import.csv")
            .chars()
            .take(200)
            .collect();
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(AppError::validation(
                    "file",
                    "The file is larger than 5 MB.",
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
    }
    if bytes.is_empty() {
        return Err(AppError::validation("file", "Choose a CSV file."));
    }
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let categories = domain::catalog::reads::all_categories(&mut conn)
        .await
        .map_err(db)?;
    let brands = domain::catalog::reads::all_brands(&mut conn)
        .await
        .map_err(db)?;
    let mut checked = crate::admin::products::csv::check(&bytes, &categories, &brands);
    // SKUs another product already has.
    let skus: Vec<String> = checked
        .plan
        .iter()
        .flat_map(|p| p.variants.iter().map(|v| v.sku.clone()))
        .collect();
    let owners = domain::catalog::editing::sku_owners(&mut conn, &skus)
        .await
        .map_err(db)?;
    for product in &checked.plan {
        for v in &product.variants {
            if let Some((_, owner)) = owners
                .iter()
                .find(|(s, o)| *s == v.sku && *o != product.slug)
            {
                checked.errors.push(RowError {
                    line: 0,
                    field: product.slug.clone(),
                    message: format!("SKU {} belongs to the product {owner}.", v.sku),
                });
            }
        }
    }
    let plan = if checked.errors.is_empty() {
        checked.plan
    } else {
        Vec::new()
    };
    let id = domain::catalog::imports::record_check(
        &mut conn,
        staff.id,
        &name,
        checked.lines,
        &plan,
        &checked.errors,
    )
    .await
    .map_err(db)?;
    leptos_axum::redirect(&format!("/admin/imports/{id}"));
    Ok(())
}

/// Import `id` with its problems and progress (staff only).
#[server(prefix = "/api", endpoint = "admin_import", input = server_fn::codec::GetUrl)]
pub async fn import_status(id: String) -> Result<ImportView, AppError> {
    crate::accounts::auth::require_staff().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let row = domain::catalog::imports::find(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ImportView {
        problems: row
            .row_errors()
            .into_iter()
            .map(|e| ImportProblem {
                line: e.line,
                field: e.field,
                message: e.message,
            })
            .collect(),
        id: row.id.to_string(),
        status: row.status,
        file_name: row.file_name,
        lines: row.rows,
        total: row.total,
        done: row.done,
        created: row.created,
        updated: row.updated,
        last_error: row.last_error,
    })
}

/// Writes a checked import without problems, as a job (staff only); back to its page.
#[server(prefix = "/api", endpoint = "admin_apply_import")]
pub async fn apply_import(id: String) -> Result<(), AppError> {
    crate::accounts::auth::require_staff().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let queued = domain::catalog::imports::queue_apply(&mut conn, id).await?;
    if !queued {
        return Err(AppError::conflict(
            "Only a checked file without problems can be applied, once.",
        ));
    }
    leptos_axum::redirect(&format!("/admin/imports/{id}"));
    Ok(())
}
