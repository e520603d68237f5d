//! "Continue with Google / GitHub" on the sign-in and sign-up pages: plain links to
//! `/auth/start` (only for the providers that are on), so they work without JavaScript; and the
//! notice telling why a sign-in with a provider was refused (`/login?oauth_error=`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::oauth_api::{oauth_providers, refusal_message};
use crate::ui::loaded::load;

/// The providers' buttons; after signing in, the person goes to `next`.
#[component]
pub fn ProviderButtons(#[prop(into)] next: String) -> impl IntoView {
    let providers = load(|| (), |()| oauth_providers());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let providers = providers.await.unwrap_or_default();
                let next = crate::ui::url::encode_component(&next);
                (!providers.is_empty()).then(|| view! {
                    <div class="mt-6 space-y-2" data-testid="oauth-providers">
                        <p class="text-center text-xs uppercase tracking-wide text-stone-500">"or"</p>
                        {providers.into_iter().map(|(value, label)| view! {
                            <a
                                class="block w-full rounded-md border border-stone-300 px-4 py-2 text-center font-medium hover:bg-stone-50"
                                href=format!("/auth/start?provider={value}&next={next}")
                                rel="external"
                                data-testid=format!("oauth-{value}")
                            >
                                "Continue with " {label}
                            </a>
                        }).collect_view()}
                    </div>
                })
            })}
        </Suspense>
    }
}

/// Why the last sign-in with a provider was refused, when the page was sent here for it.
#[component]
pub fn ProviderRefusal() -> impl IntoView {
    let reason = use_query_map().read_untracked().get("oauth_error");
    reason.map(|r| {
        view! {
            <div role="alert" class="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="oauth-error">
                {refusal_message(&r)}
            </div>
        }
    })
}
