//! A client's people (`/dashboard/people`): its colleagues and, for its admins, invitations
//! (sent by email, withdrawn) and removing a colleague; and the invitation link
//! (`/dashboard/join/{token}`), shown and accepted by the invited, signed-in person.

use leptos::prelude::*;

use super::view::{JoinView, People};
use crate::error::AppError;

/// The caller's client (a person of a client; staff manage clients in the admin).
#[cfg(feature = "ssr")]
async fn own_client() -> Result<
    (
        domain::accounts::User,
        domain::projects::access::Viewer,
        uuid::Uuid,
    ),
    AppError,
> {
    let (user, viewer) = super::api::require_viewer().await?;
    let client = viewer.client_id().ok_or(AppError::NotFound)?;
    Ok((user, viewer, client))
}

/// The caller's colleagues, and (admins) the invitations.
#[server(prefix = "/api", endpoint = "dashboard_people")]
pub async fn company_people() -> Result<People, AppError> {
    use domain::projects::{clients, invitations};
    let (user, viewer, client_id) = own_client().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let client = clients::get(&mut conn, &viewer, client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = clients::members(&mut conn, &viewer, client_id)
        .await
        .map_err(super::api::project_error)?;
    let is_admin = viewer.may_manage_people(client_id);
    let now = time::OffsetDateTime::now_utc();
    let invitations = if is_admin {
        invitations::list(&mut conn, &viewer, client_id)
            .await
            .map_err(super::api::project_error)?
    } else {
        Vec::new()
    };
    Ok(People {
        client_name: client.name,
        is_admin,
        members: members
            .into_iter()
            .map(|m| super::view::MemberCard {
                user_id: m.user_id.to_string(),
                is_you: m.user_id == user.id,
                name: m.name,
                email: m.email,
                role_label: m.role.label().to_owned(),
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| super::view::InvitationCard {
                id: i.id.to_string(),
                state: if i.accepted_at.is_some() {
                    "accepted"
                } else if i.revoked_at.is_some() {
                    "withdrawn"
                } else if !i.open(now) {
                    "expired"
                } else {
                    "open"
                }
                .to_owned(),
                email: i.email,
                role_label: i.role.label().to_owned(),
            })
            .collect(),
    })
}

/// Invites `email` as `role` (`client_viewer` or `client_admin`): a client admin only.
#[server(prefix = "/api", endpoint = "dashboard_invite")]
pub async fn invite_colleague(email: String, role: String) -> Result<(), AppError> {
    use domain::projects::access::ClientRole;
    let (user, viewer, client_id) = own_client().await?;
    let email = crate::accounts::fields::Email::parse(&email)
        .map_err(|m| AppError::validation("email", m))?;
    let role = ClientRole::parse(role.trim())
        .ok_or_else(|| AppError::validation("role", "Choose viewer or admin."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    ctx.throttle(
        domain::rate_limit::Rule::ResetMailPerAccount,
        &format!("invite:{}", user.id),
    )
    .await?;
    let mut conn = ctx.conn().await?;
    let inviter = if user.display_name.trim().is_empty() {
        user.email.clone()
    } else {
        user.display_name.clone()
    };
    domain::projects::invitations::invite(
        &mut conn,
        &viewer,
        &inviter,
        client_id,
        email.as_str(),
        role,
        &ctx.services.public_url,
    )
    .await
    .map_err(super::api::project_error)?;
    leptos_axum::redirect("/dashboard/people?invited=1");
    Ok(())
}

/// Withdraws open invitation `id`: a client admin only.
#[server(prefix = "/api", endpoint = "dashboard_revoke_invitation")]
pub async fn revoke_invitation(id: String) -> Result<(), AppError> {
    let (_, viewer, client_id) = own_client().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::invitations::revoke(&mut conn, &viewer, client_id, id)
        .await
        .map_err(super::api::project_error)?;
    leptos_axum::redirect("/dashboard/people");
    Ok(())
}

/// Removes colleague `user_id` from the caller's client: a client admin only (never the last).
#[server(prefix = "/api", endpoint = "dashboard_remove_colleague")]
pub async fn remove_colleague(user_id: String) -> Result<(), AppError> {
    let (_, viewer, client_id) = own_client().await?;
    let user_id = uuid::Uuid::parse_str(user_id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::projects::clients::remove(&mut conn, &viewer, client_id, user_id)
        .await
        .map_err(super::api::project_error)?;
    leptos_axum::redirect("/dashboard/people?removed=1");
    Ok(())
}

/// What the invitation at `token` is for (anyone with the link; nothing about who else is
/// listed).
#[server(prefix = "/api", endpoint = "dashboard_join_preview")]
pub async fn join_preview(token: String) -> Result<JoinView, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let preview = domain::projects::invitations::preview(&mut conn, token.trim())
        .await?
        .map_err(|e| AppError::validation("token", e.to_string()))?;
    let me = crate::accounts::auth::current_user().await?;
    Ok(JoinView {
        client_name: preview.client_name,
        email: preview.email,
        role_label: preview.role.label().to_owned(),
        signed_in: me.is_some(),
        your_email: me.map(|u| u.email),
    })
}

/// The signed-in caller accepts the invitation at `token`; on to the dashboard.
#[server(prefix = "/api", endpoint = "dashboard_join")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use domain::projects::invitations::AcceptError;
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    match domain::projects::invitations::accept(&mut conn, token.trim(), &user).await {
        Ok(_) => {}
        Err(AcceptError::Project(e)) => return Err(super::api::project_error(e)),
        Err(e) => return Err(AppError::validation("token", e.to_string())),
    }
    leptos_axum::redirect("/dashboard?joined=1");
    Ok(())
}
