//! The header's search box: a plain GET form to `/products?q=` (works without JavaScript), and
//! with WASM an accessible combobox suggesting categories, brands and products as you type —
//! arrow keys move through the list, Enter opens the highlighted one, Escape closes it.

use leptos::prelude::*;

use super::suggest_api::suggest;

/// The search box (an island: it suggests as you type).
#[island]
pub fn SearchBox() -> impl IntoView {
    let (open, set_open) = signal(false);
    let (active, set_active) = signal::<Option<usize>>(None);
    let suggestions = RwSignal::new(Vec::<super::suggest_api::Suggestion>::new());
    // Each keystroke asks again; an answer that arrives after a newer question is dropped.
    let asked = StoredValue::new(0u64);
    let ask = move |q: String| {
        let n = asked.get_value() + 1;
        asked.set_value(n);
        if q.trim().chars().count() < 2 {
            suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let found = suggest(q).await.unwrap_or_default();
            if asked.get_value() == n {
                suggestions.set(found);
            }
        });
    };
    let items = move || suggestions.get();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = items().len();
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                set_active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Escape" => {
                set_open.set(false);
                set_active.set(None);
            }
            "Enter" => {
                if let Some(s) = active.get().and_then(|i| items().get(i).cloned()) {
                    ev.prevent_default();
                    set_open.set(false);
                    // A full page load: pages are rendered on the server (islands, no client router).
                    let _ = window().location().set_href(&s.href);
                }
            }
            _ => {}
        }
    };
    let expanded = move || (open.get() && !items().is_empty()).to_string();
    view! {
        <form method="get" action="/products" role="search" class="relative ml-auto" data-testid="site-search">
            <label for="site-search-input" class="sr-only">"Search the shop"</label>
            <input
                id="site-search-input"
                name="q"
                type="search"
                placeholder="Search the shop"
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="site-search-suggestions"
                aria-expanded=expanded
                aria-activedescendant=move || active.get().map(|i| format!("site-search-option-{i}"))
                class="w-56 rounded-md border border-stone-300 px-3 py-1 text-sm"
                on:input=move |ev| {
                    ask(event_target_value(&ev));
                    set_open.set(true);
                    set_active.set(None);
                }
                on:keydown=on_key
                on:blur=move |_| set_open.set(false)
                on:focus=move |_| set_open.set(true)
            />
            <ul
                id="site-search-suggestions"
                role="listbox"
                aria-label="Suggestions"
                class="absolute right-0 z-10 mt-1 w-72 rounded-md border border-stone-200 bg-white shadow-lg"
                hidden=move || expanded() != "true"
            >
                {move || {
                        items()
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let selected = move || active.get() == Some(i);
                                view! {
                                    <li
                                        id=format!("site-search-option-{i}")
                                        role="option"
                                        aria-selected=move || selected().to_string()
                                        class="px-3 py-2 text-sm aria-selected:bg-indigo-50"
                                    >
                                        // mousedown runs before the input's blur closes the list.
                                        <a href=s.href.clone() class="flex justify-between gap-2" on:mousedown=|ev| ev.prevent_default()>
                                            <span>{s.label.clone()}</span>
                                            <span class="text-xs text-stone-500">{s.kind.clone()}</span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
            </ul>
        </form>
    }
}
