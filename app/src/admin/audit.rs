//! `/admin/audit`: who changed what, newest first, filterable by subject type.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::api::audit;
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// The audit log.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let subject = move || query.read().get("subject");
    let page = page_param();
    let entries = load(
        move || (subject(), page()),
        |(subject, page)| audit(subject, page),
    );
    view! {
        <Seo title="Audit log" description="Staff changes." path="/admin/audit" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Audit log"</h1>
        <FilterForm action="/admin/audit" button="Filter">
            <label class="text-sm">
                "Subject type "
                <input name="subject" value=move || subject().unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label></FilterForm>
        <Loaded load=entries let:paged>
                        <AdminTable testid="audit-list" headers=&["When", "Who", "What", "On", "Before → after"]>
                                {paged.rows
                                    .into_iter()
                                    .map(|e| view! {
                                        <tr class="border-b border-stone-100 align-top">
                                            <td class="py-2"><time datetime=e.at.clone()>{e.at.clone()}</time></td>
                                            <td>{e.actor.clone().unwrap_or_else(|| "(deleted user)".to_owned())}</td>
                                            <td>{e.action.clone()}</td>
                                            <td>{e.subject.clone()}</td>
                                            <td class="font-mono text-xs">
                                                {e.before.clone().unwrap_or_default()} " → " {e.after.clone().unwrap_or_default()}
                                            </td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </AdminTable>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
    }
}
