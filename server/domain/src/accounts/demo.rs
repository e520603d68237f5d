//! Demo people for a development start: an admin, a staff member, a customer and three client
//! people (the dashboard's demo clients), created once
//! (when no admin exists yet) with known passwords so a new user can try every role.

use diesel_async::AsyncPgConnection;

use super::models::{Role, User};
use super::service::{self, AccountError};
use super::{password, queries};

/// One demo account: email, password, display name, role.
pub const DEMO_PEOPLE: [(&str, &str, &str, Role); 6] = [
    (
        "admin@daydream.localhost",
        "demo-admin-pass",
        "Ada Admin",
        Role::Admin,
    ),
    (
        "staff@daydream.localhost",
        "demo-staff-pass",
        "Sam Staff",
        Role::Staff,
    ),
    (
        "customer@daydream.localhost",
        "demo-customer-pass",
        "Cleo Customer",
        Role::Customer,
    ),
    // The demo clients' people (`projects::demo` makes them members of their client).
    (
        "client-admin@northwind.localhost",
        "demo-client-pass",
        "Nora Northwind",
        Role::Customer,
    ),
    (
        "client@northwind.localhost",
        "demo-client-pass",
        "Nils Northwind",
        Role::Customer,
    ),
    (
        "client-admin@globex.localhost",
        "demo-client-pass",
        "Gina Globex",
        Role::Customer,
    ),
];

/// Creates the demo people that do not exist yet; returns those created.
pub async fn ensure_demo_people(
    conn: &mut AsyncPgConnection,
) -> Result<Vec<(&'static str, &'static str, Role)>, AccountError> {
    let mut created = Vec::new();
    for (email, pass, name, role) in DEMO_PEOPLE {
        if queries::find_by_email(conn, email).await?.is_some() {
            continue;
        }
        create_verified(conn, email, name, pass, role).await?;
        created.push((email, pass, role));
    }
    Ok(created)
}

/// Creates a verified account with a role (demo data and the `create-admin` command).
pub async fn create_verified(
    conn: &mut AsyncPgConnection,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
) -> Result<User, AccountError> {
    let hash = password::hash(password.to_owned()).await?;
    let user = service::insert_user(conn, email, display_name, &hash, role).await?;
    Ok(queries::mark_verified(conn, user.id, email).await?)
}

/// The demo people's addresses that have an account in this database (a production start
/// refuses while any does: their passwords are public).
pub async fn existing_demo_people(
    conn: &mut AsyncPgConnection,
) -> Result<Vec<String>, AccountError> {
    let mut found = Vec::new();
    for (email, ..) in DEMO_PEOPLE {
        if queries::find_by_email(conn, email).await?.is_some() {
            found.push(email.to_owned());
        }
    }
    Ok(found)
}
