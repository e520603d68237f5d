//! `/admin/reviews`: the moderation queue — pending reviews oldest first (or the approved and
//! rejected ones), ticked in bulk and approved or rejected with one button.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::reviews::api::{ModerateReviews, moderation_queue};
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// The moderation queue.
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").filter(|s| !s.is_empty());
    let q = move || query.read().get("q").filter(|s| !s.is_empty());
    let moderated = move || query.read().get("moderated");
    let page = page_param();
    let moderate = ServerAction::<ModerateReviews>::new();
    let list = load(
        move || (status(), q(), page(), moderate.version().get()),
        |(status, q, page, _)| moderation_queue(status, q, page),
    );
    let error = action_error(moderate.value());
    let done = move || {
        moderate
            .value()
            .get()
            .and_then(Result::ok)
            .map(|n| n.to_string())
            .or_else(moderated)
    };
    view! {
        <Seo title="Reviews" description="Review moderation." path="/admin/reviews" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Reviews"</h1>
        <FilterForm action="/admin/reviews" button="Show">
            <label class="text-sm">
                "Status "
                <select name="status" class="rounded border border-stone-300 px-2 py-1">
                    {["pending", "approved", "rejected"]
                        .into_iter()
                        .map(|s| {
                            let selected = move || status().as_deref().unwrap_or("pending") == s;
                            view! { <option value=s selected=selected>{s}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="text-sm">
                "Product, author or title "
                <input name="q" value=move || q().unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label>
        </FilterForm>
        <FormError error=error />
        {move || done().map(|n| view! {
            <p role="status" class="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800" data-testid="moderated">
                {format!("{n} review(s) moderated.")}
            </p>
        })}
        <Loaded load=list let:paged>
            <ActionForm action=moderate>
                <input type="hidden" name="status" value=status().unwrap_or_default() />
                <div class="mb-3 flex gap-2">
                    <button type="submit" name="decision" value="approved" class="rounded bg-green-700 px-3 py-1 text-white" data-testid="approve-selected">"Approve selected"</button>
                    <button type="submit" name="decision" value="rejected" class="rounded bg-red-700 px-3 py-1 text-white" data-testid="reject-selected">"Reject selected"</button>
                </div>
                {if paged.rows.is_empty() {
                    view! { <p class="text-stone-600" data-testid="queue-empty">"Nothing here."</p> }.into_any()
                } else {
                    view! {
                        <AdminTable testid="review-queue" headers=&["", "Review", "Product", "Author", "Status"]>
                            {paged.rows
                                .iter()
                                .enumerate()
                                .map(|(i, r)| view! {
                                    <tr class="border-b border-stone-100 align-top">
                                        <td class="py-2 pr-2">
                                            <input type="checkbox" name=format!("ids[{i}]") value=r.id aria-label=format!("Select review {}", r.id) />
                                        </td>
                                        <td class="py-2">
                                            <p class="font-medium">{"★".repeat(usize::try_from(r.rating.clamp(0, 5)).unwrap_or(0))} " " {r.title.clone()}</p>
                                            <p class="max-w-xl whitespace-pre-line text-stone-700">{r.body.clone()}</p>
                                            <p class="text-xs text-stone-500">{r.created_at.clone()}</p>
                                        </td>
                                        <td><a class="text-indigo-700" href=format!("/products/{}", r.product_slug)>{r.product_name.clone()}</a></td>
                                        <td>{r.author_email.clone()}</td>
                                        <td>{r.status.clone()}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </AdminTable>
                    }.into_any()
                }}
            </ActionForm>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
    }
}
