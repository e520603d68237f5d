//! The upload form's helper: a preview of the chosen photo and a progress bar while it is sent.
//! It takes over the server-rendered form marked `data-studio-upload` (which posts as a plain
//! multipart form without JavaScript): the file goes with `XMLHttpRequest`, whose upload
//! reports progress, and a refusal (413, 415, 422…) is shown next to the file field in place.

use leptos::prelude::*;

/// The preview and the progress bar (an island: it reacts in place).
#[island]
pub fn UploadHelper() -> impl IntoView {
    let (preview, set_preview) = signal(None::<String>);
    let (progress, set_progress) = signal(None::<u32>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::attach(set_preview, set_progress));
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_preview, set_progress);
    view! {
        <div data-testid="upload-helper">
            {move || preview.get().map(|src| view! {
                <img src=src alt="The photo you chose" class="mt-2 max-h-48 rounded-lg border border-stone-200" data-testid="upload-preview" />
            })}
            {move || progress.get().map(|p| view! {
                <div class="mt-2">
                    <progress max="100" value=p.to_string() class="w-full" aria-label="Upload progress" data-testid="upload-progress">{format!("{p}%")}</progress>
                    <p class="text-sm text-stone-600">{format!("Uploading… {p}%")}</p>
                </div>
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{
        Event, FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, Url, XmlHttpRequest,
    };

    /// Wires the form: preview on choosing a file, progress and in-place errors on sending.
    pub fn attach(
        set_preview: WriteSignal<Option<String>>,
        set_progress: WriteSignal<Option<u32>>,
    ) {
        let Some(form) = document()
            .query_selector("form[data-studio-upload]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(input) = form
            .query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let chosen = {
            let input = input.clone();
            Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                let url = input
                    .files()
                    .and_then(|files| files.get(0))
                    .filter(|file| file.type_().starts_with("image/"))
                    .and_then(|file| Url::create_object_url_with_blob(&file).ok());
                set_preview.set(url);
            })
        };
        let _ = input.add_event_listener_with_callback("change", chosen.as_ref().unchecked_ref());
        chosen.forget();
        let submitted = {
            let form = form.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                if send(&form, &input, set_progress).is_some() {
                    event.prevent_default();
                }
            })
        };
        let _ = form.add_event_listener_with_callback("submit", submitted.as_ref().unchecked_ref());
        submitted.forget();
    }

    /// Sends the form with progress; `None` when it cannot (the browser then posts it itself).
    fn send(
        form: &HtmlFormElement,
        input: &HtmlInputElement,
        set_progress: WriteSignal<Option<u32>>,
    ) -> Option<()> {
        let data = FormData::new_with_form(form).ok()?;
        let xhr = XmlHttpRequest::new().ok()?;
        xhr.open("POST", &form.action()).ok()?;
        xhr.set_request_header("Accept", "application/json").ok()?;
        let progressed = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                set_progress.set(Some((e.loaded() / e.total() * 100.0).round() as u32));
            }
        });
        xhr.upload()
            .ok()?
            .set_onprogress(Some(progressed.as_ref().unchecked_ref()));
        progressed.forget();
        let ended = {
            let xhr = xhr.clone();
            let input = input.clone();
            Closure::<dyn FnMut(Event)>::new(move |_: Event| finished(&xhr, &input, set_progress))
        };
        xhr.set_onloadend(Some(ended.as_ref().unchecked_ref()));
        ended.forget();
        set_progress.set(Some(0));
        xhr.send_with_opt_form_data(Some(&data)).ok()?;
        Some(())
    }

    /// Goes where the server sent us, or shows why it refused.
    fn finished(
        xhr: &XmlHttpRequest,
        input: &HtmlInputElement,
        set_progress: WriteSignal<Option<u32>>,
    ) {
        let status = xhr.status().unwrap_or(0);
        if (200..300).contains(&status) {
            let to = xhr.get_response_header("location").ok().flatten();
            let location = window().location();
            let _ = match to {
                Some(to) => location.assign(&to),
                None => location.reload(),
            };
            return;
        }
        set_progress.set(None);
        let message = xhr
            .response_text()
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned))
            .unwrap_or_else(|| {
                match status {
                    0 => "The upload did not reach us; check the connection and try again.",
                    413 => "The photo is larger than 10 MB.",
                    _ => "The upload failed; please try again.",
                }
                .to_owned()
            });
        if let Some(shown) = document().get_element_by_id("file-error") {
            shown.set_text_content(Some(&message));
        }
        let _ = input.set_attribute("aria-invalid", "true");
        let _ = input.focus();
    }
}
