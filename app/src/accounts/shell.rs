//! The frame of the signed-in account pages: a side menu of the account areas and the page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The account areas: label and path.
const AREAS: [(&str, &str); 6] = [
    ("Profile", "/account"),
    ("Orders", "/orders"),
    ("Notifications", "/account/notifications"),
    ("Addresses", "/account/addresses"),
    ("Style & sizes", "/account/preferences"),
    ("Wishlist", "/account/wishlist"),
];

/// Side menu plus the page's title and content.
#[component]
pub fn AccountShell(title: &'static str, children: Children) -> impl IntoView {
    let location = use_location();
    view! {
        <div class="grid gap-8 md:grid-cols-[12rem_1fr]">
            <nav aria-label="Your account">
                <ul class="space-y-1 text-sm">
                    {AREAS
                        .iter()
                        .map(|(label, path)| {
                            let current = move || {
                                (location.pathname.get() == *path).then_some("page")
                            };
                            view! {
                                <li>
                                    <a
                                        href=*path
                                        aria-current=current
                                        class="block rounded-md px-3 py-2 hover:bg-stone-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-800"
                                    >
                                        {*label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <section>
                <h1 class="mb-6 text-2xl font-bold">{title}</h1>
                {children()}
            </section>
        </div>
    }
}

/// A white panel with a heading, for one form or list on an account page (a labelled region,
/// so assistive technology can jump between panels).
#[component]
pub fn Panel(heading: &'static str, children: Children) -> impl IntoView {
    let id: String = heading
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let id = format!("panel-{id}");
    let labelled_by = id.clone();
    view! {
        <section
            aria-labelledby=labelled_by
            class="mb-6 rounded-xl border border-stone-200 bg-white p-6 shadow-sm"
        >
            <h2 id=id class="mb-4 text-lg font-semibold">{heading}</h2>
            {children()}
        </section>
    }
}
