//! `/admin/styles` (the categories, each editable in place, a new category, and every style,
//! withdrawn ones too) and `/admin/styles/{id}` (`new` for a new style: every field of a style,
//! and its before/after examples, uploaded as two pictures or removed). Every form is a real
//! form: it works without JavaScript and shows its errors next to the fields.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    CategoryInput, DeleteStyleExample, SaveStyle, SaveStyleCategory, StyleEditor, StyleInput,
    admin_style, admin_styles,
};
use crate::admin::table::AdminTable;
use crate::error::AppError;
use crate::ui::form::{
    Field, FormError, SelectField, TextAreaField, action_error, typed_or, url_error,
};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The example upload's server function path (a plain multipart form).
const EXAMPLE_UPLOAD: &str = "/api/admin_style_example";

/// `/admin/styles`.
#[component]
pub fn StylesAdminPage() -> impl IntoView {
    let data = load(|| (), |()| admin_styles());
    let save = ServerAction::<SaveStyleCategory>::new();
    let error = action_error(save.value());
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    view! {
        <Seo title="Styles" description="The studio's style catalog." path="/admin/styles" noindex=true />
        <div class="mb-4 flex items-center justify-between">
            <h1 class="text-2xl font-bold">"Studio styles"</h1>
            <a href="/admin/styles/new" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="new-style">"New style"</a>
        </div>
        <Show when=saved>
            <Notice text="Saved." />
        </Show>
        <FormError error=error />
        // A category's fields sit in one row: their messages are listed here.
        <ul class="mb-2 text-sm text-red-700" role="alert" data-testid="category-errors">
            {move || {
                let lines: Vec<String> = error
                    .get()
                    .map(|e| {
                        e.field_errors()
                            .into_iter()
                            .map(|(field, message)| format!("{field}: {message}"))
                            .collect()
                    })
                    .unwrap_or_default();
                lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()
            }}
        </ul>
        <Loaded load=data let:admin>
            <h2 class="mb-2 mt-6 text-xl font-semibold">"Categories"</h2>
            <ul class="space-y-2" data-testid="style-category-list">
                {admin.categories.into_iter().map(|(id, c)| view! {
                    <li><CategoryForm id=Some(id) input=c save=save /></li>
                }).collect_view()}
            </ul>
            <h3 class="mb-2 mt-4 font-semibold">"New category"</h3>
            <CategoryForm
                id=None
                input=typed_or(error, CategoryInput {
                    name: String::new(),
                    slug: String::new(),
                    icon: String::new(),
                    colour: "#4f46e5".into(),
                    position: "0".into(),
                })
                save=save
            />
            <h2 class="mb-2 mt-8 text-xl font-semibold">"Styles"</h2>
            <AdminTable testid="admin-style-list" headers=&["Style", "Category", "Engine", "Uses", "State"]>
                {admin.styles.into_iter().map(|s| view! {
                    <tr class="border-b border-stone-100" data-testid="admin-style">
                        <td class="py-2"><a class="text-indigo-700 hover:underline" href=format!("/admin/styles/{}", s.id)>{s.name}</a> <span class="text-xs text-stone-500">{s.slug}</span></td>
                        <td>{s.category}</td>
                        <td>{s.engine}</td>
                        <td>{s.uses}</td>
                        <td>
                            {if s.active { "active" } else { "withdrawn" }}
                            {s.premium.then_some(" · premium")}
                        </td>
                    </tr>
                }).collect_view()}
            </AdminTable>
        </Loaded>
    }
}

/// One category's fields in a row (a new one when `id` is `None`).
#[component]
fn CategoryForm(
    id: Option<i64>,
    input: CategoryInput,
    save: ServerAction<SaveStyleCategory>,
) -> impl IntoView {
    let small = "rounded-md border border-stone-300 px-2 py-1";
    let testid = if id.is_some() {
        "style-category"
    } else {
        "new-style-category"
    };
    view! {
        <ActionForm action=save attr:class="flex flex-wrap items-end gap-2" attr:data-testid=testid>
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <label class="text-sm">"Name "<input name="name" value=input.name required=true maxlength="60" class=small /></label>
            <label class="text-sm">"Address "<input name="slug" value=input.slug required=true maxlength="80" class=small /></label>
            <label class="text-sm">"Icon "<input name="icon" value=input.icon maxlength="8" class=format!("{small} w-16") /></label>
            <label class="text-sm">"Colour "<input name="colour" value=input.colour class=format!("{small} w-24") /></label>
            <label class="text-sm">"Order "<input name="position" value=input.position class=format!("{small} w-16") /></label>
            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium">
                {if id.is_some() { "Save" } else { "Add category" }}
            </button>
        </ActionForm>
    }
}

/// `/admin/styles/{id}` and `/admin/styles/new`.
#[component]
pub fn StyleEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .map(|s| {
                if s == "new" {
                    -1
                } else {
                    s.parse::<i64>().unwrap_or(0)
                }
            })
            .unwrap_or(0)
    };
    let data = load(id, admin_style);
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let example = move || query.read().get("example").is_some();
    view! {
        <Seo title="Edit style" description="Edit a studio style." path="/admin/styles" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/styles">"← All styles"</a></p>
        <Show when=saved>
            <Notice text="Saved." />
        </Show>
        <Show when=example>
            <Notice text="The example is added." />
        </Show>
        <Loaded load=data let:editor>
            {editor_view(editor)}
        </Loaded>
    }
}

/// The select options of an image parameter.
fn options(values: &[String]) -> Vec<(String, String)> {
    values.iter().map(|v| (v.clone(), v.clone())).collect()
}

