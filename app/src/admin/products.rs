//! `/admin/products`: every product (drafts and archived ones too), searched by name or slug
//! and filtered by status, each linking to its editor; and the way to a new product.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::products_api::admin_products;
use super::table::{AdminTable, FilterForm};
use crate::ui::loaded::Loaded;
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// The product list.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        (q.get("q"), q.get("status"))
    };
    let page = page_param();
    let list = Resource::new(
        move || (filters(), page()),
        |((q, status), page)| admin_products(q, status, page),
    );
    view! {
        <Seo title="Products" description="The catalog." path="/admin/products" noindex=true />
        <div class="mb-4 flex items-center justify-between">
            <h1 class="text-2xl font-bold">"Products"</h1>
            <a href="/admin/products/new" class="rounded-md bg-indigo-600 px-3 py-1 text-white" data-testid="new-product">"New product"</a>
        </div>
        <FilterForm action="/admin/products" button="Search">
            <label class="text-sm">
                "Name or slug "
                <input name="q" value=move || filters().0.unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label>
            <label class="text-sm">
                "Status "
                <select name="status" class="rounded border border-stone-300 px-2 py-1">
                    {["", "draft", "active", "archived"]
                        .into_iter()
                        .map(|s| {
                            let selected = move || filters().1.unwrap_or_default() == s;
                            view! { <option value=s selected=selected>{if s.is_empty() { "any" } else { s }}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
        </FilterForm>
        <Loaded resource=list let:paged>
            <AdminTable testid="product-list" headers=&["Product", "Status", "From", "Stock"]>
                {paged.rows
                    .into_iter()
                    .map(|p| view! {
                        <tr class="border-b border-stone-100">
                            <td class="py-2">
                                <a class="font-medium text-indigo-700" href=format!("/admin/products/{}", p.id)>{p.name.clone()}</a>
                                <br />
                                <span class="text-xs text-stone-500">{p.slug.clone()}</span>
                            </td>
                            <td>{p.status.clone()}</td>
                            <td>{p.price.clone()}</td>
                            <td>{if p.in_stock { "in stock" } else { "sold out" }}</td>
                        </tr>
                    })
                    .collect_view()}
            </AdminTable>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
    }
}
