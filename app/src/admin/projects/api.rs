//! The server functions of `/admin/projects` (staff only; each write audited by the domain).
// A server function takes its form's fields as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::fields::ProjectInput;
use crate::error::AppError;

/// A `(value, label)` choice of a select.
pub type Choice = (String, String);

/// One client in the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRow {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// Name and address, for reading.
    pub contact: String,
    pub contact_name: String,
    pub contact_email: String,
}

/// One project in the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: String,
    pub name: String,
    pub client: String,
    pub status: String,
    pub progress: u8,
    pub due_on: Option<String>,
}

/// `/admin/projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub clients: Vec<ClientRow>,
    pub projects: Vec<ProjectRow>,
}

/// One person of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: String,
}

/// `/admin/projects/clients/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDetail {
    pub client: ClientRow,
    pub members: Vec<MemberRow>,
    pub projects: Vec<ProjectRow>,
}

/// A milestone in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub id: String,
    pub name: String,
    pub due_on: Option<String>,
    pub done: bool,
}

/// A task in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub assignee: Option<String>,
    pub due_on: Option<String>,
    pub milestone: Option<String>,
}

/// `/admin/projects/new` and `/admin/projects/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    /// `None` for a new project.
    pub id: Option<String>,
    pub input: ProjectInput,
    pub clients: Vec<Choice>,
    pub staff: Vec<Choice>,
    /// The project's client's people (a new project: none yet).
    pub client_people: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub priorities: Vec<Choice>,
    pub milestones: Vec<MilestoneRow>,
    pub tasks: Vec<TaskRow>,
    pub data_sources: Vec<crate::projects::view::DataSourceCard>,
    pub reports: Vec<crate::projects::view::ReportCard>,
    pub ai: Option<crate::projects::view::AiCard>,
    /// The choices of the data source and report forms.
    pub kinds: Vec<Choice>,
    pub sync_statuses: Vec<Choice>,
    pub frequencies: Vec<Choice>,
}

/// The staff member as the dashboard's viewer.
#[cfg(feature = "ssr")]
pub async fn staff_viewer() -> Result<domain::projects::access::Viewer, AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    Ok(domain::projects::access::Viewer::Staff { user_id: staff.id })
}

