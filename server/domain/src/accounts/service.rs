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
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    #[error("this is already the account's address")]
    SameEmail,
}

fn unique_violation_is_email_taken(e: diesel::result::Error) -> AccountError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => AccountError::EmailTaken,
        other => other.into(),
    }
}

fn template_error(e: askama::Error) -> AccountError {
    AccountError::Template(e.to_string())
}

/// What a sign-up did. The caller answers both the same way, so the form never tells anyone
/// whether an address has an account.
#[derive(Debug)]
pub enum SignUp {
    /// A new account, its confirmation link mailed.
    Created(Box<User>),
    /// The address already had an account: its owner was mailed a notice instead.
    AlreadyRegistered,
}

/// Creates a customer account and mails the verification link, in one transaction. The address
/// is looked up before any hashing: an existing address costs no argon2 run, and its owner gets
/// "someone tried to sign up with your address" (the answer takes as long as a real sign-up).
pub async fn sign_up(
    conn: &mut AsyncPgConnection,
    email: &str,
    display_name: &str,
    password: &str,
    base_url: &str,
) -> Result<SignUp, AccountError> {
    if let Some(existing) = queries::find_by_email(conn, email).await? {
        tokio::time::sleep(password::typical_duration()).await;
        notify_sign_up_attempt(conn, &existing, base_url).await?;
        return Ok(SignUp::AlreadyRegistered);
    }
    let hash = password::hash(password.to_owned()).await?;
    let created = conn
        .transaction(async |conn| {
            let user = insert_user(conn, email, display_name, &hash, Role::Customer).await?;
            send_verification(conn, &user, base_url).await?;
            Ok::<_, AccountError>(user)
        })
        .await;
    match created {
        Ok(user) => Ok(SignUp::Created(Box::new(user))),
        // Taken between the look-up and the insert (two sign-ups at once).
        Err(AccountError::EmailTaken) => {
            if let Some(existing) = queries::find_by_email(conn, email).await? {
                notify_sign_up_attempt(conn, &existing, base_url).await?;
            }
            Ok(SignUp::AlreadyRegistered)
        }
        Err(e) => Err(e),
    }
}

/// Tells an account's owner that someone tried to sign up with their address.
async fn notify_sign_up_attempt(
    conn: &mut AsyncPgConnection,
    user: &User,
    base_url: &str,
) -> Result<(), AccountError> {
    let notice = templates::sign_up_attempt(
        &user.email,
        &user.display_name,
        &format!("{base_url}/login"),
        &format!("{base_url}/forgot-password"),
    )
    .map_err(template_error)?;
    outbox::queue_email(conn, &notice).await?;
    Ok(())
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
    queries::insert(conn, &new)
        .await
        .map_err(unique_violation_is_email_taken)
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

/// Mails the confirmation link again to an account that has not confirmed its address yet.
/// Does nothing for unknown, confirmed or disabled accounts (the caller answers the same).
pub async fn resend_verification(
    conn: &mut AsyncPgConnection,
    email: &str,
    base_url: &str,
) -> Result<(), AccountError> {
    let Some(user) = queries::find_by_email(conn, email).await? else {
        return Ok(());
    };
    if user.is_disabled() || user.email_verified_at.is_some() {
        return Ok(());
    }
    conn.transaction(async |conn| send_verification(conn, &user, base_url).await)
        .await
}

/// What a verification link confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// The address the account signed up with.
    SignUp,
    /// A new address, which replaced the old one (the link's holder is not signed in by it).
    EmailChange,
}

/// Confirms the address a verification token was sent to: the sign-up address, or the new
/// address of an email change (which then replaces the old one). Fails with `EmailTaken` when
/// another account took that address in the meantime.
pub async fn verify_email(
    conn: &mut AsyncPgConnection,
    token: &str,
) -> Result<(User, Confirmed), AccountError> {
    conn.transaction(async |conn| {
        let row = tokens::consume(conn, token, Purpose::VerifyEmail).await??;
        let before = queries::find_by_id(conn, row.user_id)
            .await?
            .ok_or(AccountError::Token(TokenError::Invalid))?;
        let confirmed = if before.email.eq_ignore_ascii_case(&row.email) {
            Confirmed::SignUp
        } else {
            Confirmed::EmailChange
        };
        let user = queries::mark_verified(conn, row.user_id, &row.email)
            .await
            .map_err(unique_violation_is_email_taken)?;
        Ok((user, confirmed))
    })
    .await
}

