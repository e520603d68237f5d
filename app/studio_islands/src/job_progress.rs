//! Live progress on a job's page: listens to the job's server-sent events
//! (`/studio/jobs/{id}/events`) and updates the server-rendered status line and stage list in
//! place as each stage starts, and the in-between picture as each one arrives; once the job
//! has ended the page is loaded again, so the result, the error or the retry button come from
//! the server. Without JavaScript the page refreshes itself instead (a `<noscript>` refresh),
//! so this island draws nothing of its own.

use leptos::prelude::*;

/// Follows job `id` (an island: it reacts in place).
#[island]
pub fn JobProgress(id: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new({
        let id = id.clone();
        move |_| browser::follow(&id)
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = &id;
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    /// The stages in order, as the page's `data-stage` attributes name them.
    const STAGES: [&str; 4] = ["queued", "moderating", "styling", "saving"];

    /// Opens the event stream and applies each event to the page.
    pub fn follow(id: &str) {
        let Ok(source) = EventSource::new(&format!("/studio/jobs/{id}/events")) else {
            return;
        };
        let on_job = {
            let source = source.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                let Ok(job) = serde_json::from_str::<serde_json::Value>(&text) else {
                    return;
                };
                if !apply(&job) {
                    source.close();
                    let _ = window().location().reload();
                }
            })
        };
        let _ = source.add_event_listener_with_callback("job", on_job.as_ref().unchecked_ref());
        on_job.forget();
    }

    /// Shows `job`'s state and stage; `false` once it has ended.
    fn apply(job: &serde_json::Value) -> bool {
        let text = |key: &str| job.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        let active = job.get("active").and_then(|v| v.as_bool()).unwrap_or(false);
        if !active {
            return false;
        }
        if let Some(page) = document()
            .query_selector("[data-testid=job-page]")
            .ok()
            .flatten()
        {
            let _ = page.set_attribute("data-state", text("state"));
        }
        if let Some(line) = document()
            .query_selector("[data-testid=job-state]")
            .ok()
            .flatten()
        {
            line.set_text_content(Some(&format!(
                "{} — {}",
                text("state_label"),
                text("stage_label")
            )));
        }
        if let Some(url) = job.get("partial_url").and_then(|v| v.as_str()) {
            show_partial(url);
        }
        let at = STAGES.iter().position(|s| *s == text("stage")).unwrap_or(0);
        for (i, stage) in STAGES.iter().enumerate() {
            let Some(item) = document()
                .query_selector(&format!("[data-stage={stage}]"))
                .ok()
                .flatten()
            else {
                continue;
            };
            let class = if i < at {
                "rounded-full bg-green-50 px-3 py-1 text-green-800"
            } else if i == at {
                "rounded-full bg-indigo-600 px-3 py-1 font-semibold text-white"
            } else {
                "rounded-full bg-stone-100 px-3 py-1 text-stone-500"
            };
            let _ = item.set_attribute("class", class);
            if i == at {
                let _ = item.set_attribute("aria-current", "step");
            } else {
                let _ = item.remove_attribute("aria-current");
            }
        }
        true
    }

    /// Shows the in-between picture at `url` (a new address for each new picture).
    fn show_partial(url: &str) {
        let Some(figure) = document()
            .query_selector("[data-testid=job-partial]")
            .ok()
            .flatten()
        else {
            return;
        };
        let Some(img) = figure
            .query_selector("[data-testid=job-partial-img]")
            .ok()
            .flatten()
        else {
            return;
        };
        if img.get_attribute("src").as_deref() != Some(url) {
            let _ = img.set_attribute("src", url);
        }
        let _ = figure.remove_attribute("hidden");
    }
}
