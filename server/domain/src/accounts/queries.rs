//! Queries on the `users` table.

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::models::{NewUser, User};
use crate::db::schema::users;

diesel::define_sql_function! {
    /// SQL `lower(text)`.
    fn lower(x: Text) -> Text;
}

/// Inserts a user; a duplicate email (any case) fails with a unique violation.
pub async fn insert(conn: &mut AsyncPgConnection, user: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// The user with this email, in any case.
pub async fn find_by_email(conn: &mut AsyncPgConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(lower(users::email).eq(email.to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .await
        .optional()
}

/// The user with this id.
pub async fn find_by_id(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .await
        .optional()
}

/// The email addresses of these users, by id (ids of deleted users are absent).
pub async fn emails_by_id(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::email))
        .load(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Records a successful login.
pub async fn record_login(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::last_login_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks the user's address as confirmed, setting it to `email` (the address the confirmed
/// link was sent to).
pub async fn mark_verified(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    email: &str,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(email),
            users::email_verified_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// Renames the user.
pub async fn set_display_name(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    display_name: &str,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set(users::display_name.eq(display_name))
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// Replaces the style preferences and size profile (JSON documents the caller validated).
pub async fn set_profile(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    style_preferences: &serde_json::Value,
    size_profile: &serde_json::Value,
) -> QueryResult<User> {
    diesel::update(users::table.find(id))
        .set((
            users::style_preferences.eq(style_preferences),
            users::size_profile.eq(size_profile),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await
}

/// Replaces the password hash.
pub async fn set_password_hash(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    hash: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
        .await?;
    Ok(())
}

/// Users whose email or name contains `q` (any case), newest first.
pub async fn search(
    conn: &mut AsyncPgConnection,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<User>> {
    let mut query = users::table.select(User::as_select()).into_boxed();
    if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
        let pattern = crate::db::like_pattern(q);
        query = query.filter(
            users::email
                .ilike(pattern.clone())
                .or(users::display_name.ilike(pattern)),
        );
    }
    query
        .order((users::created_at.desc(), users::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}