/// "This wasn't me", from the notice sent to the old address: drops every pending email change,
/// puts the old address back if the change was already confirmed, and signs the account out
/// everywhere. Returns the account, whose owner should now reset the password.
pub async fn cancel_email_change(
    conn: &mut AsyncPgConnection,
    token: &str,
) -> Result<User, AccountError> {
    conn.transaction(async |conn| {
        let row = tokens::consume(conn, token, Purpose::CancelEmailChange).await??;
        tokens::revoke_all(conn, row.user_id, Purpose::VerifyEmail).await?;
        tokens::revoke_all(conn, row.user_id, Purpose::CancelEmailChange).await?;
        let user = queries::mark_verified(conn, row.user_id, &row.email)
            .await
            .map_err(unique_violation_is_email_taken)?;
        sessions::delete_for_user(conn, row.user_id, None).await?;
        Ok(user)
    })
    .await
}

/// Renames a user.
pub async fn change_display_name(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    display_name: &str,
) -> Result<User, AccountError> {
    Ok(queries::set_display_name(conn, user_id, display_name).await?)
}

/// Changes a signed-in user's password after checking the current one, and signs out every
/// other session of theirs (`keep_session` is the caller's own session id).
pub async fn change_password(
    conn: &mut AsyncPgConnection,
    user: &User,
    current_password: &str,
    new_password: &str,
    keep_session: Option<&str>,
) -> Result<usize, AccountError> {
    if !password::verify(
        current_password.to_owned(),
        Some(user.password_hash.clone()),
    )
    .await?
    {
        return Err(AccountError::WrongCurrentPassword);
    }
    let hash = password::hash(new_password.to_owned()).await?;
    let user_id = user.id;
    conn.transaction(async |conn| {
        queries::set_password_hash(conn, user_id, &hash).await?;
        // Whoever knew the old password may have asked to move the account to their address.
        tokens::revoke_all(conn, user_id, Purpose::VerifyEmail).await?;
        let signed_out = sessions::delete_for_user(conn, user_id, keep_session).await?;
        Ok(signed_out)
    })
    .await
}

/// Starts an email change: checks the password, mails a confirmation link to the new address
/// and a notice to the current one. The account keeps its current address until the link is
/// used.
pub async fn request_email_change(
    conn: &mut AsyncPgConnection,
    user: &User,
    current_password: &str,
    new_email: &str,
    base_url: &str,
) -> Result<(), AccountError> {
    if !password::verify(
        current_password.to_owned(),
        Some(user.password_hash.clone()),
    )
    .await?
    {
        return Err(AccountError::WrongCurrentPassword);
    }
    if user.email.eq_ignore_ascii_case(new_email) {
        return Err(AccountError::SameEmail);
    }
    if queries::find_by_email(conn, new_email).await?.is_some() {
        return Err(AccountError::EmailTaken);
    }
    conn.transaction(async |conn| {
        tokens::revoke_all(conn, user.id, Purpose::VerifyEmail).await?;
        let token = tokens::issue(conn, user.id, Purpose::VerifyEmail, new_email).await?;
        let link = format!("{base_url}/verify-email?token={token}");
        let confirm = templates::confirm_new_email(new_email, &user.display_name, &link)
            .map_err(template_error)?;
        outbox::queue_email(conn, &confirm).await?;
        let cancel = tokens::issue(conn, user.id, Purpose::CancelEmailChange, &user.email).await?;
        let notice = templates::email_change_notice(
            &user.email,
            &user.display_name,
            new_email,
            &format!("{base_url}/account/cancel-email-change?token={cancel}"),
            &format!("{base_url}/forgot-password"),
        )
        .map_err(template_error)?;
        outbox::queue_email(conn, &notice).await?;
        Ok(())
    })
    .await
}

/// The address a user asked to switch to and has not confirmed yet.
pub async fn pending_email_change(
    conn: &mut AsyncPgConnection,
    user: &User,
) -> Result<Option<String>, AccountError> {
    Ok(tokens::pending_email(conn, user.id, &user.email).await?)
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
    if !password::verify(password.to_owned(), stored).await? {
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

/// The account a good reset link belongs to (its role decides how long the password must be).
pub async fn reset_token_owner(
    conn: &mut AsyncPgConnection,
    token: &str,
) -> Result<User, AccountError> {
    let row = tokens::peek(conn, token, Purpose::ResetPassword).await??;
    queries::find_by_id(conn, row.user_id)
        .await?
        .ok_or(AccountError::Token(TokenError::Invalid))
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
        // A pending email change (or a stale confirmation link) dies with the old password.
        tokens::revoke_all(conn, row.user_id, Purpose::VerifyEmail).await?;
        let user = queries::mark_verified(conn, row.user_id, &row.email).await?;
        sessions::delete_for_user(conn, row.user_id, None).await?;
        Ok(user)
    })
    .await
}
