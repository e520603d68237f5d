//! The server functions that change or remove what `/admin/projects` created (staff only;
//! each write audited by the domain): a client's details and the client itself, a milestone,
//! a task (its own page), and a whole project.
// A server function takes its form's fields as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::api::Choice;
#[cfg(feature = "ssr")]
use super::api::{id_of, staff_viewer};
use crate::error::AppError;

/// `/admin/projects/tasks/{id}`: one task as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEditor {
    pub id: String,
    pub project_id: String,
    pub project_name: String,
    pub title: String,
    pub status: String,
    /// A user's id, or empty.
    pub assignee: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_on: String,
    /// A milestone's id, or empty.
    pub milestone: String,
    pub statuses: Vec<Choice>,
    /// The agency's staff, then the client's people.
    pub people: Vec<Choice>,
    pub milestones: Vec<Choice>,
}

/// An optional id typed in a select: empty is none, anything else must be an id.
#[cfg(feature = "ssr")]
pub fn optional_id(
    raw: Option<&str>,
    field: &'static str,
    message: &'static str,
) -> Result<Option<uuid::Uuid>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => uuid::Uuid::parse_str(s)
            .map(Some)
            .map_err(|_| AppError::validation(field, message)),
    }
}

/// Changes client `id`'s name, slug and contact; back to its page.
#[server(prefix = "/api", endpoint = "admin_update_client")]
pub async fn update_client(
    id: String,
    name: String,
    slug: String,
    contact_name: Option<String>,
    contact_email: Option<String>,
) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let form = domain::projects::clients::ClientForm {
        name: name.trim().to_owned(),
        slug: slug.trim().to_owned(),
        contact_name: contact_name.unwrap_or_default().trim().to_owned(),
        contact_email: contact_email.unwrap_or_default().trim().to_owned(),
    };
    domain::projects::clients::update(&mut conn, &viewer, id, &form)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/clients/{id}?saved=1"));
    Ok(())
}

/// Deletes client `id`, which must have no projects left; back to the overview.
#[server(prefix = "/api", endpoint = "admin_delete_client")]
pub async fn delete_client(id: String) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::clients::delete(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect("/admin/projects?deleted=client");
    Ok(())
}

/// Renames milestone `id` or moves its due date; back to its project's milestones.
#[server(prefix = "/api", endpoint = "admin_update_milestone")]
pub async fn update_milestone(
    id: String,
    name: String,
    due_on: Option<String>,
) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let due_on = super::fields::date(due_on.as_deref().unwrap_or(""), "due_on")
        .map_err(|(f, m)| AppError::validation(f, m))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::milestones::update(&mut conn, &viewer, id, &name, due_on)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#milestones"));
    Ok(())
}

/// Deletes milestone `id` (its tasks stay, without one); back to its project's milestones.
#[server(prefix = "/api", endpoint = "admin_delete_milestone")]
pub async fn delete_milestone(id: String) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::milestones::delete(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#milestones"));
    Ok(())
}

/// Task `id` with the choices of its form.
#[server(prefix = "/api", endpoint = "admin_task")]
pub async fn admin_task(id: String) -> Result<TaskEditor, AppError> {
    use crate::projects::api::project_error;
    use domain::projects::tasks::TaskStatus;
    use domain::projects::{clients, milestones, project, tasks};
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let task = tasks::get(&mut conn, &viewer, id)
        .await
        .map_err(project_error)?;
    let (owner, visible) = project::get_visible(&mut conn, &viewer, task.project_id)
        .await
        .map_err(project_error)?;
    let staff = project::staff_people(&mut conn).await?;
    let members = clients::members(&mut conn, &viewer, owner.client_id)
        .await
        .map_err(project_error)?;
    let stones = milestones::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let people = staff
        .iter()
        .map(|p| (p.id.to_string(), format!("{} (agency)", p.name)))
        .chain(members.iter().map(|m| {
            (
                m.user_id.to_string(),
                format!("{} ({})", m.name, owner.client_name),
            )
        }))
        .collect();
    Ok(TaskEditor {
        id: task.id.to_string(),
        project_id: owner.id.to_string(),
        project_name: owner.name.clone(),
        title: task.title.clone(),
        status: task.status.as_str().to_owned(),
        assignee: task
            .assignee
            .as_ref()
            .map(|a| a.id.to_string())
            .unwrap_or_default(),
        due_on: task.due_on.map(|d| d.to_string()).unwrap_or_default(),
        milestone: task.milestone_id.map(|m| m.to_string()).unwrap_or_default(),
        statuses: TaskStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
        people,
        milestones: stones
            .iter()
            .map(|m| (m.id.to_string(), m.name.clone()))
            .collect(),
    })
}

/// Changes task `id`'s title, column, assignee, due date and milestone; back to its project's
/// tasks.
#[server(prefix = "/api", endpoint = "admin_update_task")]
pub async fn update_task(
    id: String,
    title: String,
    status: String,
    assignee: Option<String>,
    due_on: Option<String>,
    milestone: Option<String>,
) -> Result<(), AppError> {
    use domain::projects::tasks::{TaskForm, TaskStatus};
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let status = TaskStatus::parse(status.trim())
        .ok_or_else(|| AppError::validation("status", "Choose to do, in progress or done."))?;
    let due_on = super::fields::date(due_on.as_deref().unwrap_or(""), "due_on")
        .map_err(|(f, m)| AppError::validation(f, m))?;
    let assignee_id = optional_id(
        assignee.as_deref(),
        "assignee",
        "Choose one of the agency's staff or this client's people.",
    )?;
    let milestone_id = optional_id(
        milestone.as_deref(),
        "milestone",
        "Choose one of this project's milestones.",
    )?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let form = TaskForm {
        title,
        status,
        assignee_id,
        due_on,
        milestone_id,
    };
    let project = domain::projects::tasks::update(&mut conn, &viewer, id, &form)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#tasks"));
    Ok(())
}

/// Deletes project `id` and everything of it once `confirm` is its slug; back to the overview.
#[server(prefix = "/api", endpoint = "admin_delete_project")]
pub async fn delete_project(id: String, confirm: Option<String>) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::project::delete(&mut conn, &viewer, id, confirm.as_deref().unwrap_or(""))
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect("/admin/projects?deleted=project");
    Ok(())
}
