//! The public forms' defences against scripted posts (contact, waitlist), shared by their pages
//! and server functions: the signed "shown at" stamp and the honeypot field in the page, and on
//! the server the stamp's check (too quick, forged or stale) and the rate limits per client and
//! per address. See `domain::spam`.

use leptos::prelude::*;

use crate::error::AppError;

/// The forms that carry a stamp.
pub const FORMS: [&str; 2] = ["contact", "waitlist"];

/// A fresh stamp for form `form` (one of [`FORMS`]), signed with when it is shown.
#[server(prefix = "/api", endpoint = "form_stamp")]
pub async fn form_stamp(form: String) -> Result<String, AppError> {
    if !FORMS.contains(&form.as_str()) {
        return Err(AppError::NotFound);
    }
    let ctx = crate::server_context::ServerContext::current()?;
    Ok(ctx
        .services
        .forms
        .stamp(&form, time::OffsetDateTime::now_utc()))
}

/// The stamp and the honeypot inside a form: the honeypot off-screen, out of the tab order and
/// hidden from screen readers, so only a bot fills it.
#[component]
pub fn SpamGuard(stamp: String) -> impl IntoView {
    view! {
        <input type="hidden" name="stamp" value=stamp />
        <div aria-hidden="true" class="absolute -left-[10000px] h-px w-px overflow-hidden">
            <label for="website">"Leave this field empty"</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
    }
}

/// Whether a post of form `form` is a bot's, by its honeypot: the caller then answers as for a
/// person and keeps nothing.
#[cfg(feature = "ssr")]
pub fn caught(form: &str, honeypot: Option<&str>) -> bool {
    let caught = domain::spam::caught(honeypot);
    if caught {
        tracing::info!(form, "honeypot filled: the post is dropped");
    }
    caught
}

/// Checks a person's post of form `form` naming address `email`: the stamp (a refusal keeps
/// `input`, what they typed), then the limits per client and per address. Returns the client.
#[cfg(feature = "ssr")]
pub async fn admit<T: serde::Serialize>(
    form: &str,
    stamp: &str,
    email: &str,
    input: &T,
) -> Result<domain::rate_limit::ClientIp, AppError> {
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let ctx = ServerContext::current()?;
    ctx.services
        .forms
        .check(form, stamp, time::OffsetDateTime::now_utc())
        .map_err(|refusal| AppError::validation("", refusal.to_string()).keeping(input))?;
    let client = ServerContext::client_ip();
    ctx.throttle(
        Rule::PublicFormPerIp,
        &format!("{form}|{}", client.rate_key()),
    )
    .await?;
    ctx.throttle(Rule::PublicFormPerAddress, &format!("{form}|{email}"))
        .await?;
    Ok(client)
}
