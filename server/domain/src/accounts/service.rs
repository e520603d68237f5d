//! Account services: sign-up, email verification, sign-in checks and password reset. Input
//! arrives already parsed (the `app` crate's `Email`, `Password`, `DisplayName`).

use diesel_async::{AsyncConnection, AsyncPgConnection};
use uuid::Uuid;

use super::models::{NewUser, Role, User};
use super::password::{self, HashError};
use super::queries;
use super::tokens::{self, Purpose, TokenError};
use crate::email::{outbox, templates};
use crate::sessions::queries as sessions;

/// Why an account action failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("an account with this email address already exists")]
    EmailTaken,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("the email address is not confirmed yet")]
    Unverified,
    #[error("the account is disabled")]
    Disabled,
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("email template: {0}")]
    Template(String),
}

fn template_error(e: askama::Error) -> AccountError {
    AccountError::Template(e.to_string())
}

/// Creates a customer account and mails the verification link, in one transaction.
pub async fn sign_up(
    conn: &mut AsyncPgConnection,
    email: &str,
    display_name: &str,
    password: &str,
    base_url: &str,
) -> Result<User, AccountError> {
    let hash = password::hash(password.to_owned()).await?;
    conn.transaction(async |conn| {
        let user = insert_user(conn, email, display_name, &hash, Role::Customer).await?;
        send_verification(conn, &user, base_url).await?;
        Ok(user)
    })
    .await
}

/// Inserts a user with an already computed password hash; a taken email (any case) is
/// `EmailTaken`.
pub async fn insert_user(
    conn: &mut AsyncPgConnection,
    email: &str,
    display_name: &str,
    password_hash: &str,
    role: Role,
) -> Result<User, AccountError> {
    let new = NewUser {
        id: Uuid::now_v7(),
        email,
        display_name,
        password_hash,
        role: role.as_str(),
    };
    queries::insert(conn, &new).await.map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => AccountError::EmailTaken,
        other => other.into(),
    })
}

/// Issues a verification token for the user's address and queues the email.
pub async fn send_verification(
    conn: &mut AsyncPgConnection,
    user: &User,
    base_url: &str,
) -> Result<(), AccountError> {
    tokens::revoke_all(conn, user.id, Purpose::VerifyEmail).await?;
    let token = tokens::issue(conn, user.id, Purpose::VerifyEmail, &user.email).await?;
    let link = format!("{base_url}/verify-email?token={token}");
    let email =
        templates::verify_email(&user.email, &user.display_name, &link).map_err(template_error)?;
    outbox::queue_email(conn, &email).await?;
    Ok(())
}

/// Confirms the address a verification token was sent to.
pub async fn verify_email(conn: &mut AsyncPgConnection, token: &str) -> Result<User, AccountError> {
    conn.transaction(async |conn| {
        let row = tokens::consume(conn, token, Purpose::VerifyEmail).await??;
        let user = queries::mark_verified(conn, row.user_id, &row.email).await?;
        Ok(user)
    })
    .await
}

/// Checks an email and password. Takes the same time whether or not the account exists, and
/// says only "wrong email or password" for either mistake.
pub async fn authenticate(
    conn: &mut AsyncPgConnection,
    email: &str,
    password: &str,
) -> Result<User, AccountError> {
    let user = queries::find_by_email(conn, email).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !password::verify(password.to_owned(), stored).await {
        return Err(AccountError::InvalidCredentials);
    }
    let user = user.ok_or(AccountError::InvalidCredentials)?;
    if user.is_disabled() {
        return Err(AccountError::Disabled);
    }
    if user.email_verified_at.is_none() {
        return Err(AccountError::Unverified);
    }
    queries::record_login(conn, user.id).await?;
    Ok(user)
}

/// Mails a reset link when an enabled account has this address; does nothing otherwise (the
/// caller answers the same either way).
pub async fn request_password_reset(
    conn: &mut AsyncPgConnection,
    email: &str,
    base_url: &str,
) -> Result<(), AccountError> {
    let Some(user) = queries::find_by_email(conn, email).await? else {
        return Ok(());
    };
    if user.is_disabled() {
        return Ok(());
    }
    conn.transaction(async |conn| {
        tokens::revoke_all(conn, user.id, Purpose::ResetPassword).await?;
        let token = tokens::issue(conn, user.id, Purpose::ResetPassword, &user.email).await?;
        let link = format!("{base_url}/reset-password?token={token}");
        let email = templates::reset_password(&user.email, &user.display_name, &link)
            .map_err(template_error)?;
        outbox::queue_email(conn, &email).await?;
        Ok(())
    })
    .await
}

/// Whether a reset link is still good (to show the form or an "expired link" page).
pub async fn check_reset_token(
    conn: &mut AsyncPgConnection,
    token: &str,
) -> Result<(), AccountError> {
    tokens::peek(conn, token, Purpose::ResetPassword).await??;
    Ok(())
}

/// Sets a new password with a reset token and signs the user out of every session. A reset
/// also proves the address, so it counts as verified.
pub async fn reset_password(
    conn: &mut AsyncPgConnection,
    token: &str,
    new_password: &str,
) -> Result<User, AccountError> {
    tokens::peek(conn, token, Purpose::ResetPassword).await??;
    let hash = password::hash(new_password.to_owned()).await?;
    conn.transaction(async |conn| {
        let row = tokens::consume(conn, token, Purpose::ResetPassword).await??;
        queries::set_password_hash(conn, row.user_id, &hash).await?;
        let user = queries::mark_verified(conn, row.user_id, &row.email).await?;
        sessions::delete_for_user(conn, row.user_id, None).await?;
        Ok(user)
    })
    .await
}
