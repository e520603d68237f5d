//! `/admin/projects/new` and `/admin/projects/{id}`: every field of a project (client, name,
//! slug, description, Markdown scope, status, priority, dates, budget and spending, leads,
//! tags), and for a saved one its milestones (add, mark reached, rename, delete), tasks (add,
//! move, delete; edited on `task_page`), data sources, reports and AI integration
//! (`resources_editor`), and deleting the whole project.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{AddMilestone, AddTask, DeleteTask, Editor, SaveProject, admin_project};
use super::edits_api::{DeleteMilestone, DeleteProject, UpdateMilestone};
use super::fields::ProjectInput;
use super::resources_editor::{ProjectResources, ResourceChoices};
use crate::admin::table::AdminTable;
use crate::error::AppError;
use crate::projects::api::{MarkMilestone, MoveTask};
use crate::ui::form::{
    Field, FormError, SelectField, Submit, TextAreaField, action_error, typed_or,
};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The actions of the page.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveProject>,
    milestone: ServerAction<AddMilestone>,
    task: ServerAction<AddTask>,
    delete: ServerAction<DeleteTask>,
    mark: ServerAction<MarkMilestone>,
    move_task: ServerAction<MoveTask>,
    rename_milestone: ServerAction<UpdateMilestone>,
    delete_milestone: ServerAction<DeleteMilestone>,
    delete_project: ServerAction<DeleteProject>,
}

