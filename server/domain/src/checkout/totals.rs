//! The money of a cart or order, computed in one place: subtotal, discount, shipping, tax and
//! total, all integer cents.
//!
//! Rules (stated once, tested below):
//! - subtotal = Σ unit price × quantity;
//! - a percent discount is `subtotal × percent / 100` rounded half up; a fixed discount is its
//!   amount; either is capped at the subtotal (a discount never makes anything negative);
//! - shipping is the method's price, or 0 when the discounted subtotal reaches its free-over
//!   threshold (or the cart is empty);
//! - tax is `(subtotal − discount + shipping) × rate / 10 000` (rate in basis points, prices
//!   are before tax), rounded half up once on that sum, never per line;
//! - total = subtotal − discount + shipping + tax.

/// One priced line: unit price in cents and quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedLine {
    pub unit_cents: i64,
    pub quantity: i32,
}

/// What a coupon takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// Percent of the subtotal, 1..=100.
    Percent(i64),
    /// A fixed amount in cents.
    Fixed(i64),
}

/// The shipping a method charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShippingCharge {
    pub price_cents: i64,
    pub free_over_cents: Option<i64>,
}

/// The computed amounts, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Totals {
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub tax: i64,
    pub total: i64,
    /// The tax rate applied, in basis points.
    pub tax_rate_bp: i32,
}

