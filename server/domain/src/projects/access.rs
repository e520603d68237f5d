//! Who is looking at the dashboard: staff (every client), or a member of one client as a viewer
//! or an admin. A customer who belongs to no client has no dashboard.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::accounts::User;
use crate::db::schema::client_members;

/// A person's role in their client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClientRole {
    /// Follows the client's projects.
    Viewer,
    /// Follows them too, changes tasks, and invites and removes colleagues.
    Admin,
}

impl ClientRole {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "client_viewer",
            Self::Admin => "client_admin",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "client_viewer" => Some(Self::Viewer),
            "client_admin" => Some(Self::Admin),
            _ => None,
        }
    }

    /// The role as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Viewer => "Viewer",
            Self::Admin => "Admin",
        }
    }
}

/// The caller of a dashboard read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Agency staff: every client.
    Staff { user_id: Uuid },
    /// A member of one client.
    Client {
        user_id: Uuid,
        client_id: Uuid,
        role: ClientRole,
    },
}

impl Viewer {
    /// The server's own background work reading on nobody's behalf (a report being
    /// generated): sees every client, as staff do. It never writes: the audit log names people.
    pub(crate) fn system() -> Self {
        Self::Staff {
            user_id: Uuid::nil(),
        }
    }

    /// The person.
    pub fn user_id(&self) -> Uuid {
        match self {
            Self::Staff { user_id } | Self::Client { user_id, .. } => *user_id,
        }
    }

    /// The one client this viewer sees; `None`: every client (staff).
    pub fn client_id(&self) -> Option<Uuid> {
        match self {
            Self::Staff { .. } => None,
            Self::Client { client_id, .. } => Some(*client_id),
        }
    }

    /// Whether this is agency staff.
    pub fn is_staff(&self) -> bool {
        matches!(self, Self::Staff { .. })
    }

    /// Whether the viewer sees client `client_id`'s records.
    pub fn sees(&self, client_id: Uuid) -> bool {
        self.client_id().is_none_or(|own| own == client_id)
    }

    /// Whether the viewer may move tasks and mark milestones (staff, a client's admins).
    pub fn may_change_work(&self) -> bool {
        matches!(
            self,
            Self::Staff { .. }
                | Self::Client {
                    role: ClientRole::Admin,
                    ..
                }
        )
    }

    /// Whether the viewer may invite and remove the people of client `client_id`.
    pub fn may_manage_people(&self, client_id: Uuid) -> bool {
        match self {
            Self::Staff { .. } => true,
            Self::Client {
                client_id: own,
                role,
                ..
            } => *own == client_id && *role == ClientRole::Admin,
        }
    }
}

/// The viewer `user` is on the dashboard: staff, a client's member, or `None` (no dashboard).
pub async fn viewer_of(conn: &mut AsyncPgConnection, user: &User) -> QueryResult<Option<Viewer>> {
    if user.role().is_staff() {
        return Ok(Some(Viewer::Staff { user_id: user.id }));
    }
    let membership: Option<(Uuid, String)> = client_members::table
        .find(user.id)
        .select((client_members::client_id, client_members::role))
        .first(conn)
        .await
        .optional()?;
    Ok(membership.map(|(client_id, role)| Viewer::Client {
        user_id: user.id,
        client_id,
        role: ClientRole::parse(&role).unwrap_or(ClientRole::Viewer),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_what_they_store() {
        for role in [ClientRole::Viewer, ClientRole::Admin] {
            assert_eq!(ClientRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(ClientRole::parse("admin"), None);
    }

    #[test]
    fn a_client_sees_and_manages_only_its_own() {
        let (own, other) = (Uuid::new_v4(), Uuid::new_v4());
        let user_id = Uuid::new_v4();
        let viewer = Viewer::Client {
            user_id,
            client_id: own,
            role: ClientRole::Viewer,
        };
        let admin = Viewer::Client {
            user_id,
            client_id: own,
            role: ClientRole::Admin,
        };
        let staff = Viewer::Staff {
            user_id: Uuid::new_v4(),
        };
        assert!(viewer.sees(own) && !viewer.sees(other));
        assert!(staff.sees(own) && staff.sees(other));
        assert!(!viewer.may_change_work() && admin.may_change_work() && staff.may_change_work());
        assert!(!viewer.may_manage_people(own));
        assert!(admin.may_manage_people(own) && !admin.may_manage_people(other));
        assert!(staff.may_manage_people(other));
    }
}
