//! `/admin/projects/tasks/{id}`: one task as staff edit it — title, column, assignee (the
//! agency's staff or the client's people), due date and milestone — or delete it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::DeleteTask;
use super::edits_api::{TaskEditor, UpdateTask, admin_task};
use crate::ui::form::{Field, FormError, SelectField, Submit, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// `/admin/projects/tasks/{id}`.
#[component]
pub fn TaskAdminPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<UpdateTask>::new();
    let delete = ServerAction::<DeleteTask>::new();
    let data = load(
        move || params.read().get("id").unwrap_or_default(),
        admin_task,
    );
    view! {
        <Seo title="Task" description="Edit a task of a client project." path="/admin/projects" noindex=true />
        <Loaded load=data let:task>
            {task_view(task, save, delete)}
        </Loaded>
    }
}

fn task_view(
    t: TaskEditor,
    save: ServerAction<UpdateTask>,
    delete: ServerAction<DeleteTask>,
) -> impl IntoView {
    let (error, delete_error) = (action_error(save.value()), action_error(delete.value()));
    let back = format!("/admin/projects/{}#tasks", t.project_id);
    let (id, delete_id) = (t.id.clone(), t.id.clone());
    view! {
        <p class="mb-4 text-sm"><a class="text-indigo-700" href=back>{format!("← {}", t.project_name)}</a></p>
        <h1 class="mb-4 text-2xl font-bold" data-testid="task-title">{t.title.clone()}</h1>
        <ActionForm action=save attr:class="max-w-2xl space-y-4 rounded-xl border border-stone-200 bg-white p-6" attr:novalidate=true attr:data-testid="task-edit-form">
            <FormError error=error />
            <input type="hidden" name="id" value=id />
            <Field label="Title" name="title" required=true value=t.title.clone() error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Status" name="status" options=t.statuses selected=t.status error=error />
                <Field label="Due" name="due_on" kind="date" value=t.due_on error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Assignee" name="assignee" options=t.people placeholder="Nobody" selected=t.assignee error=error />
                <SelectField label="Milestone" name="milestone" options=t.milestones placeholder="None" selected=t.milestone error=error />
            </div>
            <Submit label="Save the task" />
        </ActionForm>
        <ActionForm action=delete attr:class="mt-6" attr:data-testid="task-delete-form">
            <FormError error=delete_error />
            <input type="hidden" name="id" value=delete_id />
            <button type="submit" class="text-sm text-red-700 underline" data-testid="delete-task">"Delete this task"</button>
        </ActionForm>
    }
}
