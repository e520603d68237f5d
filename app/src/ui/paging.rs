//! Pages of a long list: `Paged<T>` (one page of rows and whether more follow, found by
//! fetching one row more than shown) and `Pager`, the previous/next links that keep the rest
//! of the URL query (plain links: they work without JavaScript and crawlers can follow them).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};
use serde::{Deserialize, Serialize};

use super::url::encode_component;

/// The highest page number any list accepts (larger requests are clamped to it).
pub const MAX_PAGE: u32 = 10_000;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    /// This page's number, from 1.
    pub page: u32,
    /// Whether a next page has rows.
    pub has_next: bool,
}

/// Which rows a page covers: a clamped page number and the `LIMIT`/`OFFSET` to fetch them with
/// (one row more than the page shows, to learn whether another page follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    /// Page `page` (1 when absent; clamped to `1..=MAX_PAGE`) of `per_page` rows.
    pub fn new(page: Option<u32>, per_page: u32) -> Self {
        Self {
            page: page.unwrap_or(1).clamp(1, MAX_PAGE),
            per_page: per_page.max(1),
        }
    }

    /// The SQL `LIMIT`: one more than a page.
    pub fn limit(self) -> i64 {
        i64::from(self.per_page) + 1
    }

    /// The SQL `OFFSET`.
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    /// The page from rows fetched with `limit()` and `offset()`.
    pub fn finish<T>(self, mut rows: Vec<T>) -> Paged<T> {
        let has_next = rows.len() > self.per_page as usize;
        rows.truncate(self.per_page as usize);
        Paged {
            rows,
            page: self.page,
            has_next,
        }
    }
}

/// The current URL with its `param` parameter set to `page` (dropped for page 1).
pub fn page_href(path: &str, query: &[(String, String)], param: &str, page: u32) -> String {
    let mut parts: Vec<String> = query
        .iter()
        .filter(|(k, v)| k != param && !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    if page > 1 {
        parts.push(format!("{param}={page}"));
    }
    if parts.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// "Previous" and "Next" links around the page number; `param` is the URL parameter holding
/// the page (`page` unless the page shows two lists).
#[component]
pub fn Pager(
    page: u32,
    has_next: bool,
    #[prop(default = "page")] param: &'static str,
) -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let href = move |to: u32| {
        let pairs: Vec<(String, String)> = query
            .get_untracked()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect();
        page_href(&location.pathname.get_untracked(), &pairs, param, to)
    };
    let link = "rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100";
    view! {
        <nav aria-label="Pages" class="mt-6 flex items-center gap-4 text-sm" data-testid="pager">
            {(page > 1).then(|| view! { <a rel="prev" class=link href=href(page - 1)>"← Previous"</a> })}
            <span aria-current="page">"Page " {page}</span>
            {has_next.then(|| view! { <a rel="next" class=link href=href(page + 1)>"Next →"</a> })}
        </nav>
    }
}

/// The `page` URL parameter as a number (`None` when absent or not a number).
pub fn page_param() -> impl Fn() -> Option<u32> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("page").and_then(|p| p.trim().parse().ok())
}
