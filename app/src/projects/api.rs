//! The dashboard's server functions: `/dashboard` (summary, filters, cards), a project's page,
//! and the writes on it (a task moved on the board, a milestone marked). Every one starts from
//! the caller as a `domain::projects::access::Viewer`, so the domain scopes each read to the
//! caller's client: another client's project, task or milestone answers 404.

use leptos::prelude::*;

use super::view::{Board, ProjectView};
use crate::error::AppError;

/// The caller as the dashboard sees them: signed in (else 401), and their viewer, if any.
#[cfg(feature = "ssr")]
pub async fn viewer() -> Result<
    (
        domain::accounts::User,
        Option<domain::projects::access::Viewer>,
    ),
    AppError,
> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let viewer = domain::projects::access::viewer_of(&mut conn, &user).await?;
    Ok((user, viewer))
}

/// The caller's viewer, or 404 for a person with no dashboard (nothing here is theirs).
#[cfg(feature = "ssr")]
pub async fn require_viewer()
-> Result<(domain::accounts::User, domain::projects::access::Viewer), AppError> {
    match viewer().await? {
        (user, Some(viewer)) => Ok((user, viewer)),
        (_, None) => Err(AppError::NotFound),
    }
}

/// A dashboard refusal as the page shows it.
#[cfg(feature = "ssr")]
pub fn project_error(e: domain::projects::error::ProjectError) -> AppError {
    use domain::projects::error::ProjectError;
    match e {
        ProjectError::NotFound => AppError::NotFound,
        ProjectError::Forbidden(_) => AppError::Forbidden,
        ProjectError::Field { field, message } => AppError::validation(field, message),
        ProjectError::Conflict(message) => AppError::conflict(message),
        ProjectError::Database(e) => AppError::internal(e),
    }
}

/// A feed line as the pages carry it.
#[cfg(feature = "ssr")]
fn activity_line(a: &domain::projects::activity::Activity) -> super::view::ActivityLine {
    super::view::ActivityLine {
        at: a.at.into(),
        who: a
            .who
            .clone()
            .unwrap_or_else(|| "A former member".to_owned()),
        what: a.what.clone(),
        project_id: a.project_id.to_string(),
        project_name: a.project_name.clone(),
    }
}

/// A date as the pages carry it.
#[cfg(feature = "ssr")]
fn iso(date: Option<time::Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// Today, in UTC (due dates are calendar days).
#[cfg(feature = "ssr")]
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// The card of project `p`.
#[cfg(feature = "ssr")]
pub fn card(p: &domain::projects::project::Project) -> super::view::ProjectCard {
    use crate::catalog::money::format_whole;
    super::view::ProjectCard {
        id: p.id.to_string(),
        name: p.name.clone(),
        client_name: p.client_name.clone(),
        description: p.description.clone(),
        status: p.status.as_str().to_owned(),
        status_label: p.status.label().to_owned(),
        priority: p.priority.as_str().to_owned(),
        priority_label: p.priority.label().to_owned(),
        progress: p.progress(),
        tasks_done: p.counts.tasks_done,
        tasks_total: p.counts.tasks_total,
        milestones_done: p.counts.milestones_done,
        milestones_total: p.counts.milestones_total,
        start_on: iso(p.start_on),
        due_on: iso(p.due_on),
        overdue: p.overdue(today()),
        budget_at_risk: p.budget_at_risk(),
        budget: format_whole(p.budget_cents, &p.currency),
        spent: format_whole(p.spent_cents, &p.currency),
        currency: p.currency.clone(),
        agency_lead: p.agency_lead.as_ref().map(|l| l.name.clone()),
        client_lead: p.client_lead.as_ref().map(|l| l.name.clone()),
        tags: p.tags.clone(),
    }
}

/// The summary of `all` (every project the viewer sees).
#[cfg(feature = "ssr")]
pub fn summary(all: &[domain::projects::project::Project]) -> super::view::Summary {
    use domain::projects::project::Status;
    let today = today();
    let week_end = today + time::Duration::days(7);
    let total = all.len();
    let sum: usize = all.iter().map(|p| usize::from(p.progress())).sum();
    let average_progress = sum
        .checked_div(total)
        .map_or(0, |a| u8::try_from(a).unwrap_or(100));
    super::view::Summary {
        total,
        by_status: Status::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    s.label().to_owned(),
                    all.iter().filter(|p| p.status == *s).count(),
                )
            })
            .collect(),
        average_progress,
        overdue: all.iter().filter(|p| p.overdue(today)).count(),
        at_risk: all.iter().filter(|p| p.budget_at_risk()).count(),
        due_this_week: all
            .iter()
            .filter(|p| {
                p.status != Status::Completed
                    && p.due_on.is_some_and(|d| d >= today && d < week_end)
            })
            .count(),
    }
}

