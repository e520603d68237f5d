//! "More options" on the studio's job forms: quality, background, output format and size, each
//! at "default" unless chosen (the style's own defaults, or the usual ones for words). A plain
//! `<details>` with selects: no JavaScript needed. The server checks every value.

use leptos::prelude::*;

/// Each parameter: (field name, label, its values).
const PARAMETERS: [(&str, &str, &[&str]); 4] = [
    ("quality", "Quality", &["low", "medium", "high", "auto"]),
    (
        "background",
        "Background",
        &["auto", "opaque", "transparent"],
    ),
    ("output_format", "File format", &["png", "jpeg", "webp"]),
    (
        "size",
        "Size (OpenAI)",
        &["auto", "1024x1024", "1024x1536", "1536x1024"],
    ),
];

/// The options; `prefix` keeps element ids unique when a page has two forms.
#[component]
pub fn ParamsChoice(prefix: &'static str, #[prop(optional)] disabled: bool) -> impl IntoView {
    view! {
        <details class="rounded-md border border-stone-200 p-3 text-sm" data-testid=format!("{prefix}-options")>
            <summary class="cursor-pointer font-medium">"More options"</summary>
            <div class="mt-2 grid gap-3 sm:grid-cols-4">
                {PARAMETERS.iter().map(|(name, label, values)| {
                    let id = format!("{prefix}-{name}");
                    let label_for = id.clone();
                    view! {
                        <div>
                            <label for=label_for class="block font-medium">{*label}</label>
                            <select id=id name=*name disabled=disabled class="mt-1 w-full rounded-md border border-stone-300 px-2 py-1">
                                <option value="">"Default"</option>
                                {values.iter().map(|v| view! { <option value=*v>{*v}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
        </details>
    }
}
