//! The studio's usage figures for staff: per UTC day of the last weeks, jobs by engine, how many
//! failed, and how long the finished ones took (median and 95th percentile, start to end) —
//! computed by PostgreSQL in one query over `studio_jobs`.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Double, Integer, Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

/// One day's figures for one engine.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct DayFigures {
    #[diesel(sql_type = Date)]
    pub day: time::Date,
    #[diesel(sql_type = Text)]
    pub engine: String,
    #[diesel(sql_type = BigInt)]
    pub jobs: i64,
    #[diesel(sql_type = BigInt)]
    pub failed: i64,
    /// Median seconds from start to end of the jobs done that day.
    #[diesel(sql_type = Nullable<Double>)]
    pub p50_seconds: Option<f64>,
    #[diesel(sql_type = Nullable<Double>)]
    pub p95_seconds: Option<f64>,
}

/// The figures of the last `days` days (today included), by day then engine, with a row for
/// all engines together (`engine` = `all`) each day; days without jobs are left out.
pub async fn by_day(conn: &mut AsyncPgConnection, days: i32) -> QueryResult<Vec<DayFigures>> {
    diesel::sql_query(
        "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, coalesce(engine, 'all') AS engine, \
                count(*) AS jobs, \
                count(*) FILTER (WHERE status = 'failed') AS failed, \
                percentile_cont(0.5) WITHIN GROUP \
                    (ORDER BY extract(epoch FROM finished_at - started_at)::float8) \
                    FILTER (WHERE status = 'done' AND started_at IS NOT NULL) AS p50_seconds, \
                percentile_cont(0.95) WITHIN GROUP \
                    (ORDER BY extract(epoch FROM finished_at - started_at)::float8) \
                    FILTER (WHERE status = 'done' AND started_at IS NOT NULL) AS p95_seconds \
         FROM studio_jobs \
         WHERE created_at >= (now() AT TIME ZONE 'UTC')::date - ($1 - 1) \
         GROUP BY GROUPING SETS (((created_at AT TIME ZONE 'UTC')::date, engine), \
                                 ((created_at AT TIME ZONE 'UTC')::date)) \
         ORDER BY 1, 2",
    )
    .bind::<Integer, _>(days.max(1))
    .load(conn)
    .await
}