#[cfg(feature = "ssr")]
pub fn id_of(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn project_row(p: &domain::projects::project::Project) -> ProjectRow {
    ProjectRow {
        id: p.id.to_string(),
        name: p.name.clone(),
        client: p.client_name.clone(),
        status: p.status.label().to_owned(),
        progress: p.progress(),
        due_on: p.due_on.map(|d| d.to_string()),
    }
}

#[cfg(feature = "ssr")]
fn client_row(c: &domain::projects::clients::Client) -> ClientRow {
    ClientRow {
        id: c.id.to_string(),
        name: c.name.clone(),
        slug: c.slug.clone(),
        contact: [c.contact_name.as_str(), c.contact_email.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · "),
        contact_name: c.contact_name.clone(),
        contact_email: c.contact_email.clone(),
    }
}

/// Every client and project.
#[server(prefix = "/api", endpoint = "admin_projects")]
pub async fn admin_projects() -> Result<Overview, AppError> {
    use domain::projects::{clients, project};
    let viewer = staff_viewer().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let all = clients::list(&mut conn, &viewer).await?;
    let projects = project::list(&mut conn, &viewer, &project::Filter::default()).await?;
    Ok(Overview {
        clients: all.iter().map(client_row).collect(),
        projects: projects.iter().map(project_row).collect(),
    })
}

/// Creates a client; on to its page.
#[server(prefix = "/api", endpoint = "admin_create_client")]
pub async fn create_client(
    name: String,
    slug: String,
    contact_name: Option<String>,
    contact_email: Option<String>,
) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let form = domain::projects::clients::ClientForm {
        name: name.trim().to_owned(),
        slug: slug.trim().to_owned(),
        contact_name: contact_name.unwrap_or_default().trim().to_owned(),
        contact_email: contact_email.unwrap_or_default().trim().to_owned(),
    };
    let id = domain::projects::clients::create(&mut conn, &viewer, &form)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/clients/{id}"));
    Ok(())
}

/// A client, its people and projects.
#[server(prefix = "/api", endpoint = "admin_client")]
pub async fn admin_client(id: String) -> Result<ClientDetail, AppError> {
    use domain::projects::{clients, project};
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let client = clients::get(&mut conn, &viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = clients::members(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    let filter = project::Filter {
        client: Some(id),
        ..project::Filter::default()
    };
    let projects = project::list(&mut conn, &viewer, &filter).await?;
    Ok(ClientDetail {
        client: client_row(&client),
        members: members
            .iter()
            .map(|m| MemberRow {
                user_id: m.user_id.to_string(),
                name: m.name.clone(),
                email: m.email.clone(),
                role: m.role.label().to_owned(),
            })
            .collect(),
        projects: projects.iter().map(project_row).collect(),
    })
}

/// Makes the account `email` one of client `client`'s people as `role`.
#[server(prefix = "/api", endpoint = "admin_assign_member")]
pub async fn assign_member(client: String, email: String, role: String) -> Result<(), AppError> {
    use domain::projects::access::ClientRole;
    let viewer = staff_viewer().await?;
    let client = id_of(&client)?;
    let role = ClientRole::parse(role.trim())
        .ok_or_else(|| AppError::validation("role", "Choose viewer or admin."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::clients::assign(&mut conn, &viewer, client, email.trim(), role)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/clients/{client}"));
    Ok(())
}

/// Takes `user_id` off client `client` (never its last admin).
#[server(prefix = "/api", endpoint = "admin_remove_member")]
pub async fn remove_member(client: String, user_id: String) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let (client, user_id) = (id_of(&client)?, id_of(&user_id)?);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::clients::remove(&mut conn, &viewer, client, user_id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/clients/{client}"));
    Ok(())
}

/// The editor of project `id` (`new`: a new one).
#[server(prefix = "/api", endpoint = "admin_project")]
pub async fn admin_project(id: String) -> Result<Editor, AppError> {
    use domain::projects::project::{Priority, Status};
    use domain::projects::{clients, milestones, project, tasks};
    let viewer = staff_viewer().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let every_client = clients::list(&mut conn, &viewer).await?;
    let staff = project::staff_people(&mut conn).await?;
    let choice = |id: uuid::Uuid, name: &str| (id.to_string(), name.to_owned());
    let mut editor = Editor {
        id: None,
        input: ProjectInput {
            status: "planning".into(),
            priority: "medium".into(),
            currency: "EUR".into(),
            ..ProjectInput::default()
        },
        clients: every_client.iter().map(|c| choice(c.id, &c.name)).collect(),
        staff: staff.iter().map(|p| choice(p.id, &p.name)).collect(),
        client_people: Vec::new(),
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
        priorities: Priority::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect(),
        milestones: Vec::new(),
        tasks: Vec::new(),
        data_sources: Vec::new(),
        reports: Vec::new(),
        ai: None,
        kinds: domain::projects::data_sources::Kind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect(),
        sync_statuses: domain::projects::data_sources::SyncStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
        frequencies: domain::projects::reports::Frequency::ALL
            .iter()
            .map(|f| (f.as_str().to_owned(), f.label().to_owned()))
            .collect(),
    };
    if id == "new" {
        return Ok(editor);
    }
    let id = id_of(&id)?;
    let (p, visible) = project::get_visible(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    let money = |cents: i64| crate::catalog::money::decimal(cents);
    editor.id = Some(id.to_string());
    editor.input = ProjectInput {
        client: p.client_id.to_string(),
        name: p.name.clone(),
        slug: p.slug.clone(),
        description: p.description.clone(),
        scope_md: p.scope_md.clone(),
        status: p.status.as_str().to_owned(),
        priority: p.priority.as_str().to_owned(),
        start_on: p.start_on.map(|d| d.to_string()).unwrap_or_default(),
        due_on: p.due_on.map(|d| d.to_string()).unwrap_or_default(),
        budget: money(p.budget_cents),
        spent: money(p.spent_cents),
        currency: p.currency.clone(),
        agency_lead: p
            .agency_lead
            .as_ref()
            .map(|l| l.id.to_string())
            .unwrap_or_default(),
        client_lead: p
            .client_lead
            .as_ref()
            .map(|l| l.id.to_string())
            .unwrap_or_default(),
        tags: p.tags.join(", "),
    };
    editor.client_people = clients::members(&mut conn, &viewer, p.client_id)
        .await
        .map_err(crate::projects::api::project_error)?
        .iter()
        .map(|m| choice(m.user_id, &format!("{} ({})", m.name, m.email)))
        .collect();
    editor.milestones = milestones::for_project(&mut conn, visible)
        .await
        .map_err(crate::projects::api::project_error)?
        .iter()
        .map(|m| MilestoneRow {
            id: m.id.to_string(),
            name: m.name.clone(),
            due_on: m.due_on.map(|d| d.to_string()),
            done: m.done_at.is_some(),
        })
        .collect();
    editor.tasks = tasks::for_project(&mut conn, visible)
        .await
        .map_err(crate::projects::api::project_error)?
        .iter()
        .map(|t| TaskRow {
            id: t.id.to_string(),
            title: t.title.clone(),
            status: t.status.as_str().to_owned(),
            assignee: t.assignee.as_ref().map(|a| a.name.clone()),
            due_on: t.due_on.map(|d| d.to_string()),
            milestone: t.milestone_name.clone(),
        })
        .collect();
    {
        use crate::projects::api::project_error;
        use crate::projects::resource_cards as cards;
        use domain::projects::{ai_integration, data_sources, reports};
        editor.data_sources = data_sources::for_project(&mut conn, visible)
            .await
            .map_err(project_error)?
            .iter()
            .map(cards::data_source)
            .collect();
        editor.reports = reports::for_project(&mut conn, visible)
            .await
            .map_err(project_error)?
            .iter()
            .map(cards::report)
            .collect();
        editor.ai = ai_integration::for_project(&mut conn, visible)
            .await
            .map_err(project_error)?
            .as_ref()
            .map(cards::ai);
    }
    Ok(editor)
}

/// Creates (no `id`) or updates a project; on to its editor.
#[server(prefix = "/api", endpoint = "admin_save_project")]
pub async fn save_project(
    id: Option<String>,
    client: String,
    name: String,
    slug: String,
    description: Option<String>,
    scope_md: Option<String>,
    status: String,
    priority: String,
    start_on: Option<String>,
    due_on: Option<String>,
    budget: Option<String>,
    spent: Option<String>,
    currency: String,
    agency_lead: Option<String>,
    client_lead: Option<String>,
    tags: Option<String>,
) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let input = ProjectInput {
        client,
        name,
        slug,
        description: description.unwrap_or_default(),
        scope_md: scope_md.unwrap_or_default(),
        status,
        priority,
        start_on: start_on.unwrap_or_default(),
        due_on: due_on.unwrap_or_default(),
        budget: budget.unwrap_or_default(),
        spent: spent.unwrap_or_default(),
        currency,
        agency_lead: agency_lead.unwrap_or_default(),
        client_lead: client_lead.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
    };
    let form = input
        .to_form()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let refused = |e| crate::projects::api::project_error(e).keeping(&input);
    let id = match id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => {
            let id = id_of(id)?;
            domain::projects::project::update(&mut conn, &viewer, id, &form)
                .await
                .map_err(refused)?;
            id
        }
        None => domain::projects::project::create(&mut conn, &viewer, &form)
            .await
            .map_err(refused)?,
    };
    leptos_axum::redirect(&format!("/admin/projects/{id}?saved=1"));
    Ok(())
}

/// Adds milestone `name` (due `due_on`, optional) to project `project`.
#[server(prefix = "/api", endpoint = "admin_add_milestone")]
pub async fn add_milestone(
    project: String,
    name: String,
    due_on: Option<String>,
) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let project = id_of(&project)?;
    let due_on = super::fields::date(due_on.as_deref().unwrap_or(""), "due_on")
        .map_err(|(f, m)| AppError::validation(f, m))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::milestones::create(&mut conn, &viewer, project, name.trim(), due_on)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#milestones"));
    Ok(())
}

/// Adds task `title` to project `project`.
#[server(prefix = "/api", endpoint = "admin_add_task")]
pub async fn add_task(
    project: String,
    title: String,
    status: String,
    due_on: Option<String>,
    milestone: Option<String>,
) -> Result<(), AppError> {
    use domain::projects::tasks::{TaskForm, TaskStatus};
    let viewer = staff_viewer().await?;
    let project = id_of(&project)?;
    let status = TaskStatus::parse(status.trim())
        .ok_or_else(|| AppError::validation("status", "Choose to do, in progress or done."))?;
    let due_on = super::fields::date(due_on.as_deref().unwrap_or(""), "due_on")
        .map_err(|(f, m)| AppError::validation(f, m))?;
    let milestone_id = super::edits_api::optional_id(
        milestone.as_deref(),
        "milestone",
        "Choose one of this project's milestones.",
    )?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let form = TaskForm {
        title,
        status,
        assignee_id: None,
        due_on,
        milestone_id,
    };
    domain::projects::tasks::create(&mut conn, &viewer, project, &form)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#tasks"));
    Ok(())
}

/// Deletes task `id`.
#[server(prefix = "/api", endpoint = "admin_delete_task")]
pub async fn delete_task(id: String) -> Result<(), AppError> {
    let viewer = staff_viewer().await?;
    let id = id_of(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::tasks::delete(&mut conn, &viewer, id)
        .await
        .map_err(crate::projects::api::project_error)?;
    leptos_axum::redirect(&format!("/admin/projects/{project}#tasks"));
    Ok(())
}
