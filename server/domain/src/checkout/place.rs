//! Placing an order: one database transaction that locks the cart, then the cart's variant
//! rows in id order (`FOR UPDATE`), checks stock against other carts' holds, claims the coupon,
//! writes the order, its lines (name, SKU, options and price copied now), decrements stock,
//! empties the cart, takes the payment and records it, and queues the confirmation email and
//! notification. Either all of it commits or none of it.
//!
//! Idempotency: the form's key is unique on `orders`. A second submit of the same key waits on
//! the cart's lock, then finds the order and returns it; should two ever race past that, the
//! unique constraint lets exactly one insert, and the other rolls back before it charges.

use std::sync::Mutex;

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use diesel::sql_types::{Array, BigInt, Bool, Integer, Jsonb, Text, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::coupons::{self, CouponError, CouponRefusal};
use super::shipping;
use super::totals::{self, PricedLine};
use crate::db::schema::{carts, order_lines, orders};
use crate::orders::{Actor, Order, OrderLine, OrderNumber, OrderStatus, ShipTo, events};
use crate::payments::{Card, ChargeRequest, PaymentError, PaymentProvider};

/// Who is buying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buyer {
    pub user_id: Option<Uuid>,
    pub email: String,
}

/// Everything the checkout form says.
#[derive(Debug, Clone)]
pub struct PlaceOrder<'a> {
    pub cart_id: Uuid,
    pub idempotency_key: Uuid,
    pub buyer: Buyer,
    pub ship_to: ShipTo,
    pub shipping_code: &'a str,
    pub card: &'a Card,
    /// The site's origin, for the link in the confirmation email.
    pub public_url: &'a str,
    /// The delivery address to add to the signed-in buyer's address book with the order (they
    /// asked to at checkout): saved in the order's transaction, so only with an order that
    /// commits, and never twice for a double submit.
    pub save_address: Option<&'a crate::accounts::addresses::AddressFields>,
}

/// The placed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub order_id: i64,
    pub number: String,
    /// False when the key had already placed this order (a double submit).
    pub new: bool,
    /// Whether a variant sold out or went low (pages showing its stock must be refreshed).
    pub stock_shown_changed: bool,
}

/// Why no order was placed (nothing was charged and nothing changed).
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("{name} is no longer sold")]
    Unavailable { name: String, sku: String },
    #[error("{name}: only {available} left")]
    OutOfStock {
        name: String,
        sku: String,
        available: i32,
    },
    #[error("coupon: {0}")]
    Coupon(CouponRefusal),
    #[error("no such shipping method")]
    UnknownShipping,
    #[error("payment declined: {reason}")]
    Declined { reason: String },
    #[error("payment service unavailable: {0}")]
    PaymentUnavailable(String),
    /// The key placed another buyer's order (a forged or leaked form).
    #[error("this checkout form was already used")]
    KeyInUse,
    /// A concurrent submit of the same key committed first (handled inside [`place`]).
    #[error("a concurrent submit placed this order")]
    Raced,
    /// The confirmation email could not be written.
    #[error("email: {0}")]
    Email(String),
    #[error("database: {0}")]
    Database(#[from] DbError),
}

impl From<crate::orders::transitions::TransitionError> for CheckoutError {
    fn from(e: crate::orders::transitions::TransitionError) -> Self {
        use crate::orders::transitions::TransitionError as T;
        match e {
            T::Database(e) => Self::Database(e),
            T::Email(e) => Self::Email(e.to_string()),
            T::NotFound | T::Illegal { .. } => Self::Database(DbError::NotFound),
        }
    }
}

impl From<CouponError> for CheckoutError {
    fn from(e: CouponError) -> Self {
        match e {
            CouponError::Refused(r) => Self::Coupon(r),
            CouponError::Database(e) => Self::Database(e),
        }
    }
}

/// A cart line with its variant locked.
#[derive(Debug, Clone, QueryableByName)]
struct LockedLine {
    #[diesel(sql_type = BigInt)]
    variant_id: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<SqlUuid>)]
    result_id: Option<uuid::Uuid>,
    #[diesel(sql_type = Integer)]
    quantity: i32,
    #[diesel(sql_type = Text)]
    sku: String,
    #[diesel(sql_type = Jsonb)]
    options: serde_json::Value,
    #[diesel(sql_type = BigInt)]
    price_cents: i64,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Integer)]
    stock: i32,
    #[diesel(sql_type = Bool)]
    sellable: bool,
    #[diesel(sql_type = BigInt)]
    product_id: i64,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    slug: String,
}

