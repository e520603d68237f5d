//! The contact form's server function: sending it (past the public forms' defences: honeypot,
//! minimum fill time, rate limits per client and per address; then stored and acknowledged).

use leptos::prelude::*;

use crate::error::AppError;

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
    use crate::ui::public_form;
    let input = ContactInput {
        name,
        email,
        subject,
        message,
    };
    if public_form::caught(FORM, website.as_deref()) {
        // A bot: it is told what a person is told, and nothing is stored or sent.
        leptos_axum::redirect("/contact?sent=1");
        return Ok(());
    }
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let client = public_form::admit(FORM, &stamp, &valid.email, &input).await?;
    let ctx = ServerContext::current()?;
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
        &ctx.services.public_url,
    )
    .await
    .map_err(AppError::internal)?;
    leptos_axum::redirect("/contact?sent=1");
    Ok(())
}
