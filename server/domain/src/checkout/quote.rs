//! The price of a cart as the cart and checkout pages show it: its lines at current prices,
//! the cart's coupon (or why it no longer applies), the chosen (or cheapest) shipping method
//! and the destination's tax, through the one totals function.

use diesel::QueryResult;
use diesel_async::AsyncPgConnection;
use uuid::Uuid;

use super::coupons::{self, CouponError, CouponRefusal};
use super::shipping::{self, ShippingMethod};
use super::totals::{self, PricedLine, Totals};
use crate::cart::lines::CartContents;

/// The cart's coupon and whether it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedCoupon {
    pub code: String,
    pub description: String,
    /// Why it does not apply now (the cart changed, it expired...), if it does not.
    pub refusal: Option<CouponRefusal>,
}

/// A priced cart.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub totals: Totals,
    pub coupon: Option<AppliedCoupon>,
    /// The method priced in (the chosen one, else the first active one).
    pub shipping: Option<ShippingMethod>,
    /// Every method the shopper may choose.
    pub methods: Vec<ShippingMethod>,
}

/// The lines that can be bought, as priced lines.
pub fn priced_lines(contents: &CartContents) -> Vec<PricedLine> {
    contents
        .lines
        .iter()
        .filter(|l| l.sellable)
        .map(|l| PricedLine {
            unit_cents: l.unit_cents,
            quantity: l.quantity,
        })
        .collect()
}

/// What the sellable lines of `contents` cost before discount, delivery and tax.
pub fn subtotal(contents: &CartContents) -> i64 {
    totals::compute(&priced_lines(contents), None, None, 0).subtotal
}

/// Prices `contents` for delivery to `country` by `shipping_code` (or the first method).
pub async fn quote(
    conn: &mut AsyncPgConnection,
    contents: &CartContents,
    shipping_code: Option<&str>,
    country: &str,
    user_id: Option<Uuid>,
    email: Option<&str>,
) -> QueryResult<Quote> {
    let lines = priced_lines(contents);
    let subtotal = totals::compute(&lines, None, None, 0).subtotal;
    let (coupon, discount) = match &contents.coupon_code {
        None => (None, None),
        Some(code) => match coupons::check_code(conn, code, subtotal, user_id, email).await {
            Ok((c, d)) => (
                Some(AppliedCoupon {
                    code: c.code,
                    description: c.description,
                    refusal: None,
                }),
                Some(d),
            ),
            Err(CouponError::Refused(refusal)) => (
                Some(AppliedCoupon {
                    code: code.clone(),
                    description: String::new(),
                    refusal: Some(refusal),
                }),
                None,
            ),
            Err(CouponError::Database(e)) => return Err(e),
        },
    };
    let methods = shipping::active_methods(conn).await?;
    let chosen = shipping_code
        .and_then(|code| methods.iter().find(|m| m.code == code))
        .or_else(|| methods.first())
        .cloned();
    let rate = shipping::tax_rate(conn, country).await?;
    let totals = totals::compute(&lines, discount, chosen.as_ref().map(|m| m.charge()), rate);
    Ok(Quote {
        totals,
        coupon,
        shipping: chosen,
        methods,
    })
}
