//! Periodic jobs: a schedule row per job, enqueued exactly once per period however many server
//! processes run the scheduler.
//!
//! Each tick locks the due schedule rows with `FOR UPDATE SKIP LOCKED`, enqueues their jobs and
//! moves `next_run_at` forward in the same transaction: a second process ticking at the same
//! moment skips the locked rows, and after the commit it sees them as not due.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Timestamptz};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;

use super::queue;
use crate::db::schema::periodic_jobs;

/// A job to run every `every`.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub name: &'static str,
    pub queue: &'static str,
    pub every: Duration,
    pub max_attempts: i32,
}

impl Schedule {
    /// A schedule for job type `J`.
    pub fn every<J: super::Job>(every: Duration) -> Self {
        Self {
            name: J::NAME,
            queue: J::QUEUE,
            every,
            max_attempts: J::MAX_ATTEMPTS,
        }
    }

    fn interval_seconds(&self) -> i32 {
        i32::try_from(self.every.as_secs().max(1)).unwrap_or(i32::MAX)
    }
}

/// Daydream's periodic jobs; the embedding job only when OpenAI is configured.
pub fn daydream(openai: bool) -> Vec<Schedule> {
    use super::clean_studio_media::CleanStudioMedia;
    use super::count_sales::CountSales;
    use super::count_style_popularity::CountStylePopularity;
    use super::delete_expired_sessions::DeleteExpiredSessions;
    use super::embed_products::EmbedProducts;
    use super::generate_reports::GenerateReports;
    use super::prune_finished_jobs::PruneFinishedJobs;
    use super::purge_sent_mail::PurgeSentMail;
    use super::release_stock_holds::ReleaseStockHolds;
    let mut schedules = vec![
        Schedule::every::<DeleteExpiredSessions>(Duration::from_secs(15 * 60)),
        Schedule::every::<PruneFinishedJobs>(Duration::from_secs(24 * 60 * 60)),
        Schedule::every::<PurgeSentMail>(Duration::from_secs(60 * 60)),
        Schedule::every::<ReleaseStockHolds>(Duration::from_secs(60)),
        Schedule::every::<CountSales>(Duration::from_secs(60)),
        Schedule::every::<CountStylePopularity>(Duration::from_secs(30 * 60)),
        Schedule::every::<CleanStudioMedia>(Duration::from_secs(60 * 60)),
        Schedule::every::<GenerateReports>(Duration::from_secs(10 * 60)),
    ];
    if openai {
        schedules.push(Schedule::every::<EmbedProducts>(Duration::from_secs(
            10 * 60,
        )));
    }
    schedules
}

/// Creates or updates the schedule rows. A new schedule first runs one period from now; a
/// changed interval keeps its next run.
pub async fn register(conn: &mut AsyncPgConnection, schedules: &[Schedule]) -> QueryResult<()> {
    for s in schedules {
        diesel::sql_query(
            "INSERT INTO periodic_jobs (name, interval_seconds, next_run_at)
             VALUES ($1, $2, now() + make_interval(secs => $2))
             ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds",
        )
        .bind::<Text, _>(s.name)
        .bind::<Integer, _>(s.interval_seconds())
        .execute(conn)
        .await?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Due {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Integer)]
    interval_seconds: i32,
    #[diesel(sql_type = Timestamptz)]
    next_run_at: OffsetDateTime,
}

/// Enqueues every due periodic job exactly once and returns the names enqueued.
pub async fn tick(
    conn: &mut AsyncPgConnection,
    schedules: &[Schedule],
) -> QueryResult<Vec<String>> {
    conn.transaction(async |conn| {
        let due: Vec<Due> = diesel::sql_query(
            "SELECT name, interval_seconds, next_run_at FROM periodic_jobs
                 WHERE next_run_at <= now() ORDER BY name FOR UPDATE SKIP LOCKED",
        )
        .load(conn)
        .await?;
        let mut enqueued = Vec::new();
        for row in due {
            let Some(schedule) = schedules.iter().find(|s| s.name == row.name) else {
                continue; // a schedule this build no longer has
            };
            queue::enqueue_raw(
                conn,
                schedule.name,
                schedule.queue,
                serde_json::json!({}),
                schedule.max_attempts,
                None,
            )
            .await?;
            // Next run: one period after the one just due, skipping periods missed while no
            // server ran, so a long outage does not cause a burst.
            diesel::sql_query(
                "UPDATE periodic_jobs SET last_enqueued_at = now(),
                        next_run_at = GREATEST($2 + make_interval(secs => $3),
                                               now() + make_interval(secs => $3) / 2)
                     WHERE name = $1",
            )
            .bind::<Text, _>(&row.name)
            .bind::<Timestamptz, _>(row.next_run_at)
            .bind::<Integer, _>(row.interval_seconds)
            .execute(conn)
            .await?;
            enqueued.push(row.name);
        }
        Ok(enqueued)
    })
    .await
}

/// One registered schedule, as the job monitor lists it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Registered {
    pub name: String,
    pub interval_seconds: i32,
    pub next_run_at: OffsetDateTime,
    pub last_enqueued_at: Option<OffsetDateTime>,
}

/// Every registered schedule, by name.
pub async fn registered(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Registered>> {
    periodic_jobs::table
        .order(periodic_jobs::name)
        .select((
            periodic_jobs::name,
            periodic_jobs::interval_seconds,
            periodic_jobs::next_run_at,
            periodic_jobs::last_enqueued_at,
        ))
        .load(conn)
        .await
}

/// Makes every schedule due now (tests and the CLI use it to run periodic jobs on demand).
pub async fn make_all_due(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
    diesel::update(periodic_jobs::table)
        .set(periodic_jobs::next_run_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
}
