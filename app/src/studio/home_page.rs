//! `/studio`: the caller's studio — upload a photo (a plain multipart form: it works without
//! JavaScript), today's allowances ("3 of 5 styles left today"), their photos and their latest
//! styling jobs.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::jobs_api::GeneratePicture;
use super::photos_api::studio_home;
use super::view::{JobCard, PhotoCard};
use crate::ui::form::{FormError, action_error, url_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// Where the upload form posts.
const UPLOAD: &str = "/api/studio_upload";

/// `/studio`.
#[component]
pub fn StudioPage() -> impl IntoView {
    let data = load(|| (), |()| studio_home());
    let upload_error = url_error(UPLOAD);
    let query = use_query_map();
    let deleted = move || query.read().get("deleted").is_some();
    let generate = ServerAction::<GeneratePicture>::new();
    let generate_error = action_error(generate.value());
    view! {
        <Seo title="Studio" description="Upload a photo and restyle it." path="/studio" noindex=true />
        <Loaded load=data let:home>
            <div class="mx-auto max-w-6xl">
                <div class="mb-6 flex flex-wrap items-end justify-between gap-4">
                    <div>
                        <h1 class="text-3xl font-bold">"Your studio"</h1>
                        <p class="mt-1 text-stone-600">"Upload a photo, pick a style, and watch it change."</p>
                    </div>
                    <nav aria-label="Studio" class="flex flex-wrap gap-4 font-medium">
                        <a href="/studio/gallery" class="text-indigo-700 hover:underline" data-testid="gallery-link">"Your gallery"</a>
                        <a href="/studio/showcase" class="text-indigo-700 hover:underline">"Showcase"</a>
                        <a href="/studio/styles" class="text-indigo-700 hover:underline">"Browse the styles →"</a>
                    </nav>
                </div>
                <Show when=deleted>
                    <Notice text="The photo is deleted." />
                </Show>
                <ul class="mb-6 flex flex-wrap gap-3 text-sm" data-testid="allowances">
                    <li class="rounded-full bg-indigo-50 px-3 py-1 text-indigo-900" data-testid="styles-left">
                        {home.styles.sentence("styles")}
                    </li>
                    <li class="rounded-full bg-stone-100 px-3 py-1 text-stone-800" data-testid="uploads-left">
                        {home.uploads.sentence("uploads")}
                    </li>
                </ul>
                <UploadForm error=upload_error />
                <GenerateForm action=generate error=generate_error openai=home.openai key=home.form_key.clone() />
                <section class="mt-10" aria-labelledby="photos-heading">
                    <h2 id="photos-heading" class="mb-3 text-xl font-semibold">"Your photos"</h2>
                    {if home.photos.is_empty() {
                        view! { <p class="text-stone-600" data-testid="no-photos">"No photos yet: upload one above."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" data-testid="photos">
                                {home.photos.into_iter().map(|p| view! { <PhotoTile photo=p /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="mt-10" aria-labelledby="jobs-heading">
                    <h2 id="jobs-heading" class="mb-3 text-xl font-semibold">"Latest styles"</h2>
                    {if home.jobs.is_empty() {
                        view! { <p class="text-stone-600" data-testid="no-jobs">"Nothing styled yet."</p> }.into_any()
                    } else {
                        view! { <JobList jobs=home.jobs /> }.into_any()
                    }}
                </section>
            </div>
        </Loaded>
    }
}

/// The upload form: a photo, its title and tags.
#[component]
fn UploadForm(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let file_message = move || {
        error
            .get()
            .and_then(|e| e.field_message("file").map(str::to_owned))
    };
    let title_message = move || {
        error
            .get()
            .and_then(|e| e.field_message("title").map(str::to_owned))
    };
    view! {
        <form
            method="post"
            action=UPLOAD
            enctype="multipart/form-data"
            class="space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
            data-testid="upload-form"
            data-studio-upload=""
        >
            <h2 class="text-lg font-semibold">"Upload a photo"</h2>
            <FormError error=error />
            <div class="space-y-1">
                <label for="file" class="block text-sm font-medium">"Photo (JPEG, PNG, WebP or GIF, up to 10 MB)"</label>
                <input
                    id="file"
                    type="file"
                    name="file"
                    accept="image/jpeg,image/png,image/webp,image/gif"
                    required=true
                    aria-describedby="file-error"
                    class="block w-full text-sm"
                />
                <p id="file-error" class="text-sm text-red-700" role="alert" data-testid="file-error">{file_message}</p>
                {super::islands::upload_helper()}
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <div class="space-y-1">
                    <label for="title" class="block text-sm font-medium">"Title (optional)"</label>
                    <input id="title" name="title" maxlength="120" aria-describedby="title-error" class="block w-full rounded-md border border-stone-300 px-3 py-2" />
                    <p id="title-error" class="text-sm text-red-700" role="alert">{title_message}</p>
                </div>
                <div class="space-y-1">
                    <label for="tags" class="block text-sm font-medium">"Tags, separated by commas (optional)"</label>
                    <input id="tags" name="tags" maxlength="400" placeholder="beach, summer" class="block w-full rounded-md border border-stone-300 px-3 py-2" />
                </div>
            </div>
            <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500" data-testid="upload">
                "Upload"
            </button>
        </form>
    }
}

/// "Make a picture from words" (OpenAI): without a key the form says so plainly.
#[component]
fn GenerateForm(
    action: ServerAction<GeneratePicture>,
    error: Signal<Option<crate::error::AppError>>,
    openai: bool,
    key: String,
) -> impl IntoView {
    let prompt_message = move || {
        error
            .get()
            .and_then(|e| e.field_message("prompt").map(str::to_owned))
    };
    view! {
        <ActionForm action=action attr:class="mt-6 space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm" attr:data-testid="generate-form">
            <h2 class="text-lg font-semibold">"Make a picture from words"</h2>
            {(!openai).then(|| view! {
                <p class="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="needs-openai">
                    "Making pictures from words needs OpenAI, which is not set up on this site. Photo styles work without it."
                </p>
            })}
            <FormError error=error />
            <input type="hidden" name="key" value=key />
            <label for="prompt" class="block text-sm font-medium">"Describe the picture"</label>
            <textarea id="prompt" name="prompt" rows="3" maxlength="4000" disabled=!openai aria-describedby="prompt-error" class="block w-full rounded-md border border-stone-300 px-3 py-2"></textarea>
            <super::params_choice::ParamsChoice prefix="generate" disabled=!openai />
            <p id="prompt-error" class="text-sm text-red-700" role="alert">{prompt_message}</p>
            <button type="submit" disabled=!openai class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 disabled:opacity-50" data-testid="generate">
                "Make it"
            </button>
        </ActionForm>
    }
}

/// One photo in the grid.
#[component]
fn PhotoTile(photo: PhotoCard) -> impl IntoView {
    let href = format!("/studio/images/{}", photo.id);
    let alt = if photo.title.is_empty() {
        "Your photo".to_owned()
    } else {
        photo.title.clone()
    };
    view! {
        <li class="overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm" data-testid="photo">
            <a href=href class="block">
                <img src=photo.thumb_url alt=alt loading="lazy" width=photo.width height=photo.height class="aspect-square w-full object-cover" />
                <div class="p-3 text-sm">
                    <p class="truncate font-medium">{if photo.title.is_empty() { "Untitled".to_owned() } else { photo.title }}</p>
                    <p class="text-stone-500"><When at=photo.created_at /></p>
                </div>
            </a>
        </li>
    }
}

/// Jobs as a list of links to their pages.
#[component]
pub fn JobList(jobs: Vec<JobCard>) -> impl IntoView {
    view! {
        <ul class="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="jobs">
            {jobs.into_iter().map(|j| {
                let href = format!("/studio/jobs/{}", j.id);
                let what = j.style_name.clone().unwrap_or_else(|| j.kind.clone());
                view! {
                    <li class="flex items-center gap-4 p-3" data-testid="job">
                        {j.result_url.clone().or(j.before_url.clone()).map(|src| view! {
                            <img src=src alt="" class="h-14 w-14 rounded object-cover" loading="lazy" />
                        })}
                        <a href=href class="flex-1 font-medium text-indigo-700 hover:underline">{what}</a>
                        <span class="text-sm text-stone-600" data-testid="job-state">{j.state_label}</span>
                        <span class="text-sm text-stone-500"><When at=j.created_at /></span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
