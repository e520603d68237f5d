//! `Loaded`: waits for a page's data, then shows it, or the error page (sign-in redirect for
//! anonymous visitors, the error's status otherwise). Every data page uses it.
//!
//! Pages are server components (islands mode): they render once, on the server, and are never
//! hydrated. So a page's data is a task — its server function called as the Rust function it is
//! on the server, through `load` — awaited while rendering: no `Resource`, no reactive tracking,
//! nothing serialised into the HTML for hydration.

use std::future::Future;

use leptos::prelude::*;

use super::error_page::ErrorPage;
use crate::error::AppError;

/// The page's data: `fetch(key())`, started as the page renders (`key` reads the route's
/// parameters and query).
pub fn load<K, T, Fut>(
    key: impl FnOnce() -> K,
    fetch: impl FnOnce(K) -> Fut,
) -> impl Future<Output = Result<T, AppError>> + Send + 'static
where
    T: Send + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    started(fetch(key()))
}

/// Starts `fut` at once as a task of its own, under this render's reactive owner (so server
/// functions find their context), and answers with its output. Not a plain future: the parts of
/// a page are awaited in document order, and two plain futures that both read the session wait
/// on each other for ever (tower-sessions holds the session's lock while it loads it, and the
/// holder is not polled while the renderer awaits the other). A task runs whatever order they
/// are awaited in, as a `Resource`'s fetcher does, without a resource's tracking.
pub fn started<T: Send + 'static>(
    fut: impl Future<Output = Result<T, AppError>> + Send + 'static,
) -> impl Future<Output = Result<T, AppError>> + Send + 'static {
    let (answer, answered) = futures::channel::oneshot::channel();
    leptos::task::spawn(async move {
        let _ = answer.send(fut.await);
    });
    async move { answered.await.unwrap_or(Err(AppError::Internal)) }
}

/// Shows `children(data)` once `load` has finished, `ErrorPage` when it failed.
#[component]
pub fn Loaded<T, V, F, Fut>(load: Fut, children: F) -> impl IntoView
where
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    T: Send + 'static,
    V: IntoView + 'static,
    F: FnOnce(T) -> V + Send + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="text-stone-500">"Loading…"</p> }>
            {Suspend::new(async move {
                match load.await {
                    Ok(data) => children(data).into_any(),
                    Err(error) => view! { <ErrorPage error=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
