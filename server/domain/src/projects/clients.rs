//! The client companies (tenants) and their people. Staff create clients and put people in
//! them; a client's admins remove colleagues (never the last admin). A person belongs to at
//! most one client. Every write is audited.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::{ClientRole, Viewer};
use super::error::{ProjectError, field};
use super::project::is_slug;
use crate::audit::{self, Entry};
use crate::db::schema::{client_members, clients, users};

/// One client company.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = clients, check_for_backend(diesel::pg::Pg))]
pub struct Client {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub logo_media_id: Option<Uuid>,
    pub contact_name: String,
    pub contact_email: String,
    pub created_at: OffsetDateTime,
}

/// A client as staff create it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientForm {
    pub name: String,
    pub slug: String,
    pub contact_name: String,
    pub contact_email: String,
}

impl ClientForm {
    /// The trimmed name and contact address, or the field at fault.
    fn check(&self) -> Result<(&str, &str), ProjectError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(field(
                "name",
                "Give the client a name (120 characters at most).",
            ));
        }
        if !is_slug(&self.slug) || self.slug.len() > 60 {
            return Err(field(
                "slug",
                "Use lower-case letters, digits and single hyphens (60 at most).",
            ));
        }
        let email = self.contact_email.trim();
        // The app parses addresses (`accounts::fields::Email`); this only keeps nonsense out.
        if !email.is_empty() && (!email.contains('@') || email.len() > 254) {
            return Err(field(
                "contact_email",
                "Enter an email address like name@example.com.",
            ));
        }
        Ok((name, email))
    }
}

/// One person of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: ClientRole,
    pub added_at: OffsetDateTime,
}

/// The clients the viewer sees (staff: all; a client's people: their own), by name.
pub async fn list(conn: &mut AsyncPgConnection, viewer: &Viewer) -> QueryResult<Vec<Client>> {
    let mut query = clients::table.into_boxed();
    if let Some(own) = viewer.client_id() {
        query = query.filter(clients::id.eq(own));
    }
    query
        .select(Client::as_select())
        .order(clients::name.asc())
        .load(conn)
        .await
}

/// Client `id`, if the viewer sees it.
pub async fn get(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> QueryResult<Option<Client>> {
    if !viewer.sees(id) {
        return Ok(None);
    }
    clients::table
        .find(id)
        .select(Client::as_select())
        .first(conn)
        .await
        .optional()
}

/// Staff create a client; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    form: &ClientForm,
) -> Result<Uuid, ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff create clients."));
    }
    let (name, email) = form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let id: Uuid = diesel::insert_into(clients::table)
            .values((
                clients::name.eq(name),
                clients::slug.eq(&form.slug),
                clients::contact_name.eq(form.contact_name.trim()),
                clients::contact_email.eq(email),
            ))
            .returning(clients::id)
            .get_result(conn)
            .await
            .map_err(slug_taken)?;
        audit::record(
            conn,
            &Entry {
                actor_id: actor,
                action: "client.create",
                subject_type: "client",
                subject_id: id.to_string(),
                before: None,
                after: Some(json!({"name": name, "slug": form.slug})),
                request_id: None,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// A unique slug already taken answers on the slug field.
fn slug_taken(e: Error) -> ProjectError {
    match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            field("slug", "Another client has that slug.")
        }
        other => other.into(),
    }
}

/// Staff change client `id`'s name, slug and contact; audited with the row before and after.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    form: &ClientForm,
) -> Result<(), ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff change clients."));
    }
    let (name, email) = form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let before = get(conn, viewer, id).await?.ok_or(ProjectError::NotFound)?;
        diesel::update(clients::table.find(id))
            .set((
                clients::name.eq(name),
                clients::slug.eq(&form.slug),
                clients::contact_name.eq(form.contact_name.trim()),
                clients::contact_email.eq(email),
            ))
            .execute(conn)
            .await
            .map_err(slug_taken)?;
        audit::record(
            conn,
            &Entry::new(actor, "client.update", "client", id)
                .before(json!({"name": before.name, "slug": before.slug, "contact_name": before.contact_name, "contact_email": before.contact_email}))
                .after(json!({"name": name, "slug": form.slug, "contact_name": form.contact_name.trim(), "contact_email": email})),
        )
        .await?;
        Ok(())
    })
    .await
}

/// Staff delete client `id` once it has no projects left (its people stay, as customers; its
/// invitations go); audited.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<(), ProjectError> {
    use crate::db::schema::projects;
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff delete clients."));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let before = clients::table
            .find(id)
            .select(Client::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()?
            .ok_or(ProjectError::NotFound)?;
        let projects: i64 = projects::table
            .filter(projects::client_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if projects > 0 {
            return Err(ProjectError::Conflict(format!(
                "{} still has {projects} project(s); delete or move them first.",
                before.name
            )));
        }
        diesel::delete(clients::table.find(id))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry::new(actor, "client.delete", "client", id)
                .before(json!({"name": before.name, "slug": before.slug})),
        )
        .await?;
        Ok(())
    })
    .await
}

