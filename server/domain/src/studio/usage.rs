//! Daily studio usage per person (uploads and styling jobs), counted against the plans'
//! limits in one statement: the day's row is created or incremented only while it is under the
//! limit, so any number of concurrent requests against N left accept exactly N. Days are UTC:
//! limits reset at midnight UTC.

use diesel::prelude::*;
use diesel::sql_types::{Date, Int4, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::accounts::{Plan, Role};
use crate::db::schema::studio_usage;

/// The studio's daily limits: photos uploaded and styling jobs accepted, per person and UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudioLimits {
    pub uploads: DailyLimits,
    pub jobs: DailyLimits,
}

impl Default for StudioLimits {
    fn default() -> Self {
        Self {
            uploads: DailyLimits::default(),
            jobs: DailyLimits {
                free: 5,
                premium: 100,
            },
        }
    }
}

/// Daily limits by plan; staff have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimits {
    pub free: u32,
    pub premium: u32,
}

impl Default for DailyLimits {
    fn default() -> Self {
        Self {
            free: 10,
            premium: 100,
        }
    }
}

impl DailyLimits {
    /// The limit for a person with `role` and `plan`; `None`: unlimited (staff).
    pub fn for_person(self, role: Role, plan: Plan) -> Option<u32> {
        if role.is_staff() {
            return None;
        }
        Some(match plan {
            Plan::Free => self.free,
            Plan::Premium => self.premium,
        })
    }
}

/// Today, in UTC.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// What is counted per person and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Uploads,
    Jobs,
}

impl Counter {
    /// The counter's column in `studio_usage` (a fixed name, never user input).
    fn column(self) -> &'static str {
        match self {
            Self::Uploads => "uploads",
            Self::Jobs => "jobs",
        }
    }
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Int4)]
    n: i32,
}

/// Counts one use of `counter` by `user` today if it stays within `limit` (`None`: always).
/// Returns the uses counted today including this one, or `None` when the limit was already
/// reached. Run it inside the transaction that stores what it counts, so a failed store counts
/// nothing.
pub async fn take(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    counter: Counter,
    limit: Option<u32>,
) -> QueryResult<Option<u32>> {
    let limit = limit.map_or(i32::MAX, |l| i32::try_from(l).unwrap_or(i32::MAX));
    let column = counter.column();
    let counted: Option<Counted> = diesel::sql_query(format!(
        "INSERT INTO studio_usage (user_id, day, {column}) VALUES ($1, $2, 1) \
         ON CONFLICT (user_id, day) DO UPDATE SET {column} = studio_usage.{column} + 1 \
         WHERE studio_usage.{column} < $3 \
         RETURNING {column} AS n"
    ))
    .bind::<SqlUuid, _>(user)
    .bind::<Date, _>(today())
    .bind::<Int4, _>(limit)
    .get_result(conn)
    .await
    .optional()?;
    // A first use of the day inserts 1 even with a limit of 0: refuse it here.
    Ok(counted
        .filter(|c| c.n <= limit)
        .map(|c| u32::try_from(c.n).unwrap_or(0)))
}

/// Counts one upload of `user` today within `limit` (see [`take`]).
pub async fn take_upload(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    limit: Option<u32>,
) -> QueryResult<Option<u32>> {
    take(conn, user, Counter::Uploads, limit).await
}

/// Gives back one styling job counted on `day` (a failed, refused or early-cancelled job).
/// Never goes below zero.
pub async fn refund_job(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    day: time::Date,
) -> QueryResult<()> {
    diesel::update(studio_usage::table.find((user, day)))
        .filter(studio_usage::jobs.gt(0))
        .set(studio_usage::jobs.eq(studio_usage::jobs - 1))
        .execute(conn)
        .await?;
    Ok(())
}

/// What `user` has counted today: (uploads, jobs).
pub async fn used_today(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<(u32, u32)> {
    let row: Option<(i32, i32)> = studio_usage::table
        .find((user, today()))
        .select((studio_usage::uploads, studio_usage::jobs))
        .first(conn)
        .await
        .optional()?;
    let n = |v: i32| u32::try_from(v).unwrap_or(0);
    Ok(row.map_or((0, 0), |(u, j)| (n(u), n(j))))
}

/// Uploads `user` has counted today.
pub async fn uploads_today(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<u32> {
    Ok(used_today(conn, user).await?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_have_no_limit_and_plans_their_own() {
        let l = DailyLimits::default();
        assert_eq!(l.for_person(Role::Customer, Plan::Free), Some(10));
        assert_eq!(l.for_person(Role::Customer, Plan::Premium), Some(100));
        assert_eq!(l.for_person(Role::Staff, Plan::Free), None);
        assert_eq!(l.for_person(Role::Admin, Plan::Free), None);
    }
}
