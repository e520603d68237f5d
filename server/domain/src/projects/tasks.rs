//! A project's tasks: read through the viewer (another client's task is not found), moved
//! between todo, doing and done by staff and the client's admins, created, edited and deleted
//! by staff. Every
//! change is audited, marks the project changed, and is announced with
//! `NOTIFY projects, '<project id>'` so open pages of the project hear of it.

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::project::{self, Person};
use crate::audit::{self, Entry};
use crate::db::schema::{milestones, projects, tasks};

/// The channel project changes are announced on; the payload is the project's id.
pub const CHANNEL: &str = "projects";

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TaskStatus {
    Todo,
    Doing,
    Done,
}

impl TaskStatus {
    /// Every status, in board order.
    pub const ALL: [TaskStatus; 3] = [Self::Todo, Self::Doing, Self::Done];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::Doing => "doing",
            Self::Done => "done",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Todo => "To do",
            Self::Doing => "In progress",
            Self::Done => "Done",
        }
    }
}

/// One task.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: Uuid,
    pub project_id: Uuid,
    pub milestone_id: Option<Uuid>,
    pub milestone_name: Option<String>,
    pub title: String,
    pub status: TaskStatus,
    pub assignee: Option<Person>,
    pub due_on: Option<Date>,
    pub position: i32,
    pub updated_at: OffsetDateTime,
    pub done_at: Option<OffsetDateTime>,
}

type Row = (
    Uuid,
    Uuid,
    Option<Uuid>,
    Option<String>,
    String,
    String,
    Option<Uuid>,
    Option<Date>,
    i32,
    OffsetDateTime,
    Option<OffsetDateTime>,
);

/// The tasks of the projects with these ids (the caller has checked the viewer sees them), in
/// board order.
async fn load(
    conn: &mut AsyncPgConnection,
    project_ids: &[Uuid],
    task: Option<Uuid>,
) -> QueryResult<Vec<Task>> {
    let mut query = tasks::table
        .left_join(milestones::table.on(milestones::id.nullable().eq(tasks::milestone_id)))
        .filter(tasks::project_id.eq_any(project_ids))
        .into_boxed();
    if let Some(id) = task {
        query = query.filter(tasks::id.eq(id));
    }
    let rows: Vec<Row> = query
        .select((
            tasks::id,
            tasks::project_id,
            tasks::milestone_id,
            milestones::name.nullable(),
            tasks::title,
            tasks::status,
            tasks::assignee_id,
            tasks::due_on,
            tasks::position,
            tasks::updated_at,
            tasks::done_at,
        ))
        .order((
            tasks::position.asc(),
            tasks::created_at.asc(),
            tasks::id.asc(),
        ))
        .load(conn)
        .await?;
    let assignees: Vec<Uuid> = rows.iter().filter_map(|r| r.6).collect();
    let people = project::people(conn, &assignees).await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                project_id,
                milestone_id,
                milestone_name,
                title,
                status,
                assignee,
                due_on,
                position,
                updated_at,
                done_at,
            )| Task {
                id,
                project_id,
                milestone_id,
                milestone_name,
                title,
                status: TaskStatus::parse(&status).unwrap_or(TaskStatus::Todo),
                assignee: assignee.and_then(|id| people.get(&id).cloned()),
                due_on,
                position,
                updated_at,
                done_at,
            },
        )
        .collect())
}

/// The tasks of the `visible` project.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<Task>, ProjectError> {
    let project_id = visible.id();
    Ok(load(conn, &[project_id], None).await?)
}

