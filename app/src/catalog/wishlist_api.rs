//! The caller's wishlist: add, remove, list. Every function requires a signed-in caller and
//! touches only their own list.

use leptos::prelude::*;

use super::api::ProductCard;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn wishlist_error(e: domain::catalog::wishlist::WishlistError) -> AppError {
    use domain::catalog::wishlist::{MAX_ITEMS, WishlistError as E};
    match e {
        E::NotFound => AppError::NotFound,
        E::Full => AppError::conflict(format!(
            "Your wishlist holds at most {MAX_ITEMS} products. Remove some first."
        )),
        E::Database(e) => AppError::internal(e),
    }
}

/// Saves a product to the caller's wishlist, then a plain form post goes back to
/// `next` (a local path); an island's call stays on its page.
#[server(prefix = "/api", endpoint = "add_to_wishlist")]
pub async fn add_to_wishlist(slug: String, next: Option<String>) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::catalog::wishlist::add(&mut conn, user.id, slug.trim())
        .await
        .map_err(wishlist_error)?;
    let next = next.unwrap_or_default();
    crate::accounts::redirect::redirect_plain_form(crate::accounts::redirect::local_path_or(
        &next,
        "/account/wishlist",
    ));
    Ok(())
}

/// Removes a product from the caller's wishlist, then a plain form post goes back to
/// `next` (a local path); an island's call stays on its page.
#[server(prefix = "/api", endpoint = "remove_from_wishlist")]
pub async fn remove_from_wishlist(slug: String, next: Option<String>) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::catalog::wishlist::remove(&mut conn, user.id, slug.trim()).await?;
    let next = next.unwrap_or_default();
    crate::accounts::redirect::redirect_plain_form(crate::accounts::redirect::local_path_or(
        &next,
        "/account/wishlist",
    ));
    Ok(())
}

/// The caller's saved products.
#[server(prefix = "/api", endpoint = "wishlist")]
pub async fn my_wishlist() -> Result<Vec<ProductCard>, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let brands = domain::catalog::reads::all_brands(&mut conn)
        .await
        .map_err(db)?;
    let rows = domain::catalog::wishlist::list(&mut conn, user.id)
        .await
        .map_err(db)?;
    let mut cards = super::api::cards(&mut conn, &rows, &brands).await?;
    for card in &mut cards {
        card.saved = Some(true);
    }
    Ok(cards)
}

/// Which of these products the caller saved: `None` for anonymous callers.
#[cfg(feature = "ssr")]
pub async fn saved_among(slugs: &[String]) -> Result<Option<Vec<String>>, AppError> {
    let Some(user) = crate::accounts::auth::current_user().await? else {
        return Ok(None);
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::catalog::wishlist::saved_slugs(&mut conn, user.id, slugs)
        .await
        .map(Some)
        .map_err(AppError::internal)
}
