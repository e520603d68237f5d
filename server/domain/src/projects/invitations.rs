//! Invitations to a client: an admin of the client (or staff) invites a colleague by email; the
//! link carries 256 random bits of which only the SHA-256 is stored. It is accepted once,
//! within 7 days, by a signed-in person whose verified address is the invited one (a forwarded
//! link is useless to anyone else) and who belongs to no other client. The email goes through
//! the outbox in the same transaction as the invitation.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::access::{ClientRole, Viewer};
use super::clients;
use super::error::{ProjectError, field};
use crate::accounts::User;
use crate::accounts::queries::lower;
use crate::audit::{self, Entry};
use crate::db::schema::{client_invitations, clients as clients_table};
use crate::email::{outbox, templates};
use crate::link_token::{digest, new_secret};

/// How long an invitation can be accepted.
pub const LIFETIME: Duration = Duration::days(7);

/// One invitation as the client's admins see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: Uuid,
    pub email: String,
    pub role: ClientRole,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub accepted_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Invitation {
    /// Whether it can still be accepted.
    pub fn open(&self, now: OffsetDateTime) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }
}

/// What the link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub client_name: String,
    pub email: String,
    pub role: ClientRole,
}

/// Invites `email` to client `client_id` as `role` (the client's admins, staff); queues the
/// email with the link (`{base_url}/dashboard/join/{token}`); audited. Inviting the same
/// address again replaces its open invitation.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    inviter_name: &str,
    client_id: Uuid,
    email: &str,
    role: ClientRole,
    base_url: &str,
) -> Result<Uuid, ProjectError> {
    let client = clients::get(conn, viewer, client_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    if !viewer.may_manage_people(client_id) {
        return Err(ProjectError::Forbidden(
            "Only your company's admins invite colleagues.",
        ));
    }
    let email = email.trim();
    if email.is_empty() || !email.contains('@') || email.len() > 254 {
        return Err(field(
            "email",
            "Enter an email address like name@example.com.",
        ));
    }
    let members = clients::members(conn, viewer, client_id).await?;
    if members.iter().any(|m| m.email.eq_ignore_ascii_case(email)) {
        return Err(field(
            "email",
            "This person is already one of your colleagues here.",
        ));
    }
    let token = new_secret();
    let link = format!("{}/dashboard/join/{token}", base_url.trim_end_matches('/'));
    let message =
        templates::client_invitation(email, inviter_name, &client.name, role.label(), &link)
            .map_err(|e| {
                ProjectError::Conflict(format!("the invitation could not be written: {e}"))
            })?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let now = OffsetDateTime::now_utc();
        diesel::update(
            client_invitations::table
                .filter(client_invitations::client_id.eq(client_id))
                .filter(lower(client_invitations::email).eq(email.to_lowercase()))
                .filter(client_invitations::accepted_at.is_null())
                .filter(client_invitations::revoked_at.is_null()),
        )
        .set(client_invitations::revoked_at.eq(now))
        .execute(conn)
        .await?;
        let id: Uuid = diesel::insert_into(client_invitations::table)
            .values((
                client_invitations::client_id.eq(client_id),
                client_invitations::email.eq(email),
                client_invitations::role.eq(role.as_str()),
                client_invitations::token_hash.eq(digest(&token)),
                client_invitations::invited_by.eq(actor),
                client_invitations::expires_at.eq(now + LIFETIME),
            ))
            .returning(client_invitations::id)
            .get_result(conn)
            .await?;
        outbox::queue_email(conn, &message).await?;
        audit::record(
            conn,
            &Entry {
                actor_id: actor,
                action: "client.invite",
                subject_type: "client",
                subject_id: client_id.to_string(),
                before: None,
                after: Some(json!({"invitation_id": id, "email": email, "role": role.as_str()})),
                request_id: None,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// The invitations of client `client_id`, newest first (the client's admins, staff).
pub async fn list(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    client_id: Uuid,
) -> Result<Vec<Invitation>, ProjectError> {
    if !viewer.sees(client_id) {
        return Err(ProjectError::NotFound);
    }
    if !viewer.may_manage_people(client_id) {
        return Err(ProjectError::Forbidden(
            "Only your company's admins see invitations.",
        ));
    }
    type Row = (
        Uuid,
        String,
        String,
        OffsetDateTime,
        OffsetDateTime,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<Row> = client_invitations::table
        .filter(client_invitations::client_id.eq(client_id))
        .select((
            client_invitations::id,
            client_invitations::email,
            client_invitations::role,
            client_invitations::created_at,
            client_invitations::expires_at,
            client_invitations::accepted_at,
            client_invitations::revoked_at,
        ))
        .order(client_invitations::created_at.desc())
        .limit(100)
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, email, role, created_at, expires_at, accepted_at, revoked_at)| Invitation {
                id,
                email,
                role: ClientRole::parse(&role).unwrap_or(ClientRole::Viewer),
                created_at,
                expires_at,
                accepted_at,
                revoked_at,
            },
        )
        .collect())
}

/// Withdraws open invitation `id` of client `client_id` (the client's admins, staff).
pub async fn revoke(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), ProjectError> {
    if !viewer.sees(client_id) {
        return Err(ProjectError::NotFound);
    }
    if !viewer.may_manage_people(client_id) {
        return Err(ProjectError::Forbidden(
            "Only your company's admins withdraw invitations.",
        ));
    }
    let n = diesel::update(
        client_invitations::table
            .filter(client_invitations::id.eq(id))
            .filter(client_invitations::client_id.eq(client_id))
            .filter(client_invitations::accepted_at.is_null())
            .filter(client_invitations::revoked_at.is_null()),
    )
    .set(client_invitations::revoked_at.eq(OffsetDateTime::now_utc()))
    .execute(conn)
    .await?;
    if n == 0 {
        return Err(ProjectError::NotFound);
    }
    Ok(())
}

/// Why a link cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("This invitation link is not valid.")]
    Invalid,
    #[error("This invitation has expired; ask for a new one.")]
    Expired,
    #[error("This invitation has already been used or withdrawn.")]
    Used,
}

type Found = (
    Uuid,
    Uuid,
    String,
    String,
    OffsetDateTime,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
    String,
);

/// The invitation behind `token`, if it can still be accepted.
async fn find(
    conn: &mut AsyncPgConnection,
    token: &str,
    lock: bool,
) -> QueryResult<Result<Found, LinkError>> {
    let query = client_invitations::table
        .inner_join(clients_table::table)
        .filter(client_invitations::token_hash.eq(digest(token)))
        .select((
            client_invitations::id,
            client_invitations::client_id,
            client_invitations::email,
            client_invitations::role,
            client_invitations::expires_at,
            client_invitations::accepted_at,
            client_invitations::revoked_at,
            clients_table::name,
        ));
    let row: Option<Found> = if lock {
        query.for_update().first(conn).await.optional()?
    } else {
        query.first(conn).await.optional()?
    };
    Ok(match row {
        None => Err(LinkError::Invalid),
        Some(r) if r.5.is_some() || r.6.is_some() => Err(LinkError::Used),
        Some(r) if r.4 <= OffsetDateTime::now_utc() => Err(LinkError::Expired),
        Some(r) => Ok(r),
    })
}

/// What the link at `token` invites to, if it can still be accepted.
pub async fn preview(
    conn: &mut AsyncPgConnection,
    token: &str,
) -> QueryResult<Result<Preview, LinkError>> {
    Ok(find(conn, token, false).await?.map(|r| Preview {
        client_name: r.7,
        email: r.2,
        role: ClientRole::parse(&r.3).unwrap_or(ClientRole::Viewer),
    }))
}

/// Why an invitation was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error("This invitation is for {0}; sign in with that address to accept it.")]
    OtherAddress(String),
    #[error(
        "Confirm your email address first (see the link we sent you), then open this invitation again."
    )]
    Unverified,
    #[error(transparent)]
    Project(#[from] ProjectError),
}

