//! A project page's files: the list (name, size, who shared it, when; a download link, and a
//! remove button for the uploader and staff) inside the part live updates replace, and the
//! upload form — a plain multipart form, so it works without JavaScript — outside it, so a
//! file being chosen survives someone else's change.

use leptos::prelude::*;

use super::files_api::{DeleteFile, UPLOAD};
use super::view::FileCard;
use crate::ui::form::{FormError, action_error, url_error};
use crate::ui::time::When;

/// `1234567` bytes → `1.2 MB`.
fn size(bytes: i32) -> String {
    let b = f64::from(bytes.max(0));
    if b >= 1_000_000.0 {
        format!("{:.1} MB", b / 1_000_000.0)
    } else if b >= 1_000.0 {
        format!("{:.0} KB", b / 1_000.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The files, newest first.
#[component]
pub fn FileList(files: Vec<FileCard>) -> impl IntoView {
    let delete = ServerAction::<DeleteFile>::new();
    let error = action_error(delete.value());
    view! {
        <section id="files" class="mt-8" aria-labelledby="files-title">
            <h2 id="files-title" class="text-xl font-semibold">"Files"</h2>
            <FormError error=error />
            {files.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"No files shared yet."</p> })}
            <ul class="mt-2 divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="files">
                {files.into_iter().map(|f| {
                    let id = f.id.clone();
                    view! {
                        <li class="flex flex-wrap items-center gap-3 p-3 text-sm" data-testid="file">
                            <a class="font-medium text-indigo-700 hover:underline" href=format!("/dashboard/files/{}", f.id) rel="external" download="" data-testid="file-link">{f.name.clone()}</a>
                            <span class="text-stone-500">{size(f.size_bytes)}</span>
                            <span class="text-stone-500">{f.uploaded_by.clone()} " · " <When at=f.at.clone() /></span>
                            {f.deletable.then(|| view! {
                                <ActionForm action=delete attr:class="ml-auto">
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit" class="text-xs text-red-700 underline" data-testid="delete-file">"Remove"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The form that shares a file on project `project_id` (`accept`: the kinds taken).
#[component]
pub fn FileUpload(project_id: String, accept: String) -> impl IntoView {
    let error = url_error(UPLOAD);
    let message = move || {
        error.get().and_then(|e| {
            e.field_message("file")
                .map(str::to_owned)
                .or_else(|| e.form_message())
        })
    };
    view! {
        <form
            method="post"
            action=UPLOAD
            enctype="multipart/form-data"
            class="mx-auto mt-4 flex max-w-6xl flex-wrap items-end gap-3 rounded-xl border border-stone-200 bg-white p-4"
            data-testid="file-form"
        >
            <input type="hidden" name="project" value=project_id />
            <label class="text-sm">
                <span class="block font-medium">"Share a file"</span>
                <input type="file" name="file" accept=accept class="mt-1 text-sm" aria-describedby="file-error" data-testid="file-input" />
            </label>
            <button type="submit" class="rounded-md border border-stone-300 px-3 py-2 text-sm" data-testid="upload-file">"Upload"</button>
            <p id="file-error" class="w-full text-sm text-red-700" role="alert" data-testid="file-error">{message}</p>
            <p class="w-full text-xs text-stone-500">"PDF, images, spreadsheets, documents, slides, text, CSV, JSON or ZIP; 10 MB at most."</p>
        </form>
    }
}
