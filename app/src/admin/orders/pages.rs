//! `/admin/orders` (filter by status, date, customer) and `/admin/orders/{number}` (the order,
//! its history, and the moves the state machine allows: ship, cancel, refund, with a note).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::orders::api::{ChangeOrderStatus, admin_order, admin_orders};
use crate::admin::table::{AdminTable, FilterForm};
use crate::catalog::money::format_price;
use crate::orders::pages::{OrderDetail, StatusBadge};
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// `/admin/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &'static str| query.read().get(k);
    let page = page_param();
    let list = load(
        move || {
            (
                get("status"),
                get("from"),
                get("to"),
                get("customer"),
                page(),
            )
        },
        |(status, from, to, customer, page)| admin_orders(status, from, to, customer, page),
    );
    view! {
        <Seo title="Orders" description="Orders." path="/admin/orders" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Orders"</h1>
        <FilterForm action="/admin/orders" button="Filter">
            <label class="text-sm">
                "Status "
                <select name="status" class="rounded border border-stone-300 px-1 py-1">
                    <option value="">"Any"</option>
                    {domain_statuses().into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || get("status").as_deref() == Some(value)>{label}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="text-sm">"From " <input type="date" name="from" value=move || get("from").unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" /></label>
            <label class="text-sm">"To " <input type="date" name="to" value=move || get("to").unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" /></label>
            <label class="text-sm">"Customer or number " <input name="customer" value=move || get("customer").unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" /></label>
        </FilterForm>
        <Loaded load=list let:found>
            <p class="mb-2 text-sm text-stone-600" data-testid="order-total">{format!("{} orders", found.1)}</p>
            <AdminTable testid="admin-orders" headers=&["Order", "Placed", "Customer", "Status", "Total"]>
                {found.0.rows.iter().map(|o| {
                    let href = format!("/admin/orders/{}", o.number);
                    view! {
                        <tr class="border-b border-stone-100" data-testid="admin-order-row">
                            <td class="py-2"><a class="font-mono font-semibold text-indigo-700" href=href>{o.number.clone()}</a></td>
                            <td><When at=o.placed.clone() /></td>
                            <td>{o.email.clone()}</td>
                            <td><StatusBadge status=o.status.clone() label=o.status_label.clone() /></td>
                            <td>{format_price(o.total_cents, &o.currency)}</td>
                        </tr>
                    }
                }).collect_view()}
            </AdminTable>
            <Pager page=found.0.page has_next=found.0.has_next />
        </Loaded>
    }
}

/// The statuses staff filter by: (stored name, label).
fn domain_statuses() -> [(&'static str, &'static str); 7] {
    [
        ("pending_payment", "Awaiting payment"),
        ("paid", "Paid"),
        ("fulfilled", "Packed"),
        ("shipped", "Shipped"),
        ("delivered", "Delivered"),
        ("cancelled", "Cancelled"),
        ("refunded", "Refunded"),
    ]
}

/// `/admin/orders/{number}`.
#[component]
pub fn OrderPage() -> impl IntoView {
    let change = ServerAction::<ChangeOrderStatus>::new();
    let error = action_error(change.value());
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let data = load(
        move || (number(), change.version().get()),
        |(n, _)| admin_order(n),
    );
    view! {
        <Loaded load=data let:order>
            <Seo title=format!("Order {}", order.summary.number) description="Order." path=format!("/admin/orders/{}", order.summary.number) noindex=true />
            <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/orders">"← All orders"</a></p>
            <FormError error=error />
            {(!order.next.is_empty()).then(|| {
                let number = order.summary.number.clone();
                let next = order.next.clone();
                view! {
                    <section class="mb-6 rounded-xl border border-stone-200 bg-white p-4" aria-label="Change status">
                        <ActionForm action=change attr:class="flex flex-wrap items-end gap-3" attr:data-testid="change-status">
                            <input type="hidden" name="number" value=number />
                            <label class="text-sm">
                                "Move to "
                                <select name="status" class="rounded border border-stone-300 px-1 py-1" data-testid="next-status">
                                    {next.iter().map(|(value, label)| view! { <option value=value.clone()>{label.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                            <label class="text-sm">
                                "Note "
                                <input name="note" class="rounded border border-stone-300 px-2 py-1" placeholder="Tracking number, reason…" />
                            </label>
                            <button type="submit" class="rounded-md bg-indigo-600 px-3 py-1 text-white">"Apply"</button>
                        </ActionForm>
                        <p class="mt-2 text-xs text-stone-500">"Cancelling or refunding an order that has not shipped puts its items back in stock; a paid order is refunded to the card."</p>
                    </section>
                }
            })}
            <OrderDetail order=order.clone() />
        </Loaded>
    }
}
