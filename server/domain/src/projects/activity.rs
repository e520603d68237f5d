//! The activity feed: who changed what on the viewer's projects, read from the audit log (task
//! moves, milestones, project edits, comments, data sources, reports, the AI integration),
//! newest first, each line written for people
//! ("Ana moved “Train the model” to Done").

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::tasks::TaskStatus;

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

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    action: String,
    #[diesel(sql_type = Timestamptz)]
    at: OffsetDateTime,
    #[diesel(sql_type = Nullable<Jsonb>)]
    before: Option<serde_json::Value>,
    #[diesel(sql_type = Nullable<Jsonb>)]
    after: Option<serde_json::Value>,
    #[diesel(sql_type = Nullable<Text>)]
    who: Option<String>,
    #[diesel(sql_type = SqlUuid)]
    project_id: Uuid,
    #[diesel(sql_type = Text)]
    project_name: String,
    /// For a comment's entry: whether the comment has been deleted since (its words then
    /// leave the feed too).
    #[diesel(sql_type = diesel::sql_types::Bool)]
    deleted: bool,
}

/// The latest `limit` changes on the projects the viewer sees (only project `project` when
/// given).
pub async fn recent(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Activity>> {
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT a.action, a.at, a.before, a.after, \
                coalesce(nullif(u.display_name, ''), u.email) AS who, \
                p.id AS project_id, p.name AS project_name, \
                (c.deleted_at IS NOT NULL) AS deleted \
         FROM audit_log a \
         JOIN projects p ON p.id = a.project_id \
         LEFT JOIN users u ON u.id = a.actor_id \
         LEFT JOIN project_comments c \
                ON c.id = (CASE WHEN a.subject_type = 'project_comment' \
                                THEN a.subject_id END)::uuid \
         WHERE a.project_id IS NOT NULL \
           AND ($1::uuid IS NULL OR p.client_id = $1) \
           AND ($2::uuid IS NULL OR a.project_id = $2) \
         ORDER BY a.id DESC LIMIT $3",
    )
    .bind::<Nullable<SqlUuid>, _>(viewer.client_id())
    .bind::<Nullable<SqlUuid>, _>(project)
    .bind::<BigInt, _>(limit)
    .load(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Activity {
            what: if r.deleted && r.action == "project_comment.create" {
                "wrote a comment, since deleted".to_owned()
            } else {
                describe(&r.action, r.before.as_ref(), r.after.as_ref())
            },
            at: r.at,
            who: r.who,
            project_id: r.project_id,
            project_name: r.project_name,
        })
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
