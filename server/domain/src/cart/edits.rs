//! Changing a cart: add, set a quantity, remove, apply a coupon code, and merge a guest's cart
//! into the user's at sign-in. Every change checks the stock available to this cart. A line is
//! a variant, or for a print a variant and the studio result printed ([`LineKey`]): a print is
//! only added with a result of the cart's own user.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::lines::availability;
use super::{CartError, MAX_LINES, MAX_QUANTITY, touch};
use crate::db::schema::{cart_items, carts, stock_holds, studio_results};

/// Which line of a cart: a variant, with the result printed for a print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineKey {
    pub variant_id: i64,
    pub result_id: Option<Uuid>,
}

impl From<i64> for LineKey {
    fn from(variant_id: i64) -> Self {
        Self {
            variant_id,
            result_id: None,
        }
    }
}

/// The line's row in `cart_id`, as a filter.
macro_rules! line_of {
    ($cart_id:expr, $key:expr) => {
        cart_items::table
            .filter(cart_items::cart_id.eq($cart_id))
            .filter(cart_items::variant_id.eq($key.variant_id))
            .filter(cart_items::result_id.is_not_distinct_from($key.result_id))
    };
}

/// Checks that a print line names a result of the cart's user, and that nothing else does.
async fn check_picture(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    key: LineKey,
) -> Result<(), CartError> {
    let is_print = crate::studio::prints::is_print(conn, key.variant_id).await?;
    match (is_print, key.result_id) {
        (false, None) => Ok(()),
        (true, None) => Err(CartError::NeedsPicture),
        (false, Some(_)) => Err(CartError::NotFound),
        (true, Some(result)) => {
            let owner: Option<Option<Uuid>> = carts::table
                .find(cart_id)
                .select(carts::user_id)
                .first(conn)
                .await
                .optional()?;
            let Some(Some(owner)) = owner else {
                return Err(CartError::NotFound);
            };
            let mine: i64 = studio_results::table
                .filter(studio_results::id.eq(result))
                .filter(studio_results::owner_id.eq(owner))
                .count()
                .get_result(conn)
                .await?;
            if mine == 1 {
                Ok(())
            } else {
                Err(CartError::NotFound)
            }
        }
    }
}

/// Checks that `quantity` of `variant_id` may be in the cart.
async fn check(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    key: LineKey,
    quantity: i32,
) -> Result<(), CartError> {
    let a = availability(conn, cart_id, key.variant_id, key.result_id)
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
    key: LineKey,
    quantity: i32,
) -> QueryResult<()> {
    let updated = diesel::update(line_of!(cart_id, key))
        .set(cart_items::quantity.eq(quantity))
        .execute(conn)
        .await?;
    if updated == 0 {
        // Two adds racing for a new line: the unique index keeps one, the other updates it.
        diesel::sql_query(
            "INSERT INTO cart_items (cart_id, variant_id, result_id, quantity) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (cart_id, variant_id, result_id) DO UPDATE SET quantity = EXCLUDED.quantity",
        )
        .bind::<diesel::sql_types::Uuid, _>(cart_id)
        .bind::<diesel::sql_types::BigInt, _>(key.variant_id)
        .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(key.result_id)
        .bind::<diesel::sql_types::Integer, _>(quantity)
        .execute(conn)
        .await?;
    }
    touch(conn, cart_id).await
}

/// Adds `quantity` (≥ 1) of a line (a variant, or a print of a result); returns the line's
/// new quantity.
pub async fn add(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    line: impl Into<LineKey>,
    quantity: i32,
) -> Result<i32, CartError> {
    let key = line.into();
    check_picture(conn, cart_id, key).await?;
    let current: Option<i32> = line_of!(cart_id, key)
        .select(cart_items::quantity)
        .first(conn)
        .await
        .optional()?;
    let wanted = current.unwrap_or(0).saturating_add(quantity.max(1));
    check(conn, cart_id, key, wanted).await?;
    put(conn, cart_id, key, wanted).await?;
    Ok(wanted)
}

/// Sets a line's quantity; 0 removes it. Only a line already in the cart is changed.
pub async fn set_quantity(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    line: impl Into<LineKey>,
    quantity: i32,
) -> Result<(), CartError> {
    let key = line.into();
    if quantity <= 0 {
        return remove(conn, cart_id, key).await.map_err(Into::into);
    }
    if key.result_id.is_some() {
        let present: i64 = line_of!(cart_id, key).count().get_result(conn).await?;
        if present == 0 {
            return Err(CartError::NotFound);
        }
    } else {
        check_picture(conn, cart_id, key).await?;
    }
    check(conn, cart_id, key, quantity).await?;
    put(conn, cart_id, key, quantity).await?;
    Ok(())
}

/// Removes a line (and the variant's hold, taken again at the next checkout).
pub async fn remove(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    line: impl Into<LineKey>,
) -> QueryResult<()> {
    let key = line.into();
    diesel::delete(line_of!(cart_id, key)).execute(conn).await?;
    diesel::delete(stock_holds::table.find((cart_id, key.variant_id)))
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
        let guest_lines: Vec<(i64, Option<Uuid>, i32)> = cart_items::table
            .filter(cart_items::cart_id.eq(guest_cart))
            .order(cart_items::added_at)
            .select((
                cart_items::variant_id,
                cart_items::result_id,
                cart_items::quantity,
            ))
            .load(conn)
            .await?;
        for (variant_id, result_id, quantity) in guest_lines {
            let key = LineKey {
                variant_id,
                result_id,
            };
            let Some(a) = availability(conn, user_cart, variant_id, result_id).await? else {
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
            put(conn, user_cart, key, merged).await?;
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
