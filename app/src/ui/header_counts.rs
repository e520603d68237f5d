//! The header's live counters: items in the cart and, for signed-in users, unread
//! notifications. Counted on the server with every page, and again in place when an island
//! announces a change (see [`announce_counts_changed`]).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the header counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Badges {
    pub cart_items: i64,
    /// `None` for visitors who are not signed in.
    pub unread: Option<i64>,
}

/// The caller's cart items and unread notifications.
#[server(prefix = "/api", endpoint = "header_counts")]
pub async fn header_counts() -> Result<Badges, AppError> {
    let caller = crate::cart::session::caller_cart(false).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let cart_items = match caller.cart_id {
        Some(id) => domain::cart::lines::item_count(&mut conn, id)
            .await
            .map_err(db)?,
        None => 0,
    };
    let unread = match &caller.user {
        Some(user) => Some(
            domain::notifications::unread_count(&mut conn, user.id)
                .await
                .map_err(db)?,
        ),
        None => None,
    };
    Ok(Badges { cart_items, unread })
}

/// The window event an island sends when it changed what the header counts (an add to the
/// cart); the header's island counts again when it hears it.
pub const COUNTS_CHANGED: &str = "daydream:counts-changed";

/// Tells the header's island to count again (in the browser; nothing on the server).
pub fn announce_counts_changed() {
    #[cfg(feature = "hydrate")]
    if let Ok(event) = leptos::web_sys::Event::new(COUNTS_CHANGED) {
        let _ = window().dispatch_event(&event);
    }
}

/// The cart link and the notification bell, counted on the server with the page.
#[component]
pub fn HeaderCounters() -> impl IntoView {
    let counts = crate::ui::loaded::started(header_counts());
    view! {
        <Suspense fallback=|| view! { <a class="text-sm font-medium" href="/cart">"Cart"</a> }>
            {Suspend::new(async move {
                let initial = counts.await.unwrap_or_default();
                view! { <LiveCounters initial /> }
            })}
        </Suspense>
    }
}

/// The counters as an island: they count again in place when another island announces a
/// change (see [`announce_counts_changed`]).
#[island]
fn LiveCounters(initial: Badges) -> impl IntoView {
    let counts = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    {
        let listener = window_event_listener_untyped(COUNTS_CHANGED, move |_| {
            leptos::task::spawn_local(async move {
                if let Ok(now) = header_counts().await {
                    counts.set(now);
                }
            });
        });
        on_cleanup(move || listener.remove());
    }
    view! {
        {move || counts.get().unread.map(|n| view! {
            <a href="/account/notifications" class="relative text-sm font-medium hover:text-indigo-700"
                aria-label=format!("Notifications, {n} unread") data-testid="bell">
                "🔔"
                {(n > 0).then(|| view! {
                    <span class="ml-1 rounded-full bg-indigo-600 px-1.5 text-xs text-white" data-testid="unread-count">{n}</span>
                })}
            </a>
        })}
        <a href="/cart" class="text-sm font-medium hover:text-indigo-700"
            aria-label=move || format!("Cart, {} items", counts.get().cart_items) data-testid="cart-link">
            "Cart "
            <span class="rounded-full bg-stone-200 px-1.5 text-xs" data-testid="cart-count">{move || counts.get().cart_items}</span>
        </a>
    }
}
