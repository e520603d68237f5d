//! The accounts server functions: sign up, sign in, sign out, confirm an email address, and who
//! is signed in. Each parses its input with the shared field types and calls the domain.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::fields::{DisplayName, Email, Password};
use crate::error::AppError;

/// What the pages may know about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub email_verified: bool,
}

#[cfg(feature = "ssr")]
fn account_error(e: domain::accounts::service::AccountError) -> AppError {
    use domain::accounts::service::AccountError as E;
    use domain::accounts::tokens::TokenError;
    match e {
        E::EmailTaken => AppError::validation(
            "email",
            "An account with this email address already exists. Sign in instead?",
        ),
        E::InvalidCredentials => AppError::validation("", "Wrong email or password."),
        E::Unverified => AppError::validation(
            "",
            "Please confirm your email address first: use the link we emailed you when you signed up (or ask for a new one below).",
        ),
        E::Disabled => AppError::validation(
            "",
            "This account has been disabled. Contact us if you think this is a mistake.",
        ),
        E::Token(TokenError::Invalid) => AppError::validation(
            "token",
            "This link is not valid. Check that you copied all of it.",
        ),
        E::Token(TokenError::Expired) => {
            AppError::validation("token", "This link has expired. Ask for a new one.")
        }
        E::Token(TokenError::Used) => {
            AppError::validation("token", "This link has already been used.")
        }
        E::WrongCurrentPassword | E::SameEmail => AppError::validation("", e.to_string()),
        other => AppError::internal(other),
    }
}

/// Who is signed in (anyone may ask; the answer is only ever about the caller).
#[server(prefix = "/api", endpoint = "me")]
pub async fn me() -> Result<Option<MyAccount>, AppError> {
    Ok(super::auth::current_user().await?.map(|u| MyAccount {
        display_name: u.display_name.clone(),
        email: u.email.clone(),
        role: u.role().as_str().to_owned(),
        email_verified: u.email_verified_at.is_some(),
    }))
}

/// Creates an account (anyone may) and mails the confirmation link.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    let (name, email, password) = match (
        DisplayName::parse(&display_name),
        Email::parse(&email),
        Password::parse(&password),
    ) {
        (Ok(name), Ok(email), Ok(password)) => (name, email, password),
        (name, email, password) => {
            return Err(AppError::fields([
                ("display_name", name.err()),
                ("email", email.err()),
                ("password", password.err()),
            ])
            .unwrap_or(AppError::Internal));
        }
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::sign_up(
        &mut conn,
        email.as_str(),
        name.as_str(),
        password.expose(),
        &ctx.public_url,
    )
    .await
    .map_err(account_error)?;
    tracing::info!(user.email = %email.masked(), "account created");
    leptos_axum::redirect("/login?check_email=1");
    Ok(())
}

/// Signs in (anyone may try; throttled) and goes to `next` when it is a local path.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let ctx = ServerContext::current()?;
    ctx.throttle(Rule::SignInPerIp, &ServerContext::client_ip().await)
        .await?;
    let Ok(email) = Email::parse(&email) else {
        return Err(AppError::validation("", "Wrong email or password."));
    };
    ctx.throttle(Rule::SignInPerAccount, email.as_str()).await?;
    let mut conn = ctx.conn().await?;
    let user = domain::accounts::service::authenticate(&mut conn, email.as_str(), &password)
        .await
        .map_err(account_error)?;
    super::auth::sign_in(&user).await?;
    let next = next.unwrap_or_default();
    leptos_axum::redirect(super::redirect::local_path_or(&next, "/account"));
    Ok(())
}

/// Signs the caller out (a caller who is not signed in is simply sent home).
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    super::auth::sign_out().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Confirms an email address with the emailed token (anyone holding the token may), then signs
/// its owner in.
#[server(prefix = "/api", endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let user = domain::accounts::service::verify_email(&mut conn, token.trim())
        .await
        .map_err(|e| match e {
            domain::accounts::service::AccountError::EmailTaken => AppError::validation(
                "token",
                "Another account has started using this address since the link was sent.",
            ),
            other => account_error(other),
        })?;
    super::auth::sign_in(&user).await?;
    leptos_axum::redirect("/account?verified=1");
    Ok(())
}

/// The checks before an anonymous "mail me a link" request: the caller's IP quota, the
/// address parsed, the address's mail quota.
#[cfg(feature = "ssr")]
async fn mail_request(
    email: &str,
) -> Result<(crate::server_context::ServerContext, Email), AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let ctx = ServerContext::current()?;
    ctx.throttle(Rule::SignInPerIp, &ServerContext::client_ip().await)
        .await?;
    let email = Email::parse(email).map_err(|m| AppError::validation("email", m))?;
    ctx.throttle(Rule::ResetMailPerAccount, email.as_str())
        .await?;
    Ok((ctx, email))
}

/// Mails the confirmation link again if an unconfirmed account has this address (anyone may
/// ask; throttled). The answer is the same whether or not it does.
#[server(prefix = "/api", endpoint = "resend_verification")]
pub async fn resend_verification(email: String) -> Result<(), AppError> {
    let (ctx, email) = mail_request(&email).await?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::resend_verification(&mut conn, email.as_str(), &ctx.public_url)
        .await
        .map_err(account_error)?;
    leptos_axum::redirect("/verify-email/resend?sent=1");
    Ok(())
}

/// Mails a password-reset link if an account has this address (anyone may ask). The answer is
/// the same whether or not it does, so nobody learns who has an account.
#[server(prefix = "/api", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let (ctx, email) = mail_request(&email).await?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::request_password_reset(&mut conn, email.as_str(), &ctx.public_url)
        .await
        .map_err(account_error)?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link is still good (anyone holding it may ask).
#[server(prefix = "/api", endpoint = "check_reset_token")]
pub async fn check_reset_token(token: String) -> Result<(), AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::check_reset_token(&mut conn, token.trim())
        .await
        .map_err(account_error)
}

/// Sets a new password with a reset link (anyone holding it may) and signs the account out
/// everywhere.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let password = Password::parse(&password).map_err(|m| AppError::validation("password", m))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let user =
        domain::accounts::service::reset_password(&mut conn, token.trim(), password.expose())
            .await
            .map_err(account_error)?;
    tracing::info!(user.id = %user.id, "password reset; every session signed out");
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
