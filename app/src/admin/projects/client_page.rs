//! `/admin/projects/clients/{id}`: one client — its people (assign an account by email as
//! viewer or admin, remove one, never the last admin) and its projects.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::{AssignMember, ClientDetail, RemoveMember, admin_client};
use super::overview::ProjectTable;
use crate::admin::table::AdminTable;
use crate::ui::form::{Field, FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// `/admin/projects/clients/{id}`.
#[component]
pub fn ClientAdminPage() -> impl IntoView {
    let params = use_params_map();
    let assign = ServerAction::<AssignMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let errors = (action_error(assign.value()), action_error(remove.value()));
    let data = load(
        move || params.read().get("id").unwrap_or_default(),
        admin_client,
    );
    view! {
        <Seo title="Client" description="A client and its people." path="/admin/projects" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/projects">"← Client projects"</a></p>
        <Loaded load=data let:c>
            {client_view(c, assign, remove, errors)}
        </Loaded>
    }
}

type Errors = (
    Signal<Option<crate::error::AppError>>,
    Signal<Option<crate::error::AppError>>,
);

fn client_view(
    c: ClientDetail,
    assign: ServerAction<AssignMember>,
    remove: ServerAction<RemoveMember>,
    (assign_error, remove_error): Errors,
) -> impl IntoView {
    let client_id = c.client.id.clone();
    let rows = c.members.into_iter().map(|m| {
                let client_id = client_id.clone();
                view! {
                    <tr class="border-b border-stone-100" data-testid="client-member">
                        <td class="py-2">{m.name.clone()}</td>
                        <td>{m.email.clone()}</td>
                        <td>{m.role.clone()}</td>
                        <td>
                            <ActionForm action=remove>
                                <input type="hidden" name="client" value=client_id />
                                <input type="hidden" name="user_id" value=m.user_id.clone() />
                                <button type="submit" class="text-xs underline" data-testid="remove-member">"Remove"</button>
                            </ActionForm>
                        </td>
                    </tr>
                }
            }).collect_view();
    view! {
        <h1 class="text-2xl font-bold" data-testid="client-name">{c.client.name.clone()}</h1>
        <p class="text-sm text-stone-600">{c.client.contact.clone()}</p>
        <h2 class="mt-6 text-lg font-semibold">"People"</h2>
        <FormError error=remove_error />
        <AdminTable testid="client-members" headers=&["Name", "Email", "Role", ""]>
            {rows}
        </AdminTable>
        <ActionForm action=assign attr:class="mt-4 flex max-w-2xl flex-wrap items-end gap-3" attr:data-testid="assign-form">
            <FormError error=assign_error />
            <input type="hidden" name="client" value=client_id.clone() />
            <Field label="Account email" name="email" kind="email" required=true error=assign_error />
            <label class="text-sm">
                <span class="block font-medium">"Role"</span>
                <select name="role" class="mt-1 rounded-md border border-stone-300 px-2 py-2">
                    <option value="client_viewer" selected=true>"Viewer"</option>
                    <option value="client_admin">"Admin"</option>
                </select>
            </label>
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="assign-member">"Add to the client"</button>
        </ActionForm>
        <h2 class="mt-8 text-lg font-semibold">"Projects"</h2>
        <ProjectTable projects=c.projects />
    }
}
