//! `/dashboard`: the caller's projects — the summary of them all (total, by status, average
//! progress, overdue, budget at risk, due this week), then the projects as cards, filtered by
//! status, agency lead, tag and (staff) client and sorted with a plain GET form, and the
//! activity feed (who changed what). A person who belongs to no client is told how to get in.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::activity_feed::ActivityFeed;
use super::api::dashboard;
use super::view::{Board, ProjectCard};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// `/dashboard`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        (
            q.get("status"),
            q.get("lead"),
            q.get("tag"),
            q.get("client"),
            q.get("sort"),
        )
    };
    let data = load(wanted, |(status, lead, tag, client, sort)| {
        dashboard(status, lead, tag, client, sort)
    });
    let joined = query.read_untracked().get("joined").is_some();
    view! {
        <Seo title="Your projects" description="Your projects with the agency." path="/dashboard" noindex=true />
        <Loaded load=data let:board>
            {board_view(board, joined)}
        </Loaded>
    }
}

/// The page once loaded.
fn board_view(board: Board, joined: bool) -> impl IntoView {
    if board.kind == "none" {
        return view! {
            <div class="mx-auto max-w-2xl" data-testid="no-dashboard">
                <h1 class="text-3xl font-bold">"Your projects"</h1>
                <p class="mt-4 text-stone-700">
                    "Your account is not part of a client company yet. If your company works with us, ask one of its admins to invite you with this address — or write to us through the "
                    <a href="/contact" class="text-indigo-700 underline">"contact form"</a>"."
                </p>
            </div>
        }
        .into_any();
    }
    let title = board.client_name.clone().map_or_else(
        || "All client projects".to_owned(),
        |c| format!("{c} — projects"),
    );
    let staff = board.kind == "staff";
    let activity = board.activity.clone();
    let count = match board.projects.len() {
        1 => "1 project".to_owned(),
        n => format!("{n} projects"),
    };
    view! {
        <div class="mx-auto max-w-6xl" data-testid="dashboard">
            <div class="flex flex-wrap items-baseline justify-between gap-3">
                <h1 class="text-3xl font-bold">{title}</h1>
                {(!staff).then(|| view! {
                    <a href="/dashboard/people" class="text-sm text-indigo-700 hover:underline" data-testid="people-link">"People"</a>
                })}
            </div>
            {joined.then(|| view! {
                <p class="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800" role="status" data-testid="joined">"Welcome — you now follow your company's projects."</p>
            })}
            <SummaryTiles summary=board.summary.clone() />
            <Filters board=board.clone() />
            <p class="mt-6 text-sm text-stone-600" data-testid="project-count">{count}</p>
            <ul class="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="projects">
                {board.projects.into_iter().map(|p| view! { <Card project=p staff=staff /> }).collect_view()}
            </ul>
            <ActivityFeed items=activity show_project=true />
        </div>
    }
    .into_any()
}

/// The numbers across the top, and the projects by status as one bar.
#[component]
fn SummaryTiles(summary: super::view::Summary) -> impl IntoView {
    let tiles = [
        ("Projects", summary.total.to_string(), "summary-total"),
        (
            "Average progress",
            format!("{} %", summary.average_progress),
            "summary-progress",
        ),
        ("Overdue", summary.overdue.to_string(), "summary-overdue"),
        (
            "Budget at risk",
            summary.at_risk.to_string(),
            "summary-at-risk",
        ),
        (
            "Due this week",
            summary.due_this_week.to_string(),
            "summary-due-week",
        ),
    ];
    view! {
        <dl class="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="summary">
            {tiles.into_iter().map(|(label, value, id)| view! {
                <div class="rounded-lg border border-stone-200 bg-white p-3">
                    <dt class="text-xs uppercase tracking-wide text-stone-500">{label}</dt>
                    <dd class="mt-1 text-2xl font-semibold" data-testid=id>{value}</dd>
                </div>
            }).collect_view()}
        </dl>
        {super::charts::status_bar("Projects by status", &summary.by_status, summary.total)}
    }
}

