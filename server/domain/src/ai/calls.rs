//! The log of calls to outside AI services: one row per call (endpoint, model, HTTP status,
//! latency, error, the studio job it served), written after each call and read by the admin.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::ai_calls;

/// One call, to record.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    pub endpoint: &'a str,
    pub model: &'a str,
    /// The HTTP status; `None` when the service was not reached.
    pub status: Option<u16>,
    pub latency: std::time::Duration,
    pub error: Option<String>,
    pub job_id: Option<Uuid>,
}

/// One call, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = ai_calls)]
pub struct CallRow {
    pub id: i64,
    pub endpoint: String,
    pub model: String,
    pub status: Option<i32>,
    pub latency_ms: i32,
    pub error: Option<String>,
    pub job_id: Option<Uuid>,
    pub created_at: time::OffsetDateTime,
}

/// Records `call`.
pub async fn record(conn: &mut AsyncPgConnection, call: &Call<'_>) -> QueryResult<()> {
    diesel::insert_into(ai_calls::table)
        .values((
            ai_calls::endpoint.eq(call.endpoint),
            ai_calls::model.eq(call.model),
            ai_calls::status.eq(call.status.map(i32::from)),
            ai_calls::latency_ms.eq(i32::try_from(call.latency.as_millis()).unwrap_or(i32::MAX)),
            ai_calls::error.eq(call
                .error
                .as_ref()
                .map(|e| e.chars().take(2000).collect::<String>())),
            ai_calls::job_id.eq(call.job_id),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The latest `limit` calls (of job `job` only, when given), newest first.
pub async fn recent(
    conn: &mut AsyncPgConnection,
    job: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<CallRow>> {
    let mut query = ai_calls::table
        .order(ai_calls::id.desc())
        .limit(limit)
        .select(CallRow::as_select())
        .into_boxed();
    if let Some(job) = job {
        query = query.filter(ai_calls::job_id.eq(job));
    }
    query.load(conn).await
}
