//! Comments on a project: the client's people (viewers too) and the agency talk in Markdown,
//! any HTML in it shown as text. Anyone who sees the project reads and writes; the author
//! (or staff) deletes. Each comment is audited (the activity feed reads it) and announced on
//! the project's channel, so open pages show it.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::{markdown, project, tasks};
use crate::accounts::Role;
use crate::audit::{self, Entry};
use crate::db::schema::{project_comments, users};

/// The longest comment, in characters.
pub const MOST_CHARS: usize = 10_000;

/// One comment as the thread shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: Uuid,
    /// The author's name (`None` once their account is gone).
    pub author: Option<String>,
    /// Whether the author is agency staff.
    pub from_agency: bool,
    /// The Markdown as safe HTML; empty once deleted.
    pub body_html: String,
    pub created_at: OffsetDateTime,
    pub deleted: bool,
    /// Whether the viewer may delete it (the author, staff).
    pub deletable: bool,
}

/// A comment with its author's account, as read.
#[derive(Queryable)]
struct Row {
    id: Uuid,
    author_id: Option<Uuid>,
    body: String,
    created_at: OffsetDateTime,
    deleted_at: Option<OffsetDateTime>,
    name: Option<String>,
    email: Option<String>,
    role: Option<String>,
}

/// The comments of the `visible` project, oldest first.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<Comment>, ProjectError> {
    let project_id = visible.id();
    let viewer = visible.viewer();
    let rows: Vec<Row> = project_comments::table
        .left_join(users::table.on(users::id.nullable().eq(project_comments::author_id)))
        .filter(project_comments::project_id.eq(project_id))
        .select((
            project_comments::id,
            project_comments::author_id,
            project_comments::body_md,
            project_comments::created_at,
            project_comments::deleted_at,
            users::display_name.nullable(),
            users::email.nullable(),
            users::role.nullable(),
        ))
        .order((
            project_comments::created_at.asc(),
            project_comments::id.asc(),
        ))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |Row {
                 id,
                 author_id,
                 body,
                 created_at,
                 deleted_at,
                 name,
                 email,
                 role,
             }| {
                let deleted = deleted_at.is_some();
                Comment {
                    id,
                    author: name.filter(|n| !n.trim().is_empty()).or(email),
                    from_agency: role
                        .as_deref()
                        .and_then(Role::parse)
                        .is_some_and(Role::is_staff),
                    body_html: if deleted {
                        String::new()
                    } else {
                        markdown::to_escaped_html(&body)
                    },
                    created_at,
                    deleted,
                    deletable: !deleted
                        && (viewer.is_staff() || author_id == Some(viewer.user_id())),
                }
            },
        )
        .collect())
}

/// Adds the viewer's comment `body` (Markdown) to project `project_id`; audited and announced.
pub async fn add(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    body: &str,
    request_id: Option<String>,
) -> Result<Uuid, ProjectError> {
    let body = body.trim().replace("\r\n", "\n");
    let chars = body.chars().count();
    if chars == 0 {
        return Err(field("body", "Write the comment first."));
    }
    if chars > MOST_CHARS {
        return Err(field("body", "Keep a comment under 10000 characters."));
    }
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    let id = Uuid::now_v7();
    conn.transaction(async |conn| {
        diesel::insert_into(project_comments::table)
            .values((
                project_comments::id.eq(id),
                project_comments::project_id.eq(project_id),
                project_comments::author_id.eq(viewer.user_id()),
                project_comments::body_md.eq(&body),
            ))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry::new(
                viewer.user_id(),
                "project_comment.create",
                "project_comment",
                id,
            )
            .after(json!({"project_id": project_id, "excerpt": excerpt(&body)}))
            .request(request_id),
        )
        .await?;
        tasks::touch(conn, project_id).await?;
        Ok::<_, ProjectError>(())
    })
    .await?;
    Ok(id)
}

/// The first words of a comment, for the activity feed.
fn excerpt(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 80 {
        flat
    } else {
        format!("{}…", flat.chars().take(79).collect::<String>())
    }
}

/// Deletes comment `id` (its author, staff); the thread then says it was deleted.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    request_id: Option<String>,
) -> Result<Uuid, ProjectError> {
    let found: Option<(Uuid, Option<Uuid>, Option<OffsetDateTime>)> = project_comments::table
        .find(id)
        .select((
            project_comments::project_id,
            project_comments::author_id,
            project_comments::deleted_at,
        ))
        .first(conn)
        .await
        .optional()?;
    let (project_id, author, deleted_at) = found.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    if !viewer.is_staff() && author != Some(viewer.user_id()) {
        return Err(ProjectError::Forbidden(
            "Only its author deletes a comment.",
        ));
    }
    if deleted_at.is_some() {
        return Ok(project_id);
    }
    conn.transaction(async |conn| {
        diesel::update(project_comments::table.find(id))
            .set(project_comments::deleted_at.eq(diesel::dsl::now))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry::new(
                viewer.user_id(),
                "project_comment.delete",
                "project_comment",
                id,
            )
            .after(json!({"project_id": project_id}))
            .request(request_id),
        )
        .await?;
        tasks::touch(conn, project_id).await?;
        Ok::<_, ProjectError>(())
    })
    .await?;
    Ok(project_id)
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_one_short_line() {
        assert_eq!(excerpt("Looks\n\ngood  to me"), "Looks good to me");
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), 80);
        assert!(e.ends_with('…'));
    }
}
