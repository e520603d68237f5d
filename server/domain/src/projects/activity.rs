//! The activity feed: who changed what on the viewer's projects, read from the audit log (task
//! moves, milestones, project edits, comments, data sources, reports, the AI integration),
//! newest first, each line written for people
//! ("Ana moved “Train the model” to Done").

use std::collections::HashSet;

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::tasks::TaskStatus;
use crate::db::schema::{audit_log, project_comments, projects, users};

/// One line of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub at: OffsetDateTime,
    /// Who did it (`None` once their account is gone).
    pub who: Option<String>,
    /// What they did, e.g. `moved “Train the model” to Done`.
    pub what: String,
    pub project_id: Uuid,
    pub project_name: String,
}

/// An entry as read: action, when, row images, who (name, email), project (id, name), and
/// the subject (type, id).
type Row = (
    String,
    OffsetDateTime,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
    Option<String>,
    Option<String>,
    Uuid,
    String,
    String,
    String,
);

/// The latest `limit` changes on the projects the viewer sees (only project `project` when
/// given). Built with the query builder (not raw SQL) so each connection prepares it once.
pub async fn recent(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Activity>> {
    let mut query = audit_log::table
        .inner_join(projects::table.on(audit_log::project_id.eq(projects::id.nullable())))
        .left_join(users::table.on(audit_log::actor_id.eq(users::id.nullable())))
        .filter(audit_log::project_id.is_not_null())
        .select((
            audit_log::action,
            audit_log::at,
            audit_log::before,
            audit_log::after,
            users::display_name.nullable(),
            users::email.nullable(),
            projects::id,
            projects::name,
            audit_log::subject_type,
            audit_log::subject_id,
        ))
        .order(audit_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(client) = viewer.client_id() {
        query = query.filter(projects::client_id.eq(client));
    }
    if let Some(project) = project {
        query = query.filter(audit_log::project_id.eq(project));
    }
    let rows: Vec<Row> = query.load(conn).await?;
    // A comment deleted since leaves the feed's words too.
    let comments: Vec<Uuid> = rows
        .iter()
        .filter(|r| r.8 == "project_comment")
        .filter_map(|r| Uuid::parse_str(&r.9).ok())
        .collect();
    let deleted: HashSet<Uuid> = if comments.is_empty() {
        HashSet::new()
    } else {
        project_comments::table
            .filter(project_comments::id.eq_any(&comments))
            .filter(project_comments::deleted_at.is_not_null())
            .select(project_comments::id)
            .load::<Uuid>(conn)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(
            |(action, at, before, after, name, email, project_id, project_name, kind, subject)| {
                let gone = kind == "project_comment"
                    && Uuid::parse_str(&subject).is_ok_and(|id| deleted.contains(&id));
                Activity {
                    what: if gone && action == "project_comment.create" {
                        "wrote a comment, since deleted".to_owned()
                    } else {
                        describe(&action, before.as_ref(), after.as_ref())
                    },
                    at,
                    who: name.filter(|n| !n.is_empty()).or(email),
                    project_id,
                    project_name,
                }
            },
        )
        .collect())
}

/// A text field of an audit entry's JSON.
fn text<'a>(v: Option<&'a serde_json::Value>, key: &str) -> &'a str {
    v.and_then(|v| v.get(key))
        .and_then(|v| v.as_str())
        .unwrap_or("")
}

/// An audit entry as a person reads it.
pub fn describe(
    action: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> String {
    let status = |v| {
        TaskStatus::parse(text(v, "status"))
            .map_or("another column", TaskStatus::label)
            .to_owned()
    };
    match action {
        "task.status" => format!(
            "moved “{}” from {} to {}",
            text(after, "title"),
            status(before),
            status(after)
        ),
        "task.create" => format!("added the task “{}”", text(after, "title")),
        "task.delete" => format!("removed the task “{}”", text(before, "title")),
        "milestone.create" => format!("added the milestone “{}”", text(after, "name")),
        "task.update" => format!("edited the task “{}”", text(after, "title")),
        "milestone.update" => format!("updated the milestone “{}”", text(after, "name")),
        "milestone.delete" => format!("removed the milestone “{}”", text(before, "name")),
        "milestone.done" => "marked a milestone reached".to_owned(),
        "milestone.reopen" => "reopened a milestone".to_owned(),
        "project.create" => "started the project".to_owned(),
        "project.update" => "updated the project's details".to_owned(),
        "project_comment.create" => format!("commented: “{}”", text(after, "excerpt")),
        "project_comment.delete" => "deleted a comment".to_owned(),
        "data_source.create" => format!("connected the data source “{}”", text(after, "name")),
        "data_source.update" => format!("updated the data source “{}”", text(after, "name")),
        "data_source.delete" => format!("removed the data source “{}”", text(before, "name")),
        "report.create" => format!("set up the report “{}”", text(after, "name")),
        "report.update" => format!("changed the report “{}”", text(after, "name")),
        "report.delete" => format!("removed the report “{}”", text(before, "name")),
        "report.generate" => format!("generated the report “{}”", text(after, "name")),
        "ai_integration.update" => "updated the AI integration".to_owned(),
        "project_file.upload" => format!("shared the file “{}”", text(after, "name")),
        "project_file.delete" => format!("removed the file “{}”", text(before, "name")),
        other => other.replace(['.', '_'], " "),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::describe;

    #[test]
    fn entries_read_as_sentences() {
        let before = json!({"status": "doing", "title": "Train the model"});
        let after = json!({"status": "done", "title": "Train the model"});
        assert_eq!(
            describe("task.status", Some(&before), Some(&after)),
            "moved “Train the model” from In progress to Done"
        );
        assert_eq!(
            describe(
                "project_comment.create",
                None,
                Some(&json!({"excerpt": "Looks good"}))
            ),
            "commented: “Looks good”"
        );
        assert_eq!(describe("something.new", None, None), "something new");
    }
}
