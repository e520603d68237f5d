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
        E::Hash(domain::accounts::password::HashError::Busy) => busy(),
        other => AppError::internal(other),
    }
}

/// Every password-hashing slot stayed taken: too many sign-ins or sign-ups at once.
#[cfg(feature = "ssr")]
pub(crate) fn busy() -> AppError {
    tracing::warn!("password hashing is saturated; a request was turned away");
    AppError::RateLimited {
        retry_after_seconds: 5,
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

/// Creates an account (anyone may; throttled per client and per address) and mails the
/// confirmation link. The answer is the same whether or not the address already had an account
/// (its owner is mailed a notice instead), so the form tells nobody who is a customer.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let ctx = ServerContext::current()?;
    ctx.throttle(Rule::SignUpPerIp, &ServerContext::client_ip().rate_key())
        .await?;
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
    // Every sign-up mails the address (a confirmation or a notice): at most a few an hour each.
    ctx.throttle(Rule::ResetMailPerAccount, email.as_str())
        .await?;
    let mut conn = ctx.conn().await?;
    let outcome = domain::accounts::service::sign_up(
        &mut conn,
        email.as_str(),
        name.as_str(),
        password.expose(),
        &ctx.services.public_url,
    )
    .await
    .map_err(account_error)?;
    match outcome {
        domain::accounts::service::SignUp::Created(user) => {
            tracing::info!(user.id = %user.id, user.email = %email.masked(), "account created");
        }
        domain::accounts::service::SignUp::AlreadyRegistered => {
            tracing::info!(user.email = %email.masked(), client.ip = %ServerContext::client_ip(), "sign-up with a registered address; its owner was told");
        }
    }
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
    let client = ServerContext::client_ip();
    ctx.throttle(Rule::SignInPerIp, &client.rate_key()).await?;
    let Ok(email) = Email::parse(&email) else {
        return Err(AppError::validation("", "Wrong email or password."));
    };
    // Per account *and* client: a stranger's wrong guesses slow the stranger, not the owner.
    ctx.throttle(
        Rule::SignInPerAccount,
        &domain::rate_limit::account_and_client(email.as_str(), &client),
    )
    .await?;
    let mut conn = ctx.conn().await?;
    let user = domain::accounts::service::authenticate(&mut conn, email.as_str(), &password)
        .await
        .map_err(|e| {
            if matches!(e, domain::accounts::service::AccountError::InvalidCredentials) {
                tracing::warn!(client.ip = %client, user.email = %email.masked(), "sign-in failed: wrong email or password");
            }
            account_error(e)
        })?;
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

/// Confirms an email address with the emailed token (anyone holding the token may). A sign-up
/// confirmation signs its owner in; an email-change confirmation signs nobody in (the new
/// address proves nothing about who holds the account), it sends them to sign in.
#[server(prefix = "/api", endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    use domain::accounts::service::Confirmed;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (user, confirmed) = domain::accounts::service::verify_email(&mut conn, token.trim())
        .await
        .map_err(|e| match e {
            domain::accounts::service::AccountError::EmailTaken => AppError::validation(
                "token",
                "Another account has started using this address since the link was sent.",
            ),
            other => account_error(other),
        })?;
    match confirmed {
        Confirmed::SignUp => {
            super::auth::sign_in(&user).await?;
            leptos_axum::redirect("/account?verified=1");
        }
        Confirmed::EmailChange => {
            let signed_in_as_owner = super::auth::current_user()
                .await?
                .is_some_and(|me| me.id == user.id);
            leptos_axum::redirect(if signed_in_as_owner {
                "/account?verified=1"
            } else {
                "/login?email_changed=1"
            });
        }
    }
    Ok(())
}

/// "This wasn't me" from the notice sent to the old address (anyone holding the token may):
/// cancels the email change, puts the old address back if it was already changed, and signs
/// the account out everywhere.
#[server(prefix = "/api", endpoint = "cancel_email_change")]
pub async fn cancel_email_change(token: String) -> Result<(), AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let user = domain::accounts::service::cancel_email_change(&mut conn, token.trim())
        .await
        .map_err(|e| match e {
            domain::accounts::service::AccountError::EmailTaken => AppError::validation(
                "token",
                "Another account has taken your old address since; contact us to recover yours.",
            ),
            other => account_error(other),
        })?;
    super::auth::sign_out().await?;
    tracing::warn!(user.id = %user.id, "email change cancelled from the old address; every session signed out");
    leptos_axum::redirect("/forgot-password?change_cancelled=1");
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
    ctx.throttle(Rule::SignInPerIp, &ServerContext::client_ip().rate_key())
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
    domain::accounts::service::resend_verification(
        &mut conn,
        email.as_str(),
        &ctx.services.public_url,
    )
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
    domain::accounts::service::request_password_reset(
        &mut conn,
        email.as_str(),
        &ctx.services.public_url,
    )
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
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let owner = domain::accounts::service::reset_token_owner(&mut conn, token.trim())
        .await
        .map_err(account_error)?;
    let password = Password::parse_for_role(&password, owner.role().is_staff())
        .map_err(|m| AppError::validation("password", m))?;
    let user =
        domain::accounts::service::reset_password(&mut conn, token.trim(), password.expose())
            .await
            .map_err(account_error)?;
    tracing::info!(user.id = %user.id, "password reset; every session signed out");
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
