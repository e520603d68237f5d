//! `/dashboard/projects/{id}`: one project — its overview (status, progress computed from the
//! work, dates, budget and spending, leads, flags), its full scope (Markdown rendered and
//! cleaned on the server), its milestones, and its tasks as a board by status. Staff and the
//! client's admins move a task with a small form on its card and mark milestones; each form
//! posts and the page comes back (the latest 20 finished tasks shown, the rest on demand).
//! With JavaScript the open page follows changes made elsewhere (server-sent events). Then
//! its data sources, reports (with their generated files), AI integration and shared files
//! (uploaded with a form outside the part live updates replace). Below: the project's activity
//! and its comment thread, whose form sits outside that part too. Another client's project is
//! a 404.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::activity_feed::ActivityFeed;
use super::api::project_detail;
use super::comments_section::{CommentForm, CommentThread};
use super::dashboard_page::{ProgressBar, StatusBadge};
use super::files_section::{FileList, FileUpload};
use super::resources_section::{AiPanel, DataSources, Reports};
use super::view::{MilestoneCard, ProjectView, TaskCard};
use crate::ui::form::{FormError, url_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// Where a task card's form posts.
const MOVE: &str = "/api/dashboard_move_task";
/// Where a milestone's form posts.
const MARK: &str = "/api/dashboard_mark_milestone";
/// Finished tasks shown before "Show all" (the latest first).
const DONE_SHOWN: usize = 20;
/// Tasks to do or in progress shown before "Show all" (in the board's order): a big project's
/// page stays quick to render and to read.
const OPEN_SHOWN: usize = 25;

/// `/dashboard/projects/{id}`.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = load(id, project_detail);
    // Plain forms (the page ships no WASM: an `ActionForm` would only cost render time).
    let move_error = url_error(MOVE);
    let mark_error = url_error(MARK);
    // `?tasks=all` shows every card (`?done=all`, from older links, too).
    let all_tasks = {
        let query = use_query_map().read_untracked();
        query.get("tasks").as_deref() == Some("all") || query.get("done").as_deref() == Some("all")
    };
    view! {
        <Seo title="Project" description="A project with the agency." path="/dashboard" noindex=true />
        <Loaded load=data let:detail>
            {detail_view(detail, all_tasks, move_error, mark_error)}
        </Loaded>
    }
}

/// The page once loaded.
fn detail_view(
    detail: ProjectView,
    all_tasks: bool,
    move_error: Signal<Option<crate::error::AppError>>,
    mark_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let p = detail.card.clone();
    let can_change = detail.can_change;
    let facts = [
        ("Client", Some(p.client_name.clone())),
        ("Priority", Some(p.priority_label.clone())),
        ("Start", p.start_on.clone()),
        ("Due", p.due_on.clone()),
        ("Budget", Some(p.budget.clone())),
        ("Spent", Some(p.spent.clone())),
        ("Agency lead", p.agency_lead.clone()),
        ("Client lead", p.client_lead.clone()),
    ];
    let tasks_line = format!(
        "{} of {} tasks done · {} of {} milestones reached",
        p.tasks_done, p.tasks_total, p.milestones_done, p.milestones_total
    );
    view! {
        <LiveUpdates id=p.id.clone() />
        <div class="mx-auto max-w-6xl" data-testid="project-page" data-project=p.id.clone()>
            <p class="mb-4 text-sm"><a href="/dashboard" class="text-indigo-700 hover:underline">"← All projects"</a></p>
            <div class="flex flex-wrap items-start justify-between gap-3">
                <h1 class="text-3xl font-bold" data-testid="project-name">{p.name.clone()}</h1>
                <StatusBadge status=p.status.clone() label=p.status_label.clone() />
            </div>
            <p class="mt-2 text-stone-700">{p.description.clone()}</p>
            <div class="mt-4 max-w-xl">
                <ProgressBar percent=p.progress />
                <p class="mt-1 text-sm text-stone-600" data-testid="project-counts">{tasks_line}</p>
            </div>
            <div class="mt-3 flex flex-wrap gap-2 text-sm">
                {p.overdue.then(|| view! { <span class="rounded-full bg-red-100 px-2 text-red-800" data-testid="overdue">"Overdue"</span> })}
                {p.budget_at_risk.then(|| view! { <span class="rounded-full bg-amber-100 px-2 text-amber-900" data-testid="at-risk">"Budget at risk: spending runs ahead of progress"</span> })}
            </div>
            <dl class="mt-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="project-facts">
                {facts.into_iter().filter_map(|(label, value)| value.map(|v| view! {
                    <div>
                        <dt class="text-xs uppercase tracking-wide text-stone-500">{label}</dt>
                        <dd class="font-medium">{v}</dd>
                    </div>
                })).collect_view()}
            </dl>
            {(!p.tags.is_empty()).then(|| view! {
                <p class="mt-4 flex flex-wrap gap-1">
                    {p.tags.iter().map(|t| view! { <span class="rounded bg-stone-100 px-1.5 text-xs text-stone-700">{t.clone()}</span> }).collect_view()}
                </p>
            })}
            <FormError error=move_error />
            <FormError error=mark_error />
            {(!detail.scope_html.is_empty()).then(|| view! {
                <section class="mt-8" aria-labelledby="scope">
                    <h2 id="scope" class="text-xl font-semibold">"Scope"</h2>
                    <div class="prose mt-2 max-w-3xl text-stone-800" data-testid="project-scope" inner_html=detail.scope_html.clone()></div>
                </section>
            })}
            <Analytics detail=detail.clone() />
            <Milestones milestones=detail.milestones.clone() can_change=can_change />
            <Board tasks=detail.tasks.clone() can_change=can_change all_tasks=all_tasks />
            <DataSources sources=detail.data_sources.clone() />
            <Reports reports=detail.reports.clone() />
            <AiPanel ai=detail.ai.clone() />
            <FileList files=detail.files.clone() />
            <ActivityFeed items=detail.activity.clone() show_project=false />
            <CommentThread comments=detail.comments.clone() />
        </div>
        {detail.can_change.then(|| view! { <FileUpload project_id=p.id.clone() accept=detail.file_kinds.clone() /> })}
        <CommentForm project_id=p.id.clone() />
    }
}

