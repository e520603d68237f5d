//! Staff changes to other people's accounts: role, plan, disabled. Audited in the same
//! transaction; a change of role or a disabling signs the person out everywhere.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::models::{Plan, Role, User};
use super::queries;
use crate::audit;
use crate::db::schema::users;
use crate::sessions::queries as sessions;

/// What staff may change on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountChanges {
    pub role: Role,
    pub plan: Plan,
    pub disabled: bool,
}

/// Why a staff change was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffEditError {
    #[error("no such account")]
    NotFound,
    #[error("you cannot demote or disable your own account")]
    OwnAccount,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

fn snapshot(u: &User) -> serde_json::Value {
    serde_json::json!({"role": u.role, "plan": u.plan, "disabled": u.is_disabled()})
}

/// Applies `changes` to account `id` on behalf of `actor`.
pub async fn update_account(
    conn: &mut AsyncPgConnection,
    actor: &User,
    id: Uuid,
    changes: AccountChanges,
    request_id: Option<String>,
) -> Result<User, StaffEditError> {
    if actor.id == id && (changes.role != actor.role() || changes.disabled) {
        return Err(StaffEditError::OwnAccount);
    }
    conn.transaction(async |conn| {
        let before = queries::find_by_id(conn, id)
            .await?
            .ok_or(StaffEditError::NotFound)?;
        let disabled_at = match (before.disabled_at, changes.disabled) {
            (Some(at), true) => Some(at),
            (None, true) => Some(time::OffsetDateTime::now_utc()),
            (_, false) => None,
        };
        let after: User = diesel::update(users::table.find(id))
            .set((
                users::role.eq(changes.role.as_str()),
                users::plan.eq(changes.plan.as_str()),
                users::disabled_at.eq(disabled_at),
            ))
            .returning(User::as_returning())
            .get_result(conn)
            .await?;
        if before.role() != after.role() || (after.is_disabled() && !before.is_disabled()) {
            sessions::delete_for_user(conn, id, None).await?;
        }
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor.id,
                action: "user.update",
                subject_type: "user",
                subject_id: id.to_string(),
                before: Some(snapshot(&before)),
                after: Some(snapshot(&after)),
                request_id,
            },
        )
        .await?;
        Ok(after)
    })
    .await
}
