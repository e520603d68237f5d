//! `/admin/brands`: every brand with its product count, each linking to its editor; a form for
//! a new one.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::admin::table::AdminTable;
use crate::admin::taxonomy::api::{SaveNamed, Taxon, brand_list};
use crate::admin::taxonomy::editor::NamedFields;
use crate::admin::taxonomy::fields::NamedInput;
use crate::ui::form::action_error;
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The brand list.
#[component]
pub fn BrandsPage() -> impl IntoView {
    let save = ServerAction::<SaveNamed>::new();
    let brands = load(move || save.version().get(), |_| brand_list());
    let error = action_error(save.value());
    let query = use_query_map();
    let flag = move |key: &'static str| query.read().get(key).is_some();
    view! {
        <Seo title="Brands" description="The brands." path="/admin/brands" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Brands"</h1>
        <Show when=move || flag("saved")>
            <Notice text="The brand is added." />
        </Show>
        <Show when=move || flag("deleted")>
            <Notice text="The brand is deleted." />
        </Show>
        <Loaded load=brands let:brands>
            <AdminTable testid="brand-list" headers=&["Brand", "Slug", "Products"]>
                {brands
                    .into_iter()
                    .map(|b| view! {
                        <tr class="border-b border-stone-100" data-testid=format!("brand-{}", b.slug)>
                            <td class="py-2"><a class="font-medium text-indigo-700" href=format!("/admin/brands/{}", b.id)>{b.name.clone()}</a></td>
                            <td class="text-stone-600">{b.slug.clone()}</td>
                            <td>{b.products}</td>
                        </tr>
                    })
                    .collect_view()}
            </AdminTable>
        </Loaded>
        <section class="mt-8 max-w-2xl rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="new-heading">
            <h2 id="new-heading" class="mb-2 font-semibold">"New brand"</h2>
            <ActionForm action=save attr:class="space-y-4" attr:data-testid="new-brand">
                <NamedFields kind=Taxon::Brand input=NamedInput::default() parents=None error=error />
                <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="add-brand">"Add brand"</button>
            </ActionForm>
        </section>
    }
}