#[derive(QueryableByName)]
struct Held {
    #[diesel(sql_type = BigInt)]
    variant_id: i64,
    #[diesel(sql_type = BigInt)]
    held: i64,
}

#[derive(QueryableByName)]
struct Decremented {
    #[diesel(sql_type = BigInt)]
    product_id: i64,
    #[diesel(sql_type = Integer)]
    stock: i32,
    #[diesel(sql_type = Integer)]
    low_stock_threshold: i32,
}

/// An order the key already placed, if any (refused when it is another buyer's).
async fn existing(
    conn: &mut AsyncPgConnection,
    req: &PlaceOrder<'_>,
) -> Result<Option<Placed>, CheckoutError> {
    let found: Option<(i64, String, Option<Uuid>, String)> = orders::table
        .filter(orders::idempotency_key.eq(req.idempotency_key))
        .select((orders::id, orders::number, orders::user_id, orders::email))
        .first(conn)
        .await
        .optional()?;
    let Some((order_id, number, user_id, email)) = found else {
        return Ok(None);
    };
    let same_buyer = match (user_id, req.buyer.user_id) {
        (Some(a), Some(b)) => a == b,
        (None, None) => email.eq_ignore_ascii_case(&req.buyer.email),
        _ => false,
    };
    if !same_buyer {
        return Err(CheckoutError::KeyInUse);
    }
    Ok(Some(Placed {
        order_id,
        number,
        new: false,
        stock_shown_changed: false,
    }))
}

/// Whether a failed transaction should simply be run again.
fn retryable(e: &CheckoutError) -> bool {
    match e {
        CheckoutError::Database(DbError::DatabaseError(kind, info)) => {
            matches!(kind, DatabaseErrorKind::SerializationFailure)
                || info.message().contains("deadlock detected")
        }
        _ => false,
    }
}

/// Places the order for `req` (see the module documentation), charging through `provider`.
pub async fn place(
    conn: &mut AsyncPgConnection,
    provider: &dyn PaymentProvider,
    req: &PlaceOrder<'_>,
) -> Result<Placed, CheckoutError> {
    // A repeated key is answered inside the transaction, after the cart's lock (a submit
    // racing the first one waits for it there), so new orders pay no extra query for it.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let authorized = Mutex::new(None::<String>);
        let result = conn
            .transaction(async |conn| place_once(conn, provider, req, &authorized).await)
            .await;
        let Err(error) = result else {
            return result;
        };
        // The charge is released when its order did not commit.
        let reference = authorized.lock().ok().and_then(|mut r| r.take());
        if let Some(reference) = reference
            && let Err(e) = provider.void(&reference).await
        {
            tracing::error!(payment.reference = %reference, error = %e,
                "could not void the authorisation of an order that did not commit");
        }
        match error {
            CheckoutError::Raced => {
                // The key was taken by a concurrent submit: answer with its order.
                return existing(conn, req).await?.ok_or(CheckoutError::Raced);
            }
            e if retryable(&e) && attempt < 3 => {
                tracing::info!(
                    attempt,
                    "checkout transaction retried after a lock conflict"
                );
            }
            e => return Err(e),
        }
    }
}

