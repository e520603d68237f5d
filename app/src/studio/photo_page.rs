//! `/studio/images/{id}`: one of the caller's photos — the picture, its title and tags, the
//! style picker ("Style it" starts a job and goes to its page), the jobs already run on it, and
//! delete. Another person's photo is a 404.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::home_page::JobList;
use super::jobs_api::{EditPhoto, StylePhoto};
use super::photos_api::{DeletePhoto, studio_photo};
use super::view::StyleCard;
use crate::error::AppError;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// `/studio/images/{id}`.
#[component]
pub fn PhotoPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = load(id, studio_photo);
    let style = ServerAction::<StylePhoto>::new();
    let delete = ServerAction::<DeletePhoto>::new();
    let style_error = action_error(style.value());
    let delete_error = action_error(delete.value());
    let edit = ServerAction::<EditPhoto>::new();
    let edit_error = action_error(edit.value());
    let uploaded = move || query.read().get("uploaded").is_some();
    view! {
        <Seo title="Your photo" description="One of your photos." path="/studio" noindex=true />
        <Loaded load=data let:page>
            {photo_view(page, (style, style_error), (delete, delete_error), (edit, edit_error), uploaded())}
        </Loaded>
    }
}

/// The photo's page once loaded.
fn photo_view(
    page: super::photos_api::PhotoDetail,
    (style, style_error): (ServerAction<StylePhoto>, Signal<Option<AppError>>),
    (delete, delete_error): (ServerAction<DeletePhoto>, Signal<Option<AppError>>),
    (edit, edit_error): (ServerAction<EditPhoto>, Signal<Option<AppError>>),
    uploaded: bool,
) -> impl IntoView {
    let (delete_id, style_id, edit_id) = (
        page.photo.id.clone(),
        page.photo.id.clone(),
        page.photo.id.clone(),
    );
    let (edit_key, openai) = (page.edit_key.clone(), page.openai);
    let name = if page.photo.title.is_empty() {
        "Untitled photo".to_owned()
    } else {
        page.photo.title.clone()
    };
    let alt = if page.photo.title.is_empty() {
        "Your photo".to_owned()
    } else {
        page.photo.title.clone()
    };
    let size = format!("{} × {} px", page.photo.width, page.photo.height);
    let tags: Vec<String> = page.photo.tags.iter().map(|t| format!("#{t}")).collect();
    let (url, width, height) = (page.photo.url.clone(), page.photo.width, page.photo.height);
    let allowance = page.allowance.sentence("styles");
    let key = page.form_key.clone();
    let jobs = page.jobs;
    let styles = page.styles;
    view! {
            <div class="mx-auto max-w-6xl">
                <p class="mb-4 text-sm"><a href="/studio" class="text-indigo-700 hover:underline">"← Your studio"</a></p>
                {uploaded.then(|| view! { <Notice text="Your photo is uploaded. Pick a style for it." /> })}
                <div class="grid gap-8 lg:grid-cols-2">
                    <figure>
                        <img
                            src=url
                            alt=alt
                            width=width
                            height=height
                            class="w-full rounded-xl border border-stone-200 object-contain"
                            data-testid="photo-picture"
                        />
                        <figcaption class="mt-2">
                            <h1 class="text-2xl font-bold" data-testid="photo-title">
                                {name}
                            </h1>
                            <p class="text-sm text-stone-600">{size}</p>
                            <ul class="mt-2 flex flex-wrap gap-2" data-testid="photo-tags">
                                {tags.into_iter().map(|t| view! {
                                    <li class="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">{t}</li>
                                }).collect_view()}
                            </ul>
                        </figcaption>
                        <ActionForm action=delete attr:class="mt-4">
                            <input type="hidden" name="id" value=delete_id />
                            <FormError error=delete_error />
                            <button type="submit" class="text-sm font-medium text-red-700 hover:underline" data-testid="delete-photo">
                                "Delete this photo"
                            </button>
                        </ActionForm>
                    </figure>
                    <section aria-labelledby="pick-heading">
                        <h2 id="pick-heading" class="text-xl font-semibold">"Pick a style"</h2>
                        <p class="mb-3 text-sm text-stone-600" data-testid="styles-left">{allowance}</p>
                        <ActionForm action=style attr:class="space-y-4" attr:data-testid="style-form">
                            <input type="hidden" name="image_id" value=style_id />
                            <input type="hidden" name="key" value=key />
                            <FormError error=style_error />
                            <fieldset>
                                <legend class="sr-only">"Style"</legend>
                                <div class="grid max-h-[28rem] grid-cols-1 gap-2 overflow-y-auto sm:grid-cols-2">
                                    {styles.into_iter().enumerate().map(|(i, s)| view! { <StyleChoice style=s checked=i == 0 /> }).collect_view()}
                                </div>
                            </fieldset>
                            <super::params_choice::ParamsChoice prefix="style" />
                            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500" data-testid="style-it">
                                "Style it"
                            </button>
                        </ActionForm>
                        <ActionForm action=edit attr:class="mt-8 space-y-3" attr:data-testid="edit-form">
                            <h2 class="text-xl font-semibold">"Change it with words"</h2>
                            {(!openai).then(|| view! {
                                <p class="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="needs-openai">
                                    "Changing a photo with words needs OpenAI, which is not set up on this site. The styles above work without it."
                                </p>
                            })}
                            <FormError error=edit_error />
                            <input type="hidden" name="image_id" value=edit_id />
                            <input type="hidden" name="key" value=edit_key />
                            <label for="edit-prompt" class="block text-sm font-medium">"What should change?"</label>
                            <textarea id="edit-prompt" name="prompt" rows="3" maxlength="4000" disabled=!openai class="block w-full rounded-md border border-stone-300 px-3 py-2"></textarea>
                            <super::params_choice::ParamsChoice prefix="edit" disabled=!openai />
                            <button type="submit" disabled=!openai class="rounded-md border border-stone-300 px-4 py-2 font-medium disabled:opacity-50" data-testid="edit-it">
                                "Change it"
                            </button>
                        </ActionForm>
                    </section>
                </div>
                {(!jobs.is_empty()).then(|| view! {
                    <section class="mt-10" aria-labelledby="done-heading">
                        <h2 id="done-heading" class="mb-3 text-xl font-semibold">"Styled from this photo"</h2>
                        <JobList jobs=jobs />
                    </section>
                })}
            </div>
    }
}

/// One style as a radio choice.
#[component]
fn StyleChoice(style: StyleCard, checked: bool) -> impl IntoView {
    let id = format!("style-{}", style.slug);
    let label_for = id.clone();
    view! {
        <label for=label_for class="flex cursor-pointer items-start gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
            <input id=id type="radio" name="style" value=style.slug.clone() checked=checked class="mt-1" />
            <span>
                <span class="block font-medium">{style.icon.clone()}" "{style.name.clone()}</span>
                <span class="block text-xs text-stone-600">
                    {style.category.clone()}
                    {style.premium.then_some(" · Premium")}
                    {(style.engine == "openai").then_some(" · OpenAI")}
                </span>
            </span>
        </label>
    }
}
