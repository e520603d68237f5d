//! The header's live counters: items in the cart and, for signed-in users, unread
//! notifications. Counted again on every navigation, and when a page changes them in place
//! (see [`recount_when`]).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
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

/// Bumped when something the header counts changed without a navigation.
#[derive(Clone, Copy)]
struct Recount(RwSignal<u32>);

/// Lets pages ask the header to count again (called once, around every page).
pub fn provide_recount() {
    provide_context(Recount(RwSignal::new(0)));
}

/// Counts again whenever `changes` (a page's action versions) moves: an in-place cart edit or
/// a notification read changes the header's numbers without a navigation.
pub fn recount_when(changes: impl Fn() -> usize + Send + Sync + 'static) {
    let Some(Recount(recount)) = use_context::<Recount>() else {
        return;
    };
    Effect::new(move |seen: Option<usize>| {
        let now = changes();
        if seen.is_some_and(|seen| seen != now) {
            recount.update(|n| *n += 1);
        }
        now
    });
}

/// The cart link and the notification bell.
#[component]
pub fn HeaderCounters() -> impl IntoView {
    let location = use_location();
    let recount = use_context::<Recount>();
    let counts = Resource::new(
        move || {
            (
                location.pathname.get(),
                location.search.get(),
                recount.map(|Recount(n)| n.get()),
            )
        },
        |_| header_counts(),
    );
    let read = move || counts.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <Suspense fallback=|| view! { <a class="text-sm font-medium" href="/cart">"Cart"</a> }>
            {move || {
                let c = read();
                view! {
                    {c.unread.map(|n| view! {
                        <a href="/account/notifications" class="relative text-sm font-medium hover:text-indigo-700"
                            aria-label=format!("Notifications, {n} unread") data-testid="bell">
                            "🔔"
                            {(n > 0).then(|| view! {
                                <span class="ml-1 rounded-full bg-indigo-600 px-1.5 text-xs text-white" data-testid="unread-count">{n}</span>
                            })}
                        </a>
                    })}
                    <a href="/cart" class="text-sm font-medium hover:text-indigo-700"
                        aria-label=format!("Cart, {} items", c.cart_items) data-testid="cart-link">
                        "Cart "
                        <span class="rounded-full bg-stone-200 px-1.5 text-xs" data-testid="cart-count">{c.cart_items}</span>
                    </a>
                }
            }}
        </Suspense>
    }
}
