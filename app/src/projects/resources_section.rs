//! A project page's nested resources, rendered on the server: its data sources (status, last
//! sync, records), its reports with their latest generated files (the HTML summary to read,
//! the CSV to download), and its AI integration's figures. Read-only here: staff change them
//! in `/admin/projects/{id}`.

use leptos::prelude::*;

use super::view::{AiCard, DataSourceCard, ReportCard};
use crate::ui::time::When;

/// The badge colours of a data source's status.
fn status_class(status: &str) -> &'static str {
    match status {
        "connected" => "bg-green-100 text-green-800",
        "syncing" => "bg-indigo-100 text-indigo-800",
        "error" => "bg-red-100 text-red-800",
        _ => "bg-stone-100 text-stone-700",
    }
}

/// The data sources as a table.
#[component]
pub fn DataSources(sources: Vec<DataSourceCard>) -> impl IntoView {
    view! {
        <section id="data-sources" class="mt-8" aria-labelledby="data-sources-title">
            <h2 id="data-sources-title" class="text-xl font-semibold">"Data sources"</h2>
            {sources.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"No data sources connected yet."</p> })}
            {(!sources.is_empty()).then(|| view! {
                <div class="mt-2 overflow-x-auto">
                    <table class="w-full text-left text-sm" data-testid="data-sources">
                        <thead class="text-xs uppercase tracking-wide text-stone-500">
                            <tr><th class="py-2">"Name"</th><th>"Type"</th><th>"Status"</th><th>"Last sync"</th><th class="text-right">"Records"</th></tr>
                        </thead>
                        <tbody>
                            {sources.into_iter().map(|s| view! {
                                <tr class="border-t border-stone-100" data-testid="data-source" data-status=s.status.clone()>
                                    <td class="py-2 font-medium">{s.name}</td>
                                    <td>{s.kind_label}</td>
                                    <td><span class=format!("rounded-full px-2 text-xs {}", status_class(&s.status))>{s.status_label}</span></td>
                                    <td>{match s.last_sync { Some(at) => view! { <When at=at /> }.into_any(), None => "Never".into_any() }}</td>
                                    <td class="text-right tabular-nums">{s.records}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// The reports, each with its latest files.
#[component]
pub fn Reports(reports: Vec<ReportCard>) -> impl IntoView {
    view! {
        <section id="reports" class="mt-8" aria-labelledby="reports-title">
            <h2 id="reports-title" class="text-xl font-semibold">"Reports"</h2>
            {reports.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"No reports set up yet."</p> })}
            <ul class="mt-2 space-y-3" data-testid="reports">
                {reports.into_iter().map(|r| {
                    let schedule = if r.paused {
                        view! { <span class="text-stone-500">"Paused"</span> }.into_any()
                    } else {
                        view! { <span>"Next: " <When at=r.next_run.clone() /></span> }.into_any()
                    };
                    view! {
                        <li class="rounded-lg border border-stone-200 bg-white p-3" data-testid="report">
                            <div class="flex flex-wrap items-baseline gap-2">
                                <h3 class="font-medium">{r.name.clone()}</h3>
                                <span class="rounded bg-stone-100 px-1.5 text-xs text-stone-700">{r.frequency_label.clone()}</span>
                                <span class="text-xs text-stone-600">{schedule}</span>
                            </div>
                            {(!r.description.is_empty()).then(|| view! { <p class="mt-1 text-sm text-stone-700">{r.description.clone()}</p> })}
                            {r.files.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-500">"Not generated yet."</p> })}
                            <ul class="mt-2 space-y-1 text-sm">
                                {r.files.into_iter().map(|f| {
                                    let csv = format!("/dashboard/reports/{}/csv", f.id);
                                    view! {
                                        <li class="flex flex-wrap gap-3" data-testid="report-file">
                                            <a class="text-indigo-700 hover:underline" href=format!("/dashboard/reports/{}", f.id) rel="external" data-testid="report-html">
                                                <When at=f.at />
                                            </a>
                                            <a class="text-indigo-700 hover:underline" href=csv rel="external" download="" data-testid="report-csv">"CSV"</a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The AI integration's figures.
#[component]
pub fn AiPanel(ai: Option<AiCard>) -> impl IntoView {
    let body = match ai {
        None => view! { <p class="mt-2 text-sm text-stone-600">"No AI integration on this project."</p> }.into_any(),
        Some(ai) => {
            let facts = [
                ("Features", if ai.features.is_empty() { "—".to_owned() } else { ai.features.join(", ") }),
                ("Models", if ai.models.is_empty() { "—".to_owned() } else { ai.models.join(", ") }),
                ("Documents indexed", crate::catalog::money::group_thousands(ai.documents_indexed.unsigned_abs().into())),
                ("Calls (30 days)", crate::catalog::money::group_thousands(ai.requests_30d.unsigned_abs())),
                ("Error rate (30 days)", ai.error_rate.clone().unwrap_or_else(|| "No calls yet".to_owned())),
            ];
            view! {
                <div class="mt-2 rounded-lg border border-stone-200 bg-white p-3" data-testid="ai-panel" data-enabled=ai.enabled.to_string()>
                    <p class="text-sm">
                        {if ai.enabled {
                            view! { <span class="rounded-full bg-green-100 px-2 text-green-800">"Enabled"</span> }.into_any()
                        } else {
                            view! { <span class="rounded-full bg-stone-100 px-2 text-stone-700">"Disabled"</span> }.into_any()
                        }}
                        {ai.last_refresh.map(|at| view! { <span class="ml-2 text-stone-600">"Last refresh: " <When at=at /></span> })}
                    </p>
                    <dl class="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
                        {facts.into_iter().map(|(label, value)| view! {
                            <div>
                                <dt class="text-xs uppercase tracking-wide text-stone-500">{label}</dt>
                                <dd class="font-medium" data-testid=format!("ai-{}", label.to_lowercase().replace([' ', '(', ')'], "-"))>{value}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                </div>
            }.into_any()
        }
    };
    view! {
        <section id="ai" class="mt-8" aria-labelledby="ai-title">
            <h2 id="ai-title" class="text-xl font-semibold">"AI integration"</h2>
            {body}
        </section>
    }
}
