//! `/admin/projects/clients/{id}`: one client — its details (edit), its people (assign an
//! account by email as viewer or admin, remove one, never the last admin), its projects, and
//! deleting it once it has none.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{AssignMember, ClientDetail, RemoveMember, admin_client};
use super::edits_api::{DeleteClient, UpdateClient};
use super::overview::ProjectTable;
use crate::admin::table::AdminTable;
use crate::ui::form::{Field, FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The page's actions.
#[derive(Clone, Copy)]
struct Actions {
    assign: ServerAction<AssignMember>,
    remove: ServerAction<RemoveMember>,
    update: ServerAction<UpdateClient>,
    delete: ServerAction<DeleteClient>,
}

/// `/admin/projects/clients/{id}`.
#[component]
pub fn ClientAdminPage() -> impl IntoView {
    let params = use_params_map();
    let actions = Actions {
        assign: ServerAction::new(),
        remove: ServerAction::new(),
        update: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let data = load(
        move || params.read().get("id").unwrap_or_default(),
        admin_client,
    );
    view! {
        <Seo title="Client" description="A client and its people." path="/admin/projects" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/projects">"← Client projects"</a></p>
        {saved.then(|| view! { <Notice text="The client is saved." /> })}
        <Loaded load=data let:c>
            {client_view(c, actions)}
        </Loaded>
    }
}

fn client_view(c: ClientDetail, a: Actions) -> impl IntoView {
    let (assign, remove) = (a.assign, a.remove);
    let (assign_error, remove_error) = (action_error(assign.value()), action_error(remove.value()));
    let (update_error, delete_error) = (
        action_error(a.update.value()),
        action_error(a.delete.value()),
    );
    let client_id = c.client.id.clone();
    let (edit_id, delete_id) = (client_id.clone(), client_id.clone());
    let empty = c.projects.is_empty();
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
        <h2 class="mt-8 text-lg font-semibold">"Details"</h2>
        <ActionForm action=a.update attr:class="mt-2 max-w-2xl space-y-4 rounded-xl border border-stone-200 bg-white p-6" attr:novalidate=true attr:data-testid="client-edit-form">
            <FormError error=update_error />
            <input type="hidden" name="id" value=edit_id />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Name" name="name" required=true value=c.client.name.clone() error=update_error />
                <Field label="Slug" name="slug" required=true value=c.client.slug.clone() error=update_error />
                <Field label="Contact name" name="contact_name" value=c.client.contact_name.clone() error=update_error />
                <Field label="Contact email" name="contact_email" kind="email" value=c.client.contact_email.clone() error=update_error />
            </div>
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="save-client">"Save the client"</button>
        </ActionForm>
        <ActionForm action=a.delete attr:class="mt-6 max-w-2xl rounded-xl border border-red-200 bg-red-50 p-4" attr:data-testid="client-delete-form">
            <FormError error=delete_error />
            <input type="hidden" name="id" value=delete_id />
            <p class="text-sm text-red-900">
                {if empty {
                    "Deleting the client removes its invitations; its people keep their accounts, as customers."
                } else {
                    "A client with projects cannot be deleted: delete or move its projects first."
                }}
            </p>
            <button type="submit" class="mt-2 text-sm font-medium text-red-700 underline" data-testid="delete-client">"Delete the client"</button>
        </ActionForm>
    }
}
