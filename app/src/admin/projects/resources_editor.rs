//! A saved project's nested resources in `/admin/projects/{id}`: its data sources and reports
//! as tables with one form each below (empty to add; filled, through `?source=` or `?report=`,
//! to change the one chosen — a plain link, so it works without JavaScript), a report
//! generated now, and the AI integration's form.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::Choice;
use super::resources_api::{
    DeleteDataSource, DeleteReport, GenerateReport, SaveAi, SaveDataSource, SaveReport,
};
use crate::admin::table::AdminTable;
use crate::projects::view::{AiCard, DataSourceCard, ReportCard};
use crate::ui::form::{Field, FormError, SelectField, TextAreaField, action_error};
use crate::ui::time::When;

/// The choices the forms offer.
#[derive(Debug, Clone)]
pub struct ResourceChoices {
    pub kinds: Vec<Choice>,
    pub sync_statuses: Vec<Choice>,
    pub frequencies: Vec<Choice>,
}

const BUTTON: &str = "rounded-md border border-stone-300 px-3 py-2 text-sm";

/// An instant as a `datetime-local` field's value (`YYYY-MM-DDTHH:MM`, UTC).
fn local(at: &crate::ui::time::Instant) -> String {
    at.at.get(..16).unwrap_or_default().to_owned()
}

/// The data sources, reports and AI integration of project `id`.
#[component]
pub fn ProjectResources(
    id: String,
    data_sources: Vec<DataSourceCard>,
    reports: Vec<ReportCard>,
    ai: Option<AiCard>,
    choices: ResourceChoices,
) -> impl IntoView {
    let query = use_query_map();
    let chosen_source = query.read_untracked().get("source");
    let chosen_report = query.read_untracked().get("report");
    let editing_source = data_sources
        .iter()
        .find(|s| Some(&s.id) == chosen_source.as_ref())
        .cloned();
    let editing_report = reports
        .iter()
        .find(|r| Some(&r.id) == chosen_report.as_ref())
        .cloned();
    view! {
        <DataSourceSection id=id.clone() sources=data_sources editing=editing_source choices=choices.clone() />
        <ReportSection id=id.clone() reports=reports editing=editing_report frequencies=choices.frequencies />
        <AiSection id=id ai=ai />
    }
}

