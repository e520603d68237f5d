//! The money summary of a cart or an order: subtotal, discount, shipping, tax, total.

use leptos::prelude::*;

use super::api::TotalsView;
use crate::catalog::money::format_price;

/// The totals table.
#[component]
pub fn TotalsTable(
    totals: TotalsView,
    /// The shipping method's name, when one is priced in.
    #[prop(optional)]
    shipping_name: Option<String>,
    /// The coupon code behind the discount.
    #[prop(optional)]
    coupon: Option<String>,
) -> impl IntoView {
    let coupon = coupon.filter(|c| !c.is_empty());
    let shipping_name = shipping_name.filter(|n| !n.is_empty());
    let c = totals.currency.clone();
    let money = move |cents: i64| format_price(cents, &c);
    let rate = format!("{}%", f64::from(totals.tax_rate_bp) / 100.0);
    view! {
        <dl class="space-y-2 text-sm" data-testid="totals">
            <div class="flex justify-between">
                <dt>"Subtotal"</dt>
                <dd data-testid="subtotal">{money(totals.subtotal)}</dd>
            </div>
            {(totals.discount > 0).then(|| view! {
                <div class="flex justify-between text-green-700">
                    <dt>"Discount"{coupon.map(|c| format!(" ({c})"))}</dt>
                    <dd data-testid="discount">{format!("−{}", money(totals.discount))}</dd>
                </div>
            })}
            <div class="flex justify-between">
                <dt>"Shipping"{shipping_name.map(|n| format!(" ({n})"))}</dt>
                <dd data-testid="shipping">
                    {if totals.shipping == 0 { "Free".to_owned() } else { money(totals.shipping) }}
                </dd>
            </div>
            <div class="flex justify-between">
                <dt>{format!("Tax ({rate})")}</dt>
                <dd data-testid="tax">{money(totals.tax)}</dd>
            </div>
            <div class="flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
                <dt>"Total"</dt>
                <dd data-testid="total">{money(totals.total)}</dd>
            </div>
        </dl>
    }
}
