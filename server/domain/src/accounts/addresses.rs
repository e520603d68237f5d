//! Saved postal addresses: a user's address book, with at most one default (the database
//! enforces it). Every write locks the owner's row first, so concurrent edits of one address
//! book take turns; every query is scoped to the owner, so nobody reaches another's addresses.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::{addresses, users};

/// How many addresses one user may keep.
pub const MAX_PER_USER: i64 = 20;

/// One saved address.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = addresses, check_for_backend(diesel::pg::Pg))]
pub struct Address {
    pub id: Uuid,
    pub user_id: Uuid,
    pub full_name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub phone: String,
    pub is_default: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// The editable part of an address, already validated by the caller.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable)]
#[diesel(table_name = addresses)]
pub struct AddressFields {
    pub full_name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub phone: String,
}

/// Why an address-book change was refused.
#[derive(Debug, thiserror::Error)]
pub enum AddressError {
    #[error("no such address in this address book")]
    NotFound,
    #[error("an address book holds at most {MAX_PER_USER} addresses")]
    TooMany,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// Takes the owner's row lock: address-book writes of one user run one at a time.
async fn lock_owner(conn: &mut AsyncPgConnection, user_id: Uuid) -> Result<(), AddressError> {
    users::table
        .find(user_id)
        .select(users::id)
        .for_update()
        .first::<Uuid>(conn)
        .await
        .optional()?
        .ok_or(AddressError::NotFound)?;
    Ok(())
}

/// The user's addresses, the default first, then oldest first.
pub async fn list(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<Vec<Address>> {
    addresses::table
        .filter(addresses::user_id.eq(user_id))
        .order((
            addresses::is_default.desc(),
            addresses::created_at.asc(),
            addresses::id.asc(),
        ))
        .select(Address::as_select())
        .load(conn)
        .await
}

/// One of the user's addresses (`None` when it is not theirs or does not exist).
pub async fn find(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<Address>> {
    addresses::table
        .filter(addresses::id.eq(id).and(addresses::user_id.eq(user_id)))
        .select(Address::as_select())
        .first(conn)
        .await
        .optional()
}

/// Saves a new address. The first address, or one saved with `make_default`, becomes the
/// default.
pub async fn create(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    fields: &AddressFields,
    make_default: bool,
) -> Result<Address, AddressError> {
    conn.transaction(async |conn| {
        lock_owner(conn, user_id).await?;
        let count: i64 = addresses::table
            .filter(addresses::user_id.eq(user_id))
            .count()
            .get_result(conn)
            .await?;
        if count >= MAX_PER_USER {
            return Err(AddressError::TooMany);
        }
        let make_default = make_default || count == 0;
        if make_default {
            clear_default(conn, user_id).await?;
        }
        let address = diesel::insert_into(addresses::table)
            .values((
                addresses::id.eq(Uuid::now_v7()),
                addresses::user_id.eq(user_id),
                fields,
                addresses::is_default.eq(make_default),
            ))
            .returning(Address::as_returning())
            .get_result(conn)
            .await?;
        Ok(address)
    })
    .await
}

/// Locks the owner's address book and checks that `id` is in it.
async fn lock_address(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Uuid,
) -> Result<(), AddressError> {
    lock_owner(conn, user_id).await?;
    find(conn, user_id, id)
        .await?
        .ok_or(AddressError::NotFound)?;
    Ok(())
}

/// Makes `id` the owner's only default (the caller holds the owner's lock).
async fn promote(conn: &mut AsyncPgConnection, user_id: Uuid, id: Uuid) -> QueryResult<Address> {
    clear_default(conn, user_id).await?;
    diesel::update(addresses::table.find(id))
        .set(addresses::is_default.eq(true))
        .returning(Address::as_returning())
        .get_result(conn)
        .await
}

/// Replaces an address's fields; `make_default` also makes it the default.
pub async fn update(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Uuid,
    fields: &AddressFields,
    make_default: bool,
) -> Result<Address, AddressError> {
    conn.transaction(async |conn| {
        lock_address(conn, user_id, id).await?;
        let address = diesel::update(addresses::table.find(id))
            .set(fields)
            .returning(Address::as_returning())
            .get_result(conn)
            .await?;
        if make_default {
            Ok(promote(conn, user_id, id).await?)
        } else {
            Ok(address)
        }
    })
    .await
}

/// Makes one of the user's addresses the default.
pub async fn set_default(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Uuid,
) -> Result<Address, AddressError> {
    conn.transaction(async |conn| {
        lock_address(conn, user_id, id).await?;
        Ok(promote(conn, user_id, id).await?)
    })
    .await
}

/// Deletes one of the user's addresses. When it was the default, the oldest remaining address
/// takes its place, so a non-empty address book always has a default.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    id: Uuid,
) -> Result<(), AddressError> {
    conn.transaction(async |conn| {
        lock_owner(conn, user_id).await?;
        let was_default: bool = diesel::delete(
            addresses::table.filter(addresses::id.eq(id).and(addresses::user_id.eq(user_id))),
        )
        .returning(addresses::is_default)
        .get_result(conn)
        .await
        .optional()?
        .ok_or(AddressError::NotFound)?;
        if was_default {
            let next: Option<Uuid> = addresses::table
                .filter(addresses::user_id.eq(user_id))
                .order((addresses::created_at.asc(), addresses::id.asc()))
                .select(addresses::id)
                .first(conn)
                .await
                .optional()?;
            if let Some(next) = next {
                diesel::update(addresses::table.find(next))
                    .set(addresses::is_default.eq(true))
                    .execute(conn)
                    .await?;
            }
        }
        Ok(())
    })
    .await
}

async fn clear_default(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<()> {
    diesel::update(
        addresses::table.filter(addresses::user_id.eq(user_id).and(addresses::is_default)),
    )
    .set(addresses::is_default.eq(false))
    .execute(conn)
    .await?;
    Ok(())
}
