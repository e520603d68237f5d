//! The waitlist's server functions: the form's stamp, joining (the same answer for a new, a
//! listed and a confirmed address) and confirming a place by the mailed link.
// A server function takes its form's fields as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// The name the waitlist form's stamps are signed for.
#[cfg(feature = "ssr")]
const FORM: &str = "waitlist";

/// The signed stamp of when the form was shown.
#[server(prefix = "/api", endpoint = "waitlist_stamp")]
pub async fn waitlist_stamp() -> Result<String, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    Ok(ctx
        .services
        .forms
        .stamp(FORM, time::OffsetDateTime::now_utc()))
}

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
    use domain::rate_limit::Rule;
    use domain::waitlist::Interest;
    let input = WaitlistInput {
        email,
        first_name,
        last_name,
        company: company.unwrap_or_default(),
        role: role.unwrap_or_default(),
        interest,
    };
    if domain::spam::caught(website.as_deref()) {
        tracing::info!("waitlist form: honeypot filled, dropped");
        leptos_axum::redirect("/waitlist?joined=1");
        return Ok(());
    }
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let interest = Interest::parse(&valid.interest)
        .ok_or_else(|| AppError::validation("interest", "Choose what you are waiting for."))?;
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
        &ctx.public_url,
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
