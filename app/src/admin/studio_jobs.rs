//! `/admin/studio-jobs`: the studio's styling jobs for staff — filter by state, kind, style and
//! person; see who asked for what (style, engine, prompt, image parameters), where each job is,
//! how often it ran and why it failed; retry a failed job (without taking from the person's
//! quota) or cancel one still going (both audited) — beside the usage figures
//! (`studio_figures`), the OpenAI circuit's state, the latest AI calls (endpoint, model,
//! status, latency, error, job), and the results waiting for the showcase (`showcase_queue`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::admin::showcase_queue::ShowcaseQueue;
use crate::admin::studio_figures::StudioFigures;
use crate::admin::table::{AdminTable, FilterForm};
use crate::error::AppError;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::{Instant, When};

/// One job as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffJobRow {
    pub id: String,
    pub owner: String,
    pub kind: String,
    pub style: Option<String>,
    pub engine: String,
    pub prompt: String,
    /// "quality medium · background auto · png · 1024x1024".
    pub parameters: String,
    pub state: String,
    pub stage: String,
    pub runs: i32,
    pub error: Option<String>,
    pub created_at: Instant,
}

/// One AI call as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRow {
    pub endpoint: String,
    pub model: String,
    pub status: Option<i32>,
    pub latency_ms: i32,
    pub error: Option<String>,
    pub job: Option<String>,
    pub at: Instant,
}

/// The filters as the page's form sends them (empty: any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobFilters {
    pub state: String,
    pub kind: String,
    pub style: String,
    pub user: String,
}

/// The page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioJobsView {
    pub jobs: Vec<StaffJobRow>,
    pub calls: Vec<CallRow>,
    /// `closed`, `open`, `half-open`, or `None` without OpenAI.
    pub circuit: Option<String>,
    pub filters: JobFilters,
    /// Every style, (slug, name), to filter by.
    pub styles: Vec<(String, String)>,
}

/// The states to filter by.
const STATES: [&str; 6] = [
    "pending",
    "running",
    "done",
    "failed",
    "cancelled",
    "refused",
];
/// The kinds to filter by, (value, label).
const KINDS: [(&str, &str); 3] = [
    ("style", "Style a photo"),
    ("edit", "Change with words"),
    ("generate", "Made from words"),
];

/// Studio jobs matching the filters, AI calls and the circuit (staff only).
#[server(prefix = "/api", endpoint = "admin_studio_jobs")]
pub async fn admin_studio_jobs(
    state: Option<String>,
    kind: Option<String>,
    style: Option<String>,
    user: Option<String>,
) -> Result<StudioJobsView, AppError> {
    use domain::studio::job_state::JobState;
    use domain::studio::jobs::{JobKind, StaffFilter};
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let given = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = StaffFilter {
        state: given(state).as_deref().and_then(JobState::parse),
        kind: given(kind).as_deref().and_then(JobKind::parse),
        style: given(style),
        user: given(user).map(|u| u.chars().take(100).collect()),
    };
    let jobs = domain::studio::jobs::for_staff(&mut conn, &filter, 100).await?;
    let calls = domain::ai::calls::recent(&mut conn, None, 50).await?;
    let circuit = ctx.services.openai.as_ref().map(|o| {
        o.breaker()
            .state(std::time::Instant::now())
            .as_str()
            .to_owned()
    });
    let styles = domain::studio::styles::list(&mut conn, &Default::default())
        .await?
        .into_iter()
        .map(|s| (s.slug, s.name))
        .collect();
    Ok(StudioJobsView {
        jobs: jobs
            .into_iter()
            .map(|(j, owner)| StaffJobRow {
                id: j.id.to_string(),
                owner,
                kind: j.kind.as_str().to_owned(),
                style: j.style_name,
                engine: j.engine,
                prompt: j.prompt,
                parameters: format!(
                    "quality {} · background {} · {} · {}",
                    j.params.quality, j.params.background, j.params.output_format, j.params.size
                ),
                state: j.state.as_str().to_owned(),
                stage: j.stage.as_str().to_owned(),
                runs: j.runs,
                error: j.error,
                created_at: j.created_at.into(),
            })
            .collect(),
        calls: calls
            .into_iter()
            .map(|c| CallRow {
                endpoint: c.endpoint,
                model: c.model,
                status: c.status,
                latency_ms: c.latency_ms,
                error: c.error,
                job: c.job_id.map(|id| id.to_string()),
                at: c.created_at.into(),
            })
            .collect(),
        circuit,
        filters: JobFilters {
            state: filter
                .state
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            kind: filter
                .kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            style: filter.style.unwrap_or_default(),
            user: filter.user.unwrap_or_default(),
        },
        styles,
    })
}

/// The message for a refused staff action.
#[cfg(feature = "ssr")]
fn staff_job_error(e: domain::studio::jobs::JobError) -> AppError {
    use domain::studio::jobs::JobError;
    match e {
        JobError::NotFound => AppError::NotFound,
        JobError::WrongState(_) => AppError::conflict(e.to_string()),
        JobError::Database(e) => AppError::internal(e),
        other => AppError::validation("", other.to_string()),
    }
}

/// Runs a failed job again for its owner, not counted against their quota (staff only).
#[server(prefix = "/api", endpoint = "admin_retry_studio_job")]
pub async fn staff_retry_job(id: String) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::jobs::staff_retry(&mut conn, staff.id, id)
        .await
        .map_err(staff_job_error)?;
    leptos_axum::redirect("/admin/studio-jobs");
    Ok(())
}

