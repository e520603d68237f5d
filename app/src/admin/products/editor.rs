//! `/admin/products/new` and `/admin/products/{id}`: the product editor — name, slug (a new
//! one keeps the old answering 301), description, status (draft, active = published,
//! archived), brand, category, featured, the variant rows (size, colour, SKU, price, sale price,
//! stock) with blank rows for new ones, and the pictures: upload, reorder, remove.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::products::api::{
    AdminImage, ArrangeProductImage, ProductEditor, SaveProduct, UploadProductImage, editor_data,
};
use crate::admin::products::fields::VariantInput;
use crate::error::AppError;
use crate::ui::form::{
    Field, FormError, SelectField, TextAreaField, action_error, typed_or, url_error,
};
use crate::ui::image::ResponsiveImage;
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The editor page.
#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let params = use_params_map();
    // `new` is an empty form; anything else must be a product id (else 404).
    let id = move || match params.read().get("id").as_deref() {
        Some("new") => None,
        Some(s) => Some(s.parse::<i64>().unwrap_or(-1)),
        None => Some(-1),
    };
    let save = ServerAction::<SaveProduct>::new();
    let arrange = ServerAction::<ArrangeProductImage>::new();
    // Not keyed on saving: a failed save keeps what was typed; a successful one navigates to
    // the product's own URL, which reloads it.
    let data = load(
        move || (id(), arrange.version().get()),
        |(id, _)| editor_data(id),
    );
    let query = use_query_map();
    let flag = move |key: &'static str| query.read().get(key).is_some();
    view! {
        <Seo title="Edit product" description="The product editor." path="/admin/products" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/products">"← All products"</a></p>
        <Show when=move || flag("saved")>
            <Notice text="The product is saved." />
        </Show>
        <Show when=move || flag("uploaded")>
            <Notice text="The picture is added; its sized copies follow in a moment." />
        </Show>
        <Loaded load=data let:editor>
            <EditorBody editor=editor save=save arrange=arrange />
        </Loaded>
    }
}

