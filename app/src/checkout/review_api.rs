//! The checkout's last step: the review of what is ordered, where it goes and exactly what it
//! costs (taxed for the delivery country, with the chosen method), and placing the order with
//! the card — one transaction (see `domain::checkout::place`), idempotent by the form's key.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cart::api::CartView;
use crate::error::AppError;
use crate::ui::time::Instant;

/// The review page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    /// The cart priced for the chosen method and the delivery country.
    pub cart: CartView,
    pub email: String,
    /// The delivery address as label lines.
    pub ship_to: Vec<String>,
    pub method_name: String,
    /// A fresh key for this form: submitting it twice places one order.
    pub idempotency_key: String,
    /// Until when the cart's stock is held.
    pub held_until: Option<Instant>,
}

/// What the review page can show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Review {
    EmptyCart,
    /// No details entered in this session (or they no longer hold): back to the first step.
    NeedsDetails,
    Ready(Box<ReviewData>),
}

/// The review of the caller's checkout (its stock was held by the details step).
#[server(prefix = "/api", endpoint = "checkout_review")]
pub async fn checkout_review() -> Result<Review, AppError> {
    let caller = crate::cart::session::caller_cart(false).await?;
    let Some(cart_id) = caller.cart_id else {
        return Ok(Review::EmptyCart);
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (held_until, contents) = super::api::read_cart(&mut conn, cart_id).await?;
    if contents.lines.is_empty() {
        return Ok(Review::EmptyCart);
    }
    let Some(typed) = super::details::recall().await? else {
        return Ok(Review::NeedsDetails);
    };
    let details = match super::details::resolve(&mut conn, &typed, caller.user.as_ref()).await {
        Ok(d) => d,
        Err(AppError::Fields { .. } | AppError::NotFound) => return Ok(Review::NeedsDetails),
        Err(e) => return Err(e),
    };
    let quote = domain::checkout::quote::quote(
        &mut conn,
        &contents,
        Some(&details.shipping_method),
        &details.address.country,
        caller.user.as_ref().map(|u| u.id),
        Some(&details.email),
    )
    .await?;
    let cart =
        crate::cart::api::cart_view(&mut conn, &contents, &quote, &details.address.country).await?;
    Ok(Review::Ready(Box::new(ReviewData {
        method_name: cart.shipping_name.clone().unwrap_or_default(),
        cart,
        email: details.email,
        ship_to: crate::orders::view::address_lines(details.address.into()),
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        held_until,
    })))
}

/// A checkout refused by the domain, as the message the shopper sees.
#[cfg(feature = "ssr")]
fn checkout_error(e: domain::checkout::place::CheckoutError) -> AppError {
    use domain::checkout::place::CheckoutError as E;
    match e {
        E::EmptyCart => AppError::conflict("Your cart is empty: nothing was ordered."),
        E::Unavailable { name, .. } => AppError::conflict(format!(
            "{name} is no longer sold. Remove it from your cart to check out; nothing was charged."
        )),
        E::OutOfStock {
            name, available: 0, ..
        } => AppError::conflict(format!(
            "Sorry, {name} is out of stock. Remove it from your cart; nothing was charged."
        )),
        E::OutOfStock {
            name, available, ..
        } => AppError::conflict(format!(
            "Only {available} of {name} left. Lower the quantity in your cart; nothing was charged."
        )),
        E::Coupon(r) => AppError::conflict(format!(
            "Your coupon no longer applies: {} Remove it from your cart to go on.",
            crate::cart::api::coupon_message(&r)
        )),
        E::UnknownShipping => AppError::conflict(
            "That delivery method is no longer offered: change your details to choose another.",
        ),
        E::Declined { reason } => AppError::validation(
            "card_number",
            format!("The payment was declined ({reason}). Nothing was charged: try another card."),
        ),
        E::PaymentUnavailable(why) => {
            tracing::warn!(error = %why, "payment provider unavailable at checkout");
            AppError::conflict(
                "The payment service did not answer. Nothing was charged: please try again.",
            )
        }
        E::KeyInUse => AppError::conflict("This checkout form was already used. Reload the page."),
        E::Raced | E::Email(_) | E::Database(_) => AppError::internal(e),
    }
}

/// Places the order with the details of the first step and this card; goes to the order's page.
/// A refused card comes back with the reason next to it (the number is never sent back).
#[server(prefix = "/api", endpoint = "place_order")]
pub async fn place_order(
    idempotency_key: String,
    card_number: String,
    card_expiry: String,
    card_cvc: String,
) -> Result<(), AppError> {
    use domain::checkout::place::{Buyer, PlaceOrder};
    let key = uuid::Uuid::parse_str(idempotency_key.trim())
        .map_err(|_| AppError::conflict("This checkout form is damaged. Reload the page."))?;
    let caller = crate::cart::session::caller_cart(false).await?;
    let cart_id = caller
        .cart_id
        .ok_or_else(|| AppError::conflict("Your cart is empty: nothing was ordered."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let lost = || {
        AppError::conflict(
            "Your delivery details need another look: go back to the details step. Nothing was charged.",
        )
    };
    let typed = super::details::recall().await?.ok_or_else(lost)?;
    let details = super::details::resolve(&mut conn, &typed, caller.user.as_ref())
        .await
        .map_err(|e| match e {
            AppError::Fields { .. } | AppError::NotFound => lost(),
            e => e,
        })?;
    let now = time::OffsetDateTime::now_utc();
    let card = super::fields::CardInput {
        number: card_number,
        expiry: card_expiry,
        cvc: card_cvc,
    }
    .validate((
        u32::try_from(now.year()).unwrap_or(0),
        u32::from(u8::from(now.month())),
    ))
    .map_err(AppError::invalid)?;
    let card = domain::payments::Card {
        number: card.number,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        cvc: card.cvc,
    };
    let placed = domain::checkout::place::place(
        &mut conn,
        ctx.services.payments.as_ref(),
        &PlaceOrder {
            cart_id,
            idempotency_key: key,
            buyer: Buyer {
                user_id: caller.user.as_ref().map(|u| u.id),
                email: details.email.clone(),
            },
            ship_to: details.address.clone().into(),
            shipping_code: &details.shipping_method,
            card: &card,
            public_url: &ctx.services.public_url,
            save_address: details.save_new_address.then_some(&details.address),
        },
    )
    .await
    .map_err(checkout_error)?;
    tracing::info!(order.number = %placed.number, order.new = placed.new, "order placed");
    if placed.stock_shown_changed {
        ctx.catalog_changed().await;
    }
    if caller.user.is_none() {
        crate::cart::session::remember_guest_order(&placed.number).await?;
    }
    leptos_axum::redirect(&format!("/orders/{}?placed=1", placed.number));
    Ok(())
}
