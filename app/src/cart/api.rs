//! The caller's cart: read it, count it, add, change, remove, apply or drop a coupon. A guest's
//! cart lives with their session; a signed-in user's with their account. Stock is checked on
//! every change, with the reason next to the quantity when it is refused.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::time::Instant;

/// Money lines of a cart or order, in cents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsView {
    pub currency: String,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
    pub total: i64,
    pub tax_rate_bp: i32,
}

/// One cart line as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLineView {
    pub sku: String,
    /// The studio result printed (a print line), whose picture the line shows.
    pub result: Option<String>,
    pub name: String,
    pub slug: String,
    pub options: Vec<(String, String)>,
    pub unit_cents: i64,
    pub line_cents: i64,
    pub currency: String,
    pub quantity: i32,
    pub available: i32,
    /// What keeps the line from being bought as it is.
    pub problem: Option<String>,
    /// The product's first picture, once it has one.
    pub image: Option<crate::ui::image::ImageView>,
}

/// The cart's coupon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponView {
    pub code: String,
    pub description: String,
    /// Why it does not apply now, if it does not.
    pub refused: Option<String>,
}

/// The stock hold of a cart in checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoldView {
    None,
    /// Held until then.
    Until(Instant),
    /// The hold ran out then.
    Expired(Instant),
}

/// The whole cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    pub coupon: Option<CouponView>,
    pub totals: TotalsView,
    /// The shipping method priced in.
    pub shipping_name: Option<String>,
    /// The country tax was computed for.
    pub tax_country: String,
    pub hold: HoldView,
    pub item_count: i64,
    /// Whether every line can be bought as it is (checkout is possible).
    pub ready: bool,
}

impl CartView {
    /// An empty cart.
    pub fn empty() -> Self {
        Self {
            lines: Vec::new(),
            coupon: None,
            totals: TotalsView {
                currency: "EUR".to_owned(),
                ..TotalsView::default()
            },
            shipping_name: None,
            tax_country: String::new(),
            hold: HoldView::None,
            item_count: 0,
            ready: false,
        }
    }
}

/// The message for a refused coupon.
#[cfg(feature = "ssr")]
pub fn coupon_message(r: &domain::checkout::coupons::CouponRefusal) -> String {
    use domain::checkout::coupons::CouponRefusal as R;
    match r {
        R::MinimumNotMet {
            min_cents,
            missing_cents,
        } => format!(
            "This code needs a subtotal of {}: add {} more.",
            crate::catalog::money::format_price(*min_cents, "EUR"),
            crate::catalog::money::format_price(*missing_cents, "EUR")
        ),
        other => other.to_string(),
    }
}

/// The wire view of a cart and its quote, each line with its product's first picture.
#[cfg(feature = "ssr")]
pub async fn cart_view(
    conn: &mut domain::db::PooledConn,
    contents: &domain::cart::lines::CartContents,
    quote: &domain::checkout::quote::Quote,
    tax_country: &str,
) -> Result<CartView, AppError> {
    use domain::cart::lines::{Hold, LineProblem};
    let product_ids: Vec<i64> = contents.lines.iter().map(|l| l.product_id).collect();
    let images = domain::media::queries::first_images(conn, &product_ids).await?;
    let mut pictures = std::collections::HashMap::new();
    for id in contents.lines.iter().filter_map(|l| l.result_id) {
        if let Some(r) = domain::studio::results::get(conn, id).await? {
            let ctx = crate::server_context::ServerContext::current()?;
            let src = crate::studio::photos_api::signed::sized(
                &ctx.services,
                r.media_id,
                &r.content_type,
                &r.variant_widths,
                150,
            );
            pictures.insert(
                id,
                crate::ui::image::ImageView {
                    src,
                    srcset_webp: String::new(),
                    srcset_jpeg: String::new(),
                    width: r.width,
                    height: r.height,
                    alt: format!("Your picture: {}", r.title()),
                },
            );
        }
    }
    let currency = contents
        .lines
        .first()
        .map_or_else(|| "EUR".to_owned(), |l| l.currency.clone());
    let lines = contents
        .lines
        .iter()
        .map(|l| CartLineView {
            sku: l.sku.clone(),
            result: l.result_id.map(|id| id.to_string()),
            name: l.product_name.clone(),
            slug: l.product_slug.clone(),
            options: l.option_pairs(),
            unit_cents: l.unit_cents,
            line_cents: l.unit_cents * i64::from(l.quantity),
            currency: l.currency.clone(),
            quantity: l.quantity,
            available: l.available.max(0),
            image: match l.result_id {
                Some(id) => pictures.get(&id).cloned(),
                None => images
                    .get(&l.product_id)
                    .map(crate::ui::image::ImageView::from),
            },
            problem: l.problem().map(|p| match p {
                LineProblem::Unavailable => "No longer sold: remove it to check out.".to_owned(),
                LineProblem::OutOfStock => "Out of stock: remove it to check out.".to_owned(),
                LineProblem::NotEnough { available } => {
                    format!("Only {available} left: lower the quantity to check out.")
                }
            }),
        })
        .collect();
    let t = quote.totals;
    Ok(CartView {
        lines,
        coupon: quote.coupon.as_ref().map(|c| CouponView {
            code: c.code.clone(),
            description: c.description.clone(),
            refused: c.refusal.as_ref().map(coupon_message),
        }),
        totals: TotalsView {
            currency,
            subtotal: t.subtotal,
            discount: t.discount,
            shipping: t.shipping,
            tax: t.tax,
            total: t.total,
            tax_rate_bp: t.tax_rate_bp,
        },
        shipping_name: quote.shipping.as_ref().map(|m| m.name.clone()),
        tax_country: tax_country.to_owned(),
        hold: match contents.hold {
            Hold::None => HoldView::None,
            Hold::Until(at) => HoldView::Until(at.into()),
            Hold::Expired(at) => HoldView::Expired(at.into()),
        },
        item_count: contents.item_count(),
        ready: contents.ready(),
    })
}

