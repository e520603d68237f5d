//! Accounts reached through Google or GitHub: a provider's account, once linked, signs in to
//! its Daydream account by the provider's stable id. A first sign-in links by address — only
//! an address the provider verified, only to an account whose own address was confirmed (an
//! account started but never confirmed may be someone else's claim on that address), and
//! never to a staff account (staff sign in with their password) — or, when no account has the
//! address, creates one, confirmed, with an unusable random password (a reset sets one).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use rand::RngCore;
use uuid::Uuid;

use super::oauth::Identity;
use super::service::{AccountError, insert_user};
use super::{Role, User, password, queries};
use crate::db::schema::user_identities;

/// Why a provider's sign-in does not reach an account.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The provider did not verify the address.
    #[error("the provider has not verified this address")]
    UnverifiedAtProvider,
    /// An account has the address but never confirmed it.
    #[error("an account with this address was never confirmed")]
    UnconfirmedAccount,
    /// The address is a staff member's.
    #[error("staff sign in with their password")]
    Staff,
    #[error("the account is disabled")]
    Disabled,
    /// The account has another account of this provider linked.
    #[error("another account of this provider is linked")]
    OtherLinked,
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// How the sign-in reached its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// Through an identity linked before.
    Linked,
    /// A first sign-in, linked to the account with the verified address.
    LinkedByEmail,
    /// A first sign-in that made a new account.
    Created,
}

/// The account `identity` signs in to (linking or creating it as the module says), with how
/// it was reached; the sign-in is recorded.
pub async fn sign_in_with(
    conn: &mut AsyncPgConnection,
    identity: &Identity,
) -> Result<(User, Reached), LinkError> {
    let provider = identity.provider.as_str();
    let linked: Option<Uuid> = user_identities::table
        .find((provider, &identity.subject))
        .select(user_identities::user_id)
        .first(conn)
        .await
        .optional()?;
    if let Some(user_id) = linked {
        let user = queries::find_by_id(conn, user_id)
            .await?
            .ok_or(diesel::result::Error::NotFound)?;
        if user.is_disabled() {
            return Err(LinkError::Disabled);
        }
        diesel::update(user_identities::table.find((provider, &identity.subject)))
            .set(user_identities::last_used_at.eq(diesel::dsl::now))
            .execute(conn)
            .await?;
        queries::record_login(conn, user.id).await?;
        return Ok((user, Reached::Linked));
    }
    if !identity.email_verified {
        return Err(LinkError::UnverifiedAtProvider);
    }
    let email = identity.email.trim().to_lowercase();
    // Hashed before the transaction: argon2 takes its time, a transaction should not.
    let unusable = {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        password::hash(bytes.iter().map(|b| format!("{b:02x}")).collect())
            .await
            .map_err(AccountError::from)?
    };
    let name = if identity.name.trim().is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        identity.name.trim().chars().take(80).collect()
    };
    conn.transaction(async |conn| {
        let (user, reached) = match queries::find_by_email(conn, &email).await? {
            Some(user) => {
                if user.is_disabled() {
                    return Err(LinkError::Disabled);
                }
                if user.role().is_staff() {
                    return Err(LinkError::Staff);
                }
                if user.email_verified_at.is_none() {
                    return Err(LinkError::UnconfirmedAccount);
                }
                (user, Reached::LinkedByEmail)
            }
            None => {
                let user = insert_user(conn, &email, &name, &unusable, Role::Customer).await?;
                let user = queries::mark_verified(conn, user.id, &email).await?;
                (user, Reached::Created)
            }
        };
        diesel::insert_into(user_identities::table)
            .values((
                user_identities::provider.eq(provider),
                user_identities::subject.eq(&identity.subject),
                user_identities::user_id.eq(user.id),
                user_identities::email.eq(&email),
            ))
            .execute(conn)
            .await
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => LinkError::OtherLinked,
                other => other.into(),
            })?;
        queries::record_login(conn, user.id).await?;
        Ok((user, reached))
    })
    .await
}

/// The providers linked to account `user_id` (for the account page).
pub async fn linked(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<Vec<String>> {
    user_identities::table
        .filter(user_identities::user_id.eq(user_id))
        .select(user_identities::provider)
        .order(user_identities::provider.asc())
        .load(conn)
        .await
}