#[component]
fn EditorBody(
    editor: ProductEditor,
    save: ServerAction<SaveProduct>,
    arrange: ServerAction<ArrangeProductImage>,
) -> impl IntoView {
    let error = action_error(save.value());
    let saved = editor.input.clone();
    let heading = if editor.id.is_some() {
        format!("Edit “{}”", saved.name)
    } else {
        "New product".to_owned()
    };
    // What was typed when the last save was refused (a no-JS post comes back with it).
    let input = typed_or(error, saved.clone());
    let statuses: Vec<(String, String)> = [
        ("draft", "Draft (hidden)"),
        ("active", "Active (in the shop)"),
        ("archived", "Archived (410 Gone)"),
    ]
    .into_iter()
    .map(|(v, l)| (v.to_owned(), l.to_owned()))
    .collect();
    let shop_link = (editor.id.is_some() && saved.status == "active")
        .then(|| format!("/products/{}", saved.slug));
    view! {
        <div class="flex items-center justify-between">
            <h1 class="text-2xl font-bold" data-testid="editor-heading">{heading}</h1>
            {shop_link.map(|href| view! { <a class="text-sm text-indigo-700" href=href data-testid="view-in-shop">"View in the shop →"</a> })}
        </div>
        <ActionForm action=save attr:class="mt-6 space-y-4" attr:data-testid="product-form">
            {editor.id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <FormError error=error />
            <div class="grid gap-4 md:grid-cols-2">
                <Field label="Name" name="name" value=input.name.clone() required=true error=error />
                <Field label="Slug" name="slug" value=input.slug.clone() hint="Empty: made from the name." error=error />
            </div>
            <TextAreaField label="Description" name="description" value=input.description.clone() error=error />
            {search_preview(&input)}
            <div class="grid gap-4 md:grid-cols-3">
                <SelectField label="Status" name="status" options=statuses selected=input.status.clone() error=error />
                <SelectField label="Brand" name="brand" options=editor.brands.clone() placeholder="No brand" selected=input.brand.clone() error=error />
                <SelectField label="Category" name="category" options=editor.categories.clone() selected=input.category.clone() error=error />
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="featured" checked=input.featured />
                "Featured on the home page"
            </label>
            <VariantRows rows=input.variants.clone() error=error />
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="save-product">"Save product"</button>
        </ActionForm>
        {editor.id.map(|id| view! { <Pictures product_id=id images=editor.images.clone() arrange=arrange /> })}
    }
}

/// The variant table: one row per variant plus blank rows, each cell named
/// `variants[i][field]` with its own error under it.
#[component]
fn VariantRows(rows: Vec<VariantInput>, error: Signal<Option<AppError>>) -> impl IntoView {
    let table_error = move || {
        error
            .get()
            .and_then(|e| e.field_message("variants").map(str::to_owned))
    };
    let cell = move |i: usize,
                     field: &'static str,
                     label: &'static str,
                     value: String,
                     width: &'static str| {
        let name = format!("variants[{i}][{field}]");
        let message = {
            let name = name.clone();
            Signal::derive(move || {
                error
                    .get()
                    .and_then(|e| e.field_message(&name).map(str::to_owned))
            })
        };
        view! {
            <td class="pr-2 align-top">
                <input
                    name=name
                    value=value
                    aria-label=format!("{label}, row {}", i + 1)
                    class=format!("{width} rounded border border-stone-300 px-1 py-1 text-sm aria-[invalid=true]:border-red-500")
                    aria-invalid=move || message.get().is_some().to_string()
                />
                <p class="text-xs text-red-700">{message}</p>
            </td>
        }
    };
    view! {
        <fieldset>
            <legend class="text-sm font-medium">"Variants"</legend>
            <p class="text-xs text-stone-500">"Fill a blank row to add a variant; empty a row's fields to drop it. Prices like 49.90."</p>
            <p class="text-sm text-red-700" data-testid="variants-error">{table_error}</p>
            <table class="mt-2 text-left text-sm" data-testid="variant-rows">
                <thead>
                    <tr>
                        {["Size", "Colour", "SKU", "Price", "Before sale", "Stock", "Low at"].into_iter().map(|h| view! { <th class="pr-2 font-medium">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <input type="hidden" name=format!("variants[{i}][id]") value=r.id.clone() />
                            {cell(i, "size", "Size", r.size.clone(), "w-20")}
                            {cell(i, "colour", "Colour", r.colour.clone(), "w-24")}
                            {cell(i, "sku", "SKU", r.sku.clone(), "w-40")}
                            {cell(i, "price", "Price", r.price.clone(), "w-20")}
                            {cell(i, "compare_at", "Price before sale", r.compare_at.clone(), "w-20")}
                            {cell(i, "stock", "Stock", r.stock.clone(), "w-16")}
                            {cell(i, "low_stock", "Low stock at", r.low_stock.clone(), "w-16")}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </fieldset>
    }
}

/// The gallery in order, with move and remove buttons, and the upload form (a plain
/// multipart form: it works with and without JavaScript).
#[component]
fn Pictures(
    product_id: i64,
    images: Vec<AdminImage>,
    arrange: ServerAction<ArrangeProductImage>,
) -> impl IntoView {
    let upload_error = url_error(<UploadProductImage as server_fn::ServerFn>::PATH);
    let arrange_error = action_error(arrange.value());
    let file_message = move || {
        upload_error.get().and_then(|e| {
            e.field_message("file")
                .or(e.field_message("alt"))
                .map(str::to_owned)
        })
    };
    let count = images.len();
    view! {
        <section id="images" class="mt-10" aria-labelledby="images-heading">
            <h2 id="images-heading" class="text-xl font-semibold">"Pictures"</h2>
            <FormError error=arrange_error />
            {if images.is_empty() {
                view! { <p class="mt-2 text-sm text-stone-600" data-testid="no-images">"No pictures yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="mt-3 grid grid-cols-2 gap-4 md:grid-cols-4" data-testid="images">
                        {images.into_iter().enumerate().map(|(i, img)| view! {
                            <li class="rounded border border-stone-200 p-2" data-testid="image">
                                <ResponsiveImage image=img.image.clone() sizes="200px" class="aspect-square w-full object-cover" />
                                <p class="mt-1 truncate text-xs text-stone-600">{img.image.alt.clone()}</p>
                                <ActionForm action=arrange attr:class="mt-1 flex gap-1 text-xs">
                                    <input type="hidden" name="product_id" value=product_id />
                                    <input type="hidden" name="media_id" value=img.media_id.clone() />
                                    <button type="submit" name="action" value="up" disabled=i == 0 class="rounded border px-1 disabled:opacity-40">"↑ Earlier"</button>
                                    <button type="submit" name="action" value="down" disabled=i + 1 == count class="rounded border px-1 disabled:opacity-40">"↓ Later"</button>
                                    <button type="submit" name="action" value="remove" class="rounded border border-red-300 px-1 text-red-700">"Remove"</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <form method="post" action="/api/admin_upload_product_image" enctype="multipart/form-data" class="mt-4 flex flex-wrap items-end gap-3" data-testid="upload-form">
                <input type="hidden" name="product_id" value=product_id />
                <label class="text-sm">
                    "Picture (JPEG, PNG, WebP or GIF, up to 15 MB) "
                    <input type="file" name="file" accept="image/jpeg,image/png,image/webp" required=true class="block text-sm" />
                </label>
                <label class="text-sm">
                    "Describe it (alt text) "
                    <input name="alt" maxlength="200" class="block rounded border border-stone-300 px-2 py-1" />
                </label>
                <button type="submit" class="rounded border border-stone-300 px-3 py-1" data-testid="upload-image">"Upload"</button>
            </form>
            <p class="text-sm text-red-700" role="alert" data-testid="file-error">{file_message}</p>
        </section>
    }
}

/// The search-result preview beside the fields it follows: an admin island, rendered here and
/// hydrated by the admin's WASM package (`<PackageScript>`), never the shopper's.
#[cfg(feature = "ssr")]
fn search_preview(input: &crate::admin::products::fields::ProductInput) -> impl IntoView + use<> {
    view! {
        <admin_islands::SearchPreview
            origin=crate::site::origin()
            site_name=crate::site::SITE_NAME.to_owned()
            name=input.name.clone()
            slug=input.slug.clone()
            description=input.description.clone()
        />
        <crate::ui::package_script::PackageScript package=crate::ui::package_script::Package::Admin />
    }
}

/// Pages render on the server only; the browser's build of the app never shows this one.
#[cfg(not(feature = "ssr"))]
fn search_preview(_input: &crate::admin::products::fields::ProductInput) -> impl IntoView + use<> {}