/// One try at the transaction's body.
async fn place_once(
    conn: &mut AsyncPgConnection,
    provider: &dyn PaymentProvider,
    req: &PlaceOrder<'_>,
    authorized: &Mutex<Option<String>>,
) -> Result<Placed, CheckoutError> {
    // The cart's lock makes submits of one cart take turns.
    let coupon_code: Option<Option<String>> = carts::table
        .find(req.cart_id)
        .select(carts::coupon_code)
        .for_update()
        .first(conn)
        .await
        .optional()?;
    if let Some(placed) = existing(conn, req).await? {
        return Ok(placed);
    }
    let Some(coupon_code) = coupon_code else {
        return Err(CheckoutError::EmptyCart);
    };

    // Variant rows locked in id order, so concurrent checkouts never deadlock on them.
    let lines: Vec<LockedLine> = super::place_queries::LockLines {
        cart_id: req.cart_id,
    }
    .load(conn)
    .await?;
    if lines.is_empty() {
        return Err(CheckoutError::EmptyCart);
    }
    let mut ids: Vec<i64> = lines.iter().map(|l| l.variant_id).collect();
    ids.dedup();
    // Read after the locks, so holds committed meanwhile are seen.
    let held: Vec<Held> = super::place_queries::OthersHolds {
        variant_ids: ids.clone(),
        cart_id: req.cart_id,
    }
    .load(conn)
    .await?;
    for line in &lines {
        if !line.sellable {
            return Err(CheckoutError::Unavailable {
                name: line.name.clone(),
                sku: line.sku.clone(),
            });
        }
        let others = held
            .iter()
            .find(|h| h.variant_id == line.variant_id)
            .map_or(0, |h| h.held);
        let available = i64::from(line.stock) - others;
        // Lines of one variant (prints of several pictures) share its stock.
        let wanted: i64 = lines
            .iter()
            .filter(|l| l.variant_id == line.variant_id)
            .map(|l| i64::from(l.quantity))
            .sum();
        if available < wanted {
            return Err(CheckoutError::OutOfStock {
                name: line.name.clone(),
                sku: line.sku.clone(),
                available: i32::try_from(available.max(0)).unwrap_or(0),
            });
        }
    }

    let priced: Vec<PricedLine> = lines
        .iter()
        .map(|l| PricedLine {
            unit_cents: l.price_cents,
            quantity: l.quantity,
        })
        .collect();
    let subtotal = totals::compute(&priced, None, None, 0).subtotal;
    let coupon = match &coupon_code {
        Some(code) => Some(
            coupons::claim(
                conn,
                code,
                subtotal,
                req.buyer.user_id,
                &req.buyer.email,
                &req.ship_to.place_key(),
            )
            .await?,
        ),
        None => None,
    };
    let method = shipping::find_active(conn, req.shipping_code)
        .await?
        .ok_or(CheckoutError::UnknownShipping)?;
    let rate = shipping::tax_rate(conn, &req.ship_to.country).await?;
    let money = totals::compute(
        &priced,
        coupon.as_ref().map(|(_, d)| *d),
        Some(method.charge()),
        rate,
    );
    let currency = <[LockedLine]>::first(&lines).map_or_else(
        || crate::catalog::CURRENCY.to_owned(),
        |l| l.currency.clone(),
    );

    let number = OrderNumber::generate();
    let ship_to = serde_json::to_value(&req.ship_to).unwrap_or_default();
    let order: Option<Order> = diesel::insert_into(orders::table)
        .values((
            orders::number.eq(number.as_str()),
            orders::idempotency_key.eq(req.idempotency_key),
            orders::user_id.eq(req.buyer.user_id),
            orders::email.eq(&req.buyer.email),
            orders::status.eq(OrderStatus::PendingPayment.as_str()),
            orders::currency.eq(&currency),
            orders::subtotal_cents.eq(money.subtotal),
            orders::discount_cents.eq(money.discount),
            orders::shipping_cents.eq(money.shipping),
            orders::tax_cents.eq(money.tax),
            orders::total_cents.eq(money.total),
            orders::tax_rate_bp.eq(money.tax_rate_bp),
            orders::coupon_id.eq(coupon.as_ref().map(|(c, _)| c.id)),
            orders::coupon_code.eq(coupon.as_ref().map(|(c, _)| c.code.clone())),
            orders::shipping_method.eq(&method.name),
            orders::ship_to.eq(&ship_to),
        ))
        .on_conflict(orders::idempotency_key)
        .do_nothing()
        .returning(Order::as_returning())
        .get_result(conn)
        .await
        .optional()?;
    let Some(mut order) = order else {
        // A concurrent submit of this key committed first.
        return Err(CheckoutError::Raced);
    };
    let order_id = order.id;

    let new_lines: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                order_lines::order_id.eq(order_id),
                order_lines::variant_id.eq(Some(l.variant_id)),
                order_lines::product_id.eq(Some(l.product_id)),
                order_lines::product_name.eq(&l.name),
                order_lines::product_slug.eq(&l.slug),
                order_lines::sku.eq(&l.sku),
                order_lines::options.eq(&l.options),
                order_lines::unit_price_cents.eq(l.price_cents),
                order_lines::quantity.eq(l.quantity),
                order_lines::line_total_cents.eq(l.price_cents * i64::from(l.quantity)),
                order_lines::result_id.eq(l.result_id),
            )
        })
        .collect();
    let written_lines: Vec<OrderLine> = diesel::insert_into(order_lines::table)
        .values(new_lines)
        .returning(OrderLine::as_returning())
        .get_results(conn)
        .await?;

    // One change per variant (its lines summed): an UPDATE … FROM would apply only one.
    let quantities: Vec<i32> = ids
        .iter()
        .map(|id| {
            lines
                .iter()
                .filter(|l| l.variant_id == *id)
                .map(|l| l.quantity)
                .sum()
        })
        .collect();
    let after: Vec<Decremented> = diesel::sql_query(
        "UPDATE product_variants v SET stock = v.stock - d.q, sold = v.sold + d.q \
         FROM unnest($1::bigint[], $2::int[]) AS d(id, q) \
         WHERE v.id = d.id \
         RETURNING v.product_id, v.stock, v.low_stock_threshold",
    )
    .bind::<Array<BigInt>, _>(&ids)
    .bind::<Array<Integer>, _>(&quantities)
    .load(conn)
    .await?;
    let mut sold_out: Vec<i64> = after
        .iter()
        .filter(|d| d.stock == 0)
        .map(|d| d.product_id)
        .collect();
    sold_out.sort_unstable();
    sold_out.dedup();
    if !sold_out.is_empty() {
        crate::catalog::writes::refresh_variant_summary(conn, &sold_out).await?;
    }
    let stock_shown_changed = after.iter().any(|d| d.stock <= d.low_stock_threshold);

    diesel::sql_query(
        "WITH items AS (DELETE FROM cart_items WHERE cart_id = $1), \
              holds AS (DELETE FROM stock_holds WHERE cart_id = $1) \
         UPDATE carts SET coupon_code = NULL, hold_expired_at = NULL WHERE id = $1",
    )
    .bind::<SqlUuid, _>(req.cart_id)
    .execute(conn)
    .await?;
    if let Some((coupon, _)) = &coupon {
        coupons::record_use(
            conn,
            coupon.id,
            order_id,
            req.buyer.user_id,
            &req.buyer.email,
            &req.ship_to.place_key(),
        )
        .await?;
    }

    if let (Some(user_id), Some(fields)) = (req.buyer.user_id, req.save_address) {
        // `create` runs in a savepoint: a full address book rolls back only the address, and is
        // no reason to refuse the order.
        if let Err(e) = crate::accounts::addresses::create(conn, user_id, fields, false).await {
            tracing::warn!(error = %e, "the checkout address was not added to the address book");
        }
    }

    // The charge, last: everything before it can still roll back for free.
    let charge = ChargeRequest {
        order_number: number.as_str(),
        amount_cents: money.total,
        currency: &currency,
        card: req.card,
    };
    let authorization = provider.authorize(&charge).await.map_err(payment_error)?;
    if let Ok(mut slot) = authorized.lock() {
        *slot = Some(authorization.reference.clone());
    }
    provider
        .capture(&authorization.reference, money.total)
        .await
        .map_err(payment_error)?;
    diesel::sql_query(
        "WITH paid AS (INSERT INTO payments (order_id, provider, reference, status, amount_cents, \
                                             currency, card_brand, card_last4) \
                       VALUES ($1, $2, $3, 'captured', $4, $5, $6, $7)) \
         UPDATE orders SET status = 'paid' WHERE id = $1",
    )
    .bind::<BigInt, _>(order_id)
    .bind::<Text, _>(provider.name())
    .bind::<Text, _>(&authorization.reference)
    .bind::<BigInt, _>(money.total)
    .bind::<Text, _>(&currency)
    .bind::<Text, _>(&authorization.card_brand)
    .bind::<Text, _>(&authorization.card_last4)
    .execute(conn)
    .await?;
    if lines.iter().any(|l| l.result_id.is_some()) {
        crate::jobs::queue::enqueue(conn, &crate::jobs::render_prints::RenderPrints { order_id })
            .await?;
    }
    let actor = req.buyer.user_id.map_or(Actor::Guest, Actor::Customer);
    events::record(
        conn,
        order_id,
        &[
            (None, OrderStatus::PendingPayment),
            (Some(OrderStatus::PendingPayment), OrderStatus::Paid),
        ],
        actor,
        &format!(
            "{} ending {} charged",
            authorization.card_brand, authorization.card_last4
        ),
    )
    .await?;
    OrderStatus::Paid.as_str().clone_into(&mut order.status);
    crate::orders::transitions::announce_order(
        conn,
        &order,
        Some(&written_lines),
        OrderStatus::Paid,
        req.public_url,
    )
    .await?;

    Ok(Placed {
        order_id,
        number: number.as_str().to_owned(),
        new: true,
        stock_shown_changed,
    })
}

/// A provider's refusal as a checkout error.
fn payment_error(e: PaymentError) -> CheckoutError {
    match e {
        PaymentError::Declined { reason } => CheckoutError::Declined { reason },
        PaymentError::Unavailable(why) => CheckoutError::PaymentUnavailable(why),
    }
}
