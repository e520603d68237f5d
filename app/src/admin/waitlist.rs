//! `/admin/waitlist`: who waits (search, state, counts), the CSV export of the same selection
//! (streamed by the server at `/admin/waitlist.csv`), and "invite the next N" with each run's
//! progress bar — the page reloads itself every two seconds while a run is going, so the bar
//! moves without JavaScript.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::admin::table::{AdminTable, FilterForm};
use crate::admin::waitlist_api::{InviteNext, admin_waitlist};
use crate::ui::form::{Field, FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;
use crate::ui::time::When;
use crate::ui::url::encode_component;

/// `/admin/waitlist`.
#[component]
pub fn WaitlistAdminPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k);
    let page = page_param();
    let invite = ServerAction::<InviteNext>::new();
    let error = action_error(invite.value());
    let data = load(
        move || (get("q"), get("state"), page(), invite.version().get()),
        |(q, state, page, _)| admin_waitlist(q, state, page),
    );
    let chosen = move |v: &'static str| get("state").as_deref() == Some(v);
    let export = move || {
        let mut params = Vec::new();
        for k in ["q", "state"] {
            if let Some(v) = get(k).filter(|v| !v.is_empty()) {
                params.push(format!("{k}={}", encode_component(&v)));
            }
        }
        if params.is_empty() {
            "/admin/waitlist.csv".to_owned()
        } else {
            format!("/admin/waitlist.csv?{}", params.join("&"))
        }
    };
    view! {
        <Seo title="Waitlist" description="The waitlist." path="/admin/waitlist" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Waitlist"</h1>
        <FilterForm action="/admin/waitlist" button="Search">
            <label class="text-sm">
                "Search "
                <input name="q" type="search" value=move || get("q").unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label>
            <label class="text-sm">
                "State "
                <select name="state" class="rounded border border-stone-300 px-2 py-1">
                    <option value="">"Any"</option>
                    <option value="unconfirmed" selected=move || chosen("unconfirmed")>"Unconfirmed"</option>
                    <option value="waiting" selected=move || chosen("waiting")>"Waiting"</option>
                    <option value="notified" selected=move || chosen("notified")>"Notified"</option>
                </select>
            </label>
        </FilterForm>
        <p class="mb-4"><a class="text-indigo-700 hover:underline" href=export data-testid="waitlist-export">"Download these as CSV"</a></p>
        <Loaded load=data let:w>
            {w.running.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
            <p class="mb-4 text-sm text-stone-600" data-testid="waitlist-counts">
                {format!("{} waiting · {} unconfirmed · {} notified", w.waiting, w.unconfirmed, w.notified)}
            </p>
            <section class="mb-6 max-w-xl rounded-xl border border-stone-200 bg-white p-4" aria-labelledby="invite-title">
                <h2 id="invite-title" class="font-semibold">"Invite the next people"</h2>
                <p class="text-sm text-stone-600">"Confirmed addresses, first confirmed first; each gets a sign-up invitation and is marked notified."</p>
                <ActionForm action=invite attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="invite-form">
                    <Field label="How many" name="count" kind="number" value="10".to_owned() required=true error=error />
                    <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="invite-next">"Invite"</button>
                </ActionForm>
                <FormError error=error />
                <ul class="mt-4 space-y-2" data-testid="invite-runs">
                    {w.runs.iter().map(|r| view! {
                        <li class="text-sm" data-testid="invite-run" data-status=r.status.clone()>
                            <div class="flex justify-between">
                                <span><When at=r.started.clone() /></span>
                                <span data-testid="invite-run-progress">{format!("{} of {} sent · {}", r.sent, r.total, r.status)}</span>
                            </div>
                            <progress class="w-full" max=r.total.to_string() value=r.sent.to_string()>{format!("{}/{}", r.sent, r.total)}</progress>
                            {r.error.clone().map(|e| view! { <p class="text-xs text-red-700">{e}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <AdminTable testid="waitlist" headers=&["Joined", "Email", "Name", "Company", "Role", "Interest", "State"]>
                {w.paged.rows.into_iter().map(|e| view! {
                    <tr class="border-b border-stone-100" data-testid="waitlist-row">
                        <td class="py-2"><When at=e.joined.clone() /></td>
                        <td>{e.email.clone()}</td>
                        <td>{e.name.clone()}</td>
                        <td>{e.company.clone()}</td>
                        <td>{e.role.clone()}</td>
                        <td>{e.interest.clone()}</td>
                        <td data-testid="waitlist-state">{e.state.clone()}</td>
                    </tr>
                }).collect_view()}
            </AdminTable>
            <Pager page=w.paged.page has_next=w.paged.has_next />
        </Loaded>
    }
}
