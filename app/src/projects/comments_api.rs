//! A project's comments: writing one (anyone who sees the project) and deleting one (its author,
//! staff); both back to the project's thread.

use leptos::prelude::*;

use crate::error::AppError;

/// Adds the caller's comment `body` (Markdown) to project `project`.
#[server(prefix = "/api", endpoint = "dashboard_comment")]
pub async fn add_comment(project: String, body: String) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    let (_, viewer) = super::api::require_viewer().await?;
    let project = uuid::Uuid::parse_str(project.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::comments::add(
        &mut conn,
        &viewer,
        project,
        &body,
        ServerContext::request_id(),
    )
    .await
    .map_err(super::api::project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{project}#comments"));
    Ok(())
}

/// Deletes comment `id` (its author, staff).
#[server(prefix = "/api", endpoint = "dashboard_delete_comment")]
pub async fn delete_comment(id: String) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    let (_, viewer) = super::api::require_viewer().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project =
        domain::projects::comments::delete(&mut conn, &viewer, id, ServerContext::request_id())
            .await
            .map_err(super::api::project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{project}#comments"));
    Ok(())
}
