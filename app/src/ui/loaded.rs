//! `Loaded`: waits for a page's data, then shows it, or the error page (sign-in redirect for
//! anonymous visitors, the error's status otherwise). Every data page uses it.

use std::sync::Arc;

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error_page::ErrorPage;
use crate::error::AppError;

/// Shows `children(data)` once `resource` has loaded, `ErrorPage` when it failed.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let children = Arc::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="text-stone-500">"Loading…"</p> }>
            {move || {
                let children = Arc::clone(&children);
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => children(data).into_any(),
                        Err(error) => view! { <ErrorPage error=error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
