//! `/orders` (the caller's orders) and `/orders/{number}` (one order: lines, totals, address,
//! payment, history, and the cancel button while that is allowed).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{CancelOrder, my_order, my_orders};
use super::view::{OrderSummary, OrderView};
use crate::accounts::shell::AccountShell;
use crate::cart::summary::TotalsTable;
use crate::catalog::money::format_price;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// A status as a small coloured badge.
#[component]
pub fn StatusBadge(status: String, label: String) -> impl IntoView {
    let colour = match status.as_str() {
        "paid" | "fulfilled" => "bg-indigo-50 text-indigo-800",
        "shipped" | "delivered" => "bg-green-50 text-green-800",
        "cancelled" | "refunded" => "bg-stone-100 text-stone-700",
        _ => "bg-amber-50 text-amber-900",
    };
    view! {
        <span class=format!("rounded-full px-2 py-0.5 text-xs font-semibold {colour}") data-testid="order-status">{label}</span>
    }
}

/// `/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<i64>().ok());
    let data = load(page, my_orders);
    view! {
        <Seo title="Your orders" description="Your orders." path="/orders" noindex=true />
        <Loaded load=data let:list>
            <AccountShell title="Your orders">
                {if list.orders.is_empty() {
                    view! { <p class="text-stone-600" data-testid="no-orders">"You have not ordered anything yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="orders">
                            {list.orders.into_iter().map(|o| view! { <OrderRow order=o /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <nav class="mt-4 flex gap-4 text-sm" aria-label="Pages">
                    {(list.page > 1).then(|| view! { <a class="text-indigo-700" href=format!("/orders?page={}", list.page - 1)>"← Newer"</a> })}
                    {list.more.then(|| view! { <a class="text-indigo-700" href=format!("/orders?page={}", list.page + 1)>"Older →"</a> })}
                </nav>
            </AccountShell>
        </Loaded>
    }
}

/// One order in the list.
#[component]
fn OrderRow(order: OrderSummary) -> impl IntoView {
    let href = format!("/orders/{}", order.number);
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="order-row">
            <div>
                <a href=href class="font-mono font-semibold text-indigo-700">{order.number.clone()}</a>
                <p class="text-sm text-stone-500"><When at=order.placed.clone() /></p>
            </div>
            <StatusBadge status=order.status.clone() label=order.status_label.clone() />
            <span class="font-medium">{format_price(order.total_cents, &order.currency)}</span>
        </li>
    }
}

/// `/orders/{number}`.
#[component]
pub fn OrderPage() -> impl IntoView {
    let cancel = ServerAction::<CancelOrder>::new();
    let cancel_error = action_error(cancel.value());
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let data = load(
        move || (number(), cancel.version().get()),
        |(n, _)| my_order(n),
    );
    let flag = move |k: &'static str| query.read().get(k).is_some();
    view! {
        <Loaded load=data let:order>
            <Seo title=format!("Order {}", order.summary.number) description="Your order." path=format!("/orders/{}", order.summary.number) noindex=true />
            <Show when=move || flag("placed")>
                <Notice text="Thank you! Your order is placed and paid. We sent you a confirmation email." />
            </Show>
            <Show when=move || flag("cancelled")>
                <Notice text="Your order is cancelled. The refund is on its way to your card." />
            </Show>
            <FormError error=cancel_error />
            <OrderDetail order=order.clone() />
            {order.can_cancel.then(|| view! {
                <ActionForm action=cancel attr:class="mt-6">
                    <input type="hidden" name="number" value=order.summary.number.clone() />
                    <button type="submit" class="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50" data-testid="cancel-order">
                        "Cancel this order"
                    </button>
                </ActionForm>
            })}
        </Loaded>
    }
}

/// An order's lines, totals, address, payment and history (also used by the staff's page).
#[component]
pub fn OrderDetail(order: OrderView) -> impl IntoView {
    let s = order.summary.clone();
    view! {
        <div class="mb-6 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold">"Order " <span class="font-mono" data-testid="order-number">{s.number.clone()}</span></h1>
            <StatusBadge status=s.status.clone() label=s.status_label.clone() />
        </div>
        <p class="mb-6 text-sm text-stone-600">"Placed " <When at=s.placed.clone() /> {format!(" · {}", s.email)}</p>
        <div class="grid gap-8 lg:grid-cols-[1fr_20rem]">
            <div class="space-y-6">
                <ul class="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="order-lines">
                    {order.lines.iter().map(|l| {
                        let href = format!("/products/{}", l.slug);
                        view! {
                            <li class="flex justify-between gap-4 p-4" data-testid="order-line">
                                {l.picture_url.clone().map(|src| view! {
                                    <img src=src alt="The picture printed" class="h-20 w-20 shrink-0 rounded-md object-cover" data-testid="print-picture" />
                                })}
                                <div class="flex-1">
                                    <a href=href class="font-medium hover:text-indigo-700">{l.name.clone()}</a>
                                    <p class="text-sm text-stone-500">{l.options.clone()}</p>
                                    <p class="text-sm text-stone-500">{format!("{} × {} · SKU {}", l.quantity, format_price(l.unit_cents, &s.currency), l.sku)}</p>
                                    {l.print.clone().map(|file| match file {
                                        crate::orders::view::PrintFile::Ready(href) => view! {
                                            <a href=href download="" class="text-sm font-medium text-indigo-700 hover:underline" data-testid="print-file">"Download the print file"</a>
                                        }.into_any(),
                                        crate::orders::view::PrintFile::Pending => view! {
                                            <p class="text-sm text-amber-800" data-testid="print-pending">"The print file is being made."</p>
                                        }.into_any(),
                                    })}
                                </div>
                                <span class="font-medium">{format_price(l.line_cents, &s.currency)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <section aria-labelledby="history-heading" class="rounded-xl border border-stone-200 bg-white p-6">
                    <h2 id="history-heading" class="mb-3 text-lg font-semibold">"History"</h2>
                    <ol class="space-y-2 text-sm" data-testid="order-history">
                        {order.events.iter().map(|e| view! {
                            <li>
                                <When at=e.at.clone() />
                                {format!(" — {}{} (by {})", e.from.as_ref().map(|f| format!("{f} → ")).unwrap_or_default(), e.to, e.by)}
                                {(!e.note.is_empty()).then(|| view! { <span class="block text-stone-500">{e.note.clone()}</span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            </div>
            <aside class="h-fit space-y-6 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
                <TotalsTable totals=order.totals.clone() shipping_name=order.shipping_method.clone() coupon=order.coupon.clone().unwrap_or_default() />
                <div>
                    <h2 class="mb-1 text-sm font-semibold">"Delivering to"</h2>
                    <address class="text-sm not-italic" data-testid="ship-to">
                        {order.ship_to.iter().map(|l| view! { <span class="block">{l.clone()}</span> }).collect_view()}
                    </address>
                </div>
                {order.payment.clone().map(|p| view! {
                    <div>
                        <h2 class="mb-1 text-sm font-semibold">"Payment"</h2>
                        <p class="text-sm" data-testid="payment">{p}</p>
                    </div>
                })}
            </aside>
        </div>
    }
}
