//! The audit log: every staff write records who did what to which row, with the row before and
//! after, on the write's own connection so both commit together.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::audit_log;

/// One staff write to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor_id: Uuid,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

/// The subject types whose entries belong to a client project (the activity feed's).
const PROJECT_WORK: [&str; 8] = [
    "project",
    "task",
    "milestone",
    "project_comment",
    "data_source",
    "report",
    "ai_integration",
    "project_file",
];

impl<'a> Entry<'a> {
    /// The client project this entry is about (the project itself, or the `project_id` its
    /// row images name), stored in its own indexed column for the activity feed.
    pub fn project_id(&self) -> Option<Uuid> {
        if !PROJECT_WORK.contains(&self.subject_type) {
            return None;
        }
        if self.subject_type == "project" {
            return Uuid::parse_str(&self.subject_id).ok();
        }
        [&self.after, &self.before]
            .into_iter()
            .flatten()
            .find_map(|v| v.get("project_id")?.as_str().map(str::to_owned))
            .and_then(|s| Uuid::parse_str(&s).ok())
    }

    /// `actor` did `action` to the `subject_type` row `subject_id`; no row images, no request.
    pub fn new(
        actor_id: Uuid,
        action: &'a str,
        subject_type: &'a str,
        subject_id: impl ToString,
    ) -> Self {
        Self {
            actor_id,
            action,
            subject_type,
            subject_id: subject_id.to_string(),
            before: None,
            after: None,
            request_id: None,
        }
    }

    /// With the row (or what matters of it) before the write.
    pub fn before(mut self, before: serde_json::Value) -> Self {
        self.before = Some(before);
        self
    }

    /// With the row (or what matters of it) after the write.
    pub fn after(mut self, after: serde_json::Value) -> Self {
        self.after = Some(after);
        self
    }

    /// With the request's id.
    pub fn request(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}

/// One recorded write.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct AuditRow {
    pub id: i64,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub at: OffsetDateTime,
}

/// Records `entry`; call it inside the transaction of the write it describes.
pub async fn record(conn: &mut AsyncPgConnection, entry: &Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::project_id.eq(entry.project_id()),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::action.eq(entry.action),
            audit_log::subject_type.eq(entry.subject_type),
            audit_log::subject_id.eq(&entry.subject_id),
            audit_log::before.eq(&entry.before),
            audit_log::after.eq(&entry.after),
            audit_log::request_id.eq(&entry.request_id),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Entries, newest first, optionally about one subject type.
pub async fn list(
    conn: &mut AsyncPgConnection,
    subject_type: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut query = audit_log::table.select(AuditRow::as_select()).into_boxed();
    if let Some(t) = subject_type {
        query = query.filter(audit_log::subject_type.eq(t.to_owned()));
    }
    query
        .order(audit_log::id.desc())
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::Entry;

    #[test]
    fn an_entry_knows_its_client_project() {
        let project = Uuid::now_v7();
        let task = Entry::new(Uuid::nil(), "task.create", "task", Uuid::now_v7())
            .after(serde_json::json!({"project_id": project}));
        assert_eq!(task.project_id(), Some(project));
        let itself = Entry::new(Uuid::nil(), "project.update", "project", project);
        assert_eq!(itself.project_id(), Some(project));
        let product = Entry::new(Uuid::nil(), "product.update", "product", 7)
            .after(serde_json::json!({"project_id": project}));
        assert_eq!(product.project_id(), None, "not a client project's entry");
    }
}
