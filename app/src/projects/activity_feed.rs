//! The activity feed as a list: who did what, when, on which project (the dashboard shows the
//! project; a project's page does not need to).

use leptos::prelude::*;

use super::view::ActivityLine;
use crate::ui::time::When;

/// The latest changes, newest first.
#[component]
pub fn ActivityFeed(items: Vec<ActivityLine>, show_project: bool) -> impl IntoView {
    view! {
        <section id="activity" class="mt-8" aria-labelledby="activity-title">
            <h2 id="activity-title" class="text-xl font-semibold">"Activity"</h2>
            {items.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"Nothing has changed yet."</p> })}
            <ol class="mt-2 space-y-1 text-sm" data-testid="activity">
                {items.into_iter().map(|a| view! {
                    <li class="flex flex-wrap gap-x-2" data-testid="activity-item">
                        <span class="text-stone-500"><When at=a.at.clone() /></span>
                        <span class="font-medium">{a.who.clone()}</span>
                        <span>{a.what.clone()}</span>
                        {show_project.then(|| view! {
                            <span class="text-stone-500">
                                "on "
                                <a class="text-indigo-700 hover:underline" href=format!("/dashboard/projects/{}", a.project_id)>{a.project_name.clone()}</a>
                            </span>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