/// `/admin/projects/new` and `/admin/projects/{id}`.
#[component]
pub fn ProjectEditorPage() -> impl IntoView {
    let params = use_params_map();
    let actions = Actions {
        save: ServerAction::new(),
        milestone: ServerAction::new(),
        task: ServerAction::new(),
        delete: ServerAction::new(),
        mark: ServerAction::new(),
        move_task: ServerAction::new(),
        rename_milestone: ServerAction::new(),
        delete_milestone: ServerAction::new(),
        delete_project: ServerAction::new(),
    };
    let data = load(
        move || params.read().get("id").unwrap_or_else(|| "new".to_owned()),
        admin_project,
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    view! {
        <Seo title="Project" description="Edit a client project." path="/admin/projects" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/projects">"← Client projects"</a></p>
        {saved.then(|| view! { <Notice text="The project is saved." /> })}
        <Loaded load=data let:editor>
            {editor_view(editor, actions)}
        </Loaded>
    }
}

fn editor_view(editor: Editor, a: Actions) -> impl IntoView {
    let error = action_error(a.save.value());
    let input: ProjectInput = typed_or(error, editor.input.clone());
    let title = if editor.id.is_some() {
        format!("Project: {}", editor.input.name)
    } else {
        "New project".to_owned()
    };
    let (clients, statuses, priorities) = (
        editor.clients.clone(),
        editor.statuses.clone(),
        editor.priorities.clone(),
    );
    let (staff, people) = (editor.staff.clone(), editor.client_people.clone());
    let hidden_id = editor.id.clone();
    let see_link = editor.id.clone();
    let work = editor.id.clone().map(|id| work_view(id, editor, a));
    view! {
        <h1 class="mb-4 text-2xl font-bold" data-testid="editor-title">{title}</h1>
        {see_link.map(|id| view! {
            <p class="mb-4 text-sm"><a class="text-indigo-700" href=format!("/dashboard/projects/{id}")>"See it as the client does →"</a></p>
        })}
        <ActionForm action=a.save attr:class="max-w-3xl space-y-4 rounded-xl border border-stone-200 bg-white p-6" attr:novalidate=true attr:data-testid="project-form">
            {hidden_id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <FormError error=error />
            <SelectField label="Client" name="client" options=clients selected=input.client.clone() error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Name" name="name" required=true value=input.name.clone() error=error />
                <Field label="Slug" name="slug" required=true value=input.slug.clone() error=error />
            </div>
            <Field label="Description" name="description" value=input.description.clone() error=error />
            <TextAreaField label="Scope (Markdown)" name="scope_md" rows=8 value=input.scope_md.clone() error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Status" name="status" options=statuses selected=input.status.clone() error=error />
                <SelectField label="Priority" name="priority" options=priorities selected=input.priority.clone() error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Start" name="start_on" kind="date" value=input.start_on.clone() error=error />
                <Field label="Due" name="due_on" kind="date" value=input.due_on.clone() error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-3">
                <Field label="Budget" name="budget" value=input.budget.clone() hint="e.g. 12000.00" error=error />
                <Field label="Spent" name="spent" value=input.spent.clone() error=error />
                <Field label="Currency" name="currency" value=input.currency.clone() error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Agency lead" name="agency_lead" options=staff placeholder="Nobody yet" selected=input.agency_lead.clone() error=error />
                <SelectField label="Client lead" name="client_lead" options=people placeholder="Nobody yet" selected=input.client_lead.clone() error=error />
            </div>
            <Field label="Tags" name="tags" value=input.tags.clone() hint="Comma-separated." error=error />
            <Submit label="Save the project" />
        </ActionForm>
        {work}
    }
}

/// A saved project's milestones and tasks.
fn work_view(id: String, editor: Editor, a: Actions) -> impl IntoView {
    let errors: [Signal<Option<AppError>>; 8] = [
        action_error(a.milestone.value()),
        action_error(a.task.value()),
        action_error(a.delete.value()),
        action_error(a.mark.value()),
        action_error(a.move_task.value()),
        action_error(a.rename_milestone.value()),
        action_error(a.delete_milestone.value()),
        action_error(a.delete_project.value()),
    ];
    let [
        milestone_error,
        task_error,
        delete_error,
        mark_error,
        move_error,
        rename_error,
        unmilestone_error,
        delete_project_error,
    ] = errors;
    let milestone_choices: Vec<(String, String)> = editor
        .milestones
        .iter()
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    let statuses = [
        ("todo", "To do"),
        ("doing", "In progress"),
        ("done", "Done"),
    ];
    let milestone_items = editor
        .milestones
        .into_iter()
        .map(|m| {
            let (rename_id, mark_id, delete_id) = (m.id.clone(), m.id.clone(), m.id.clone());
            view! {
            <li class="flex flex-wrap items-center gap-3" data-testid="admin-milestone">
                <ActionForm action=a.rename_milestone attr:class="flex flex-wrap items-center gap-2" attr:data-testid="milestone-edit-form">
                    <input type="hidden" name="id" value=rename_id />
                    <input name="name" value=m.name.clone() required=true maxlength="160" aria-label="Milestone name" class="rounded border border-stone-300 px-2 py-1" />
                    <input type="date" name="due_on" value=m.due_on.clone().unwrap_or_default() aria-label="Due" class="rounded border border-stone-300 px-2 py-1" />
                    <button type="submit" class="text-xs underline" data-testid="save-milestone">"Save"</button>
                </ActionForm>
                <span class="text-stone-500">{if m.done { "Reached" } else { "Open" }}</span>
                <ActionForm action=a.mark>
                    <input type="hidden" name="id" value=mark_id />
                    <input type="hidden" name="done" value=(!m.done).to_string() />
                    <button type="submit" class="text-xs underline">{if m.done { "Reopen" } else { "Mark reached" }}</button>
                </ActionForm>
                <ActionForm action=a.delete_milestone>
                    <input type="hidden" name="id" value=delete_id />
                    <button type="submit" class="text-xs text-red-700 underline" data-testid="delete-milestone">"Delete"</button>
                </ActionForm>
            </li>
            }
        })
        .collect_view();
    let task_rows = editor
        .tasks
        .into_iter()
        .map(|t| {
            let options = statuses
                .iter()
                .map(|(v, l)| view! { <option value=*v selected=*v == t.status>{*l}</option> })
                .collect_view();
            let (move_id, delete_id) = (t.id.clone(), t.id.clone());
            view! {
                <tr class="border-b border-stone-100" data-testid="admin-task">
                    <td class="py-2"><a class="text-indigo-700 hover:underline" href=format!("/admin/projects/tasks/{}", t.id) data-testid="edit-task">{t.title.clone()}</a></td>
                    <td>
                        <ActionForm action=a.move_task attr:class="flex gap-1">
                            <input type="hidden" name="id" value=move_id />
                            <select name="status" class="rounded border border-stone-300 px-1 text-xs" aria-label="Status">
                                {options}
                            </select>
                            <button type="submit" class="text-xs underline">"Move"</button>
                        </ActionForm>
                    </td>
                    <td>{t.milestone.clone().unwrap_or_default()}</td>
                    <td>{t.due_on.clone().unwrap_or_default()}</td>
                    <td>
                        <ActionForm action=a.delete>
                            <input type="hidden" name="id" value=delete_id />
                            <button type="submit" class="text-xs text-red-700 underline" data-testid="delete-task">"Delete"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let new_status = statuses
        .iter()
        .map(|(v, l)| view! { <option value=*v selected=*v == "todo">{*l}</option> })
        .collect_view();
    let (milestone_project, task_project, doomed) = (id.clone(), id.clone(), id.clone());
    let resources = view! {
        <ProjectResources
            id=id
            data_sources=editor.data_sources
            reports=editor.reports
            ai=editor.ai
            choices=ResourceChoices {
                kinds: editor.kinds,
                sync_statuses: editor.sync_statuses,
                frequencies: editor.frequencies,
            }
        />
    };
    view! {
        <section id="milestones" class="mt-8 max-w-3xl" aria-labelledby="milestones-title">
            <h2 id="milestones-title" class="text-lg font-semibold">"Milestones"</h2>
            <FormError error=mark_error />
            <FormError error=rename_error />
            <FormError error=unmilestone_error />
            <ul class="mt-2 space-y-1 text-sm" data-testid="admin-milestones">
                {milestone_items}
            </ul>
            <ActionForm action=a.milestone attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="milestone-form">
                <FormError error=milestone_error />
                <input type="hidden" name="project" value=milestone_project />
                <Field label="Milestone" id="milestone-name" name="name" required=true error=milestone_error />
                <Field label="Due" id="milestone-due" name="due_on" kind="date" error=milestone_error />
                <button type="submit" class="rounded-md border border-stone-300 px-3 py-2 text-sm" data-testid="add-milestone">"Add"</button>
            </ActionForm>
        </section>
        <section id="tasks" class="mt-8" aria-labelledby="tasks-title">
            <h2 id="tasks-title" class="text-lg font-semibold">"Tasks"</h2>
            <FormError error=delete_error />
            <FormError error=move_error />
            <AdminTable testid="admin-tasks" headers=&["Task", "Status", "Milestone", "Due", ""]>
                {task_rows}
            </AdminTable>
            <ActionForm action=a.task attr:class="mt-3 flex max-w-3xl flex-wrap items-end gap-3" attr:data-testid="task-form">
                <FormError error=task_error />
                <input type="hidden" name="project" value=task_project />
                <Field label="Task" id="task-title" name="title" required=true error=task_error />
                <label class="text-sm">
                    <span class="block font-medium">"Status"</span>
                    <select name="status" class="mt-1 rounded-md border border-stone-300 px-2 py-2">
                        {new_status}
                    </select>
                </label>
                <SelectField label="Milestone" name="milestone" options=milestone_choices placeholder="None" error=task_error />
                <Field label="Due" id="task-due" name="due_on" kind="date" error=task_error />
                <button type="submit" class="rounded-md border border-stone-300 px-3 py-2 text-sm" data-testid="add-task">"Add"</button>
            </ActionForm>
        </section>
        {resources}
        <section id="delete" class="mt-10 max-w-3xl rounded-xl border border-red-200 bg-red-50 p-6" aria-labelledby="delete-title">
            <h2 id="delete-title" class="text-lg font-semibold text-red-900">"Delete this project"</h2>
            <p class="mt-1 text-sm text-red-900">"Its tasks, milestones, comments, files, data sources and reports go with it; the client stops seeing it at once. This cannot be undone."</p>
            <ActionForm action=a.delete_project attr:class="mt-3 flex flex-wrap items-end gap-3" attr:novalidate=true attr:data-testid="delete-project-form">
                <FormError error=delete_project_error />
                <input type="hidden" name="id" value=doomed />
                <Field label="Type the project's slug to confirm" id="confirm-slug" name="confirm" required=true error=delete_project_error />
                <button type="submit" class="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white" data-testid="delete-project">"Delete the project"</button>
            </ActionForm>
        </section>
    }
}