/// The country the caller's cart is taxed for before checkout: their default address's, else
/// the shop's.
#[cfg(feature = "ssr")]
pub async fn tax_country(
    conn: &mut domain::db::PooledConn,
    user: Option<&domain::accounts::User>,
) -> Result<String, AppError> {
    let Some(user) = user else {
        return Ok(domain::checkout::HOME_COUNTRY.to_owned());
    };
    let addresses = domain::accounts::addresses::list(conn, user.id).await?;
    Ok(addresses
        .into_iter()
        .find(|a| a.is_default)
        .map_or_else(|| domain::checkout::HOME_COUNTRY.to_owned(), |a| a.country))
}

/// The caller's cart (empty when they have none).
#[server(prefix = "/api", endpoint = "cart")]
pub async fn my_cart() -> Result<CartView, AppError> {
    let caller = super::session::caller_cart(false).await?;
    let Some(cart_id) = caller.cart_id else {
        return Ok(CartView::empty());
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let contents = domain::cart::lines::contents(&mut conn, cart_id)
        .await
        .map_err(db)?;
    let country = tax_country(&mut conn, caller.user.as_ref()).await?;
    let quote = domain::checkout::quote::quote(
        &mut conn,
        &contents,
        None,
        &country,
        caller.user.as_ref().map(|u| u.id),
        None,
    )
    .await
    .map_err(db)?;
    cart_view(&mut conn, &contents, &quote, &country).await
}

/// Units in the caller's cart, for the header.
#[server(prefix = "/api", endpoint = "cart_count")]
pub async fn cart_count() -> Result<i64, AppError> {
    let caller = super::session::caller_cart(false).await?;
    let Some(cart_id) = caller.cart_id else {
        return Ok(0);
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::cart::lines::item_count(&mut conn, cart_id)
        .await
        .map_err(AppError::internal)
}

/// A cart change refused by the domain, as the message next to the quantity.
#[cfg(feature = "ssr")]
fn cart_error(e: domain::cart::CartError) -> AppError {
    use domain::cart::CartError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::Unavailable => AppError::validation("quantity", "This item is no longer sold."),
        E::NotEnoughStock { available: 0 } => {
            AppError::validation("quantity", "Sorry, this is out of stock.")
        }
        E::NotEnoughStock { available } => AppError::validation(
            "quantity",
            format!("Only {available} available: choose {available} or fewer."),
        ),
        E::TooMany => AppError::validation(
            "quantity",
            format!("At most {} of one item.", domain::cart::MAX_QUANTITY),
        ),
        E::Full => AppError::validation(
            "quantity",
            format!(
                "A cart holds at most {} different items.",
                domain::cart::MAX_LINES
            ),
        ),
        E::NeedsPicture => AppError::validation(
            "quantity",
            "Prints are ordered from a picture: open your studio gallery and choose “Order as a print”.",
        ),
        E::Database(e) => AppError::internal(e),
    }
}

/// The variant with `sku`, or 404.
#[cfg(feature = "ssr")]
async fn variant(conn: &mut domain::db::PooledConn, sku: &str) -> Result<i64, AppError> {
    domain::cart::variant_by_sku(conn, sku)
        .await?
        .ok_or(AppError::NotFound)
}

/// A quantity typed in a form.
#[cfg(feature = "ssr")]
fn parse_quantity(raw: Option<&str>, default: i32) -> Result<i32, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => s
            .parse::<i32>()
            .ok()
            .filter(|q| *q >= 0)
            .ok_or_else(|| AppError::validation("quantity", "Enter a whole number.")),
    }
}

