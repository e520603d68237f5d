//! The checkout's first step: its page's data and its form (whose post holds the cart's stock for 15
//! minutes) and saving the details — contact, delivery address, delivery method — for the
//! review step. Guests check out with an email; signed-in shoppers pick a saved address or
//! save the new one.

// The details form has an address and a few choices, and a server function takes them as
// arguments.
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
    /// The details this session entered last (coming back from the review to change them).
    pub remembered: Option<TypedCheckout>,
    /// Until when the cart's stock is held.
    pub held_until: Option<Instant>,
}

/// Reads the cart: until when its stock is held (the hold is taken by "Continue to review",
/// never by looking at a page) and what it holds. Both checkout steps start with this.
#[cfg(feature = "ssr")]
pub async fn read_cart(
    conn: &mut domain::db::PooledConn,
    cart_id: uuid::Uuid,
) -> Result<(Option<Instant>, domain::cart::lines::CartContents), AppError> {
    let held_until = domain::cart::holds::held_until(conn, cart_id).await?;
    let contents = domain::cart::lines::contents(conn, cart_id).await?;
    Ok((held_until.map(Instant::from), contents))
}

/// The checkout page's data (the caller's own cart only).
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
            remembered: None,
            held_until: None,
        });
    };
    let (held_until, contents) = read_cart(&mut conn, cart_id).await?;
    let country = crate::cart::api::tax_country(&mut conn, caller.user.as_ref()).await?;
    let user_id = caller.user.as_ref().map(|u| u.id);
    let quote = domain::checkout::quote::quote(&mut conn, &contents, None, &country, user_id, None)
        .await
        .map_err(db)?;
    let cart = crate::cart::api::cart_view(&mut conn, &contents, &quote, &country).await?;
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
        remembered: super::details::recall().await?,
        held_until,
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

/// Checks the details and keeps them for the review step, holds the cart's stock for 15
/// minutes (within the per-checkout and per-client caps), then goes there. A refused post
/// comes back with every message next to its field and the typed values kept.
#[server(prefix = "/api", endpoint = "checkout_details")]
pub async fn save_checkout_details(
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
    save_address: Option<String>,
) -> Result<(), AppError> {
    let typed = TypedCheckout {
        email: email.unwrap_or_default(),
        address_id: address_id.unwrap_or_default(),
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
    let caller = crate::cart::session::caller_cart(false).await?;
    if caller.cart_id.is_none() {
        return Err(AppError::conflict(
            "Your cart is empty: add something first.",
        ));
    }
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    super::details::resolve(&mut conn, &typed, caller.user.as_ref())
        .await
        .map_err(|e| e.keeping(&typed))?;
    super::details::remember(&typed).await?;
    if let Some(cart_id) = caller.cart_id {
        let client = crate::server_context::ServerContext::client_ip().rate_key();
        domain::cart::holds::hold(
            &mut conn,
            cart_id,
            &client,
            domain::cart::holds::HoldCaps::default(),
        )
        .await?;
    }
    leptos_axum::redirect("/checkout/review");
    Ok(())
}