/// The people of client `client_id`, if the viewer sees it (admins first, then by name).
pub async fn members(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    client_id: Uuid,
) -> Result<Vec<Member>, ProjectError> {
    if !viewer.sees(client_id) {
        return Err(ProjectError::NotFound);
    }
    let rows: Vec<(Uuid, String, String, String, OffsetDateTime)> = client_members::table
        .inner_join(users::table)
        .filter(client_members::client_id.eq(client_id))
        .select((
            users::id,
            users::email,
            users::display_name,
            client_members::role,
            client_members::added_at,
        ))
        .order((client_members::role.desc(), users::email.asc()))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, email, name, role, added_at)| Member {
            user_id,
            name: if name.trim().is_empty() {
                email.clone()
            } else {
                name
            },
            email,
            role: ClientRole::parse(&role).unwrap_or(ClientRole::Viewer),
            added_at,
        })
        .collect())
}

/// Adds `user_id` to client `client_id` as `role`, in the caller's transaction (staff assigning,
/// or an accepted invitation). A person already in another client is refused; one already in
/// this client gets the new role.
pub async fn join(
    conn: &mut AsyncPgConnection,
    client_id: Uuid,
    user_id: Uuid,
    role: ClientRole,
) -> Result<(), ProjectError> {
    let current: Option<Uuid> = client_members::table
        .find(user_id)
        .select(client_members::client_id)
        .for_update()
        .first(conn)
        .await
        .optional()?;
    match current {
        Some(other) if other != client_id => Err(ProjectError::Conflict(
            "This person already belongs to another client.".into(),
        )),
        Some(_) => {
            diesel::update(client_members::table.find(user_id))
                .set(client_members::role.eq(role.as_str()))
                .execute(conn)
                .await?;
            Ok(())
        }
        None => {
            diesel::insert_into(client_members::table)
                .values((
                    client_members::user_id.eq(user_id),
                    client_members::client_id.eq(client_id),
                    client_members::role.eq(role.as_str()),
                ))
                .execute(conn)
                .await?;
            Ok(())
        }
    }
}

/// Staff put the person with address `email` in client `client_id` as `role`; audited.
pub async fn assign(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    client_id: Uuid,
    email: &str,
    role: ClientRole,
) -> Result<Uuid, ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden(
            "Only staff assign people to clients.",
        ));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let user = crate::accounts::queries::find_by_email(conn, email.trim())
            .await?
            .ok_or_else(|| field("email", "Nobody has an account with that address."))?;
        if user.role().is_staff() {
            return Err(field("email", "Staff see every client already."));
        }
        get(conn, viewer, client_id)
            .await?
            .ok_or(ProjectError::NotFound)?;
        join(conn, client_id, user.id, role).await?;
        audit::record(
            conn,
            &Entry {
                actor_id: actor,
                action: "client.assign",
                subject_type: "client",
                subject_id: client_id.to_string(),
                before: None,
                after: Some(json!({"user_id": user.id, "role": role.as_str()})),
                request_id: None,
            },
        )
        .await?;
        Ok(user.id)
    })
    .await
}

/// Removes `user_id` from client `client_id` (staff, or the client's admins; never its last
/// admin); audited.
pub async fn remove(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    client_id: Uuid,
    user_id: Uuid,
) -> Result<(), ProjectError> {
    if !viewer.sees(client_id) {
        return Err(ProjectError::NotFound);
    }
    if !viewer.may_manage_people(client_id) {
        return Err(ProjectError::Forbidden(
            "Only your company's admins remove colleagues.",
        ));
    }
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        // The client's members, locked, so two admins removing each other cannot both succeed.
        let rows: Vec<(Uuid, String)> = client_members::table
            .filter(client_members::client_id.eq(client_id))
            .select((client_members::user_id, client_members::role))
            .for_update()
            .load(conn)
            .await?;
        let Some((_, role)) = rows.iter().find(|(id, _)| *id == user_id) else {
            return Err(ProjectError::NotFound);
        };
        let admins = rows
            .iter()
            .filter(|(_, r)| r == ClientRole::Admin.as_str())
            .count();
        if role == ClientRole::Admin.as_str() && admins <= 1 && !viewer.is_staff() {
            return Err(ProjectError::Conflict(
                "A company keeps at least one admin; make someone else admin first.".into(),
            ));
        }
        diesel::delete(client_members::table.find(user_id))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry {
                actor_id: actor,
                action: "client.remove_member",
                subject_type: "client",
                subject_id: client_id.to_string(),
                before: Some(json!({"user_id": user_id, "role": role})),
                after: None,
                request_id: None,
            },
        )
        .await?;
        Ok(())
    })
    .await
}
