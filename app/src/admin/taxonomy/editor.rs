//! The category and brand editor (`/admin/categories/{id}`, `/admin/brands/{id}`): name, slug
//! (a new one keeps the old answering 301), description and, for a category, its parent; and
//! delete, refused while products or subcategories use it. The same fields make the "new" forms
//! of both lists.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::taxonomy::api::{DeleteNamed, NamedEntry, SaveNamed, Taxon, named_editor};
use crate::admin::taxonomy::fields::NamedInput;
use crate::error::AppError;
use crate::ui::form::{Field, FormError, SelectField, TextAreaField, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The fields of a category or brand form (a parent drop-down when `parents` is given), filled
/// with what was typed when the last save was refused, else with `input`.
#[component]
pub fn NamedFields(
    kind: Taxon,
    input: NamedInput,
    /// (slug, label) of the categories it may go under; `None` for a brand.
    parents: Option<Vec<(String, String)>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let input = typed_or(error, input);
    view! {
        <input type="hidden" name="kind" value=kind.plural() />
        <FormError error=error />
        <div class="grid gap-4 md:grid-cols-2">
            <Field label="Name" name="name" value=input.name.clone() required=true error=error />
            <Field label="Slug" name="slug" value=input.slug.clone() hint="Empty: made from the name." error=error />
        </div>
        {parents.map(|options| view! {
            <SelectField label="Parent" name="parent" options=options placeholder="None (top level)" selected=input.parent.clone() error=error />
        })}
        <TextAreaField label="Description" name="description" rows=3 value=input.description.clone() hint="Shown at the top of its shop page and in its meta description." error=error />
    }
}

/// The editor page of one category or brand.
#[component]
pub fn NamedEditorPage(kind: Taxon) -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(-1)
    };
    let save = ServerAction::<SaveNamed>::new();
    // Reloaded after each successful save (a failed one keeps what was typed).
    let saves = Memo::new(move |before: Option<&usize>| {
        let ok = save.value().with(|v| matches!(v, Some(Ok(()))));
        if ok {
            save.version().get()
        } else {
            before.copied().unwrap_or(0)
        }
    });
    let data = load(
        move || (id(), saves.get()),
        move |(id, _)| named_editor(kind.plural().to_owned(), id),
    );
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let (title, back) = match kind {
        Taxon::Category => ("Edit category", "← The category tree"),
        Taxon::Brand => ("Edit brand", "← All brands"),
    };
    let list = format!("/admin/{}", kind.plural());
    view! {
        <Seo title=title description="Edit a category or brand." path=list.clone() noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href=list>{back}</a></p>
        <Show when=saved>
            <Notice text="Saved." />
        </Show>
        <Loaded load=data let:editor>
            <EditorBody kind=kind editor=editor save=save />
        </Loaded>
    }
}

#[component]
fn EditorBody(kind: Taxon, editor: NamedEntry, save: ServerAction<SaveNamed>) -> impl IntoView {
    let remove = ServerAction::<DeleteNamed>::new();
    let error = action_error(save.value());
    let delete_error = action_error(remove.value());
    let shop = match kind {
        Taxon::Category => format!("/categories/{}", editor.input.slug),
        Taxon::Brand => format!("/brands/{}", editor.input.slug),
    };
    let parents = (kind == Taxon::Category).then(|| editor.parents.clone());
    view! {
        <div class="flex items-center justify-between">
            <h1 class="text-2xl font-bold" data-testid="editor-heading">{format!("Edit “{}”", editor.input.name)}</h1>
            <a class="text-sm text-indigo-700" href=shop data-testid="view-in-shop">"View in the shop →"</a>
        </div>
        <p class="text-sm text-stone-600" data-testid="product-count">{format!("{} product(s)", editor.products)}</p>
        <ActionForm action=save attr:class="mt-6 space-y-4" attr:data-testid="named-form">
            <input type="hidden" name="id" value=editor.id />
            <NamedFields kind=kind input=editor.input.clone() parents=parents error=error />
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="save-named">"Save"</button>
        </ActionForm>
        <section class="mt-10 border-t border-stone-200 pt-4" aria-labelledby="delete-heading">
            <h2 id="delete-heading" class="font-semibold">"Delete"</h2>
            <p class="text-sm text-stone-600">"Only possible while no product (and no subcategory) uses it."</p>
            <FormError error=delete_error />
            <ActionForm action=remove attr:class="mt-2">
                <input type="hidden" name="kind" value=kind.plural() />
                <input type="hidden" name="id" value=editor.id />
                <button type="submit" class="rounded-md border border-red-300 px-3 py-1 text-red-700" data-testid="delete-named">"Delete"</button>
            </ActionForm>
        </section>
    }
}