/// Cancels a job still waiting or running (staff only).
#[server(prefix = "/api", endpoint = "admin_cancel_studio_job")]
pub async fn staff_cancel_job(id: String) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::jobs::staff_cancel(&mut conn, staff.id, id)
        .await
        .map_err(staff_job_error)?;
    leptos_axum::redirect("/admin/studio-jobs");
    Ok(())
}

/// `/admin/studio-jobs`.
#[component]
pub fn StudioJobsPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        (q.get("state"), q.get("kind"), q.get("style"), q.get("user"))
    };
    let data = load(wanted, |(state, kind, style, user)| {
        admin_studio_jobs(state, kind, style, user)
    });
    let retry = ServerAction::<StaffRetryJob>::new();
    let cancel = ServerAction::<StaffCancelJob>::new();
    let retry_error = action_error(retry.value());
    let cancel_error = action_error(cancel.value());
    view! {
        <Seo title="Studio jobs" description="The studio's styling jobs." path="/admin/studio-jobs" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Studio jobs"</h1>
        <StudioFigures />
        <FormError error=retry_error />
        <FormError error=cancel_error />
        <Loaded load=data let:view>
            <p class="mb-4 mt-6 text-sm" data-testid="circuit">
                "OpenAI: "
                <strong>{view.circuit.clone().map_or_else(|| "not set up (local styles only)".to_owned(), |c| format!("circuit {c}"))}</strong>
            </p>
            <Filters filters=view.filters.clone() styles=view.styles.clone() />
            <AdminTable testid="studio-job-list" headers=&["Asked", "Who", "What", "Engine", "State", "Runs", "Error", ""]>
                {view.jobs.into_iter().map(|j| {
                    let failed = j.state == "failed";
                    let going = j.state == "pending" || j.state == "running";
                    let (retry_id, cancel_id, row_id, row_state) =
                        (j.id.clone(), j.id.clone(), j.id.clone(), j.state.clone());
                    view! {
                        <tr class="border-b border-stone-100 align-top" data-testid="studio-job" data-job-id=row_id data-state=row_state>
                            <td class="py-2"><When at=j.created_at /></td>
                            <td>{j.owner}</td>
                            <td>
                                {j.style.unwrap_or(j.kind)}
                                {(!j.prompt.is_empty()).then(|| view! { <p class="max-w-xs break-words text-xs text-stone-600">{j.prompt}</p> })}
                                <p class="text-xs text-stone-500">{j.parameters}</p>
                            </td>
                            <td>{j.engine}</td>
                            <td>{j.state}" · "{j.stage}</td>
                            <td>{j.runs}</td>
                            <td class="max-w-md break-words text-red-800">{j.error}</td>
                            <td>
                                {failed.then(|| view! {
                                    <ActionForm action=retry>
                                        <input type="hidden" name="id" value=retry_id />
                                        <button type="submit" class="rounded border border-stone-300 px-2 py-1" data-testid="staff-retry">"Retry"</button>
                                    </ActionForm>
                                })}
                                {going.then(|| view! {
                                    <ActionForm action=cancel>
                                        <input type="hidden" name="id" value=cancel_id />
                                        <button type="submit" class="rounded border border-stone-300 px-2 py-1" data-testid="staff-cancel">"Cancel"</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </AdminTable>
            <h2 class="mb-2 mt-8 text-xl font-semibold">"AI calls"</h2>
            <AdminTable testid="ai-call-list" headers=&["When", "Endpoint", "Model", "Status", "Latency", "Error"]>
                {view.calls.into_iter().map(|c| view! {
                    <tr class="border-b border-stone-100 align-top">
                        <td class="py-2"><When at=c.at /></td>
                        <td>{c.endpoint}</td>
                        <td>{c.model}</td>
                        <td>{c.status.map_or_else(|| "no answer".to_owned(), |s| s.to_string())}</td>
                        <td>{format!("{} ms", c.latency_ms)}</td>
                        <td class="max-w-md break-words text-red-800">{c.error}</td>
                    </tr>
                }).collect_view()}
            </AdminTable>
        </Loaded>
        <ShowcaseQueue />
    }
}

/// The filter form (a plain GET form).
#[component]
fn Filters(filters: JobFilters, styles: Vec<(String, String)>) -> impl IntoView {
    let select = "rounded border border-stone-300 px-2 py-1";
    view! {
        <FilterForm action="/admin/studio-jobs" button="Filter">
            <label class="text-sm">
                "State "
                <select name="state" class=select>
                    <option value="">"any"</option>
                    {STATES.iter().map(|s| view! { <option value=*s selected=filters.state == *s>{*s}</option> }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                "Kind "
                <select name="kind" class=select>
                    <option value="">"any"</option>
                    {KINDS.iter().map(|(k, l)| view! { <option value=*k selected=filters.kind == *k>{*l}</option> }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                "Style "
                <select name="style" class=select>
                    <option value="">"any"</option>
                    {styles.into_iter().map(|(slug, name)| {
                        let selected = filters.style == slug;
                        view! { <option value=slug selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                "Person "
                <input name="user" value=filters.user.clone() placeholder="email" class=select />
            </label>
        </FilterForm>
    }
}
