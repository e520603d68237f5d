//! A live preview of the studio's styles: pick one and the sample changes. It reacts only once
//! the WASM has hydrated the page (without JavaScript the default style stays shown).

use leptos::prelude::*;

/// The styles the preview offers: name and the CSS classes of its sample swatch.
const STYLES: [(&str, &str); 4] = [
    ("Watercolour", "from-sky-200 via-rose-100 to-amber-100"),
    ("Film noir", "from-stone-900 via-stone-600 to-stone-300"),
    ("Pop art", "from-yellow-300 via-pink-500 to-cyan-400"),
    ("Line art", "from-white via-stone-100 to-stone-300"),
];

/// Buttons for each style and a sample that follows the choice (an island: it reacts in place).
#[island]
pub fn StylePicker() -> impl IntoView {
    let (chosen, set_chosen) = signal(0usize);
    let swatch = move || {
        let (_, classes) = STYLES[chosen.get()];
        format!("mt-4 flex h-56 items-end rounded-lg bg-gradient-to-br p-4 shadow-inner {classes}")
    };
    view! {
        <div class="rounded-xl border border-stone-200 bg-white p-6 shadow-sm" data-testid="style-picker">
            <h2 class="text-lg font-semibold">"Try a style"</h2>
            <div class="mt-4 flex flex-wrap gap-2" role="group" aria-label="Styles">
                {STYLES
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| {
                        view! {
                            <button
                                type="button"
                                class="rounded-full border px-3 py-1 text-sm aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
                                aria-pressed=move || (chosen.get() == i).to_string()
                                on:click=move |_| set_chosen.set(i)
                            >
                                {*name}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class=swatch data-testid="style-preview">
                <p class="rounded bg-white/80 px-2 py-1 text-sm font-medium">
                    "Your photo, in " <span data-testid="style-name">{move || STYLES[chosen.get()].0}</span>
                </p>
            </div>
        </div>
    }
}