/// The editor once loaded.
fn editor_view(editor: StyleEditor) -> impl IntoView {
    let save = ServerAction::<SaveStyle>::new();
    let error = action_error(save.value());
    let input: StyleInput = typed_or(error, editor.input.clone());
    let heading = match editor.id {
        Some(_) => format!("Edit “{}”", editor.input.name),
        None => "New style".to_owned(),
    };
    let engines = vec![
        ("local".to_owned(), "Local engine".to_owned()),
        ("openai".to_owned(), "OpenAI".to_owned()),
    ];
    let check = |name: &'static str, label: &'static str, on: bool| {
        view! {
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name=name value="on" checked=on class="accent-indigo-600" />
                {label}
            </label>
        }
    };
    let examples = editor
        .id
        .map(|id| view! { <Examples style_id=id examples=editor.examples.clone() /> });
    view! {
        <h1 class="text-2xl font-bold" data-testid="style-editor-heading">{heading}</h1>
        <ActionForm action=save attr:class="mt-6 max-w-3xl space-y-4" attr:data-testid="style-form">
            {editor.id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <FormError error=error />
            <div class="grid gap-4 md:grid-cols-2">
                <Field label="Name" name="name" value=input.name.clone() required=true error=error />
                <Field label="Address (slug)" name="slug" value=input.slug.clone() required=true error=error />
                <SelectField label="Category" name="category_id" options=editor.categories.clone() selected=input.category_id.clone() error=error />
                <SelectField label="Engine" name="engine" options=engines placeholder="Choose…" selected=input.engine.clone() error=error />
            </div>
            <TextAreaField label="Description" name="description" rows=3 value=input.description.clone() error=error />
            <TextAreaField label="Local look (JSON)" name="recipe" rows=2 value=input.recipe.clone() hint="For the local engine, e.g. {\"look\":\"pencil_sketch\",\"softness\":25}." error=error />
            <TextAreaField label="Prompt template" name="prompt_template" rows=3 value=input.prompt_template.clone() hint="For OpenAI: placeholders {subject} and {style_name}." error=error />
            <div class="grid gap-4 md:grid-cols-4">
                <SelectField label="Quality" name="quality" options=options(&editor.parameters[0]) selected=input.quality.clone() error=error />
                <SelectField label="Background" name="background" options=options(&editor.parameters[1]) selected=input.background.clone() error=error />
                <SelectField label="Output format" name="output_format" options=options(&editor.parameters[2]) selected=input.output_format.clone() error=error />
                <SelectField label="Size" name="size" options=options(&editor.parameters[3]) selected=input.size.clone() error=error />
            </div>
            <div class="flex flex-wrap gap-6">
                {check("supports_transparency", "Supports transparency", input.supports_transparency)}
                {check("premium", "Premium", input.premium)}
                {check("active", "Active (shown in the catalog)", input.active)}
            </div>
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="save-style">"Save"</button>
        </ActionForm>
        {examples}
    }
}

/// A style's examples, with the upload form (plain multipart) and a remove button each.
#[component]
fn Examples(style_id: i64, examples: Vec<super::api::ExampleRow>) -> impl IntoView {
    let remove = ServerAction::<DeleteStyleExample>::new();
    let remove_error = action_error(remove.value());
    let upload_error: Signal<Option<AppError>> = url_error(EXAMPLE_UPLOAD);
    let message = move |field: &'static str| {
        move || {
            upload_error
                .get()
                .and_then(|e| e.field_message(field).map(str::to_owned))
        }
    };
    view! {
        <section class="mt-10 max-w-3xl border-t border-stone-200 pt-6" aria-labelledby="examples-heading">
            <h2 id="examples-heading" class="text-xl font-semibold">"Examples"</h2>
            <FormError error=remove_error />
            <ul class="mt-3 grid gap-4 sm:grid-cols-2" data-testid="style-examples">
                {examples.into_iter().map(|e| view! {
                    <li class="rounded-lg border border-stone-200 p-3" data-testid="style-example">
                        <div class="grid grid-cols-2 gap-2">
                            <img src=e.before_url alt="Before" class="w-full rounded" />
                            <img src=e.after_url alt="After" class="w-full rounded" />
                        </div>
                        <p class="mt-1 text-sm">{e.caption}</p>
                        <ActionForm action=remove attr:class="mt-1">
                            <input type="hidden" name="style_id" value=style_id />
                            <input type="hidden" name="id" value=e.id />
                            <button type="submit" class="text-sm text-red-700 hover:underline" data-testid="delete-example">"Remove"</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=EXAMPLE_UPLOAD enctype="multipart/form-data" class="mt-6 space-y-3 rounded-lg border border-stone-200 p-4" data-testid="example-form">
                <h3 class="font-semibold">"Add an example"</h3>
                <FormError error=upload_error />
                <input type="hidden" name="style_id" value=style_id />
                <div class="grid gap-4 sm:grid-cols-2">
                    <label class="block text-sm">
                        <span class="font-medium">"Before (JPEG, PNG, WebP or GIF)"</span>
                        <input type="file" name="before" accept="image/jpeg,image/png,image/webp,image/gif" required=true class="mt-1 block w-full" />
                        <span class="text-red-700" data-testid="before-error">{message("before")}</span>
                    </label>
                    <label class="block text-sm">
                        <span class="font-medium">"After"</span>
                        <input type="file" name="after" accept="image/jpeg,image/png,image/webp,image/gif" required=true class="mt-1 block w-full" />
                        <span class="text-red-700" data-testid="after-error">{message("after")}</span>
                    </label>
                </div>
                <label class="block text-sm">
                    <span class="font-medium">"Caption"</span>
                    <input name="caption" maxlength="200" class="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2" />
                </label>
                <button type="submit" class="rounded-md border border-stone-300 px-4 py-2 font-medium" data-testid="add-example">"Upload the example"</button>
            </form>
        </section>
    }
}
