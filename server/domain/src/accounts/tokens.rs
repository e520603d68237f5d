//! Single-use account tokens (email verification, password reset, cancelling an email change):
//! 256 random bits sent to the user, only their SHA-256 stored, expiring, and consumed at most
//! once.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::db::schema::account_tokens;
use crate::link_token::{digest, new_secret};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    /// Sent to the old address when someone asks to change it: "this wasn't me".
    CancelEmailChange,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::CancelEmailChange => "cancel_email_change",
        }
    }

    /// How long a token of this kind stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Self::VerifyEmail => Duration::hours(24),
            Self::ResetPassword => Duration::hours(1),
            // Longer than the change's own link, so the owner can still undo a change the
            // attacker confirmed.
            Self::CancelEmailChange => Duration::days(7),
        }
    }
}

/// Why a token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("this link is not valid")]
    Invalid,
    #[error("this link has expired")]
    Expired,
    #[error("this link has already been used")]
    Used,
}

/// A token row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = account_tokens, check_for_backend(diesel::pg::Pg))]
pub struct TokenRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub purpose: String,
    pub email: String,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
}

/// Creates a token for `user_id` and returns the secret to mail (43 URL-safe characters).
pub async fn issue(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    purpose: Purpose,
    email: &str,
) -> QueryResult<String> {
    let token = new_secret();
    diesel::insert_into(account_tokens::table)
        .values((
            account_tokens::id.eq(Uuid::now_v7()),
            account_tokens::user_id.eq(user_id),
            account_tokens::purpose.eq(purpose.as_str()),
            account_tokens::token_hash.eq(digest(&token)),
            account_tokens::email.eq(email),
            account_tokens::expires_at.eq(OffsetDateTime::now_utc() + purpose.lifetime()),
        ))
        .execute(conn)
        .await?;
    Ok(token)
}

/// Checks `token` without using it up (to show the reset form only for a good link).
pub async fn peek(
    conn: &mut AsyncPgConnection,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<TokenRow, TokenError>> {
    let row = account_tokens::table
        .filter(account_tokens::token_hash.eq(digest(token)))
        .filter(account_tokens::purpose.eq(purpose.as_str()))
        .select(TokenRow::as_select())
        .first(conn)
        .await
        .optional()?;
    Ok(match row {
        None => Err(TokenError::Invalid),
        Some(row) if row.used_at.is_some() => Err(TokenError::Used),
        Some(row) if row.expires_at <= OffsetDateTime::now_utc() => Err(TokenError::Expired),
        Some(row) => Ok(row),
    })
}

/// Uses `token` up: succeeds once, for an unexpired token of this purpose. Run it inside the
/// transaction that acts on the token, so the use and the action commit together.
pub async fn consume(
    conn: &mut AsyncPgConnection,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<TokenRow, TokenError>> {
    let checked = peek(conn, token, purpose).await?;
    let Ok(row) = checked else {
        return Ok(checked);
    };
    // Guarded by `used_at IS NULL`: of two concurrent uses, only one updates the row.
    let n = diesel::update(
        account_tokens::table
            .filter(account_tokens::id.eq(row.id))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(diesel::dsl::now))
    .execute(conn)
    .await?;
    Ok(if n == 1 {
        Ok(row)
    } else {
        Err(TokenError::Used)
    })
}

/// The address a user asked to switch to and has not confirmed yet: the newest unused,
/// unexpired verification token sent to an address other than `current_email`.
pub async fn pending_email(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    current_email: &str,
) -> QueryResult<Option<String>> {
    account_tokens::table
        .filter(account_tokens::user_id.eq(user_id))
        .filter(account_tokens::purpose.eq(Purpose::VerifyEmail.as_str()))
        .filter(account_tokens::used_at.is_null())
        .filter(account_tokens::expires_at.gt(diesel::dsl::now))
        .filter(account_tokens::email.ne(current_email))
        .order(account_tokens::id.desc())
        .select(account_tokens::email)
        .first(conn)
        .await
        .optional()
}

/// Invalidates every unused token of `purpose` for a user (a newer one replaces them).
pub async fn revoke_all(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    purpose: Purpose,
) -> QueryResult<()> {
    diesel::update(
        account_tokens::table
            .filter(account_tokens::user_id.eq(user_id))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(diesel::dsl::now))
    .execute(conn)
    .await?;
    Ok(())
}
