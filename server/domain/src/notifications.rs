//! In-app notifications: short messages to a user (an order confirmed, shipped, refunded...),
//! written in the transaction of the change they announce, shown under the header's bell.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::notifications;

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = notifications, check_for_backend(diesel::pg::Pg))]
pub struct Notification {
    pub id: i64,
    pub user_id: Uuid,
    pub title: String,
    pub body: String,
    pub link: String,
    pub read_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// Tells `user_id` something; `link` is a local path.
pub async fn notify(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    title: &str,
    body: &str,
    link: &str,
) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(user_id),
            notifications::title.eq(title),
            notifications::body.eq(body),
            notifications::link.eq(link),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// How many the user has not read.
pub async fn unread_count(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
        .await
}

/// The user's notifications, newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<Notification>> {
    notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order(notifications::id.desc())
        .limit(limit)
        .offset(offset)
        .select(Notification::as_select())
        .load(conn)
        .await
}

/// Marks one of the user's notifications read (`None`: all of them) and says how many changed;
/// `None` when `id` is not one of theirs (another user's, or no such notification), which
/// changes nothing.
pub async fn mark_read(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Option<i64>,
) -> QueryResult<Option<usize>> {
    let mine = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .into_boxed();
    let target = match id {
        Some(id) => mine.filter(notifications::id.eq(id)),
        None => mine.filter(notifications::read_at.is_null()),
    };
    let found: Vec<(i64, bool)> = target
        .select((notifications::id, notifications::read_at.is_null()))
        .load(conn)
        .await?;
    if id.is_some() && found.is_empty() {
        return Ok(None);
    }
    let unread: Vec<i64> = found
        .into_iter()
        .filter_map(|(id, unread)| unread.then_some(id))
        .collect();
    diesel::update(notifications::table.filter(notifications::id.eq_any(unread)))
        .set(notifications::read_at.eq(diesel::dsl::now))
        .execute(conn)
        .await
        .map(Some)
}
