//! Daily studio usage per person (uploads now, styling jobs later), counted against the plans'
//! limits in one statement: the day's row is created or incremented only while it is under the
//! limit, so any number of concurrent requests against N left accept exactly N. Days are UTC:
//! limits reset at midnight UTC.

use diesel::prelude::*;
use diesel::sql_types::{Date, Int4, Uuid as SqlUuid};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::accounts::{Plan, Role};
use crate::db::schema::studio_usage;

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

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Int4)]
    uploads: i32,
}

/// Counts one upload of `user` today if it stays within `limit` (`None`: always). Returns the
/// uploads counted today including this one, or `None` when the limit was already reached.
/// Run it inside the transaction that stores the upload, so a failed store counts nothing.
pub async fn take_upload(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    limit: Option<u32>,
) -> QueryResult<Option<u32>> {
    let limit = limit.map_or(i32::MAX, |l| i32::try_from(l).unwrap_or(i32::MAX));
    let counted: Option<Counted> = diesel::sql_query(
        "INSERT INTO studio_usage (user_id, day, uploads) VALUES ($1, $2, 1) \
         ON CONFLICT (user_id, day) DO UPDATE SET uploads = studio_usage.uploads + 1 \
         WHERE studio_usage.uploads < $3 \
         RETURNING uploads",
    )
    .bind::<SqlUuid, _>(user)
    .bind::<Date, _>(today())
    .bind::<Int4, _>(limit)
    .get_result(conn)
    .await
    .optional()?;
    // A first upload of the day inserts 1 even with a limit of 0: refuse it here.
    Ok(counted
        .filter(|c| c.uploads <= limit)
        .map(|c| u32::try_from(c.uploads).unwrap_or(0)))
}

/// Uploads `user` has counted today.
pub async fn uploads_today(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<u32> {
    let n: Option<i32> = studio_usage::table
        .find((user, today()))
        .select(studio_usage::uploads)
        .first(conn)
        .await
        .optional()?;
    Ok(n.map_or(0, |n| u32::try_from(n).unwrap_or(0)))
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
