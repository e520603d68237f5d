//! Queries that move jobs through their life: enqueue, claim, complete, fail, lease, retry.
//!
//! Every transition after the claim is guarded by `locked_by = <worker>`, so a worker whose
//! lease expired and was taken over cannot overwrite the new owner's outcome.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;

use super::model::{JobRow, JobStatus};
use super::{Job, backoff};
use crate::db::schema::jobs;

/// Enqueues `job` to run as soon as a worker is free, on the caller's connection (and so inside
/// the caller's transaction, if any). Returns the job's id.
pub async fn enqueue<J: Job>(conn: &mut AsyncPgConnection, job: &J) -> QueryResult<i64> {
    enqueue_at(conn, job, None).await
}

/// Enqueues `job` to run at `run_at` (now when `None`).
pub async fn enqueue_at<J: Job>(
    conn: &mut AsyncPgConnection,
    job: &J,
    run_at: Option<OffsetDateTime>,
) -> QueryResult<i64> {
    let payload = serde_json::to_value(job)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    enqueue_raw(conn, J::NAME, J::QUEUE, payload, J::MAX_ATTEMPTS, run_at).await
}

/// Enqueues a job by name with an already-serialized payload.
pub async fn enqueue_raw(
    conn: &mut AsyncPgConnection,
    name: &str,
    queue: &str,
    payload: serde_json::Value,
    max_attempts: i32,
    run_at: Option<OffsetDateTime>,
) -> QueryResult<i64> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::name.eq(name),
            jobs::queue.eq(queue),
            jobs::payload.eq(payload),
            jobs::max_attempts.eq(max_attempts),
            jobs::run_at.eq(run_at.unwrap_or_else(OffsetDateTime::now_utc)),
        ))
        .returning(jobs::id)
        .get_result(conn)
        .await
}

