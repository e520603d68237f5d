//! The waitlist's server functions: joining (the same answer for a new, a
//! listed and a confirmed address) and confirming a place by the mailed link.
// A server function takes its form's fields as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// The name the waitlist form's stamps are signed for.
#[cfg(feature = "ssr")]
const FORM: &str = "waitlist";

/// Joins the waitlist; on to `/waitlist?joined=1` whatever the address's standing.
#[server(prefix = "/api", endpoint = "waitlist_join")]
pub async fn join_waitlist(
    email: String,
    first_name: String,
    last_name: String,
    company: Option<String>,
    role: Option<String>,
    interest: String,
    stamp: String,
    website: Option<String>,
) -> Result<(), AppError> {
    use super::fields::WaitlistInput;
    use crate::server_context::ServerContext;
    use crate::ui::public_form;
    use domain::waitlist::Interest;
    let input = WaitlistInput {
        email,
        first_name,
        last_name,
        company: company.unwrap_or_default(),
        role: role.unwrap_or_default(),
        interest,
    };
    if public_form::caught(FORM, website.as_deref()) {
        leptos_axum::redirect("/waitlist?joined=1");
        return Ok(());
    }
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let interest = Interest::parse(&valid.interest)
        .ok_or_else(|| AppError::validation("interest", "Choose what you are waiting for."))?;
    public_form::admit(FORM, &stamp, &valid.email, &input).await?;
    let ctx = ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let joined = domain::waitlist::entries::join(
        &mut conn,
        &domain::waitlist::entries::NewEntry {
            email: &valid.email,
            first_name: &valid.first_name,
            last_name: &valid.last_name,
            company: &valid.company,
            role: &valid.role,
            interest,
        },
        &ctx.services.public_url,
    )
    .await
    .map_err(AppError::internal)?;
    tracing::info!(outcome = ?joined, "waitlist join");
    leptos_axum::redirect("/waitlist?joined=1");
    Ok(())
}

/// Confirms the place of link `token`; on to `/waitlist?confirmed=1`.
#[server(prefix = "/api", endpoint = "waitlist_confirm")]
pub async fn confirm_waitlist(token: String) -> Result<(), AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::waitlist::entries::confirm(&mut conn, &token)
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::validation("token", e.to_string()))?;
    leptos_axum::redirect("/waitlist?confirmed=1");
    Ok(())
}