impl From<diesel::result::Error> for AcceptError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Project(e.into())
    }
}

/// `user` accepts the invitation at `token`: they join its client with its role, once.
/// Returns the client's id.
pub async fn accept(
    conn: &mut AsyncPgConnection,
    token: &str,
    user: &User,
) -> Result<Uuid, AcceptError> {
    if user.role().is_staff() {
        return Err(ProjectError::Conflict("Staff see every client already.".into()).into());
    }
    conn.transaction(async |conn| {
        let (id, client_id, email, role, ..) = find(conn, token, true).await??;
        if !email.eq_ignore_ascii_case(&user.email) {
            return Err(AcceptError::OtherAddress(email));
        }
        if user.email_verified_at.is_none() {
            return Err(AcceptError::Unverified);
        }
        let role = ClientRole::parse(&role).unwrap_or(ClientRole::Viewer);
        clients::join(conn, client_id, user.id, role).await?;
        diesel::update(client_invitations::table.find(id))
            .set((
                client_invitations::accepted_at.eq(OffsetDateTime::now_utc()),
                client_invitations::accepted_by.eq(user.id),
            ))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry {
                actor_id: user.id,
                action: "client.join",
                subject_type: "client",
                subject_id: client_id.to_string(),
                before: None,
                after: Some(json!({"invitation_id": id, "role": role.as_str()})),
                request_id: None,
            },
        )
        .await?;
        Ok(client_id)
    })
    .await
}