/// Keeps the open page current: listens to the project's server-sent events and, at each
/// change, reads the page again and swaps in its content (scroll kept). A few lines of plain
/// JavaScript, nonce'd, rather than an island: nothing here needs WASM, so the dashboard adds
/// no package to anyone's download. Without JavaScript a reload shows the same.
#[component]
fn LiveUpdates(id: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let script = uuid::Uuid::parse_str(&id).ok().map(|id| {
        format!(
            "const es = new EventSource('/dashboard/projects/{id}/events');\
             let busy = false, again = false;\
             async function refresh() {{\
               if (busy) {{ again = true; return; }}\
               busy = true;\
               try {{\
                 const r = await fetch(location.pathname + location.search, {{ credentials: 'same-origin' }});\
                 if (r.ok) {{\
                   const doc = new DOMParser().parseFromString(await r.text(), 'text/html');\
                   const fresh = doc.querySelector('[data-testid=project-page]');\
                   const current = document.querySelector('[data-testid=project-page]');\
                   if (fresh && current) current.replaceWith(document.adoptNode(fresh));\
                 }}\
               }} finally {{\
                 busy = false;\
                 if (again) {{ again = false; refresh(); }}\
               }}\
             }}\
             es.addEventListener('ready', () => {{ document.body.dataset.projectLive = 'true'; }});\
             es.addEventListener('changed', refresh);"
        )
    });
    #[cfg(not(feature = "ssr"))]
    let script: Option<String> = {
        let _ = id;
        None
    };
    script.map(|js| view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=js></script> })
}

/// The project's charts, drawn on the server: tasks by status, tasks finished each week,
/// progress at each week's end, and spending against the budget (budget burn).
#[component]
fn Analytics(detail: ProjectView) -> impl IntoView {
    use crate::ui::charts::{Chart, ChartKind};
    let by_status: Vec<(String, String, usize)> = [
        ("todo", "To do"),
        ("doing", "In progress"),
        ("done", "Done"),
    ]
    .iter()
    .map(|(key, label)| {
        let n = detail.tasks.iter().filter(|t| t.status == *key).count();
        ((*key).to_owned(), (*label).to_owned(), n)
    })
    .collect();
    let total = detail.tasks.len();
    view! {
        <section id="analytics" class="mt-8" aria-labelledby="analytics-title">
            <h2 id="analytics-title" class="text-xl font-semibold">"Analytics"</h2>
            {super::charts::status_bar("Tasks by status", &by_status, total)}
            <div class="mt-4 grid gap-4 lg:grid-cols-2">
                <Chart title="Tasks done per week".to_owned() unit="tasks".to_owned() labels=detail.weeks.clone() series=detail.done_per_week.clone() kind=ChartKind::StackedBars testid="chart-done" />
                <Chart title="Progress over time".to_owned() unit="%".to_owned() labels=detail.weeks.clone() series=detail.progress_per_week.clone() kind=ChartKind::Lines testid="chart-progress" />
                <Chart title="Budget burn".to_owned() unit=detail.card.currency.clone() labels=detail.weeks.clone() series=detail.budget_burn.clone() kind=ChartKind::Lines testid="chart-burn" />
            </div>
        </section>
    }
}

