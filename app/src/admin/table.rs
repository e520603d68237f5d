//! The pieces every admin list shares: the GET filter form and the table shell.

use leptos::prelude::*;

/// A GET form that filters a list: its fields, then the submit button.
#[component]
pub fn FilterForm(action: &'static str, button: &'static str, children: Children) -> impl IntoView {
    view! {
        <form method="get" action=action class="mb-6 flex flex-wrap items-end gap-3" role="search">
            {children()}
            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1">
                {button}
            </button>
        </form>
    }
}

/// A table with a header row; `children` are its body rows.
#[component]
pub fn AdminTable(
    testid: &'static str,
    headers: &'static [&'static str],
    children: Children,
) -> impl IntoView {
    view! {
        <table class="w-full text-left text-sm" data-testid=testid>
            <thead>
                <tr class="border-b border-stone-200">
                    {headers.iter().map(|h| view! { <th class="py-2">{*h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
