//! `/admin/jobs`: the job monitor — filter by status and name, see attempts, runtime and the
//! last error, retry a dead job — and the periodic jobs' schedules.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::api::{RetryJob, job_schedules, jobs};
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// The job monitor.
#[component]
pub fn JobsPage() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        (q.get("status"), q.get("name"))
    };
    let page = page_param();
    let list = load(
        move || (filters(), page()),
        |((status, name), page)| jobs(status, name, page),
    );
    let retry = ServerAction::<RetryJob>::new();
    let retry_error = action_error(retry.value());
    view! {
        <Seo title="Jobs" description="Background jobs." path="/admin/jobs" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Background jobs"</h1>
        <FilterForm action="/admin/jobs" button="Filter">
            <label class="text-sm">
                "Status "
                <select name="status" class="rounded border border-stone-300 px-2 py-1">
                    {["", "pending", "running", "done", "dead"]
                        .into_iter()
                        .map(|s| {
                            let selected = move || filters().0.unwrap_or_default() == s;
                            view! {
                                <option value=s selected=selected>
                                    {if s.is_empty() { "any" } else { s }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="text-sm">
                "Name "
                <input name="name" value=move || filters().1.unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label></FilterForm>
        <FormError error=retry_error />
        <Loaded load=list let:paged>
                        <AdminTable testid="job-list" headers=&["Job", "Status", "Attempts", "Runtime", "Last error", ""]>
                                {paged.rows
                                    .into_iter()
                                    .map(|j| {
                                        let dead = j.status == "dead";
                                        view! {
                                            <tr class="border-b border-stone-100 align-top">
                                                <td class="py-2">{j.name.clone()} " #" {j.id}</td>
                                                <td>{j.status.clone()}</td>
                                                <td>{j.attempts} " / " {j.max_attempts}</td>
                                                <td>{j.runtime_ms.map(|ms| format!("{ms} ms"))}</td>
                                                <td class="max-w-md break-words text-red-800">{j.last_error.clone()}</td>
                                                <td>
                                                    {dead.then(|| view! {
                                                        <ActionForm action=retry>
                                                            <input type="hidden" name="id" value=j.id />
                                                            <button type="submit" class="rounded border border-stone-300 px-2 py-1">"Retry"</button>
                                                        </ActionForm>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </AdminTable>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
        <Schedules />
    }
}

/// The periodic jobs: how often each runs, when it ran last and runs next.
#[component]
fn Schedules() -> impl IntoView {
    let data = load(|| (), |()| job_schedules());
    view! {
        <h2 class="mb-2 mt-8 text-xl font-semibold">"Periodic jobs"</h2>
        <Loaded load=data let:schedules>
            <AdminTable testid="schedule-list" headers=&["Job", "How often", "Last run", "Next run"]>
                {schedules.into_iter().map(|s| {
                    let name = s.name.clone();
                    view! {
                    <tr class="border-b border-stone-100" data-testid="schedule" data-name=name>
                        <td class="py-2">{s.name}</td>
                        <td>{s.every}</td>
                        <td>{s.last_run.map(|at| view! { <When at=at /> })}</td>
                        <td><When at=s.next_run /></td>
                    </tr>
                    }
                }).collect_view()}
            </AdminTable>
        </Loaded>
    }
}
