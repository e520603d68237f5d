//! `/admin/customers`: search accounts; admins change role, plan and disabled state.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::api::{UpdateCustomer, customers};
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// The account list with an edit form per row.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q");
    let page = page_param();
    let list = load(move || (q(), page()), |(q, page)| customers(q, page));
    let update = ServerAction::<UpdateCustomer>::new();
    let update_error = action_error(update.value());
    view! {
        <Seo title="Customers" description="Accounts." path="/admin/customers" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Customers"</h1>
        <FilterForm action="/admin/customers" button="Search">
            <label class="text-sm">
                "Email or name "
                <input name="q" value=move || q().unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label></FilterForm>
        <FormError error=update_error />
        <Loaded load=list let:paged>
                        <AdminTable testid="customer-list" headers=&["Account", "Role · plan · disabled"]>
                                {paged.rows
                                    .into_iter()
                                    .map(|a| view! {
                                        <tr class="border-b border-stone-100 align-top">
                                            <td class="py-2">
                                                <span class="font-medium">{a.display_name.clone()}</span>
                                                <br />
                                                {a.email.clone()}
                                                {(!a.verified).then_some(" (unconfirmed)")}
                                            </td>
                                            <td>
                                                <ActionForm action=update attr:class="flex flex-wrap items-center gap-2">
                                                    <input type="hidden" name="id" value=a.id.clone() />
                                                    <select name="role" aria-label="Role" class="rounded border border-stone-300 px-1">
                                                        {["customer", "staff", "admin"].into_iter().map(|r| view! {
                                                            <option value=r selected=a.role == r>{r}</option>
                                                        }).collect_view()}
                                                    </select>
                                                    <select name="plan" aria-label="Plan" class="rounded border border-stone-300 px-1">
                                                        {["free", "premium"].into_iter().map(|p| view! {
                                                            <option value=p selected=a.plan == p>{p}</option>
                                                        }).collect_view()}
                                                    </select>
                                                    <label>
                                                        <input type="checkbox" name="disabled" checked=a.disabled />
                                                        " disabled"
                                                    </label>
                                                    <button type="submit" class="rounded border border-stone-300 px-2 py-1">"Save"</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </AdminTable>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
    }
}
