//! `/admin/studio-jobs`: the studio's styling jobs for staff — filter by state, see who asked
//! for what (style, engine, prompt), where each job is, how often it ran and why it failed —
//! beside the OpenAI circuit's state and the latest AI calls (endpoint, model, status,
//! latency, error, job).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::admin::table::AdminTable;
use crate::error::AppError;
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

/// The page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioJobsView {
    pub jobs: Vec<StaffJobRow>,
    pub calls: Vec<CallRow>,
    /// `closed`, `open`, `half-open`, or `None` without OpenAI.
    pub circuit: Option<String>,
    pub state: Option<String>,
}

/// The states to filter by.
const STATES: [&str; 7] = [
    "",
    "pending",
    "running",
    "done",
    "failed",
    "cancelled",
    "refused",
];

/// Studio jobs, AI calls and the circuit (staff only).
#[server(prefix = "/api", endpoint = "admin_studio_jobs")]
pub async fn admin_studio_jobs(state: Option<String>) -> Result<StudioJobsView, AppError> {
    use domain::studio::job_state::JobState;
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let wanted = state.as_deref().and_then(JobState::parse);
    let jobs = domain::studio::jobs::for_staff(&mut conn, wanted, 100).await?;
    let calls = domain::ai::calls::recent(&mut conn, None, 50).await?;
    let circuit = ctx.services.openai.as_ref().map(|o| {
        o.breaker()
            .state(std::time::Instant::now())
            .as_str()
            .to_owned()
    });
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
        state: wanted.map(|s| s.as_str().to_owned()),
    })
}

/// `/admin/studio-jobs`.
#[component]
pub fn StudioJobsPage() -> impl IntoView {
    let query = use_query_map();
    let state = move || query.read().get("state");
    let data = load(state, admin_studio_jobs);
    view! {
        <Seo title="Studio jobs" description="The studio's styling jobs." path="/admin/studio-jobs" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Studio jobs"</h1>
        <Loaded load=data let:view>
            <p class="mb-4 text-sm" data-testid="circuit">
                "OpenAI: "
                <strong>{view.circuit.clone().map_or_else(|| "not set up (local styles only)".to_owned(), |c| format!("circuit {c}"))}</strong>
            </p>
            <nav aria-label="Filter by state" class="mb-4 flex flex-wrap gap-2 text-sm">
                {STATES.iter().map(|s| {
                    let href = if s.is_empty() { "/admin/studio-jobs".to_owned() } else { format!("/admin/studio-jobs?state={s}") };
                    let current = view.state.as_deref().unwrap_or("") == *s;
                    view! {
                        <a href=href aria-current=current.then_some("page") class="rounded-full border border-stone-300 px-3 py-1 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white">
                            {if s.is_empty() { "all" } else { s }}
                        </a>
                    }
                }).collect_view()}
            </nav>
            <AdminTable testid="studio-job-list" headers=&["Asked", "Who", "What", "Engine", "State", "Runs", "Error"]>
                {view.jobs.into_iter().map(|j| view! {
                    <tr class="border-b border-stone-100 align-top" data-testid="studio-job">
                        <td class="py-2"><When at=j.created_at /></td>
                        <td>{j.owner}</td>
                        <td>
                            {j.style.unwrap_or(j.kind)}
                            {(!j.prompt.is_empty()).then(|| view! { <p class="max-w-xs truncate text-xs text-stone-500">{j.prompt}</p> })}
                        </td>
                        <td>{j.engine}</td>
                        <td>{j.state}" · "{j.stage}</td>
                        <td>{j.runs}</td>
                        <td class="max-w-md break-words text-red-800">{j.error}</td>
                    </tr>
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
    }
}
