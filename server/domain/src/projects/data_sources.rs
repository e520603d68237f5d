//! A project's data sources: the systems the agency connects for the client (a warehouse, an
//! API, files), each with its connection status, last sync and record count. Everyone who
//! sees the project reads them; staff add, change and remove them (audited, announced).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::project;
use super::tasks::audit_and_touch;
use crate::audit::Entry;
use crate::db::schema::data_sources;

/// What kind of system a data source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Postgres,
    Mysql,
    BigQuery,
    Snowflake,
    RestApi,
    Csv,
    S3,
    Salesforce,
}

impl Kind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [Kind; 8] = [
        Self::Postgres,
        Self::Mysql,
        Self::BigQuery,
        Self::Snowflake,
        Self::RestApi,
        Self::Csv,
        Self::S3,
        Self::Salesforce,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
            Self::BigQuery => "bigquery",
            Self::Snowflake => "snowflake",
            Self::RestApi => "rest_api",
            Self::Csv => "csv",
            Self::S3 => "s3",
            Self::Salesforce => "salesforce",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Postgres => "PostgreSQL",
            Self::Mysql => "MySQL",
            Self::BigQuery => "BigQuery",
            Self::Snowflake => "Snowflake",
            Self::RestApi => "REST API",
            Self::Csv => "CSV files",
            Self::S3 => "Amazon S3",
            Self::Salesforce => "Salesforce",
        }
    }
}

/// Where a data source's connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    Connected,
    Syncing,
    Error,
    Disconnected,
}

impl SyncStatus {
    /// Every status, in the order forms offer them.
    pub const ALL: [SyncStatus; 4] = [
        Self::Connected,
        Self::Syncing,
        Self::Error,
        Self::Disconnected,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::Syncing => "syncing",
            Self::Error => "error",
            Self::Disconnected => "disconnected",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The status as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Connected => "Connected",
            Self::Syncing => "Syncing",
            Self::Error => "Error",
            Self::Disconnected => "Disconnected",
        }
    }
}

/// One data source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSource {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub kind: Kind,
    pub status: SyncStatus,
    pub last_sync_at: Option<OffsetDateTime>,
    pub record_count: i64,
}

/// A data source as staff write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSourceForm {
    pub name: String,
    pub kind: Kind,
    pub status: SyncStatus,
    pub last_sync_at: Option<OffsetDateTime>,
    pub record_count: i64,
}

impl DataSourceForm {
    /// The form's own rules.
    pub fn check(&self) -> Result<(), ProjectError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(field(
                "name",
                "Name the data source (120 characters at most).",
            ));
        }
        if self.record_count < 0 {
            return Err(field("record_count", "A record count is 0 or more."));
        }
        if self
            .last_sync_at
            .is_some_and(|at| at > OffsetDateTime::now_utc() + time::Duration::minutes(5))
        {
            return Err(field("last_sync_at", "A sync cannot be in the future."));
        }
        Ok(())
    }
}

type Row = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    Option<OffsetDateTime>,
    i64,
);

fn from_row((id, project_id, name, kind, status, last_sync_at, record_count): Row) -> DataSource {
    DataSource {
        id,
        project_id,
        name,
        kind: Kind::parse(&kind).unwrap_or(Kind::RestApi),
        status: SyncStatus::parse(&status).unwrap_or(SyncStatus::Disconnected),
        last_sync_at,
        record_count,
    }
}

/// The data sources of the `visible` project, by name.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<DataSource>, ProjectError> {
    let project_id = visible.id();
    let rows: Vec<Row> = data_sources::table
        .filter(data_sources::project_id.eq(project_id))
        .select((
            data_sources::id,
            data_sources::project_id,
            data_sources::name,
            data_sources::kind,
            data_sources::status,
            data_sources::last_sync_at,
            data_sources::record_count,
        ))
        .order((data_sources::name.asc(), data_sources::id.asc()))
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// The project of data source `id` (`NotFound` when there is none).
async fn project_of(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Uuid, ProjectError> {
    data_sources::table
        .find(id)
        .select(data_sources::project_id)
        .first(conn)
        .await
        .optional()?
        .ok_or(ProjectError::NotFound)
}

const STAFF_ONLY: &str = "Only the agency's staff manage data sources.";

fn audited(form: &DataSourceForm, project_id: Uuid) -> serde_json::Value {
    json!({
        "name": form.name.trim(),
        "kind": form.kind.as_str(),
        "status": form.status.as_str(),
        "record_count": form.record_count,
        "project_id": project_id,
    })
}

/// Staff add a data source to project `project_id`; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    form: &DataSourceForm,
) -> Result<Uuid, ProjectError> {
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let id: Uuid = diesel::insert_into(data_sources::table)
            .values((
                data_sources::project_id.eq(project_id),
                data_sources::name.eq(form.name.trim()),
                data_sources::kind.eq(form.kind.as_str()),
                data_sources::status.eq(form.status.as_str()),
                data_sources::last_sync_at.eq(form.last_sync_at),
                data_sources::record_count.eq(form.record_count),
            ))
            .returning(data_sources::id)
            .get_result(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "data_source.create", "data_source", id)
                .after(audited(form, project_id)),
            project_id,
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Staff change data source `id`; audited. Returns its project.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    form: &DataSourceForm,
) -> Result<Uuid, ProjectError> {
    let project_id = project_of(conn, id).await?;
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let before: Row = data_sources::table
            .find(id)
            .select((
                data_sources::id,
                data_sources::project_id,
                data_sources::name,
                data_sources::kind,
                data_sources::status,
                data_sources::last_sync_at,
                data_sources::record_count,
            ))
            .for_update()
            .first(conn)
            .await?;
        let before = from_row(before);
        diesel::update(data_sources::table.find(id))
            .set((
                data_sources::name.eq(form.name.trim()),
                data_sources::kind.eq(form.kind.as_str()),
                data_sources::status.eq(form.status.as_str()),
                data_sources::last_sync_at.eq(form.last_sync_at),
                data_sources::record_count.eq(form.record_count),
                data_sources::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        let was = DataSourceForm {
            name: before.name,
            kind: before.kind,
            status: before.status,
            last_sync_at: before.last_sync_at,
            record_count: before.record_count,
        };
        audit_and_touch(
            conn,
            &Entry::new(actor, "data_source.update", "data_source", id)
                .before(audited(&was, project_id))
                .after(audited(form, project_id)),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// Staff remove data source `id`; audited. Returns its project.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Uuid, ProjectError> {
    let project_id = project_of(conn, id).await?;
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let name: Option<String> = diesel::delete(data_sources::table.find(id))
            .returning(data_sources::name)
            .get_result(conn)
            .await
            .optional()?;
        let name = name.ok_or(ProjectError::NotFound)?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "data_source.delete", "data_source", id)
                .before(json!({"name": name, "project_id": project_id})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}
