//! `/studio/jobs/{id}`: one of the caller's styling jobs — its stages as they pass (queued,
//! checking, styling, saving), then the result with its comparison and actions
//! (`result_panel`), cancel while it runs and retry once it failed. While OpenAI makes the
//! picture, its in-between pictures are shown beside the photo as they arrive. Without JavaScript the page
//! reloads itself every 2 seconds while the job runs, and stops once it has ended. Another
//! person's job is a 404.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::jobs_api::{CancelJob, RetryJob, studio_job};
use super::result_panel::ResultPanel;
use super::view::JobCard;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// The stages a person sees, in order, with their labels.
const STAGES: [(&str, &str); 4] = [
    ("queued", "Queued"),
    ("moderating", "Checking the request"),
    ("styling", "Styling"),
    ("saving", "Saving the result"),
];

/// `/studio/jobs/{id}`.
#[component]
pub fn JobPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = load(id, studio_job);
    let cancel = ServerAction::<CancelJob>::new();
    let retry = ServerAction::<RetryJob>::new();
    let cancel_error = action_error(cancel.value());
    let retry_error = action_error(retry.value());
    view! {
        <Seo title="Your styled photo" description="A styling job." path="/studio" noindex=true />
        <Loaded load=data let:job>
            {job_view(job, cancel, retry, cancel_error, retry_error)}
        </Loaded>
    }
}

/// The job's page once loaded.
fn job_view(
    job: JobCard,
    cancel: ServerAction<CancelJob>,
    retry: ServerAction<RetryJob>,
    cancel_error: Signal<Option<crate::error::AppError>>,
    retry_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let active = job.active;
    let failed = job.state == "failed";
    let (cancel_id, retry_id, progress_id) = (job.id.clone(), job.id.clone(), job.id.clone());
    let stage_line = active.then(|| format!(" — {}", job.stage_label));
    let stage = active.then(|| job.stage.clone());
    let error = job.error.clone();
    let state = job.state.clone();
    let title = job
        .style_name
        .clone()
        .unwrap_or_else(|| "Your picture".to_owned());
    let started = job.created_at.clone();
    let took = job.seconds.map(|s| format!(" · took {s:.1} s"));
    let state_label = job.state_label.clone();
    let stopping = job.cancel_requested.then_some(" (stopping…)");
    view! {
            // Without JavaScript the page reloads itself while the job runs; with it, the
            // island follows the job's events instead.
            {active.then(|| view! { <noscript><meta http-equiv="refresh" content="2" /></noscript> })}
            {active.then(|| super::islands::job_progress(progress_id))}
            <div class="mx-auto max-w-6xl" data-testid="job-page" data-state=state>
                <p class="mb-4 text-sm"><a href="/studio" class="text-indigo-700 hover:underline">"← Your studio"</a></p>
                <h1 class="text-3xl font-bold">
                    {title}
                </h1>
                <p class="mt-1 text-stone-600">
                    "Started " <When at=started />
                    {took}
                </p>
                <p class="mt-4 text-lg" role="status" aria-live="polite" data-testid="job-state">
                    <span class="font-semibold">{state_label}</span>
                    {stage_line}
                    {stopping}
                </p>
                {stage.map(|current| view! { <StageList current=current /> })}
                {error.map(|e| view! {
                    <p class="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="job-error">{e}</p>
                })}
                <FormError error=cancel_error />
                <FormError error=retry_error />
                <div class="mt-4 flex flex-wrap gap-3">
                    {active.then(|| view! {
                        <ActionForm action=cancel>
                            <input type="hidden" name="id" value=cancel_id />
                            <button type="submit" class="rounded-md border border-stone-300 px-4 py-2 font-medium" data-testid="cancel-job">"Cancel"</button>
                        </ActionForm>
                    })}
                    {failed.then(|| view! {
                        <ActionForm action=retry>
                            <input type="hidden" name="id" value=retry_id />
                            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="retry-job">"Try again"</button>
                        </ActionForm>
                    })}
                </div>
                {match job.result.clone() {
                    Some(result) => {
                        let back = format!("/studio/jobs/{}", job.id);
                        view! {
                            <div class="mt-8 max-w-3xl">
                                <ResultPanel result=result back=back />
                            </div>
                            {super::islands::studio_package()}
                        }.into_any()
                    }
                    None => view! { <Before job=job /> }.into_any(),
                }}
            </div>
    }
}

/// The stages, the current one marked.
#[component]
fn StageList(current: String) -> impl IntoView {
    let at = STAGES.iter().position(|(s, _)| *s == current).unwrap_or(0);
    view! {
        <ol class="mt-4 flex flex-wrap gap-2 text-sm" data-testid="stages">
            {STAGES.iter().enumerate().map(|(i, (key, label))| {
                let class = if i < at {
                    "rounded-full bg-green-50 px-3 py-1 text-green-800"
                } else if i == at {
                    "rounded-full bg-indigo-600 px-3 py-1 font-semibold text-white"
                } else {
                    "rounded-full bg-stone-100 px-3 py-1 text-stone-500"
                };
                view! {
                    <li class=class data-stage=*key aria-current=(i == at).then_some("step")>{*label}</li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The photo styled, while there is no result to compare it with; beside it, while the job
/// runs, the latest in-between picture OpenAI sent (hidden until there is one: the island
/// shows each new one as it arrives, and without JavaScript the page's refresh does).
#[component]
fn Before(job: JobCard) -> impl IntoView {
    let deleted = job.state == "done";
    let preview = job.active.then(|| {
        let shown = job.partial_url.is_some();
        view! {
            <figure class="max-w-xl" data-testid="job-partial" hidden=!shown>
                <img
                    src=job.partial_url.clone()
                    alt="An early look at your picture, still being made"
                    class="w-full rounded-xl border border-indigo-200"
                    data-testid="job-partial-img"
                />
                <figcaption class="mt-1 text-sm text-stone-600">"So far — still being made"</figcaption>
            </figure>
        }
    });
    view! {
        {deleted.then(|| view! {
            <p class="mt-6 text-stone-600" data-testid="result-gone">"The result of this job was deleted."</p>
        })}
        <div class="mt-8 grid gap-6 sm:grid-cols-2">
            {job.before_url.clone().map(|src| view! {
                <figure class="max-w-xl">
                    <img src=src alt="Your photo before" class="w-full rounded-xl border border-stone-200" data-testid="before" />
                    <figcaption class="mt-1 text-sm text-stone-600">"Before"</figcaption>
                </figure>
            })}
            {preview}
        </div>
    }
}
