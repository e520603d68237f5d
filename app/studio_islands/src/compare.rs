//! The before/after comparison of a styled result: the result fills the frame and the photo it
//! came from covers its left part, up to a line. Without JavaScript the line is moved by the
//! corner handle at its foot (CSS `resize`, `.compare` in `style/tailwind.css`); once this
//! island has hydrated, a full-width slider under the picture moves it too (and is keyboard
//! operable).

use leptos::prelude::*;

/// The comparison of `before` and `after` (addresses), `after`'s size given for layout.
#[island]
pub fn CompareSlider(
    before: String,
    after: String,
    width: i32,
    height: i32,
    alt: String,
) -> impl IntoView {
    let (at, set_at) = signal(50u32);
    let (ready, set_ready) = signal(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| set_ready.set(true));
    #[cfg(not(feature = "hydrate"))]
    let _ = set_ready;
    view! {
        <div class="compare rounded-xl border border-stone-200" data-testid="compare">
            <img src=after width=width height=height alt=format!("{alt}, after") data-testid="after" />
            <div class="compare-before" style=move || format!("width:{}%", at.get()) data-testid="compare-before">
                <img src=before alt=format!("{alt}, before") data-testid="before" />
            </div>
        </div>
        <label class="compare-range" hidden=move || !ready.get()>
            <span class="sr-only">"Before and after: drag to compare"</span>
            <input
                type="range"
                min="0"
                max="100"
                prop:value=move || at.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        set_at.set(v.min(100));
                    }
                }
                data-testid="compare-range"
            />
        </label>
        <noscript>
            <p class="compare-hint">"Drag the corner at the foot of the line to compare before and after."</p>
        </noscript>
    }
}
