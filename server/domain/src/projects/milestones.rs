//! A project's milestones: read through the viewer, added by staff, marked reached (or not)
//! by staff and the client's admins, renamed, moved and deleted by staff; audited and
//! announced like tasks.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::project;
use super::tasks::audit_and_touch;
use crate::audit::Entry;
use crate::db::schema::{milestones, tasks};

/// One milestone, with its tasks counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub due_on: Option<Date>,
    pub done_at: Option<OffsetDateTime>,
    pub tasks_total: i64,
    pub tasks_done: i64,
}

/// The milestones of the `visible` project, by due date.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<Milestone>, ProjectError> {
    use diesel::dsl::count_star;
    let project_id = visible.id();
    let rows: Vec<(Uuid, String, Option<Date>, Option<OffsetDateTime>)> = milestones::table
        .filter(milestones::project_id.eq(project_id))
        .select((
            milestones::id,
            milestones::name,
            milestones::due_on,
            milestones::done_at,
        ))
        .order((
            milestones::due_on.asc().nulls_last(),
            milestones::position.asc(),
            milestones::name.asc(),
        ))
        .load(conn)
        .await?;
    let counts: Vec<(Option<Uuid>, String, i64)> = tasks::table
        .filter(tasks::project_id.eq(project_id))
        .filter(tasks::milestone_id.is_not_null())
        .group_by((tasks::milestone_id, tasks::status))
        .select((tasks::milestone_id, tasks::status, count_star()))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, due_on, done_at)| {
            let mine = counts.iter().filter(|(m, _, _)| *m == Some(id));
            let (total, done) = mine.fold((0, 0), |(t, d), (_, status, n)| {
                (t + n, if status == "done" { d + n } else { d })
            });
            Milestone {
                id,
                project_id,
                name,
                due_on,
                done_at,
                tasks_total: total,
                tasks_done: done,
            }
        })
        .collect())
}

/// Staff add a milestone to project `project_id`; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    name: &str,
    due_on: Option<Date>,
) -> Result<Uuid, ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff add milestones."));
    }
    let name = checked_name(name)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let id: Uuid = diesel::insert_into(milestones::table)
            .values((
                milestones::project_id.eq(project_id),
                milestones::name.eq(name),
                milestones::due_on.eq(due_on),
            ))
            .returning(milestones::id)
            .get_result(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry {
                actor_id: actor,
                action: "milestone.create",
                subject_type: "milestone",
                subject_id: id.to_string(),
                before: None,
                after: Some(json!({"project_id": project_id, "name": name, "due_on": due_on.map(|d| d.to_string())})),
                request_id: None,
            },
            project_id,
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Marks milestone `id` reached or not (staff, the client's admins); audited. Returns its
/// project's id.
pub async fn set_done(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    done: bool,
) -> Result<Uuid, ProjectError> {
    let project_id: Option<Uuid> = milestones::table
        .find(id)
        .select(milestones::project_id)
        .first(conn)
        .await
        .optional()?;
    let project_id = project_id.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    if !viewer.may_change_work() {
        return Err(ProjectError::Forbidden(
            "Only your company's admins and the agency mark milestones.",
        ));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::update(milestones::table.find(id))
            .set(milestones::done_at.eq(done.then(OffsetDateTime::now_utc)))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(
                actor,
                if done {
                    "milestone.done"
                } else {
                    "milestone.reopen"
                },
                "milestone",
                id,
            )
            .after(json!({"project_id": project_id, "done": done})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// The project of milestone `id`, if the viewer may see it.
async fn project_of(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<(Uuid, String, Option<Date>), ProjectError> {
    let row: Option<(Uuid, String, Option<Date>)> = milestones::table
        .find(id)
        .select((milestones::project_id, milestones::name, milestones::due_on))
        .first(conn)
        .await
        .optional()?;
    let row = row.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, row.0)
        .await?
        .ok_or(ProjectError::NotFound)?;
    Ok(row)
}

/// A milestone's name, trimmed, or the field at fault.
fn checked_name(name: &str) -> Result<&str, ProjectError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 160 {
        return Err(field(
            "name",
            "Give the milestone a name (160 characters at most).",
        ));
    }
    Ok(name)
}

/// Staff rename milestone `id` or move its due date; audited. Returns its project's id.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    name: &str,
    due_on: Option<Date>,
) -> Result<Uuid, ProjectError> {
    let (project_id, old_name, old_due) = project_of(conn, viewer, id).await?;
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff change milestones."));
    }
    let name = checked_name(name)?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::update(milestones::table.find(id))
            .set((milestones::name.eq(name), milestones::due_on.eq(due_on)))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "milestone.update", "milestone", id)
                .before(json!({"project_id": project_id, "name": old_name, "due_on": old_due.map(|d| d.to_string())}))
                .after(json!({"project_id": project_id, "name": name, "due_on": due_on.map(|d| d.to_string())})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// Staff delete milestone `id` (its tasks stay, without a milestone); audited. Returns its
/// project's id.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Uuid, ProjectError> {
    let (project_id, name, _) = project_of(conn, viewer, id).await?;
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff delete milestones."));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        diesel::delete(milestones::table.find(id))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "milestone.delete", "milestone", id)
                .before(json!({"project_id": project_id, "name": name})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}
