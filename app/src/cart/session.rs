//! Which cart is the caller's (server only): a signed-in user's own cart, or the guest cart
//! whose id this session keeps; and the merge of the guest cart into the user's at sign-in.

use uuid::Uuid;

use crate::accounts::auth::{current_user, session};
use crate::error::AppError;
use crate::server_context::ServerContext;

/// The session key holding a guest's cart id.
pub const GUEST_CART_KEY: &str = "cart_id";

/// The caller's cart and who they are.
#[derive(Debug, Clone)]
pub struct CallerCart {
    pub cart_id: Option<Uuid>,
    pub user: Option<domain::accounts::User>,
}

/// The caller's cart id; with `create`, a cart is made when they have none.
pub async fn caller_cart(create: bool) -> Result<CallerCart, AppError> {
    let ctx = ServerContext::current()?;
    let user = current_user().await?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    if let Some(user) = user {
        let cart_id = if create {
            Some(
                domain::cart::for_user(&mut conn, user.id)
                    .await
                    .map_err(db)?,
            )
        } else {
            domain::cart::find_for_user(&mut conn, user.id)
                .await
                .map_err(db)?
        };
        return Ok(CallerCart {
            cart_id,
            user: Some(user),
        });
    }
    let session = session().await?;
    let kept = session
        .get::<String>(GUEST_CART_KEY)
        .await?
        .and_then(|id| Uuid::parse_str(&id).ok());
    let existing = match kept {
        Some(id)
            if domain::cart::guest_exists(&mut conn, id)
                .await
                .map_err(db)? =>
        {
            Some(id)
        }
        _ => None,
    };
    let cart_id = match existing {
        Some(id) => Some(id),
        None if create => {
            let id = domain::cart::create_guest(&mut conn).await.map_err(db)?;
            session.insert(GUEST_CART_KEY, id.to_string()).await?;
            Some(id)
        }
        None => None,
    };
    Ok(CallerCart {
        cart_id,
        user: None,
    })
}

/// Moves this session's guest cart into `user_id`'s cart (called at sign-in).
pub async fn merge_guest_cart(user_id: Uuid) -> Result<(), AppError> {
    let session = session().await?;
    let Some(guest) = session
        .remove::<String>(GUEST_CART_KEY)
        .await?
        .and_then(|id| Uuid::parse_str(&id).ok())
    else {
        return Ok(());
    };
    let ctx = ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::cart::edits::merge_into_user(&mut conn, guest, user_id).await?;
    Ok(())
}

/// The session key listing the numbers of orders a guest placed in this session (so they may
/// see them until the session ends).
pub const GUEST_ORDERS_KEY: &str = "guest_orders";

/// Remembers that this session placed order `number` as a guest.
pub async fn remember_guest_order(number: &str) -> Result<(), AppError> {
    let session = session().await?;
    let mut numbers: Vec<String> = session.get(GUEST_ORDERS_KEY).await?.unwrap_or_default();
    numbers.retain(|n| n != number);
    numbers.push(number.to_owned());
    let keep = numbers.len().saturating_sub(20);
    numbers.drain(..keep);
    session
        .insert(GUEST_ORDERS_KEY, numbers)
        .await
        .map_err(AppError::internal)
}

/// Whether this session placed order `number` as a guest.
pub async fn placed_by_this_guest(number: &str) -> Result<bool, AppError> {
    let numbers: Vec<String> = session()
        .await?
        .get(GUEST_ORDERS_KEY)
        .await?
        .unwrap_or_default();
    Ok(numbers.iter().any(|n| n == number))
}
