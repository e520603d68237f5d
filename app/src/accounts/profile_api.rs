//! The signed-in user's own profile: read it, rename, change the password (signing out every
//! other session), change the email address (confirmed from the new address), and save style
//! preferences and sizes. Every function requires a signed-in caller and acts on them only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::profile_fields::{SizeProfile, StylePreferences};
use crate::error::AppError;

/// What the account pages show about the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub display_name: String,
    pub email: String,
    /// The address an email change is waiting to be confirmed from.
    pub pending_email: Option<String>,
    pub style: StylePreferences,
    pub sizes: SizeProfile,
}

#[cfg(feature = "ssr")]
fn profile_error(e: domain::accounts::service::AccountError) -> AppError {
    use domain::accounts::service::AccountError as E;
    match e {
        E::WrongCurrentPassword => {
            AppError::validation("current_password", "That is not your current password.")
        }
        E::EmailTaken => {
            AppError::validation("new_email", "Another account already uses this address.")
        }
        E::SameEmail => AppError::validation("new_email", "This is already your email address."),
        E::Hash(domain::accounts::password::HashError::Busy) => super::api::busy(),
        other => AppError::internal(other),
    }
}

/// The caller's profile.
#[server(prefix = "/api", endpoint = "profile")]
pub async fn profile() -> Result<ProfileView, AppError> {
    let user = super::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let pending_email = domain::accounts::service::pending_email_change(&mut conn, &user)
        .await
        .map_err(AppError::internal)?;
    Ok(ProfileView {
        style: StylePreferences::from_json(&user.style_preferences),
        sizes: SizeProfile::from_json(&user.size_profile),
        display_name: user.display_name,
        email: user.email,
        pending_email,
    })
}

/// Renames the caller.
#[server(prefix = "/api", endpoint = "change_name")]
pub async fn change_name(display_name: String) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let name = super::fields::DisplayName::parse(&display_name)
        .map_err(|m| AppError::validation("display_name", m))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::change_display_name(&mut conn, user.id, name.as_str())
        .await
        .map_err(profile_error)?;
    leptos_axum::redirect("/account?saved=name");
    Ok(())
}

/// Changes the caller's password after checking the current one; every other session of
/// theirs is signed out, this one stays.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let user = super::auth::require_user().await?;
    let ctx = ServerContext::current()?;
    let key = domain::rate_limit::account_and_client(&user.email, &ServerContext::client_ip());
    ctx.throttle(Rule::SignInPerAccount, &key).await?;
    let new_password =
        super::fields::Password::parse_for_role(&new_password, user.role().is_staff())
            .map_err(|m| AppError::validation("new_password", m))?;
    let session = super::auth::session().await?;
    let keep = session.id().map(|id| id.to_string());
    let mut conn = ctx.conn().await?;
    let signed_out = domain::accounts::service::change_password(
        &mut conn,
        &user,
        &current_password,
        new_password.expose(),
        keep.as_deref(),
    )
    .await
    .map_err(profile_error)?;
    tracing::info!(user.id = %user.id, signed_out, "password changed; other sessions signed out");
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}

/// Starts changing the caller's email address: a link goes to the new address, a notice to
/// the current one; the account keeps its address until the link is used.
#[server(prefix = "/api", endpoint = "change_email")]
pub async fn change_email(current_password: String, new_email: String) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let user = super::auth::require_user().await?;
    let ctx = ServerContext::current()?;
    let key = domain::rate_limit::account_and_client(&user.email, &ServerContext::client_ip());
    ctx.throttle(Rule::SignInPerAccount, &key).await?;
    let new_email = super::fields::Email::parse(&new_email)
        .map_err(|m| AppError::validation("new_email", m))?;
    ctx.throttle(Rule::ResetMailPerAccount, new_email.as_str())
        .await?;
    let mut conn = ctx.conn().await?;
    domain::accounts::service::request_email_change(
        &mut conn,
        &user,
        &current_password,
        new_email.as_str(),
        &ctx.services.public_url,
    )
    .await
    .map_err(profile_error)?;
    leptos_axum::redirect("/account?saved=email");
    Ok(())
}

/// Saves the caller's style preferences and sizes (one form; every bad field reported).
#[server(prefix = "/api", endpoint = "save_preferences")]
pub async fn save_preferences(
    styles: Option<Vec<String>>,
    colours: Option<Vec<String>>,
    fit: Option<String>,
    top: Option<String>,
    waist_in: Option<String>,
    shoe_eu: Option<String>,
    height_cm: Option<String>,
) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let style = StylePreferences::parse(
        &styles.unwrap_or_default(),
        &colours.unwrap_or_default(),
        fit.as_deref().unwrap_or_default(),
    );
    let sizes = SizeProfile::parse(
        top.as_deref().unwrap_or_default(),
        waist_in.as_deref().unwrap_or_default(),
        shoe_eu.as_deref().unwrap_or_default(),
        height_cm.as_deref().unwrap_or_default(),
    );
    let (style, sizes) = match (style, sizes) {
        (Ok(style), Ok(sizes)) => (style, sizes),
        (style, sizes) => {
            let errors: Vec<_> = style
                .err()
                .into_iter()
                .chain(sizes.err())
                .flatten()
                .map(|(f, m)| (f, Some(m)))
                .collect();
            return Err(AppError::fields(errors).unwrap_or(AppError::Internal));
        }
    };
    let to_json = |v: serde_json::Result<serde_json::Value>| v.map_err(AppError::internal);
    let style = to_json(serde_json::to_value(&style))?;
    let sizes = to_json(serde_json::to_value(&sizes))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::queries::set_profile(&mut conn, user.id, &style, &sizes).await?;
    leptos_axum::redirect("/account/preferences?saved=1");
    Ok(())
}