#[component]
fn DataSourceSection(
    id: String,
    sources: Vec<DataSourceCard>,
    editing: Option<DataSourceCard>,
    choices: ResourceChoices,
) -> impl IntoView {
    let save = ServerAction::<SaveDataSource>::new();
    let delete = ServerAction::<DeleteDataSource>::new();
    let (save_error, delete_error) = (action_error(save.value()), action_error(delete.value()));
    let project = id.clone();
    let rows = sources
        .into_iter()
        .map(|s| {
            let edit = format!("/admin/projects/{project}?source={}#data-sources", s.id);
            let delete_id = s.id.clone();
            view! {
                <tr class="border-b border-stone-100" data-testid="admin-data-source">
                    <td class="py-2">{s.name.clone()}</td>
                    <td>{s.kind_label.clone()}</td>
                    <td>{s.status_label.clone()}</td>
                    <td>{s.last_sync.clone().map(|at| view! { <When at=at /> })}</td>
                    <td class="tabular-nums">{s.records.clone()}</td>
                    <td class="flex gap-3 py-2">
                        <a class="text-xs text-indigo-700 underline" href=edit>"Edit"</a>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=delete_id />
                            <button type="submit" class="text-xs text-red-700 underline" data-testid="delete-data-source">"Remove"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let title = if editing.is_some() {
        "Change the data source"
    } else {
        "Add a data source"
    };
    let e = editing.clone();
    view! {
        <section id="data-sources" class="mt-8" aria-labelledby="data-sources-title">
            <h2 id="data-sources-title" class="text-lg font-semibold">"Data sources"</h2>
            <FormError error=delete_error />
            <AdminTable testid="admin-data-sources" headers=&["Name", "Type", "Status", "Last sync", "Records", ""]>
                {rows}
            </AdminTable>
            <ActionForm action=save attr:class="mt-3 max-w-3xl space-y-3 rounded-xl border border-stone-200 bg-white p-4" attr:novalidate=true attr:data-testid="data-source-form">
                <h3 class="font-medium">{title}</h3>
                <FormError error=save_error />
                <input type="hidden" name="project" value=id />
                {e.as_ref().map(|s| view! { <input type="hidden" name="id" value=s.id.clone() /> })}
                <div class="grid gap-3 sm:grid-cols-3">
                    <Field label="Name" id="source-name" name="name" required=true value=e.as_ref().map(|s| s.name.clone()).unwrap_or_default() error=save_error />
                    <SelectField label="Type" name="kind" options=choices.kinds selected=e.as_ref().map(|s| s.kind.clone()).unwrap_or_else(|| "postgres".to_owned()) error=save_error />
                    <SelectField label="Connection" name="sync_status" options=choices.sync_statuses selected=e.as_ref().map(|s| s.status.clone()).unwrap_or_else(|| "disconnected".to_owned()) error=save_error />
                </div>
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Last sync (UTC)" name="last_sync_at" kind="datetime-local" value=e.as_ref().and_then(|s| s.last_sync.as_ref().map(local)).unwrap_or_default() error=save_error />
                    <Field label="Records" name="record_count" value=e.as_ref().map(|s| s.record_count.to_string()).unwrap_or_default() error=save_error />
                </div>
                <button type="submit" class=BUTTON data-testid="save-data-source">{if e.is_some() { "Save the data source" } else { "Add the data source" }}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ReportSection(
    id: String,
    reports: Vec<ReportCard>,
    editing: Option<ReportCard>,
    frequencies: Vec<Choice>,
) -> impl IntoView {
    let save = ServerAction::<SaveReport>::new();
    let delete = ServerAction::<DeleteReport>::new();
    let generate = ServerAction::<GenerateReport>::new();
    let (save_error, delete_error, generate_error) = (
        action_error(save.value()),
        action_error(delete.value()),
        action_error(generate.value()),
    );
    let project = id.clone();
    let rows = reports
        .into_iter()
        .map(|r| {
            let edit = format!("/admin/projects/{project}?report={}#reports", r.id);
            let latest = r.files.first().cloned();
            let (generate_id, delete_id) = (r.id.clone(), r.id.clone());
            view! {
                <tr class="border-b border-stone-100" data-testid="admin-report">
                    <td class="py-2">{r.name.clone()}</td>
                    <td>{r.frequency_label.clone()}{r.paused.then_some(" (paused)")}</td>
                    <td><When at=r.next_run.clone() /></td>
                    <td>{latest.map(|f| view! {
                        <a class="text-indigo-700 underline" href=format!("/dashboard/reports/{}", f.id)><When at=f.at /></a>
                        " · " {f.mailed_to} " mailed"
                    })}</td>
                    <td class="flex flex-wrap gap-3 py-2">
                        <ActionForm action=generate>
                            <input type="hidden" name="id" value=generate_id />
                            <button type="submit" class="text-xs text-indigo-700 underline" data-testid="generate-report">"Generate now"</button>
                        </ActionForm>
                        <a class="text-xs text-indigo-700 underline" href=edit>"Edit"</a>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=delete_id />
                            <button type="submit" class="text-xs text-red-700 underline" data-testid="delete-report">"Remove"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let title = if editing.is_some() {
        "Change the report"
    } else {
        "Set up a report"
    };
    let e = editing.clone();
    view! {
        <section id="reports" class="mt-8" aria-labelledby="reports-title">
            <h2 id="reports-title" class="text-lg font-semibold">"Reports"</h2>
            <FormError error=delete_error />
            <FormError error=generate_error />
            <AdminTable testid="admin-reports" headers=&["Report", "Frequency", "Next run", "Latest file", ""]>
                {rows}
            </AdminTable>
            <ActionForm action=save attr:class="mt-3 max-w-3xl space-y-3 rounded-xl border border-stone-200 bg-white p-4" attr:novalidate=true attr:data-testid="report-form">
                <h3 class="font-medium">{title}</h3>
                <FormError error=save_error />
                <input type="hidden" name="project" value=id />
                {e.as_ref().map(|r| view! { <input type="hidden" name="id" value=r.id.clone() /> })}
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Name" id="report-name" name="name" required=true value=e.as_ref().map(|r| r.name.clone()).unwrap_or_default() error=save_error />
                    <SelectField label="Frequency" name="frequency" options=frequencies selected=e.as_ref().map(|r| r.frequency.clone()).unwrap_or_else(|| "weekly".to_owned()) error=save_error />
                </div>
                <TextAreaField label="Description" name="description" rows=2 value=e.as_ref().map(|r| r.description.clone()).unwrap_or_default() error=save_error />
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="paused" value="true" checked=e.as_ref().is_some_and(|r| r.paused) />
                    "Paused (not generated until resumed)"
                </label>
                <p class="text-xs text-stone-500">"A new report is first generated within ten minutes, then once per period; its link is mailed to the project's client lead (or the client's admins)."</p>
                <button type="submit" class=BUTTON data-testid="save-report">{if e.is_some() { "Save the report" } else { "Set up the report" }}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AiSection(id: String, ai: Option<AiCard>) -> impl IntoView {
    let save = ServerAction::<SaveAi>::new();
    let error = action_error(save.value());
    let a = ai.unwrap_or(AiCard {
        enabled: false,
        features: Vec::new(),
        models: Vec::new(),
        documents_indexed: 0,
        last_refresh: None,
        requests_30d: 0,
        errors_30d: 0,
        error_rate: None,
    });
    let rate = a
        .error_rate
        .clone()
        .map_or_else(|| "no calls yet".to_owned(), |r| format!("error rate {r}"));
    view! {
        <section id="ai" class="mt-8 max-w-3xl" aria-labelledby="ai-title">
            <h2 id="ai-title" class="text-lg font-semibold">"AI integration"</h2>
            <p class="text-sm text-stone-600" data-testid="admin-ai-rate">"Last 30 days: " {rate}</p>
            <ActionForm action=save attr:class="mt-3 space-y-3 rounded-xl border border-stone-200 bg-white p-4" attr:novalidate=true attr:data-testid="ai-form">
                <FormError error=error />
                <input type="hidden" name="project" value=id />
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="enabled" value="true" checked=a.enabled />
                    "Enabled"
                </label>
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Features" name="features" value=a.features.join(", ") hint="Comma-separated." error=error />
                    <Field label="Models" name="models" value=a.models.join(", ") hint="Comma-separated." error=error />
                </div>
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Documents indexed" name="documents_indexed" value=a.documents_indexed.to_string() error=error />
                    <Field label="Last refresh (UTC)" name="last_refresh_at" kind="datetime-local" value=a.last_refresh.as_ref().map(local).unwrap_or_default() error=error />
                </div>
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Calls, last 30 days" name="requests_30d" value=a.requests_30d.to_string() error=error />
                    <Field label="Failed calls, last 30 days" name="errors_30d" value=a.errors_30d.to_string() error=error />
                </div>
                <button type="submit" class=BUTTON data-testid="save-ai">"Save the AI integration"</button>
            </ActionForm>
        </section>
    }
}
