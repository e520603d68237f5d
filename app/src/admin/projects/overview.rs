//! `/admin/projects`: every client (and a form for a new one) and every project (and the way
//! to a new one).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{CreateClient, ProjectRow, admin_projects};
use crate::admin::table::AdminTable;
use crate::ui::form::{Field, FormError, Submit, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The projects as a table (the overview and a client's page).
#[component]
pub fn ProjectTable(projects: Vec<ProjectRow>) -> impl IntoView {
    view! {
        <AdminTable testid="admin-projects" headers=&["Project", "Client", "Status", "Progress", "Due"]>
            {projects.into_iter().map(|p| view! {
                <tr class="border-b border-stone-100" data-testid="admin-project-row">
                    <td class="py-2"><a class="text-indigo-700 hover:underline" href=format!("/admin/projects/{}", p.id)>{p.name.clone()}</a></td>
                    <td>{p.client.clone()}</td>
                    <td>{p.status.clone()}</td>
                    <td>{format!("{} %", p.progress)}</td>
                    <td>{p.due_on.clone().unwrap_or_default()}</td>
                </tr>
            }).collect_view()}
        </AdminTable>
    }
}

/// `/admin/projects`.
#[component]
pub fn ProjectsAdminPage() -> impl IntoView {
    let create = ServerAction::<CreateClient>::new();
    let error = action_error(create.value());
    let data = load(|| (), |()| admin_projects());
    let deleted = match use_query_map().read_untracked().get("deleted").as_deref() {
        Some("project") => Some("The project is deleted."),
        Some("client") => Some("The client is deleted."),
        _ => None,
    };
    view! {
        <Seo title="Client projects" description="Clients and their projects." path="/admin/projects" noindex=true />
        <div class="flex flex-wrap items-baseline justify-between gap-3">
            <h1 class="text-2xl font-bold">"Client projects"</h1>
            <a class="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white" href="/admin/projects/new" data-testid="new-project">"New project"</a>
        </div>
        {deleted.map(|text| view! { <div class="mt-4"><Notice text=text /></div> })}
        <Loaded load=data let:o>
            <h2 class="mt-6 text-lg font-semibold">"Clients"</h2>
            <AdminTable testid="admin-clients" headers=&["Client", "Slug", "Contact"]>
                {o.clients.into_iter().map(|c| view! {
                    <tr class="border-b border-stone-100" data-testid="admin-client-row">
                        <td class="py-2"><a class="text-indigo-700 hover:underline" href=format!("/admin/projects/clients/{}", c.id)>{c.name.clone()}</a></td>
                        <td class="font-mono text-xs">{c.slug.clone()}</td>
                        <td>{c.contact.clone()}</td>
                    </tr>
                }).collect_view()}
            </AdminTable>
            <h2 class="mt-8 text-lg font-semibold">"Projects"</h2>
            <ProjectTable projects=o.projects />
        </Loaded>
        <section class="mt-8 max-w-xl rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="new-client">
            <h2 id="new-client" class="mb-4 text-lg font-semibold">"New client"</h2>
            <ActionForm action=create attr:class="space-y-4" attr:novalidate=true attr:data-testid="client-form">
                <FormError error=error />
                <Field label="Name" name="name" required=true error=error />
                <Field label="Slug" name="slug" required=true hint="Lower-case letters, digits and hyphens." error=error />
                <Field label="Contact name (optional)" name="contact_name" error=error />
                <Field label="Contact email (optional)" name="contact_email" kind="email" error=error />
                <Submit label="Create the client" />
            </ActionForm>
        </section>
    }
}
