//! "Try a style": real before/after examples of the studio's styles (outputs of the local
//! engine on the demo photos). Pick one and the picture changes in place; without JavaScript
//! the first stays shown, and every example links to its style.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One example the picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerExample {
    pub name: String,
    pub slug: String,
    pub before_url: String,
    pub after_url: String,
    pub width: i32,
    pub height: i32,
}

/// Buttons for each style and its before/after (an island: it reacts in place).
#[island]
pub fn StylePicker(examples: Vec<PickerExample>) -> impl IntoView {
    let (chosen, set_chosen) = signal(0usize);
    let shown = {
        let examples = examples.clone();
        move || examples.get(chosen.get()).cloned()
    };
    view! {
        <div class="rounded-xl border border-stone-200 bg-white p-6 shadow-sm" data-testid="style-picker">
            <h2 class="text-lg font-semibold">"Try a style"</h2>
            <div class="mt-4 flex flex-wrap gap-2" role="group" aria-label="Styles">
                {examples
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        view! {
                            <button
                                type="button"
                                class="rounded-full border px-3 py-1 text-sm aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
                                aria-pressed=move || (chosen.get() == i).to_string()
                                on:click=move |_| set_chosen.set(i)
                            >
                                {e.name.clone()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || shown().map(|e| view! {
                <div class="mt-4 grid grid-cols-3 gap-2" data-testid="style-preview">
                    <figure class="col-span-1">
                        <img src=e.before_url.clone() alt="The photo before" width=e.width height=e.height class="aspect-[3/2] w-full rounded-lg object-cover" />
                        <figcaption class="mt-1 text-xs text-stone-500">"Before"</figcaption>
                    </figure>
                    <figure class="col-span-2">
                        <img
                            src=e.after_url.clone()
                            alt=format!("The photo in the {} style", e.name)
                            width=e.width
                            height=e.height
                            class="aspect-[3/2] w-full rounded-lg object-cover shadow-inner"
                            data-testid="style-after"
                        />
                        <figcaption class="mt-1 text-sm">
                            "Your photo, in "
                            <a href=format!("/studio/styles/{}", e.slug) class="font-medium text-indigo-700 hover:underline" data-testid="style-name">{e.name.clone()}</a>
                        </figcaption>
                    </figure>
                </div>
            })}
            <p class="mt-3 text-sm"><a href="/studio/styles" class="text-indigo-700 hover:underline">"See every style →"</a></p>
        </div>
    }
}