/// The milestones, each with its tasks counted, and a form to mark it.
#[component]
fn Milestones(milestones: Vec<MilestoneCard>, can_change: bool) -> impl IntoView {
    view! {
        <section id="milestones" class="mt-8" aria-labelledby="milestones-title">
            <h2 id="milestones-title" class="text-xl font-semibold">"Milestones"</h2>
            {milestones.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"No milestones yet."</p> })}
            <ol class="mt-2 space-y-2" data-testid="milestones">
                {milestones.into_iter().map(|m| {
                    let line = format!("{} of {} tasks done", m.tasks_done, m.tasks_total);
                    let id = m.id.clone();
                    view! {
                        <li class="flex flex-wrap items-center gap-3 rounded-lg border border-stone-200 bg-white p-3" data-testid="milestone" data-done=m.done.to_string()>
                            <span class=if m.done { "text-green-700" } else { "text-stone-400" } aria-hidden="true">{if m.done { "●" } else { "○" }}</span>
                            <span class="font-medium">{m.name.clone()}</span>
                            {m.due_on.clone().map(|d| view! { <span class="text-sm text-stone-600">"Due " {d}</span> })}
                            <span class="text-sm text-stone-600">{line}</span>
                            {can_change.then(|| view! {
                                <form method="post" action=MARK class="ml-auto">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="done" value=(!m.done).to_string() />
                                    <button type="submit" class="rounded-md border border-stone-300 px-2 py-1 text-xs font-medium" data-testid="mark-milestone">
                                        {if m.done { "Reopen" } else { "Mark reached" }}
                                    </button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The tasks as a board: one column per status.
#[component]
fn Board(tasks: Vec<TaskCard>, can_change: bool, all_tasks: bool) -> impl IntoView {
    const COLUMNS: [(&str, &str, &str); 3] = [
        ("todo", "To do", "tasks to do"),
        ("doing", "In progress", "tasks in progress"),
        ("done", "Done", "finished tasks"),
    ];
    view! {
        <section id="tasks" class="mt-8" aria-labelledby="tasks-title">
            <h2 id="tasks-title" class="text-xl font-semibold">"Tasks"</h2>
            <div class="mt-2 grid gap-4 md:grid-cols-3" data-testid="board">
                {COLUMNS.iter().map(|(key, label, plural)| {
                    let mut mine: Vec<TaskCard> = tasks.iter().filter(|t| t.status == *key).cloned().collect();
                    let count = mine.len();
                    // Finished work piles up: the latest finished first. Each column shows its
                    // first cards, the rest on demand.
                    let shown = if *key == "done" {
                        mine.sort_by(|a, b| b.done_at.cmp(&a.done_at));
                        DONE_SHOWN
                    } else {
                        OPEN_SHOWN
                    };
                    let hidden = if all_tasks { 0 } else { count.saturating_sub(shown) };
                    mine.truncate(count - hidden);
                    view! {
                        <div class="rounded-xl bg-stone-50 p-3" data-testid=format!("column-{key}")>
                            <h3 class="text-sm font-semibold text-stone-700">{*label} " " <span class="text-stone-500">"(" {count} ")"</span></h3>
                            <ul class="mt-2 space-y-2">
                                {mine.into_iter().map(|t| view! { <TaskItem task=t can_change=can_change /> }).collect_view()}
                            </ul>
                            {(hidden > 0).then(|| view! {
                                <p class="mt-2 text-sm"><a class="text-indigo-700 hover:underline" href="?tasks=all#tasks" data-testid=format!("show-all-{key}")>{format!("Show all {count} {plural}")}</a></p>
                            })}
                        </div>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// One task's card, with the form that moves it.
#[component]
fn TaskItem(task: TaskCard, can_change: bool) -> impl IntoView {
    const MOVES: [(&str, &str); 3] = [
        ("todo", "To do"),
        ("doing", "In progress"),
        ("done", "Done"),
    ];
    let current = task.status.clone();
    let id = task.id.clone();
    view! {
        <li class="rounded-lg border border-stone-200 bg-white p-2 text-sm shadow-sm" data-testid="task" data-task=task.id.clone() data-status=task.status.clone()>
            <p class="font-medium" data-testid="task-title">{task.title.clone()}</p>
            <p class="mt-1 flex flex-wrap gap-2 text-xs text-stone-600">
                {task.assignee.clone().map(|a| view! { <span>{a}</span> })}
                {task.due_on.clone().map(|d| view! { <span class=if task.overdue { "text-red-700" } else { "" }>"Due " {d}</span> })}
                {task.milestone.clone().map(|m| view! { <span class="text-stone-500">{m}</span> })}
            </p>
            {can_change.then(|| view! {
                <form method="post" action=MOVE class="mt-2 flex items-center gap-1">
                    <input type="hidden" name="id" value=id />
                    <select name="status" aria-label="Status" class="rounded border border-stone-300 px-1 py-0.5 text-xs" data-testid="task-status">
                        {MOVES.iter().map(|(value, label)| view! {
                            <option value=*value selected=current == *value>{*label}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="rounded border border-stone-300 px-2 py-0.5 text-xs font-medium" data-testid="move-task">"Move"</button>
                </form>
            })}
        </li>
    }
}