/// Task `id`, if the viewer sees its project.
pub async fn get(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Task, ProjectError> {
    let project_id: Option<Uuid> = tasks::table
        .find(id)
        .select(tasks::project_id)
        .first(conn)
        .await
        .optional()?;
    let project_id = project_id.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    load(conn, &[project_id], Some(id))
        .await?
        .pop()
        .ok_or(ProjectError::NotFound)
}

/// Marks project `id` changed and announces it (inside the caller's transaction: the notice
/// goes when it commits).
pub async fn touch(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(projects::table.find(id))
        .set(projects::updated_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
    diesel::sql_query("SELECT pg_notify($1, $2)")
        .bind::<Text, _>(CHANNEL)
        .bind::<Text, _>(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Records `entry` in the audit log and marks project `project_id` changed: how every write
/// on a project's records ends, inside its transaction.
pub async fn audit_and_touch(
    conn: &mut AsyncPgConnection,
    entry: &Entry<'_>,
    project_id: Uuid,
) -> QueryResult<()> {
    audit::record(conn, entry).await?;
    touch(conn, project_id).await
}

/// Moves task `id` to `status` (staff, the client's admins); audited. Returns the task as it
/// is now.
pub async fn set_status(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    status: TaskStatus,
) -> Result<Task, ProjectError> {
    let before = get(conn, viewer, id).await?;
    if !viewer.may_change_work() {
        return Err(ProjectError::Forbidden(
            "Only your company's admins and the agency change tasks.",
        ));
    }
    if before.status == status {
        return Ok(before);
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let done_at = (status == TaskStatus::Done).then(OffsetDateTime::now_utc);
        diesel::update(tasks::table.find(id))
            .set((
                tasks::status.eq(status.as_str()),
                tasks::done_at.eq(done_at),
                tasks::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "task.status", "task", id).before(json!({"status": before.status.as_str(), "title": before.title, "project_id": before.project_id})).after(json!({"status": status.as_str(), "title": before.title, "project_id": before.project_id})),
            before.project_id,
        )
        .await?;
        Ok::<_, ProjectError>(())
    })
    .await?;
    get(conn, viewer, id).await
}

/// A task as staff create it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskForm {
    pub title: String,
    pub status: TaskStatus,
    pub assignee_id: Option<Uuid>,
    pub due_on: Option<Date>,
    pub milestone_id: Option<Uuid>,
}

impl TaskForm {
    /// The trimmed title, or the field at fault.
    fn check(&self) -> Result<&str, ProjectError> {
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(field(
                "title",
                "Give the task a title (200 characters at most).",
            ));
        }
        Ok(title)
    }
}

/// Refuses an assignee who is neither on the agency's staff nor one of client `client_id`'s
/// people.
async fn check_assignee(
    conn: &mut AsyncPgConnection,
    client_id: Uuid,
    assignee: Option<Uuid>,
) -> Result<(), ProjectError> {
    use crate::accounts::Role;
    use crate::db::schema::{client_members, users};
    let Some(user) = assignee else {
        return Ok(());
    };
    let found: Option<(String, Option<Uuid>)> = users::table
        .left_join(client_members::table)
        .filter(users::id.eq(user))
        .filter(users::disabled_at.is_null())
        .select((users::role, client_members::client_id.nullable()))
        .first(conn)
        .await
        .optional()?;
    let fits = found.is_some_and(|(role, client)| {
        Role::parse(&role).is_some_and(Role::is_staff) || client == Some(client_id)
    });
    if fits {
        Ok(())
    } else {
        Err(field(
            "assignee",
            "Choose one of the agency's staff or this client's people.",
        ))
    }
}

/// A foreign key the task's milestone breaks answers on the milestone field.
fn milestone_refused(e: diesel::result::Error) -> ProjectError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ForeignKeyViolation,
            _,
        ) => field("milestone", "Choose one of this project's milestones."),
        other => other.into(),
    }
}

/// Staff add a task to project `project_id`; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    form: &TaskForm,
) -> Result<Uuid, ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff add tasks."));
    }
    let title = form.check()?;
    let client_id = project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    check_assignee(conn, client_id, form.assignee_id).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let position: Option<i32> = tasks::table
            .filter(tasks::project_id.eq(project_id))
            .select(diesel::dsl::max(tasks::position))
            .first(conn)
            .await?;
        let id: Uuid = diesel::insert_into(tasks::table)
            .values((
                tasks::project_id.eq(project_id),
                tasks::title.eq(title),
                tasks::status.eq(form.status.as_str()),
                tasks::assignee_id.eq(form.assignee_id),
                tasks::due_on.eq(form.due_on),
                tasks::milestone_id.eq(form.milestone_id),
                tasks::position.eq(position.unwrap_or(0) + 1),
                tasks::done_at.eq((form.status == TaskStatus::Done).then(OffsetDateTime::now_utc)),
            ))
            .returning(tasks::id)
            .get_result(conn)
            .await
            .map_err(milestone_refused)?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "task.create", "task", id).after(
                json!({"project_id": project_id, "title": title, "status": form.status.as_str()}),
            ),
            project_id,
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Staff change task `id`: its title, column, assignee, due date and milestone; audited with
/// the task before and after. Returns its project's id.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    form: &TaskForm,
) -> Result<Uuid, ProjectError> {
    let before = get(conn, viewer, id).await?;
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff edit tasks."));
    }
    let title = form.check()?;
    let project_id = before.project_id;
    let client_id = project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    check_assignee(conn, client_id, form.assignee_id).await?;
    let actor = viewer.user_id();
    let image = |title: &str,
                 status: TaskStatus,
                 assignee: Option<Uuid>,
                 due: Option<Date>,
                 milestone: Option<Uuid>| {
        json!({
            "project_id": project_id,
            "title": title,
            "status": status.as_str(),
            "assignee_id": assignee,
            "due_on": due.map(|d| d.to_string()),
            "milestone_id": milestone,
        })
    };
    conn.transaction(async |conn| {
        // A task that stays done keeps when it was finished.
        let done_at = match (before.status, form.status) {
            (TaskStatus::Done, TaskStatus::Done) => before.done_at,
            (_, TaskStatus::Done) => Some(OffsetDateTime::now_utc()),
            _ => None,
        };
        diesel::update(tasks::table.find(id))
            .set((
                tasks::title.eq(title),
                tasks::status.eq(form.status.as_str()),
                tasks::assignee_id.eq(form.assignee_id),
                tasks::due_on.eq(form.due_on),
                tasks::milestone_id.eq(form.milestone_id),
                tasks::done_at.eq(done_at),
                tasks::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await
            .map_err(milestone_refused)?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "task.update", "task", id)
                .before(image(
                    &before.title,
                    before.status,
                    before.assignee.as_ref().map(|a| a.id),
                    before.due_on,
                    before.milestone_id,
                ))
                .after(image(
                    title,
                    form.status,
                    form.assignee_id,
                    form.due_on,
                    form.milestone_id,
                )),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// Staff delete task `id`; audited. Returns its project's id.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Uuid, ProjectError> {
    let before = get(conn, viewer, id).await?;
    let project_id = before.project_id;
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff delete tasks."));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::delete(tasks::table.find(id)).execute(conn).await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "task.delete", "task", id).before(json!({"project_id": project_id, "title": before.title, "status": before.status.as_str()})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}