/// The filter and sort form (a plain GET).
#[component]
fn Filters(board: Board) -> impl IntoView {
    let chosen = board.chosen.clone();
    view! {
        <form method="get" action="/dashboard" class="mt-6 flex flex-wrap items-end gap-4" data-testid="dashboard-filter">
            <label class="text-sm">
                <span class="block font-medium">"Status"</span>
                <select name="status" class="rounded-md border border-stone-300 px-2 py-1">
                    <option value="" selected=chosen.status.is_none()>"Any"</option>
                    {board.statuses.iter().map(|(key, label)| {
                        let selected = chosen.status.as_deref() == Some(key.as_str());
                        view! { <option value=key.clone() selected=selected>{label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                <span class="block font-medium">"Agency lead"</span>
                <select name="lead" class="rounded-md border border-stone-300 px-2 py-1">
                    <option value="" selected=chosen.lead.is_none()>"Anyone"</option>
                    {board.leads.iter().map(|(id, name)| {
                        let selected = chosen.lead.as_deref() == Some(id.as_str());
                        view! { <option value=id.clone() selected=selected>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="text-sm">
                <span class="block font-medium">"Tag"</span>
                <select name="tag" class="rounded-md border border-stone-300 px-2 py-1">
                    <option value="" selected=chosen.tag.is_none()>"Any"</option>
                    {board.tags.iter().map(|tag| {
                        let selected = chosen.tag.as_deref() == Some(tag.as_str());
                        view! { <option value=tag.clone() selected=selected>{tag.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            {(!board.clients.is_empty()).then(|| view! {
                <label class="text-sm">
                    <span class="block font-medium">"Client"</span>
                    <select name="client" class="rounded-md border border-stone-300 px-2 py-1">
                        <option value="" selected=chosen.client.is_none()>"All clients"</option>
                        {board.clients.iter().map(|(id, name)| {
                            let selected = chosen.client.as_deref() == Some(id.as_str());
                            view! { <option value=id.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            })}
            <label class="text-sm">
                <span class="block font-medium">"Sort by"</span>
                <select name="sort" class="rounded-md border border-stone-300 px-2 py-1">
                    {board.sorts.iter().map(|(key, label)| {
                        let selected = chosen.sort == *key;
                        view! { <option value=key.clone() selected=selected>{label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium">"Apply"</button>
        </form>
    }
}

/// One project's card.
#[component]
pub fn Card(project: ProjectCard, staff: bool) -> impl IntoView {
    let href = format!("/dashboard/projects/{}", project.id);
    let tasks = format!(
        "{} of {} tasks done",
        project.tasks_done, project.tasks_total
    );
    view! {
        <li class="rounded-xl border border-stone-200 bg-white p-4 shadow-sm" data-testid="project-card" data-status=project.status.clone()>
            <div class="flex items-start justify-between gap-2">
                <h2 class="font-semibold">
                    <a href=href class="hover:underline" data-testid="project-link">{project.name.clone()}</a>
                </h2>
                <StatusBadge status=project.status.clone() label=project.status_label.clone() />
            </div>
            {staff.then(|| view! { <p class="text-xs text-stone-500" data-testid="project-client">{project.client_name.clone()}</p> })}
            <p class="mt-1 line-clamp-2 text-sm text-stone-600">{project.description.clone()}</p>
            <ProgressBar percent=project.progress />
            <p class="mt-1 text-xs text-stone-600" data-testid="project-tasks">{tasks}</p>
            <div class="mt-2 flex flex-wrap gap-2 text-xs">
                {project.due_on.clone().map(|d| view! { <span class="text-stone-600">"Due " {d}</span> })}
                {project.overdue.then(|| view! { <span class="rounded-full bg-red-100 px-2 text-red-800" data-testid="overdue">"Overdue"</span> })}
                {project.budget_at_risk.then(|| view! { <span class="rounded-full bg-amber-100 px-2 text-amber-900" data-testid="at-risk">"Budget at risk"</span> })}
                {project.agency_lead.clone().map(|l| view! { <span class="text-stone-600">"Lead: " {l}</span> })}
            </div>
            {(!project.tags.is_empty()).then(|| view! {
                <p class="mt-2 flex flex-wrap gap-1">
                    {project.tags.iter().map(|t| view! { <span class="rounded bg-stone-100 px-1.5 text-xs text-stone-700">{t.clone()}</span> }).collect_view()}
                </p>
            })}
        </li>
    }
}

/// A project's status as a coloured badge.
#[component]
pub fn StatusBadge(status: String, label: String) -> impl IntoView {
    let class = match status.as_str() {
        "active" => "bg-indigo-100 text-indigo-800",
        "completed" => "bg-green-100 text-green-800",
        "on_hold" => "bg-stone-200 text-stone-700",
        "review" => "bg-sky-100 text-sky-800",
        _ => "bg-amber-100 text-amber-900",
    };
    view! {
        <span class=format!("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium {class}") data-testid="project-status">{label}</span>
    }
}

/// Progress as a bar with its number (a `<meter>`-like div, readable without styles).
#[component]
pub fn ProgressBar(percent: u8) -> impl IntoView {
    view! {
        <div class="mt-3 flex items-center gap-2" data-testid="progress">
            <div class="h-2 flex-1 overflow-hidden rounded-full bg-stone-100" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()>
                <div class="h-full rounded-full bg-indigo-600" style=format!("width: {percent}%")></div>
            </div>
            <span class="w-10 text-right text-xs font-medium" data-testid="progress-value">{format!("{percent} %")}</span>
        </div>
    }
}