/// Adds `quantity` (default 1) of the variant with `sku`, then a plain form post goes to `next`
/// (a local path; the cart by default) and an island's call stays on its page.
#[server(prefix = "/api", endpoint = "add_to_cart")]
pub async fn add_to_cart(
    sku: String,
    quantity: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    // Errors carry the SKU, so the form that posted (of several on a listing) shows them.
    let keep = |e: AppError| e.keeping(&sku);
    let quantity = parse_quantity(quantity.as_deref(), 1).map_err(keep)?.max(1);
    let caller = super::session::caller_cart(true).await?;
    let cart_id = caller.cart_id.ok_or(AppError::Internal)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let variant_id = variant(&mut conn, &sku).await?;
    domain::cart::edits::add(&mut conn, cart_id, variant_id, quantity)
        .await
        .map_err(|e| keep(cart_error(e)))?;
    let next = next.unwrap_or_default();
    crate::accounts::redirect::redirect_plain_form(crate::accounts::redirect::local_path_or(
        &next, "/cart",
    ));
    Ok(())
}

/// The line of `sku` (and, for a print, of `result`).
#[cfg(feature = "ssr")]
async fn line_key(
    conn: &mut domain::db::PooledConn,
    sku: &str,
    result: Option<&str>,
) -> Result<domain::cart::edits::LineKey, AppError> {
    let result_id = match result.map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => Some(uuid::Uuid::parse_str(r).map_err(|_| AppError::NotFound)?),
    };
    Ok(domain::cart::edits::LineKey {
        variant_id: variant(conn, sku).await?,
        result_id,
    })
}

/// Sets the quantity of the line with `sku` (and `result`, for a print; 0 removes it), then
/// back to the cart.
#[server(prefix = "/api", endpoint = "update_cart_line")]
pub async fn update_cart_line(
    sku: String,
    quantity: String,
    result: Option<String>,
) -> Result<(), AppError> {
    let quantity = parse_quantity(Some(&quantity), 1)?;
    let caller = super::session::caller_cart(false).await?;
    let cart_id = caller.cart_id.ok_or(AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let key = line_key(&mut conn, &sku, result.as_deref()).await?;
    domain::cart::edits::set_quantity(&mut conn, cart_id, key, quantity)
        .await
        .map_err(|e| cart_error(e).keeping(&(sku.clone(), quantity)))?;
    crate::accounts::redirect::redirect_plain_form("/cart");
    Ok(())
}

/// Removes the line with `sku` (and `result`, for a print), then back to the cart.
#[server(prefix = "/api", endpoint = "remove_cart_line")]
pub async fn remove_cart_line(sku: String, result: Option<String>) -> Result<(), AppError> {
    let caller = super::session::caller_cart(false).await?;
    if let Some(cart_id) = caller.cart_id {
        let ctx = crate::server_context::ServerContext::current()?;
        let mut conn = ctx.conn().await?;
        let key = line_key(&mut conn, &sku, result.as_deref()).await?;
        domain::cart::edits::remove(&mut conn, cart_id, key).await?;
    }
    crate::accounts::redirect::redirect_plain_form("/cart");
    Ok(())
}

/// Applies a coupon code to the caller's cart (refused with the reason next to the field).
/// Throttled per client, so codes cannot be guessed by brute force.
#[server(prefix = "/api", endpoint = "apply_coupon")]
pub async fn apply_coupon(code: String) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    use domain::checkout::coupons::{self, CouponError};
    let ctx = ServerContext::current()?;
    ctx.throttle(
        domain::rate_limit::Rule::CouponPerIp,
        &ServerContext::client_ip().rate_key(),
    )
    .await?;
    if code.trim().is_empty() {
        return Err(AppError::validation("code", "Enter a code."));
    }
    let caller = super::session::caller_cart(true).await?;
    let cart_id = caller.cart_id.ok_or(AppError::Internal)?;
    let mut conn = ctx.conn().await?;
    let contents = domain::cart::lines::contents(&mut conn, cart_id).await?;
    let subtotal = domain::checkout::quote::subtotal(&contents);
    let (coupon, _) = coupons::check_code(
        &mut conn,
        &code,
        subtotal,
        caller.user.as_ref().map(|u| u.id),
        caller.user.as_ref().map(|u| u.email.as_str()),
    )
    .await
    .map_err(|e| match e {
        CouponError::Refused(r) => AppError::validation("code", coupon_message(&r)),
        CouponError::Database(e) => AppError::internal(e),
    })?;
    domain::cart::edits::set_coupon(&mut conn, cart_id, Some(&coupon.code)).await?;
    crate::accounts::redirect::redirect_plain_form("/cart");
    Ok(())
}

/// Takes the coupon off the caller's cart.
#[server(prefix = "/api", endpoint = "remove_coupon")]
pub async fn remove_coupon() -> Result<(), AppError> {
    let caller = super::session::caller_cart(false).await?;
    if let Some(cart_id) = caller.cart_id {
        let ctx = crate::server_context::ServerContext::current()?;
        let mut conn = ctx.conn().await?;
        domain::cart::edits::set_coupon(&mut conn, cart_id, None).await?;
    }
    crate::accounts::redirect::redirect_plain_form("/cart");
    Ok(())
}
