//! `/admin/products`: every product (drafts and archived ones too), searched by name or slug
//! and filtered by status, each linking to its editor; the way to a new product; the CSV export
//! and the import form (checked first, see `imports`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::products::api::admin_products;
use crate::admin::products::imports_api::CheckImport;
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::form::url_error;
use crate::ui::loaded::{Loaded, load};
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
    let list = load(
        move || (filters(), page()),
        |((q, status), page)| admin_products(q, status, page),
    );
    let import_error = url_error(<CheckImport as server_fn::ServerFn>::PATH);
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
        <section class="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="csv-heading">
            <h2 id="csv-heading" class="font-semibold">"Import and export"</h2>
            <p class="text-sm text-stone-600">
                "One line per variant: " <code>"product_slug, product_name, status, brand, category, featured, description, sku, size, colour, price, compare_at, stock, low_stock"</code> ". "
                <a class="text-indigo-700" href="/admin/products/export.csv" download="catalog.csv" data-testid="export-csv" rel="external">"Export the catalog"</a>
            </p>
            <form method="post" action="/api/admin_check_import" enctype="multipart/form-data" class="mt-2 flex flex-wrap items-end gap-3" data-testid="import-form">
                <label class="text-sm">
                    "CSV file (up to 5 MB) "
                    <input type="file" name="file" accept=".csv,text/csv" required=true class="block text-sm" />
                </label>
                <button type="submit" class="rounded border border-stone-300 px-3 py-1" data-testid="check-import">"Check the file"</button>
            </form>
            <p class="text-sm text-red-700" role="alert">{move || import_error.get().map(|e| e.field_message("file").map(str::to_owned).unwrap_or_else(|| e.to_string()))}</p>
        </section>
        <Loaded load=list let:paged>
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
