//! The checkout's server functions: the page's data (which also holds the cart's stock for 15
//! minutes) and placing the order. Guests check out with an email; signed-in shoppers pick a
//! saved address or save the new one.

// The checkout form has an address, a card and a few choices, and a server function takes
// them as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::accounts::address_api::SavedAddress;
use crate::accounts::address_fields::AddressInput;
use crate::cart::api::{CartView, TotalsView};
use crate::error::AppError;
use crate::ui::time::Instant;

/// A delivery method with what it costs this cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodView {
    pub code: String,
    pub name: String,
    pub days: String,
    /// What it adds to this cart (0 when free).
    pub shipping_cents: i64,
    pub free_over_cents: Option<i64>,
    /// The cart's totals with this method.
    pub totals: TotalsView,
}

/// What the checkout page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutData {
    pub cart: CartView,
    pub methods: Vec<MethodView>,
    /// The signed-in shopper's email (guests type one).
    pub email: Option<String>,
    pub addresses: Vec<SavedAddress>,
    /// A fresh key for this form: submitting it twice places one order.
    pub idempotency_key: String,
    /// Until when the cart's stock is held.
    pub held_until: Option<Instant>,
}

/// The checkout page's data; holds the cart's stock for 15 minutes.
#[server(prefix = "/api", endpoint = "checkout")]
pub async fn checkout_view() -> Result<CheckoutData, AppError> {
    let caller = crate::cart::session::caller_cart(false).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let Some(cart_id) = caller.cart_id else {
        return Ok(CheckoutData {
            cart: CartView::empty(),
            methods: Vec::new(),
            email: caller.user.map(|u| u.email),
            addresses: Vec::new(),
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            held_until: None,
        });
    };
    let held_until = domain::cart::holds::hold(&mut conn, cart_id)
        .await
        .map_err(db)?;
    let contents = domain::cart::lines::contents(&mut conn, cart_id)
        .await
        .map_err(db)?;
    let country = crate::cart::api::tax_country(&mut conn, caller.user.as_ref()).await?;
    let user_id = caller.user.as_ref().map(|u| u.id);
    let quote = domain::checkout::quote::quote(&mut conn, &contents, None, &country, user_id, None)
        .await
        .map_err(db)?;
    let cart = crate::cart::api::cart_view(&contents, &quote, &country);
    let mut methods = Vec::new();
    for m in &quote.methods {
        let q = domain::checkout::quote::quote(
            &mut conn,
            &contents,
            Some(&m.code),
            &country,
            user_id,
            None,
        )
        .await
        .map_err(db)?;
        methods.push(MethodView {
            code: m.code.clone(),
            name: m.name.clone(),
            days: if m.min_days == m.max_days {
                format!("{} working days", m.min_days)
            } else {
                format!("{}–{} working days", m.min_days, m.max_days)
            },
            shipping_cents: q.totals.shipping,
            free_over_cents: m.free_over_cents,
            totals: TotalsView {
                shipping: q.totals.shipping,
                tax: q.totals.tax,
                total: q.totals.total,
                ..cart.totals.clone()
            },
        });
    }
    let addresses = match &caller.user {
        Some(user) => domain::accounts::addresses::list(&mut conn, user.id)
            .await
            .map_err(db)?
            .into_iter()
            .map(SavedAddress::from)
            .collect(),
        None => Vec::new(),
    };
    Ok(CheckoutData {
        cart,
        methods,
        email: caller.user.map(|u| u.email),
        addresses,
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        held_until: held_until.map(Instant::from),
    })
}

/// The checkout form as typed, minus the card (kept for a no-JS post that bounces back).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedCheckout {
    pub email: String,
    pub address_id: String,
    pub address: AddressInput,
    pub shipping_method: String,
    pub save_address: bool,
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
        E::UnknownShipping => AppError::validation("shipping_method", "Choose a delivery method."),
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