/// `n × num / den` rounded half up, for non-negative `n` and `num` and positive `den`.
fn mul_div_round(n: i64, num: i64, den: i64) -> i64 {
    let wide = i128::from(n.max(0)) * i128::from(num.max(0));
    let den = i128::from(den.max(1));
    let rounded = (wide + den / 2) / den;
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// The totals of `lines` with an optional discount, shipping charge and tax rate.
pub fn compute(
    lines: &[PricedLine],
    discount: Option<Discount>,
    shipping: Option<ShippingCharge>,
    tax_rate_bp: i32,
) -> Totals {
    let subtotal = lines
        .iter()
        .map(|l| {
            l.unit_cents
                .max(0)
                .saturating_mul(i64::from(l.quantity.max(0)))
        })
        .fold(0i64, i64::saturating_add);
    let discount = match discount {
        Some(Discount::Percent(p)) => mul_div_round(subtotal, p.clamp(0, 100), 100),
        Some(Discount::Fixed(cents)) => cents.max(0),
        None => 0,
    }
    .min(subtotal);
    let after_discount = subtotal - discount;
    let shipping = match shipping {
        _ if subtotal == 0 => 0,
        Some(s) if s.free_over_cents.is_some_and(|free| after_discount >= free) => 0,
        Some(s) => s.price_cents.max(0),
        None => 0,
    };
    let taxable = after_discount.saturating_add(shipping);
    let rate = tax_rate_bp.clamp(0, 10_000);
    let tax = mul_div_round(taxable, i64::from(rate), 10_000);
    Totals {
        subtotal,
        discount,
        shipping,
        tax,
        total: taxable.saturating_add(tax),
        tax_rate_bp: rate,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn line(unit_cents: i64, quantity: i32) -> PricedLine {
        PricedLine {
            unit_cents,
            quantity,
        }
    }

    const STANDARD: ShippingCharge = ShippingCharge {
        price_cents: 490,
        free_over_cents: Some(5000),
    };

    #[test]
    fn a_plain_cart() {
        let t = compute(&[line(1999, 2)], None, Some(STANDARD), 2100);
        assert_eq!(t.subtotal, 3998);
        assert_eq!(t.discount, 0);
        assert_eq!(t.shipping, 490);
        // (3998 + 490) × 21 % = 942.48 → 942
        assert_eq!(t.tax, 942);
        assert_eq!(t.total, 3998 + 490 + 942);
    }

    #[test]
    fn percent_discount_rounds_half_up_and_free_shipping_follows_the_discounted_subtotal() {
        // 10 % of 5005 = 500.5 → 501; 5005 − 501 = 4504 < 5000, so shipping is charged.
        let t = compute(
            &[line(5005, 1)],
            Some(Discount::Percent(10)),
            Some(STANDARD),
            0,
        );
        assert_eq!(t.discount, 501);
        assert_eq!(t.shipping, 490);
        // 5600 − 560 = 5040 ≥ 5000: free.
        let t = compute(
            &[line(5600, 1)],
            Some(Discount::Percent(10)),
            Some(STANDARD),
            0,
        );
        assert_eq!(t.discount, 560);
        assert_eq!(t.shipping, 0);
        assert_eq!(t.total, 5040);
    }

    #[test]
    fn free_over_threshold() {
        let t = compute(&[line(2500, 2)], None, Some(STANDARD), 1900);
        assert_eq!(t.shipping, 0);
        assert_eq!(t.tax, 950);
        let t = compute(
            &[line(2500, 2)],
            Some(Discount::Fixed(1)),
            Some(STANDARD),
            0,
        );
        assert_eq!(t.shipping, 490, "4999 is under the threshold");
    }

    #[test]
    fn a_fixed_discount_larger_than_the_cart_is_capped() {
        let t = compute(
            &[line(300, 1)],
            Some(Discount::Fixed(1000)),
            Some(STANDARD),
            2100,
        );
        assert_eq!(t.discount, 300);
        assert_eq!(t.shipping, 490);
        assert_eq!(t.tax, 103, "490 × 21 % = 102.9 → 103");
        assert_eq!(t.total, 593);
    }

    #[test]
    fn an_empty_cart_costs_nothing() {
        assert_eq!(
            compute(&[], Some(Discount::Fixed(500)), Some(STANDARD), 2100),
            Totals {
                tax_rate_bp: 2100,
                ..Totals::default()
            }
        );
    }

    #[test]
    fn half_a_cent_of_tax_rounds_up() {
        // 50 × 1 % = 0.5 → 1; 49 × 1 % = 0.49 → 0.
        assert_eq!(compute(&[line(50, 1)], None, None, 100).tax, 1);
        assert_eq!(compute(&[line(49, 1)], None, None, 100).tax, 0);
    }

    fn discount() -> impl Strategy<Value = Option<Discount>> {
        prop_oneof![
            Just(None),
            (1i64..=100).prop_map(|p| Some(Discount::Percent(p))),
            (1i64..2_000_000).prop_map(|c| Some(Discount::Fixed(c))),
        ]
    }

    proptest! {
        #[test]
        fn totals_add_up_and_are_never_negative(
            lines in prop::collection::vec((0i64..10_000_000, 1i32..=99), 0..40),
            discount in discount(),
            price in 0i64..100_000,
            free_over in prop::option::of(0i64..1_000_000),
            rate in 0i32..=10_000,
        ) {
            let lines: Vec<_> = lines.into_iter().map(|(u, q)| line(u, q)).collect();
            let shipping = ShippingCharge { price_cents: price, free_over_cents: free_over };
            let t = compute(&lines, discount, Some(shipping), rate);
            prop_assert!(t.subtotal >= 0 && t.discount >= 0 && t.shipping >= 0 && t.tax >= 0);
            prop_assert!(t.discount <= t.subtotal);
            prop_assert_eq!(t.total, t.subtotal - t.discount + t.shipping + t.tax);
            prop_assert_eq!(t.subtotal, lines.iter().map(|l| l.unit_cents * i64::from(l.quantity)).sum::<i64>());
            // Tax is within half a cent of the exact amount.
            let exact = (t.subtotal - t.discount + t.shipping) as f64 * f64::from(rate) / 10_000.0;
            prop_assert!((t.tax as f64 - exact).abs() <= 0.5 + 1e-6);
            // A discount never raises the total of the goods.
            let plain = compute(&lines, None, Some(shipping), rate);
            prop_assert!(t.subtotal - t.discount <= plain.subtotal);
        }

        #[test]
        fn more_of_a_line_never_costs_less_before_discounts(
            unit in 0i64..1_000_000, q in 1i32..98, rate in 0i32..=10_000,
        ) {
            let a = compute(&[line(unit, q)], None, None, rate);
            let b = compute(&[line(unit, q + 1)], None, None, rate);
            prop_assert!(b.total >= a.total);
        }
    }
}
