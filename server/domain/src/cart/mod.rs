//! Carts: a guest's (tied to their session) or a user's (kept with the account, so it follows
//! them across devices); what is in them, priced at current prices with each line's stock, and
//! the stock holds a cart takes while it is in checkout.

pub mod edits;
pub mod holds;
pub mod lines;

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use crate::db::schema::carts;

/// The most of one variant a cart takes.
pub const MAX_QUANTITY: i32 = 99;
/// The most different variants one cart holds.
pub const MAX_LINES: i64 = 100;

/// Why a cart change was refused.
#[derive(Debug, thiserror::Error)]
pub enum CartError {
    #[error("no such product variant")]
    NotFound,
    #[error("this item is no longer sold")]
    Unavailable,
    #[error("only {available} available")]
    NotEnoughStock { available: i32 },
    #[error("at most {MAX_QUANTITY} of one item")]
    TooMany,
    #[error("a cart holds at most {MAX_LINES} different items")]
    Full,
    #[error("prints are ordered from a picture in your studio gallery")]
    NeedsPicture,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// The user's cart, created on first use.
pub async fn for_user(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<Uuid> {
    diesel::insert_into(carts::table)
        .values((carts::id.eq(Uuid::now_v7()), carts::user_id.eq(user_id)))
        .on_conflict(carts::user_id)
        .do_update()
        .set(carts::user_id.eq(user_id))
        .returning(carts::id)
        .get_result(conn)
        .await
}

/// The user's cart if they have one (reading never creates one).
pub async fn find_for_user(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
) -> QueryResult<Option<Uuid>> {
    carts::table
        .filter(carts::user_id.eq(user_id))
        .select(carts::id)
        .first(conn)
        .await
        .optional()
}

/// Whether `id` is a guest cart that still exists.
pub async fn guest_exists(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        carts::table
            .filter(carts::id.eq(id))
            .filter(carts::user_id.is_null()),
    ))
    .get_result(conn)
    .await
}

/// A new, empty guest cart.
pub async fn create_guest(conn: &mut AsyncPgConnection) -> QueryResult<Uuid> {
    diesel::insert_into(carts::table)
        .values(carts::id.eq(Uuid::now_v7()))
        .returning(carts::id)
        .get_result(conn)
        .await
}

/// Marks the cart as changed now (abandoned guest carts are forgotten by age).
pub(crate) async fn touch(conn: &mut AsyncPgConnection, cart_id: Uuid) -> QueryResult<()> {
    diesel::update(carts::table.find(cart_id))
        .set(carts::updated_at.eq(diesel::dsl::now))
        .execute(conn)
        .await?;
    Ok(())
}

/// The id of the variant with this SKU (forms name variants by SKU).
pub async fn variant_by_sku(conn: &mut AsyncPgConnection, sku: &str) -> QueryResult<Option<i64>> {
    use crate::db::schema::product_variants;
    product_variants::table
        .filter(product_variants::sku.eq(sku.trim()))
        .select(product_variants::id)
        .first(conn)
        .await
        .optional()
}
