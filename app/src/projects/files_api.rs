//! The server functions of a project's files: share one (a multipart form that works without
//! JavaScript; staff and the client's admins) and remove one (its uploader, staff). Downloads
//! are served by `GET /dashboard/files/{id}` (server::http::project_files).

use leptos::prelude::*;

use crate::error::AppError;

/// Where the upload form posts.
pub const UPLOAD: &str = "/api/dashboard_upload_file";

/// Shares the `file` of a multipart form on project `project`; back to the project's files.
#[server(prefix = "/api", endpoint = "dashboard_upload_file", input = server_fn::codec::MultipartFormData)]
pub async fn upload_file(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use domain::projects::files::{self, MAX_BYTES};
    let (_, viewer) = super::api::require_viewer().await?;
    let mut form = crate::ui::multipart::read(data, &["file"], MAX_BYTES).await;
    if !form.too_large.is_empty() {
        return Err(AppError::validation("file", "A file can be 10 MB at most."));
    }
    let project =
        uuid::Uuid::parse_str(form.text("project").trim()).map_err(|_| AppError::NotFound)?;
    let name = form.file_names.get("file").cloned().unwrap_or_default();
    let bytes = form
        .take_file("file")
        .ok_or_else(|| AppError::validation("file", "Choose a file to share."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    files::upload(&mut conn, &viewer, project, &name, &bytes)
        .await
        .map_err(super::api::project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{project}#files"));
    Ok(())
}

/// Removes file `id`; back to its project's files.
#[server(prefix = "/api", endpoint = "dashboard_delete_file")]
pub async fn delete_file(id: String) -> Result<(), AppError> {
    let (_, viewer) = super::api::require_viewer().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::files::delete(&mut conn, &viewer, id)
        .await
        .map_err(super::api::project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{project}#files"));
    Ok(())
}
