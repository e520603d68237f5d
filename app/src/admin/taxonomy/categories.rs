//! `/admin/categories`: the category tree, each category indented under its parent with its
//! product count, moved up or down among its siblings with one button; a form for a new one.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::table::AdminTable;
use crate::admin::taxonomy::api::{SaveNamed, ShiftCategory, Taxon, category_tree};
use crate::admin::taxonomy::editor::NamedFields;
use crate::admin::taxonomy::fields::NamedInput;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The tree page.
#[component]
pub fn CategoriesPage() -> impl IntoView {
    let save = ServerAction::<SaveNamed>::new();
    let shift = ServerAction::<ShiftCategory>::new();
    let tree = load(
        move || (save.version().get(), shift.version().get()),
        |_| category_tree(),
    );
    let error = action_error(save.value());
    let shift_error = action_error(shift.value());
    let query = use_query_map();
    let flag = move |key: &'static str| query.read().get(key).is_some();
    view! {
        <Seo title="Categories" description="The category tree." path="/admin/categories" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Categories"</h1>
        <Show when=move || flag("saved")>
            <Notice text="The category is added." />
        </Show>
        <Show when=move || flag("deleted")>
            <Notice text="The category is deleted." />
        </Show>
        <FormError error=shift_error />
        <Loaded load=tree let:tree>
            <AdminTable testid="category-tree" headers=&["Category", "Slug", "Products", "Order"]>
                {tree.rows
                    .into_iter()
                    .map(|c| view! {
                        <tr class="border-b border-stone-100" data-testid=format!("category-{}", c.slug)>
                            <td class="py-2" style=format!("padding-left: {}rem", c.depth * 2)>
                                <a class="font-medium text-indigo-700" href=format!("/admin/categories/{}", c.id)>{c.name.clone()}</a>
                            </td>
                            <td class="text-stone-600">{c.slug.clone()}</td>
                            <td>{c.products}</td>
                            <td>
                                <ActionForm action=shift attr:class="flex gap-1">
                                    <input type="hidden" name="id" value=c.id />
                                    <button type="submit" name="direction" value="up" disabled=c.first class="rounded border border-stone-300 px-2 disabled:opacity-30" aria-label=format!("Move {} up", c.name)>"↑"</button>
                                    <button type="submit" name="direction" value="down" disabled=c.last class="rounded border border-stone-300 px-2 disabled:opacity-30" aria-label=format!("Move {} down", c.name)>"↓"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </AdminTable>
            <section class="mt-8 max-w-2xl rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="new-heading">
                <h2 id="new-heading" class="mb-2 font-semibold">"New category"</h2>
                <ActionForm action=save attr:class="space-y-4" attr:data-testid="new-category">
                    <NamedFields kind=Taxon::Category input=NamedInput::default() parents=Some(tree.parents.clone()) error=error />
                    <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="add-category">"Add category"</button>
                </ActionForm>
            </section>
        </Loaded>
    }
}
