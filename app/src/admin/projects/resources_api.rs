//! The server functions of a project's nested resources in `/admin/projects/{id}` (staff
//! only; the domain audits each write): data sources and reports (add, change, remove), a
//! report generated now, and the AI integration. Each answers with a redirect back to its
//! part of the editor, so the forms work without JavaScript.
// A server function takes its form's fields as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// A whole number typed into a field (empty: 0).
#[cfg(feature = "ssr")]
fn count(raw: &str, field: &'static str) -> Result<i64, AppError> {
    let raw = raw.trim().replace([',', '_', ' '], "");
    if raw.is_empty() {
        return Ok(0);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| AppError::validation(field, "Type a whole number, 0 or more."))
}

/// `YYYY-MM-DDTHH:MM` (a `datetime-local` field, read as UTC) as an instant; empty: `None`.
#[cfg(feature = "ssr")]
fn instant(raw: &str, field: &'static str) -> Result<Option<time::OffsetDateTime>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let shape = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let with_seconds =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(raw, shape)
        .or_else(|_| time::PrimitiveDateTime::parse(raw, with_seconds))
        .map(|t| Some(t.assume_utc()))
        .map_err(|_| AppError::validation(field, "Use a date and time like 2026-12-31T09:30."))
}

/// A checkbox: present means ticked.
#[cfg(feature = "ssr")]
fn ticked(raw: Option<&str>) -> bool {
    raw.is_some_and(|v| !v.is_empty() && v != "false")
}

/// Adds (no `id`) or changes a data source of project `project`.
#[server(prefix = "/api", endpoint = "admin_save_data_source")]
pub async fn save_data_source(
    project: String,
    id: Option<String>,
    name: String,
    kind: String,
    sync_status: String,
    last_sync_at: Option<String>,
    record_count: Option<String>,
) -> Result<(), AppError> {
    use domain::projects::data_sources::{self, DataSourceForm, Kind, SyncStatus};
    let viewer = super::api::staff_viewer().await?;
    let project = super::api::id_of(&project)?;
    let form = DataSourceForm {
        name,
        kind: Kind::parse(kind.trim())
            .ok_or_else(|| AppError::validation("kind", "Choose one of the listed types."))?,
        status: SyncStatus::parse(sync_status.trim()).ok_or_else(|| {
            AppError::validation("sync_status", "Choose one of the listed statuses.")
        })?,
        last_sync_at: instant(last_sync_at.as_deref().unwrap_or(""), "last_sync_at")?,
        record_count: count(record_count.as_deref().unwrap_or(""), "record_count")?,
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let refused = crate::projects::api::project_error;
    let project = match id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => {
            let id = super::api::id_of(id)?;
            let owner = data_sources::update(&mut conn, &viewer, id, &form)
                .await
                .map_err(refused)?;
            if owner != project {
                return Err(AppError::NotFound);
            }
            owner
        }
        None => {
            data_sources::create(&mut conn, &viewer, project, &form)
                .await
                .map_err(refused)?;
            project
        }
    };
    leptos_axum::redirect(&format!("/admin/projects/{project}#data-sources"));
    Ok(())
}

/// Removes data source `id`.
#[server(prefix = "/api", endpoint = "admin_delete_data_source")]
pub async fn delete_data_source(id: String) -> Result<(), AppError> {
    let viewer = super::api::staff_viewer().await?;
    let id = super::api::id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::data_sources::delete(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#data-sources"));
    Ok(())
}

/// Adds (no `id`) or changes a report of project `project`.
#[server(prefix = "/api", endpoint = "admin_save_report")]
pub async fn save_report(
    project: String,
    id: Option<String>,
    name: String,
    frequency: String,
    description: Option<String>,
    paused: Option<String>,
) -> Result<(), AppError> {
    use domain::projects::reports::{self, Frequency, ReportForm};
    let viewer = super::api::staff_viewer().await?;
    let project = super::api::id_of(&project)?;
    let form = ReportForm {
        name,
        frequency: Frequency::parse(frequency.trim())
            .ok_or_else(|| AppError::validation("frequency", "Choose daily, weekly or monthly."))?,
        description: description.unwrap_or_default(),
        paused: ticked(paused.as_deref()),
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let refused = crate::projects::api::project_error;
    let project = match id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => {
            let id = super::api::id_of(id)?;
            let owner = reports::update(&mut conn, &viewer, id, &form)
                .await
                .map_err(refused)?;
            if owner != project {
                return Err(AppError::NotFound);
            }
            owner
        }
        None => {
            reports::create(&mut conn, &viewer, project, &form)
                .await
                .map_err(refused)?;
            project
        }
    };
    leptos_axum::redirect(&format!("/admin/projects/{project}#reports"));
    Ok(())
}

/// Removes report `id` and its files.
#[server(prefix = "/api", endpoint = "admin_delete_report")]
pub async fn delete_report(id: String) -> Result<(), AppError> {
    let viewer = super::api::staff_viewer().await?;
    let id = super::api::id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::reports::delete(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#reports"));
    Ok(())
}

/// Generates report `id` now (its link mailed to the client leads); its schedule stays.
#[server(prefix = "/api", endpoint = "admin_generate_report")]
pub async fn generate_report(id: String) -> Result<(), AppError> {
    let viewer = super::api::staff_viewer().await?;
    let id = super::api::id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (_, project) =
        domain::projects::reports::generate_now(&mut conn, &viewer, id, &ctx.services.public_url)
            .await
            .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#reports"));
    Ok(())
}

/// Sets project `project`'s AI integration.
#[server(prefix = "/api", endpoint = "admin_save_ai")]
pub async fn save_ai(
    project: String,
    enabled: Option<String>,
    features: Option<String>,
    models: Option<String>,
    documents_indexed: Option<String>,
    last_refresh_at: Option<String>,
    requests_30d: Option<String>,
    errors_30d: Option<String>,
) -> Result<(), AppError> {
    use domain::projects::ai_integration::{self, AiIntegration, parse_list};
    let viewer = super::api::staff_viewer().await?;
    let project = super::api::id_of(&project)?;
    let documents = count(
        documents_indexed.as_deref().unwrap_or(""),
        "documents_indexed",
    )?;
    let ai = AiIntegration {
        enabled: ticked(enabled.as_deref()),
        features: parse_list(features.as_deref().unwrap_or("")),
        models: parse_list(models.as_deref().unwrap_or("")),
        documents_indexed: i32::try_from(documents).map_err(|_| {
            AppError::validation("documents_indexed", "That is more documents than we count.")
        })?,
        last_refresh_at: instant(last_refresh_at.as_deref().unwrap_or(""), "last_refresh_at")?,
        requests_30d: count(requests_30d.as_deref().unwrap_or(""), "requests_30d")?,
        errors_30d: count(errors_30d.as_deref().unwrap_or(""), "errors_30d")?,
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    ai_integration::save(&mut conn, &viewer, project, &ai)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#ai"));
    Ok(())
}
