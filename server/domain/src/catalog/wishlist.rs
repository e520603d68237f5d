//! Wishlists: the products a user saved for later. Only active products can be added; adding
//! twice or removing what is not there changes nothing.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::models::Product;
use crate::db::schema::{products, wishlist_items};

/// How many products one wishlist holds.
pub const MAX_ITEMS: i64 = 500;

/// Why a product could not be added.
#[derive(Debug, thiserror::Error)]
pub enum WishlistError {
    #[error("no such product")]
    NotFound,
    #[error("a wishlist holds at most {MAX_ITEMS} products")]
    Full,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// The id of the active product with this slug.
async fn active_id(conn: &mut AsyncPgConnection, slug: &str) -> Result<i64, WishlistError> {
    super::reads::active_product_id(conn, slug)
        .await?
        .ok_or(WishlistError::NotFound)
}

/// Saves the product with `slug` to the user's wishlist.
pub async fn add(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    slug: &str,
) -> Result<(), WishlistError> {
    let product_id = active_id(conn, slug).await?;
    let count: i64 = wishlist_items::table
        .filter(wishlist_items::user_id.eq(user_id))
        .count()
        .get_result(conn)
        .await?;
    if count >= MAX_ITEMS {
        return Err(WishlistError::Full);
    }
    diesel::insert_into(wishlist_items::table)
        .values((
            wishlist_items::user_id.eq(user_id),
            wishlist_items::product_id.eq(product_id),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the product with `slug` from the user's wishlist.
pub async fn remove(conn: &mut AsyncPgConnection, user_id: Uuid, slug: &str) -> QueryResult<()> {
    diesel::delete(
        wishlist_items::table
            .filter(wishlist_items::user_id.eq(user_id))
            .filter(
                wishlist_items::product_id.eq_any(
                    products::table
                        .filter(products::slug.eq(slug))
                        .select(products::id),
                ),
            ),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The user's saved products that are still active, most recently saved first.
pub async fn list(conn: &mut AsyncPgConnection, user_id: Uuid) -> QueryResult<Vec<Product>> {
    wishlist_items::table
        .inner_join(products::table)
        .filter(wishlist_items::user_id.eq(user_id))
        .filter(products::status.eq("active"))
        .order(wishlist_items::created_at.desc())
        .select(Product::as_select())
        .load(conn)
        .await
}

/// Which of these product slugs the user saved.
pub async fn saved_slugs(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    slugs: &[String],
) -> QueryResult<Vec<String>> {
    wishlist_items::table
        .inner_join(products::table)
        .filter(wishlist_items::user_id.eq(user_id))
        .filter(products::slug.eq_any(slugs))
        .select(products::slug)
        .load(conn)
        .await
}
