//! Queries on the `sessions` table.

use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;

use crate::db::schema::sessions;

/// One stored session. The id is the session cookie's secret value: never log or serialize it.
#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub data: serde_json::Value,
    pub expiry_date: OffsetDateTime,
}

impl std::fmt::Debug for SessionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRow")
            .field("id", &"[redacted]")
            .field("expiry_date", &self.expiry_date)
            .finish_non_exhaustive()
    }
}

/// Inserts a new session; returns `false` (and writes nothing) when the id is already taken.
pub async fn insert_new(conn: &mut AsyncPgConnection, row: &SessionRow) -> QueryResult<bool> {
    let inserted = diesel::insert_into(sessions::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(inserted == 1)
}

/// Inserts or replaces a session.
pub async fn upsert(conn: &mut AsyncPgConnection, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(row)
        .on_conflict(sessions::id)
        .do_update()
        .set((
            sessions::data.eq(excluded(sessions::data)),
            sessions::expiry_date.eq(excluded(sessions::expiry_date)),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The session with this id, if it exists and has not expired.
pub async fn find_live(conn: &mut AsyncPgConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .filter(sessions::id.eq(id))
        .filter(sessions::expiry_date.gt(diesel::dsl::now))
        .select(SessionRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Deletes one session.
pub async fn delete(conn: &mut AsyncPgConnection, id: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.filter(sessions::id.eq(id)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes every expired session and returns how many went.
pub async fn delete_expired(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expiry_date.le(diesel::dsl::now)))
        .execute(conn)
        .await
}

/// Deletes every session signed in as `user_id`, except the one with id `except`.
pub async fn delete_for_user(
    conn: &mut AsyncPgConnection,
    user_id: uuid::Uuid,
    except: Option<&str>,
) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM sessions WHERE data ->> 'user_id' = $1 AND ($2::text IS NULL OR id <> $2)",
    )
    .bind::<diesel::sql_types::Text, _>(user_id.to_string())
    .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(except)
    .execute(conn)
    .await
}