/// Text of a query parameter, if given.
#[cfg(feature = "ssr")]
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `/dashboard`: the caller's projects, filtered by `status`, agency `lead` (a user id), `tag`
/// and (staff) `client` (an id), in `sort` order, with the summary of them all.
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn dashboard(
    status: Option<String>,
    lead: Option<String>,
    tag: Option<String>,
    client: Option<String>,
    sort: Option<String>,
) -> Result<Board, AppError> {
    use domain::projects::access::{ClientRole, Viewer};
    use domain::projects::project::{self, Filter, Sort, Status};
    let (_, viewer) = viewer().await?;
    let Some(viewer) = viewer else {
        return Ok(Board {
            kind: "none".into(),
            client_name: None,
            is_admin: false,
            summary: Default::default(),
            projects: Vec::new(),
            leads: Vec::new(),
            tags: Vec::new(),
            clients: Vec::new(),
            statuses: Vec::new(),
            sorts: Vec::new(),
            chosen: Default::default(),
            activity: Vec::new(),
        });
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (status, lead, tag, client, sort) = (
        given(status),
        given(lead),
        given(tag),
        given(client),
        given(sort).unwrap_or_default(),
    );
    let every = project::list(&mut conn, &viewer, &Filter::default()).await?;
    let filter = Filter {
        status: status.as_deref().and_then(Status::parse),
        lead: lead.as_deref().and_then(|l| uuid::Uuid::parse_str(l).ok()),
        tag: tag.clone(),
        client: client
            .as_deref()
            .and_then(|c| uuid::Uuid::parse_str(c).ok())
            .filter(|_| viewer.is_staff()),
        sort: Sort::parse(&sort),
    };
    let mut shown: Vec<_> = every
        .iter()
        .filter(|p| filter.status.is_none_or(|s| p.status == s))
        .filter(|p| {
            filter
                .lead
                .is_none_or(|l| p.agency_lead.as_ref().is_some_and(|a| a.id == l))
        })
        .filter(|p| filter.tag.as_ref().is_none_or(|t| p.tags.contains(t)))
        .filter(|p| filter.client.is_none_or(|c| p.client_id == c))
        .cloned()
        .collect();
    project::sort(&mut shown, filter.sort);
    let mut leads: Vec<(String, String)> = every
        .iter()
        .filter_map(|p| p.agency_lead.as_ref())
        .map(|l| (l.id.to_string(), l.name.clone()))
        .collect();
    leads.sort_by(|a, b| a.1.cmp(&b.1));
    leads.dedup();
    let mut tags: Vec<String> = every.iter().flat_map(|p| p.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let clients = domain::projects::clients::list(&mut conn, &viewer).await?;
    let activity = domain::projects::activity::recent(&mut conn, &viewer, None, 15).await?;
    let (kind, client_name, is_admin) = match viewer {
        Viewer::Staff { .. } => ("staff", None, false),
        Viewer::Client { role, .. } => (
            "client",
            clients.first().map(|c| c.name.clone()),
            role == ClientRole::Admin,
        ),
    };
    Ok(Board {
        kind: kind.into(),
        client_name,
        is_admin,
        summary: summary(&every),
        projects: shown.iter().map(card).collect(),
        leads,
        tags,
        clients: if viewer.is_staff() {
            clients
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        } else {
            Vec::new()
        },
        statuses: Status::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
        sorts: Sort::ALL
            .iter()
            .map(|(_, value, label)| ((*value).to_owned(), (*label).to_owned()))
            .collect(),
        chosen: super::view::Chosen {
            status: filter.status.map(|s| s.as_str().to_owned()),
            lead: filter.lead.map(|l| l.to_string()),
            tag: filter.tag,
            client: filter.client.map(|c| c.to_string()),
            sort: Sort::ALL
                .iter()
                .find(|(s, _, _)| *s == filter.sort)
                .map_or("due", |(_, v, _)| v)
                .to_owned(),
        },
        activity: activity.iter().map(activity_line).collect(),
    })
}

/// Project `id`'s page, if the caller sees it (else 404).
#[server(prefix = "/api", endpoint = "dashboard_project")]
pub async fn project_detail(id: String) -> Result<ProjectView, AppError> {
    use domain::projects::{markdown, milestones, project, tasks};
    let (_, viewer) = require_viewer().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (p, visible) = project::get_visible(&mut conn, &viewer, id)
        .await
        .map_err(project_error)?;
    let today = today();
    let tasks = tasks::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let milestones = milestones::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let weeks = last_weeks(today);
    let (done_per_week, progress_per_week) = weekly(&tasks, &weeks);
    let comments = domain::projects::comments::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let activity = domain::projects::activity::recent(&mut conn, &viewer, Some(id), 10).await?;
    let week_ends: Vec<time::Date> = weeks.iter().map(|(_, end)| *end).collect();
    let burn = domain::projects::burn::history(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let sources = domain::projects::data_sources::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let reports = domain::projects::reports::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let ai = domain::projects::ai_integration::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    let files = domain::projects::files::for_project(&mut conn, visible)
        .await
        .map_err(project_error)?;
    use super::resource_cards as cards;
    Ok(ProjectView {
        budget_burn: cards::budget_burn(&burn, &week_ends),
        data_sources: sources.iter().map(cards::data_source).collect(),
        reports: reports.iter().map(cards::report).collect(),
        ai: ai.as_ref().map(cards::ai),
        files: files.iter().map(cards::file).collect(),
        file_kinds: domain::projects::files::accepted(),
        card: card(&p),
        scope_html: markdown::to_safe_html(&p.scope_md),
        tasks: tasks
            .iter()
            .map(|t| super::view::TaskCard {
                id: t.id.to_string(),
                title: t.title.clone(),
                status: t.status.as_str().to_owned(),
                assignee: t.assignee.as_ref().map(|a| a.name.clone()),
                due_on: iso(t.due_on),
                overdue: t.status != tasks::TaskStatus::Done && t.due_on.is_some_and(|d| d < today),
                milestone: t.milestone_name.clone(),
                done_at: t.done_at.and_then(|d| {
                    d.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                }),
            })
            .collect(),
        milestones: milestones
            .iter()
            .map(|m| super::view::MilestoneCard {
                id: m.id.to_string(),
                name: m.name.clone(),
                due_on: iso(m.due_on),
                done: m.done_at.is_some(),
                tasks_done: m.tasks_done,
                tasks_total: m.tasks_total,
            })
            .collect(),
        can_change: viewer.may_change_work(),
        weeks: weeks.iter().map(|(label, _)| label.clone()).collect(),
        done_per_week,
        comments: comments
            .into_iter()
            .map(|c| super::view::CommentCard {
                id: c.id.to_string(),
                author: c.author.unwrap_or_else(|| "A former member".to_owned()),
                from_agency: c.from_agency,
                body_html: c.body_html,
                at: c.created_at.into(),
                deleted: c.deleted,
                deletable: c.deletable,
            })
            .collect(),
        activity: activity.iter().map(activity_line).collect(),
        progress_per_week,
    })
}

/// The last [`WEEKS`] weeks up to `today`: (label, the week's last day).
#[cfg(feature = "ssr")]
fn last_weeks(today: time::Date) -> Vec<(String, time::Date)> {
    (0..WEEKS)
        .rev()
        .map(|k| {
            let end = today - time::Duration::weeks(k);
            (
                format!("{} {}", &end.month().to_string()[..3], end.day()),
                end,
            )
        })
        .collect()
}

/// How many weeks the project's charts cover.
#[cfg(feature = "ssr")]
const WEEKS: i64 = 8;

/// Tasks finished in each week, and progress (percent of all tasks) at each week's end.
#[cfg(feature = "ssr")]
fn weekly(
    tasks: &[domain::projects::tasks::Task],
    weeks: &[(String, time::Date)],
) -> (
    Vec<crate::ui::charts::Series>,
    Vec<crate::ui::charts::Series>,
) {
    use crate::ui::charts::Series;
    let done_days: Vec<time::Date> = tasks
        .iter()
        .filter_map(|t| t.done_at.map(|d| d.date()))
        .collect();
    let total = tasks.len().max(1) as f64;
    let mut per_week = Vec::with_capacity(weeks.len());
    let mut progress = Vec::with_capacity(weeks.len());
    for (_, end) in weeks {
        let start = *end - time::Duration::days(6);
        let in_week = done_days
            .iter()
            .filter(|d| **d >= start && **d <= *end)
            .count();
        let by_end = done_days.iter().filter(|d| **d <= *end).count();
        per_week.push(Some(in_week as f64));
        progress.push(Some((by_end as f64 * 100.0 / total).round()));
    }
    (
        vec![Series {
            name: "Tasks done".into(),
            colour: "#16a34a".into(),
            values: per_week,
        }],
        vec![Series {
            name: "Progress".into(),
            colour: "#4f46e5".into(),
            values: progress,
        }],
    )
}

/// Moves task `id` to `status` (`todo`, `doing`, `done`); back to its project's board.
#[server(prefix = "/api", endpoint = "dashboard_move_task")]
pub async fn move_task(id: String, status: String) -> Result<(), AppError> {
    use domain::projects::tasks::{self, TaskStatus};
    let (_, viewer) = require_viewer().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let status = TaskStatus::parse(status.trim())
        .ok_or_else(|| AppError::validation("status", "Choose to do, in progress or done."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let task = tasks::set_status(&mut conn, &viewer, id, status)
        .await
        .map_err(project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{}#tasks", task.project_id));
    Ok(())
}

/// Marks milestone `id` reached (`done` = `true`) or not; back to its project.
#[server(prefix = "/api", endpoint = "dashboard_mark_milestone")]
pub async fn mark_milestone(id: String, done: bool) -> Result<(), AppError> {
    let (_, viewer) = require_viewer().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let project = domain::projects::milestones::set_done(&mut conn, &viewer, id, done)
        .await
        .map_err(project_error)?;
    leptos_axum::redirect(&format!("/dashboard/projects/{project}#milestones"));
    Ok(())
}
