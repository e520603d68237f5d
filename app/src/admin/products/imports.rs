//! `/admin/imports/{id}`: a checked CSV file — its problems line by line, or what applying it
//! would write and the button to do so — then the job's progress (the page refreshes itself
//! while it runs, with or without JavaScript).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::admin::products::imports_api::{ApplyImport, ImportView, import_status};
use crate::admin::table::AdminTable;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// The import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let apply = ServerAction::<ApplyImport>::new();
    let data = load(
        move || (id(), apply.version().get()),
        |(id, _)| import_status(id),
    );
    let error = action_error(apply.value());
    view! {
        <Seo title="Import" description="A catalog import." path="/admin/products" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/products">"← All products"</a></p>
        <FormError error=error />
        <Loaded load=data let:import>
            <ImportBody import=import apply=apply />
        </Loaded>
    }
}

#[component]
fn ImportBody(import: ImportView, apply: ServerAction<ApplyImport>) -> impl IntoView {
    let working = matches!(import.status.as_str(), "queued" | "running");
    let ready = import.status == "checked" && import.problems.is_empty();
    view! {
        {working.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
        <h1 class="text-2xl font-bold">"Import of " {import.file_name.clone()}</h1>
        <p class="mt-1 text-sm text-stone-600" data-testid="import-status">
            {format!(
                "{} lines, {} products · {} · {} of {} written ({} new, {} updated)",
                import.lines, import.total, import.status, import.done, import.total, import.created, import.updated,
            )}
        </p>
        {import.last_error.clone().map(|e| view! { <p class="mt-2 text-red-700">{e}</p> })}
        {ready.then(|| view! {
            <ActionForm action=apply attr:class="mt-4">
                <input type="hidden" name="id" value=import.id.clone() />
                <p class="text-sm">"The file checks out. Applying creates new products and updates existing ones by slug; variants are matched by SKU."</p>
                <button type="submit" class="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-white" data-testid="apply-import">"Apply the import"</button>
            </ActionForm>
        })}
        {working.then(|| view! { <p class="mt-4 text-sm" data-testid="import-progress">"Writing… this page refreshes itself."</p> })}
        {(!import.problems.is_empty()).then(|| view! {
            <h2 class="mt-6 text-lg font-semibold">"Problems"</h2>
            <p class="text-sm text-stone-600">"Nothing was written. Fix these lines and upload the file again."</p>
            <AdminTable testid="import-problems" headers=&["Line", "Column", "Problem"]>
                {import.problems.iter().map(|p| view! {
                    <tr class="border-b border-stone-100">
                        <td class="py-1">{if p.line == 0 { "–".to_owned() } else { p.line.to_string() }}</td>
                        <td>{p.field.clone()}</td>
                        <td>{p.message.clone()}</td>
                    </tr>
                }).collect_view()}
            </AdminTable>
        })}
    }
}
