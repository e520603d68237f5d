//! The contact form's server functions: the stamp the form carries, and sending it (honeypot,
//! minimum fill time, rate limits per client and per address, then stored and acknowledged).

use leptos::prelude::*;

use crate::error::AppError;

/// The signed stamp of when the form was shown.
#[server(prefix = "/api", endpoint = "contact_stamp")]
pub async fn contact_stamp() -> Result<String, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    Ok(ctx
        .services
        .forms
        .stamp(FORM, time::OffsetDateTime::now_utc()))
}

/// The name the contact form's stamps are signed for.
#[cfg(feature = "ssr")]
const FORM: &str = "contact";

/// Sends the message; on to `/contact?sent=1`.
#[server(prefix = "/api", endpoint = "contact")]
pub async fn send_contact(
    name: String,
    email: String,
    subject: String,
    message: String,
    stamp: String,
    website: Option<String>,
) -> Result<(), AppError> {
    use super::fields::ContactInput;
    use crate::server_context::ServerContext;
    use domain::rate_limit::Rule;
    let input = ContactInput {
        name,
        email,
        subject,
        message,
    };
    if domain::spam::caught(website.as_deref()) {
        // A bot: it is told what a person is told, and nothing is stored or sent.
        tracing::info!("contact form: honeypot filled, dropped");
        leptos_axum::redirect("/contact?sent=1");
        return Ok(());
    }
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let ctx = ServerContext::current()?;
    ctx.services
        .forms
        .check(FORM, &stamp, time::OffsetDateTime::now_utc())
        .map_err(|refusal| AppError::validation("", refusal.to_string()).keeping(&input))?;
    let client = ServerContext::client_ip();
    ctx.throttle(
        Rule::PublicFormPerIp,
        &format!("{FORM}|{}", client.rate_key()),
    )
    .await?;
    ctx.throttle(
        Rule::PublicFormPerAddress,
        &format!("{FORM}|{}", valid.email),
    )
    .await?;
    let mut conn = ctx.conn().await?;
    domain::contact::messages::store(
        &mut conn,
        &domain::contact::messages::NewMessage {
            name: &valid.name,
            email: &valid.email,
            subject: &valid.subject,
            message: &valid.message,
            client_ip: &client.to_string(),
        },
        &ctx.services.staff_inbox,
        &ctx.public_url,
    )
    .await
    .map_err(AppError::internal)?;
    leptos_axum::redirect("/contact?sent=1");
    Ok(())
}
