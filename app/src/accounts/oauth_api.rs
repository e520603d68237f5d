//! Sign-in with Google or GitHub, as plain GET addresses a browser is sent through:
//! `/auth/start?provider=google&next=/account` keeps a fresh state and PKCE verifier in the
//! visitor's session and sends them to the provider; `/auth/{provider}/callback` takes both
//! back out (once), refuses a state that is not the one kept, a denied consent or an
//! unverified address, and otherwise signs the person in to their linked, matched or new
//! account (`domain::accounts::identities`). Every refusal lands on `/login` with its reason.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;

/// The providers that are on, as `(value, label)`, for the sign-in page.
#[server(prefix = "/api", endpoint = "oauth_providers")]
pub async fn oauth_providers() -> Result<Vec<(String, String)>, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    Ok(ctx
        .services
        .oauth
        .enabled()
        .into_iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect())
}

#[cfg(feature = "ssr")]
mod keys {
    pub const STATE: &str = "oauth_state";
    pub const VERIFIER: &str = "oauth_verifier";
    pub const PROVIDER: &str = "oauth_provider";
    pub const NEXT: &str = "oauth_next";
}

/// Sends the visitor to `provider` to sign in, and afterwards to `next` (a local path).
#[server(prefix = "/auth", endpoint = "start", input = GetUrl)]
pub async fn oauth_start(provider: String, next: Option<String>) -> Result<(), AppError> {
    use domain::accounts::oauth::Provider;
    let ctx = crate::server_context::ServerContext::current()?;
    // A provider that is off (or unknown) sends the person back to sign in otherwise.
    let Some((provider, Ok(started))) =
        Provider::parse(provider.trim()).map(|p| (p, ctx.services.oauth.start(p)))
    else {
        return refuse("off");
    };
    let session = super::auth::session().await?;
    session.insert(keys::STATE, started.state).await?;
    session
        .insert(keys::VERIFIER, started.pkce_verifier)
        .await?;
    session.insert(keys::PROVIDER, provider.as_str()).await?;
    let next = next.unwrap_or_default();
    session
        .insert(
            keys::NEXT,
            super::redirect::local_path_or(&next, "/account").to_owned(),
        )
        .await?;
    leptos_axum::redirect(&started.authorize_url);
    Ok(())
}

/// Google sends the person back here.
#[server(prefix = "/auth", endpoint = "google/callback", input = GetUrl)]
pub async fn google_callback(
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
) -> Result<(), AppError> {
    finish(
        domain::accounts::oauth::Provider::Google,
        code,
        state,
        error,
    )
    .await
}

/// GitHub sends the person back here.
#[server(prefix = "/auth", endpoint = "github/callback", input = GetUrl)]
pub async fn github_callback(
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
) -> Result<(), AppError> {
    finish(
        domain::accounts::oauth::Provider::GitHub,
        code,
        state,
        error,
    )
    .await
}

/// Why a sign-in with a provider was refused, as `/login?oauth_error=` says it.
#[cfg(feature = "ssr")]
fn refuse(reason: &str) -> Result<(), AppError> {
    leptos_axum::redirect(&format!("/login?oauth_error={reason}"));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn finish(
    provider: domain::accounts::oauth::Provider,
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
) -> Result<(), AppError> {
    use domain::accounts::identities::{self, LinkError};
    use domain::rate_limit::Rule;
    let ctx = crate::server_context::ServerContext::current()?;
    let client = crate::server_context::ServerContext::client_ip();
    ctx.throttle(Rule::SignInPerIp, &client.rate_key()).await?;
    // Taken out whatever happens next: a state serves one callback only.
    let session = super::auth::session().await?;
    let kept_state: Option<String> = session.remove(keys::STATE).await?;
    let verifier: Option<String> = session.remove(keys::VERIFIER).await?;
    let kept_provider: Option<String> = session.remove(keys::PROVIDER).await?;
    let next: Option<String> = session.remove(keys::NEXT).await?;
    let state_matches = matches!(
        (&kept_state, &state, &kept_provider),
        (Some(kept), Some(given), Some(p)) if kept == given && p == provider.as_str()
    );
    let (true, Some(verifier)) = (state_matches, verifier) else {
        tracing::warn!(client.ip = %client, provider = provider.as_str(), "oauth: a callback without the state this session was given");
        return refuse("state");
    };
    if let Some(error) = error {
        return refuse(if error == "access_denied" {
            "denied"
        } else {
            "failed"
        });
    }
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return refuse("failed");
    };
    let identity = match ctx.services.oauth.finish(provider, &code, &verifier).await {
        Ok(identity) => identity,
        Err(e) => {
            tracing::warn!(error = %e, provider = provider.as_str(), "oauth: sign-in failed at the provider");
            return refuse("failed");
        }
    };
    let mut conn = ctx.conn().await?;
    match identities::sign_in_with(&mut conn, &identity).await {
        Ok((user, reached)) => {
            tracing::info!(user.id = %user.id, provider = provider.as_str(), reached = ?reached, "signed in with a provider");
            super::auth::sign_in(&user).await?;
            let next = next.unwrap_or_default();
            leptos_axum::redirect(super::redirect::local_path_or(&next, "/account"));
            Ok(())
        }
        Err(LinkError::UnverifiedAtProvider) => refuse("unverified"),
        Err(LinkError::UnconfirmedAccount) => refuse("unconfirmed"),
        Err(LinkError::Staff) => refuse("staff"),
        Err(LinkError::Disabled) => refuse("disabled"),
        Err(LinkError::OtherLinked) => refuse("linked"),
        Err(e) => {
            tracing::error!(error = %e, "oauth: linking the account failed");
            refuse("failed")
        }
    }
}

/// What `/login?oauth_error=` tells the person.
pub fn refusal_message(reason: &str) -> &'static str {
    match reason {
        "state" => {
            "That sign-in link was not one we started for you (or it was used already). Please try again."
        }
        "denied" => "You declined to share your account with Daydream, so you are not signed in.",
        "unverified" => {
            "Your provider has not verified that email address. Verify it there, or sign in with a password."
        }
        "unconfirmed" => {
            "An account with that address was started here but never confirmed. Confirm it from the email we sent (or reset its password), then try again."
        }
        "staff" => "Staff accounts sign in with their password.",
        "off" => "Signing in with that provider is not available here. Sign in with your password.",
        "disabled" => "This account is disabled.",
        "linked" => {
            "Your account is already linked to another account of that provider. Sign in with that one."
        }
        _ => "The sign-in with your provider did not work. Please try again.",
    }
}