/// Claims the next due job on one of `queues` for `worker`, holding it for `lease`.
///
/// A job is due when it is pending with `run_at` in the past, or running with an expired lease
/// (its worker died). Concurrent claimers never get the same job: the row is locked with
/// `FOR UPDATE SKIP LOCKED`, so each skips the rows others are claiming.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    worker: &str,
    queues: &[String],
    lease: Duration,
) -> QueryResult<Option<JobRow>> {
    diesel::sql_query(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1,
                locked_until = now() + make_interval(secs => $2), started_at = now()
         WHERE id = (
             SELECT id FROM jobs
             WHERE queue = ANY($3)
               AND ((status = 'pending' AND run_at <= now())
                 OR (status = 'running' AND locked_until < now()))
             ORDER BY run_at, id
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
         RETURNING *",
    )
    .bind::<Text, _>(worker)
    .bind::<Double, _>(lease.as_secs_f64())
    .bind::<Array<Text>, _>(queues)
    .get_result::<JobRow>(conn)
    .await
    .optional()
}

/// Pushes the lease of a job `worker` still holds; `false` when the job is no longer its own.
pub async fn extend_lease(
    conn: &mut AsyncPgConnection,
    id: i64,
    worker: &str,
    lease: Duration,
) -> QueryResult<bool> {
    let n = diesel::sql_query(
        "UPDATE jobs SET locked_until = now() + make_interval(secs => $3)
         WHERE id = $1 AND locked_by = $2 AND status = 'running'",
    )
    .bind::<BigInt, _>(id)
    .bind::<Text, _>(worker)
    .bind::<Double, _>(lease.as_secs_f64())
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Marks a job `worker` holds as done.
pub async fn complete(conn: &mut AsyncPgConnection, id: i64, worker: &str) -> QueryResult<bool> {
    finish(conn, id, worker, JobStatus::Done, None).await
}

/// Ends a running job `worker` holds as done or dead, releasing its lease.
async fn finish(
    conn: &mut AsyncPgConnection,
    id: i64,
    worker: &str,
    status: JobStatus,
    error: Option<&str>,
) -> QueryResult<bool> {
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::locked_by.eq(worker))
            .filter(jobs::status.eq(JobStatus::Running.as_str())),
    )
    .set((
        jobs::status.eq(status.as_str()),
        error.map(|e| jobs::last_error.eq(truncate_error(e))),
        jobs::locked_by.eq(None::<String>),
        jobs::locked_until.eq(None::<OffsetDateTime>),
        jobs::finished_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Records a failed attempt of `job`: back to pending after the backoff delay, or dead when it
/// has used all its attempts. Returns the new status (`None` when the job was no longer held by
/// `worker`, so nothing was written).
pub async fn fail(
    conn: &mut AsyncPgConnection,
    job: &JobRow,
    worker: &str,
    error: &str,
) -> QueryResult<Option<JobStatus>> {
    let dead = job.attempts >= job.max_attempts;
    let status = if dead {
        JobStatus::Dead
    } else {
        JobStatus::Pending
    };
    let delay = backoff::delay_after(job.attempts);
    let n = diesel::sql_query(
        "UPDATE jobs SET status = $3, last_error = $4, locked_by = NULL, locked_until = NULL,
                run_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $5) ELSE run_at END,
                finished_at = CASE WHEN $3 = 'dead' THEN now() ELSE NULL END
         WHERE id = $1 AND locked_by = $2 AND status = 'running'",
    )
    .bind::<BigInt, _>(job.id)
    .bind::<Text, _>(worker)
    .bind::<Text, _>(status.as_str())
    .bind::<Text, _>(truncate_error(error))
    .bind::<Double, _>(delay.as_secs_f64())
    .execute(conn)
    .await?;
    Ok((n == 1).then_some(status))
}

/// Marks a job dead at once (unknown job name, undecodable payload, a worker lost too often).
pub async fn bury(
    conn: &mut AsyncPgConnection,
    id: i64,
    worker: &str,
    error: &str,
) -> QueryResult<bool> {
    finish(conn, id, worker, JobStatus::Dead, Some(error)).await
}

/// Gives a job back unfinished (worker shutting down): pending again at once, and the attempt
/// it was on does not count.
pub async fn release(conn: &mut AsyncPgConnection, id: i64, worker: &str) -> QueryResult<bool> {
    let n = diesel::sql_query(
        "UPDATE jobs SET status = 'pending', attempts = GREATEST(attempts - 1, 0), run_at = now(),
                locked_by = NULL, locked_until = NULL
         WHERE id = $1 AND locked_by = $2 AND status = 'running'",
    )
    .bind::<BigInt, _>(id)
    .bind::<Text, _>(worker)
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Puts a dead job back in the queue with fresh attempts (the admin's "retry").
pub async fn retry_dead(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<bool> {
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(id))
            .filter(jobs::status.eq(JobStatus::Dead.as_str())),
    )
    .set((
        jobs::status.eq(JobStatus::Pending.as_str()),
        jobs::attempts.eq(0),
        jobs::run_at.eq(diesel::dsl::now),
        jobs::finished_at.eq(None::<OffsetDateTime>),
    ))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// One job by id.
pub async fn find_by_id(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<JobRow>> {
    jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Jobs, newest first, optionally filtered by status and name.
pub async fn list(
    conn: &mut AsyncPgConnection,
    status: Option<JobStatus>,
    name: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<JobRow>> {
    let mut query = jobs::table.select(JobRow::as_select()).into_boxed();
    if let Some(status) = status {
        query = query.filter(jobs::status.eq(status.as_str()));
    }
    if let Some(name) = name {
        query = query.filter(jobs::name.eq(name.to_owned()));
    }
    query
        .order((jobs::created_at.desc(), jobs::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// Deletes finished (done) jobs older than `age`; returns how many.
pub async fn delete_done_older_than(
    conn: &mut AsyncPgConnection,
    age: Duration,
) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - make_interval(secs => $1)",
    )
    .bind::<Double, _>(age.as_secs_f64())
    .execute(conn)
    .await
}

/// How many jobs are in each status (for metrics and the admin).
pub async fn count_by_status(conn: &mut AsyncPgConnection) -> QueryResult<Vec<(String, i64)>> {
    jobs::table
        .group_by(jobs::status)
        .select((jobs::status, diesel::dsl::count_star()))
        .load(conn)
        .await
}

/// Keeps stored errors to a sane size (a panic message or a long chain can be large).
fn truncate_error(error: &str) -> String {
    const MAX: usize = 4000;
    if error.len() <= MAX {
        return error.to_owned();
    }
    let mut end = MAX;
    while !error.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &error[..end])
}

/// Staff retry of a dead job, recorded in the audit log in the same transaction. `false` when
/// the job does not exist or is not dead.
pub async fn retry_dead_audited(
    conn: &mut AsyncPgConnection,
    id: i64,
    actor_id: uuid::Uuid,
    request_id: Option<String>,
) -> QueryResult<bool> {
    use diesel_async::AsyncConnection;
    conn.transaction(async |conn| {
        let Some(before) = find_by_id(conn, id).await? else {
            return Ok(false);
        };
        if !retry_dead(conn, id).await? {
            return Ok(false);
        }
        let summary = |j: &JobRow| serde_json::json!({"status": j.status, "attempts": j.attempts, "last_error": j.last_error});
        let after = find_by_id(conn, id).await?;
        crate::audit::record(
            conn,
            &crate::audit::Entry {
                actor_id,
                action: "job.retry",
                subject_type: "job",
                subject_id: id.to_string(),
                before: Some(summary(&before)),
                after: after.as_ref().map(summary),
                request_id,
            },
        )
        .await?;
        Ok(true)
    })
    .await
}
