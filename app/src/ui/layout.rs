//! The page frame: header with the main navigation, content, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::site::SITE_NAME;

/// Header, main content and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:p-2 focus:bg-white"
        >
            "Skip to content"
        </a>
        <header class="border-b border-stone-200 bg-white">
            <nav
                class="mx-auto flex max-w-6xl items-center gap-6 px-4 py-4"
                aria-label="Main"
            >
                <A href="/" attr:class="text-xl font-semibold tracking-tight text-indigo-700">
                    {SITE_NAME}
                </A>
                <ul class="flex gap-5 text-sm font-medium">
                    <li>
                        <a class="hover:text-indigo-700" href="/products">
                            "Shop"
                        </a>
                    </li>
                    <li>
                        <a class="hover:text-indigo-700" href="/studio">
                            "Studio"
                        </a>
                    </li>
                    <li>
                        <a class="hover:text-indigo-700" href="/dashboard">
                            "Dashboard"
                        </a>
                    </li>
                </ul>
                <crate::catalog::search_box::SearchBox />
                <super::header_counts::HeaderCounters />
                <a class="text-sm font-medium hover:text-indigo-700" href="/account">
                    "Account"
                </a>
            </nav>
        </header>
        <main id="main" class="mx-auto max-w-6xl px-4 py-10">
            {children()}
        </main>
        <super::enhance_forms::EnhanceForms />
        <footer class="border-t border-stone-200 bg-white">
            <div class="mx-auto flex max-w-6xl flex-wrap gap-6 px-4 py-6 text-sm text-stone-600">
                <span>"© Daydream"</span>
                <a class="hover:text-indigo-700" href="/contact">
                    "Contact"
                </a>
                <a class="hover:text-indigo-700" href="/waitlist">
                    "Join the waitlist"
                </a>
            </div>
        </footer>
    }
}