/// Places the order: checks the form, then one transaction (see `domain::checkout::place`);
/// goes to the order's page.
#[server(prefix = "/api", endpoint = "place_order")]
pub async fn place_order(
    idempotency_key: String,
    email: Option<String>,
    address_id: Option<String>,
    full_name: Option<String>,
    line1: Option<String>,
    line2: Option<String>,
    city: Option<String>,
    region: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    phone: Option<String>,
    shipping_method: Option<String>,
    card_number: String,
    card_expiry: String,
    card_cvc: String,
    save_address: Option<String>,
) -> Result<(), AppError> {
    use domain::checkout::place::{Buyer, PlaceOrder};
    let typed = TypedCheckout {
        email: email.clone().unwrap_or_default(),
        address_id: address_id.clone().unwrap_or_default(),
        address: AddressInput {
            full_name: full_name.unwrap_or_default(),
            line1: line1.unwrap_or_default(),
            line2: line2.unwrap_or_default(),
            city: city.unwrap_or_default(),
            region: region.unwrap_or_default(),
            postal_code: postal_code.unwrap_or_default(),
            country: country.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
        },
        shipping_method: shipping_method.unwrap_or_default(),
        save_address: save_address.is_some(),
    };
    let keep = |e: AppError| e.keeping(&typed);
    let key = uuid::Uuid::parse_str(idempotency_key.trim()).map_err(|_| {
        keep(AppError::conflict(
            "This checkout form is damaged. Reload the page.",
        ))
    })?;
    let caller = crate::cart::session::caller_cart(false).await?;
    let cart_id = caller
        .cart_id
        .ok_or_else(|| AppError::conflict("Your cart is empty: nothing was ordered."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;

    let mut errors: Vec<(&str, String)> = Vec::new();
    let buyer_email = match &caller.user {
        Some(user) => user.email.clone(),
        None => match crate::accounts::fields::Email::parse(&typed.email) {
            Ok(e) => e.as_str().to_owned(),
            Err(m) => {
                errors.push(("email", m.to_owned()));
                String::new()
            }
        },
    };
    let saved_address = match (&caller.user, typed.address_id.trim()) {
        (Some(user), id) if !id.is_empty() && id != "new" => {
            let id = uuid::Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
            let a = domain::accounts::addresses::find(&mut conn, user.id, id)
                .await
                .map_err(AppError::internal)?
                .ok_or(AppError::NotFound)?;
            Some(SavedAddress::from(a).fields)
        }
        _ => None,
    };
    let address = match saved_address {
        Some(a) => Some(a),
        None => match typed.address.validate() {
            Ok(valid) => Some(valid.into_fields()),
            Err(list) => {
                errors.extend(list.into_iter().map(|(f, m)| (f, m.to_owned())));
                None
            }
        },
    };
    let now = time::OffsetDateTime::now_utc();
    let card = super::fields::CardInput {
        number: card_number,
        expiry: card_expiry,
        cvc: card_cvc,
    }
    .validate((
        u32::try_from(now.year()).unwrap_or(0),
        u32::from(u8::from(now.month())),
    ));
    let card = match card {
        Ok(c) => Some(c),
        Err(list) => {
            errors.extend(list.into_iter().map(|(f, m)| (f, m.to_owned())));
            None
        }
    };
    if typed.shipping_method.trim().is_empty() {
        errors.push(("shipping_method", "Choose a delivery method.".to_owned()));
    }
    let (Some(address), Some(card), true) = (address, card, errors.is_empty()) else {
        return Err(keep(AppError::invalid(
            errors.iter().map(|(f, m)| (*f, m.as_str())),
        )));
    };

    let card = domain::payments::Card {
        number: card.number,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        cvc: card.cvc,
    };
    let ship_to = domain::orders::ShipTo {
        full_name: address.full_name.clone(),
        line1: address.line1.clone(),
        line2: address.line2.clone(),
        city: address.city.clone(),
        region: address.region.clone(),
        postal_code: address.postal_code.clone(),
        country: address.country.clone(),
        phone: address.phone.clone(),
    };
    let placed = domain::checkout::place::place(
        &mut conn,
        ctx.payments.as_ref(),
        &PlaceOrder {
            cart_id,
            idempotency_key: key,
            buyer: Buyer {
                user_id: caller.user.as_ref().map(|u| u.id),
                email: buyer_email,
            },
            ship_to,
            shipping_code: typed.shipping_method.trim(),
            card: &card,
            public_url: &ctx.public_url,
        },
    )
    .await
    .map_err(|e| keep(checkout_error(e)))?;
    tracing::info!(order.number = %placed.number, order.new = placed.new, "order placed");
    if placed.stock_shown_changed {
        ctx.catalog_changed().await;
    }
    match &caller.user {
        None => crate::cart::session::remember_guest_order(&placed.number).await?,
        Some(user)
            if placed.new
                && typed.save_address
                && matches!(typed.address_id.trim(), "" | "new") =>
        {
            let fields = domain::accounts::addresses::AddressFields {
                full_name: address.full_name,
                line1: address.line1,
                line2: address.line2,
                city: address.city,
                region: address.region,
                postal_code: address.postal_code,
                country: address.country,
                phone: address.phone,
            };
            if let Err(e) =
                domain::accounts::addresses::create(&mut conn, user.id, &fields, false).await
            {
                tracing::warn!(error = %e, "the checkout address was not saved to the address book");
            }
        }
        Some(_) => {}
    }
    leptos_axum::redirect(&format!("/orders/{}?placed=1", placed.number));
    Ok(())
}
