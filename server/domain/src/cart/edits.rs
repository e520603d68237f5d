//! Changing a cart: add, set a quantity, remove, apply a coupon code, and merge a guest's cart
//! into the user's at sign-in. Every change checks the stock available to this cart.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::lines::availability;
use super::{CartError, MAX_LINES, MAX_QUANTITY, touch};
use crate::db::schema::{cart_items, carts, stock_holds};

/// Checks that `quantity` of `variant_id` may be in the cart.
async fn check(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
    quantity: i32,
) -> Result<(), CartError> {
    let a = availability(conn, cart_id, variant_id)
        .await?
        .ok_or(CartError::NotFound)?;
    if !a.sellable {
        return Err(CartError::Unavailable);
    }
    if quantity > MAX_QUANTITY {
        return Err(CartError::TooMany);
    }
    if quantity > a.available {
        return Err(CartError::NotEnoughStock {
            available: a.available.max(0),
        });
    }
    if a.in_cart.is_none() {
        let lines: i64 = cart_items::table
            .filter(cart_items::cart_id.eq(cart_id))
            .count()
            .get_result(conn)
            .await?;
        if lines >= MAX_LINES {
            return Err(CartError::Full);
        }
    }
    Ok(())
}

/// Stores `quantity` as the line's quantity.
async fn put(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
    quantity: i32,
) -> QueryResult<()> {
    diesel::insert_into(cart_items::table)
        .values((
            cart_items::cart_id.eq(cart_id),
            cart_items::variant_id.eq(variant_id),
            cart_items::quantity.eq(quantity),
        ))
        .on_conflict((cart_items::cart_id, cart_items::variant_id))
        .do_update()
        .set(cart_items::quantity.eq(quantity))
        .execute(conn)
        .await?;
    touch(conn, cart_id).await
}

/// Adds `quantity` (≥ 1) of a variant; returns the line's new quantity.
pub async fn add(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
    quantity: i32,
) -> Result<i32, CartError> {
    let current: Option<i32> = cart_items::table
        .find((cart_id, variant_id))
        .select(cart_items::quantity)
        .first(conn)
        .await
        .optional()?;
    let wanted = current.unwrap_or(0).saturating_add(quantity.max(1));
    check(conn, cart_id, variant_id, wanted).await?;
    put(conn, cart_id, variant_id, wanted).await?;
    Ok(wanted)
}

/// Sets a line's quantity; 0 removes it.
pub async fn set_quantity(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
    quantity: i32,
) -> Result<(), CartError> {
    if quantity <= 0 {
        return remove(conn, cart_id, variant_id).await.map_err(Into::into);
    }
    check(conn, cart_id, variant_id, quantity).await?;
    put(conn, cart_id, variant_id, quantity).await?;
    Ok(())
}

/// Removes a line (and its hold).
pub async fn remove(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
) -> QueryResult<()> {
    diesel::delete(cart_items::table.find((cart_id, variant_id)))
        .execute(conn)
        .await?;
    diesel::delete(stock_holds::table.find((cart_id, variant_id)))
        .execute(conn)
        .await?;
    touch(conn, cart_id).await
}

/// Sets (or, with `None`, clears) the cart's coupon code; the caller has checked it.
pub async fn set_coupon(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    code: Option<&str>,
) -> QueryResult<()> {
    diesel::update(carts::table.find(cart_id))
        .set(carts::coupon_code.eq(code))
        .execute(conn)
        .await?;
    Ok(())
}

/// Moves a guest cart into the user's at sign-in: quantities are added, each capped by what is
/// available and by [`MAX_QUANTITY`]; lines that cannot be bought at all stay flagged in the
/// user's cart rather than vanish. The guest cart is deleted. Returns the user's cart.
pub async fn merge_into_user(
    conn: &mut AsyncPgConnection,
    guest_cart: Uuid,
    user_id: Uuid,
) -> QueryResult<Uuid> {
    conn.transaction(async |conn| {
        let user_cart = super::for_user(conn, user_id).await?;
        if user_cart == guest_cart {
            return Ok(user_cart);
        }
        // Lock the guest cart so two sign-ins of one session merge once.
        let guest: Option<Option<String>> = carts::table
            .find(guest_cart)
            .filter(carts::user_id.is_null())
            .select(carts::coupon_code)
            .for_update()
            .first(conn)
            .await
            .optional()?;
        let Some(guest_coupon) = guest else {
            return Ok(user_cart);
        };
        let guest_lines: Vec<(i64, i32)> = cart_items::table
            .filter(cart_items::cart_id.eq(guest_cart))
            .order(cart_items::added_at)
            .select((cart_items::variant_id, cart_items::quantity))
            .load(conn)
            .await?;
        for (variant_id, quantity) in guest_lines {
            let Some(a) = availability(conn, user_cart, variant_id).await? else {
                continue;
            };
            let have = a.in_cart.unwrap_or(0);
            let room = a.available.clamp(0, MAX_QUANTITY);
            let merged = have.saturating_add(quantity).min(room.max(have));
            // Nothing available and not yet in the user's cart: keep the line (flagged).
            let merged = if merged == 0 {
                quantity.min(MAX_QUANTITY)
            } else {
                merged
            };
            put(conn, user_cart, variant_id, merged).await?;
        }
        if let Some(code) = guest_coupon {
            diesel::update(carts::table.find(user_cart))
                .filter(carts::coupon_code.is_null())
                .set(carts::coupon_code.eq(code))
                .execute(conn)
                .await?;
        }
        diesel::delete(carts::table.find(guest_cart))
            .execute(conn)
            .await?;
        Ok(user_cart)
    })
    .await
}
